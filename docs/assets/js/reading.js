/* Paragraph links: selecting a paragraph number also copies its address.
   Also provides window.arStatus(message), the site's one polite status line,
   used by the other scripts, and lets keyboard users scroll code blocks too
   wide for the screen (they take focus). Works with Material's instant
   navigation. */
(function () {
  "use strict";

  function statusBox() {
    var box = document.getElementById("ar-status");
    if (!box) {
      box = document.createElement("div");
      box.id = "ar-status";
      box.className = "ar-status";
      box.setAttribute("role", "status");
      document.body.appendChild(box);
    }
    return box;
  }

  function status(message) {
    var box = statusBox();
    box.textContent = message;
    clearTimeout(status.timer);
    status.timer = setTimeout(function () { box.textContent = ""; }, 2500);
  }

  function onClick(event) {
    var link = event.target.closest && event.target.closest("a.ar-pnum");
    if (!link) return;
    var url = new URL(link.getAttribute("href"), location.href).href;
    var number = link.closest("[data-para]").getAttribute("data-para");
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(url).then(
        function () { status("Link to paragraph " + number + " copied"); },
        function () { status("Link to paragraph " + number + " is in the address bar"); }
      );
    } else {
      status("Link to paragraph " + number + " is in the address bar");
    }
  }

  // A code block wider than the screen scrolls sideways; it takes focus so
  // arrow keys can scroll it (only then: a narrow block is no tab stop).
  function focusableCode() {
    var blocks = document.querySelectorAll(".md-typeset pre > code");
    for (var i = 0; i < blocks.length; i++) {
      var code = blocks[i];
      if (code.scrollWidth > code.clientWidth) code.setAttribute("tabindex", "0");
      else if (code.getAttribute("tabindex") === "0") code.removeAttribute("tabindex");
    }
  }

  var resizeTimer;
  function onResize() {
    clearTimeout(resizeTimer);
    resizeTimer = setTimeout(focusableCode, 200);
  }

  window.arStatus = status;
  // The live region exists before its first message, so screen readers hear it.
  statusBox();

  // One delegated listener for the whole document, added once: instant
  // navigation swaps the content but keeps the document.
  if (!window.__arReadingBound) {
    window.__arReadingBound = true;
    document.addEventListener("click", onClick);
    window.addEventListener("resize", onResize);
    // In a task of its own: measuring the blocks lays the page out.
    var later = function () { setTimeout(focusableCode, 0); };
    if (window.document$) window.document$.subscribe(later);
    else later();
  }
})();
