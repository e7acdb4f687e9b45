/* Paragraph links: selecting a paragraph number also copies its address.
   Also provides window.arStatus(message), the site's one polite status line,
   used by the other scripts, and lets keyboard users scroll code blocks too
   wide for the screen (they take focus). Works with Material's instant
   navigation.

   Reading modes: the reader's choice of layers (Just read, Study, Explain
   words, No pop-ups) goes on <html data-reading-mode> and into localStorage.
   CSS shows "Just read" until then, so the default paints without a flash;
   the other scripts read the attribute. Explain words puts each term's short
   definition after it as an <ins data-ar-insert>. */
(function () {
  "use strict";

  var MODES = ["read", "study", "explain", "plain"];
  var KEY = "ar-reading-mode";
  var root = document.documentElement;

  function storedMode() {
    var mode = null;
    try { mode = localStorage.getItem(KEY); } catch (e) { /* storage blocked */ }
    return MODES.indexOf(mode) >= 0 ? mode : MODES[0];
  }

  // The short definition: the first sentence of the glossary's text.
  function shortDefinition(id) {
    var def = document.querySelector('.gl-def[data-term="' + id + '"] .gl-def-text');
    var text = def ? def.textContent.replace(/\s+/g, " ").trim() : "";
    var m = text.match(/^.+?[.!?](?=\s+[A-Z‘“(]|$)/);
    return (m ? m[0] : text).replace(/\.$/, "");
  }

  function glosses(on) {
    var old = document.querySelectorAll(".ar-text ins.gl-gloss");
    for (var i = 0; i < old.length; i++) {
      var parent = old[i].parentNode;
      old[i].remove();
      parent.normalize(); // joins a possessive split off for the gloss
    }
    if (!on) return;
    var terms = document.querySelectorAll(".ar-text a.gl-term");
    for (var j = 0; j < terms.length; j++) {
      var text = shortDefinition(terms[j].getAttribute("data-term"));
      if (!text) continue;
      var ins = document.createElement("ins");
      ins.className = "gl-gloss";
      ins.setAttribute("data-ar-insert", "");
      ins.textContent = " (" + text + ")";
      // After a possessive ("Kim’s"), not inside the word.
      var next = terms[j].nextSibling;
      var tail = next && next.nodeType === 3 && next.data.match(/^[’']s?(?![A-Za-z])/);
      if (tail) next.splitText(tail[0].length);
      (tail ? next : terms[j]).after(ins);
    }
  }

  function applyMode(mode, save) {
    root.setAttribute("data-reading-mode", mode);
    if (save) {
      try { localStorage.setItem(KEY, mode); } catch (e) { /* kept for this page only */ }
    }
    var marked = mode === "study" || mode === "plain";
    // Terms drawn as plain words are no tab stops either.
    var terms = document.querySelectorAll(".ar-text a.gl-term");
    for (var i = 0; i < terms.length; i++) {
      if (marked) terms[i].removeAttribute("tabindex");
      else terms[i].setAttribute("tabindex", "-1");
    }
    glosses(mode === "explain");
    var form = document.querySelector("form.ar-modes");
    if (form) {
      form.hidden = false;
      var input = form.querySelector('input[value="' + mode + '"]');
      if (input) input.checked = true;
      var hint = form.querySelector(".ar-modes-hint");
      if (hint && input) hint.textContent = input.getAttribute("data-hint");
    }
    document.dispatchEvent(new CustomEvent("reading:mode", { detail: { mode: mode } }));
  }

  // As early as the bundle runs: the stored choice, before the page's first scripts.
  root.setAttribute("data-reading-mode", storedMode());

  function onModeChange(event) {
    var input = event.target;
    if (input && input.name === "ar-mode" && input.checked) applyMode(input.value, true);
  }

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
    document.addEventListener("change", onModeChange);
    window.addEventListener("resize", onResize);
    // In a task of its own: measuring the blocks lays the page out.
    var later = function () {
      applyMode(storedMode(), false);
      setTimeout(focusableCode, 0);
    };
    if (window.document$) window.document$.subscribe(later);
    else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", later);
    else later();
  }
})();
