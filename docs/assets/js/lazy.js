/* reading.css draws the items of long lists only near the viewport, with
   guessed heights for the others; an anchor among them could then land off
   target as the items above it are drawn. When the address names an anchor,
   draw the whole page first, then go to the anchor. Works
   with Material's instant navigation (document$) and in-page links. */
(function () {
  "use strict";

  function land() {
    var id = location.hash.slice(1);
    var content = document.querySelector(".md-content");
    if (!id || !content || content.classList.contains("ar-render-all")) return;
    var target;
    try {
      target = document.getElementById(decodeURIComponent(id));
    } catch (e) {
      return; // a malformed address
    }
    // Whichever lists the page draws lazily (reading.css): drawing it whole
    // costs nothing on a page that has none.
    if (!target) return;
    content.classList.add("ar-render-all");
    target.scrollIntoView();
  }

  if (!window.__arLazyBound) {
    window.__arLazyBound = true;
    window.addEventListener("hashchange", land);
    if (window.document$) window.document$.subscribe(land);
    else land();
  }
})();
