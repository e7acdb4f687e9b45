/* Paragraph links: selecting a paragraph number also copies its address.
   Also provides window.arStatus(message), the site's one polite status line,
   used by the other scripts, and lets keyboard users scroll code blocks too
   wide for the screen (they take focus). Works with Material's instant
   navigation.

   Reading modes: the reader's choice of layers (Just read, Study, Explain
   words, No pop-ups) goes on <html data-reading-mode> and into localStorage.
   mode.js, in the <head>, sets the stored mode before the first paint; the
   other scripts read the attribute. Explain words puts each term's short
   definition after it as an <ins data-ar-insert>.

   Start-up is kept short (it runs inside Material's own start-up task):
   what the reader sees at once is done at once (the control's state, the
   glosses of Explain words); the rest waits for idle time, or for the
   reader's first key or pointer press, whichever comes first
   (window.arIdle, used by the other scripts too). */
(function () {
  "use strict";

  var MODES = ["read", "study", "explain", "plain"];
  var KEY = "ar-reading-mode";
  var root = document.documentElement;

  // -- Work that can wait: idle time, or the reader's first press -------------
  // Each job runs in an idle period of its own when it fits (one per period
  // once its deadline is past), so none makes a long task; a key or pointer
  // press, or printing, runs whatever is left first, before the page reacts.
  var queue = [];
  var asked = false;
  function runJob() {
    var job = queue.shift();
    try { job(); } catch (e) { setTimeout(function () { throw e; }, 0); }
  }
  function runIdle(deadline) {
    asked = false;
    if (deadline && deadline.didTimeout) runJob();
    while (queue.length && (!deadline || deadline.timeRemaining() > 4)) runJob();
    if (queue.length) ask();
  }
  function ask() {
    if (asked) return;
    asked = true;
    if (window.requestIdleCallback) window.requestIdleCallback(runIdle, { timeout: 2000 });
    else setTimeout(runIdle, 100);
  }
  function idle(job) {
    queue.push(job);
    ask();
  }
  idle.flush = function () {
    while (queue.length) runJob();
  };
  if (!window.arIdle) {
    window.arIdle = idle;
    ["keydown", "pointerdown", "beforeprint"].forEach(function (type) {
      window.addEventListener(type, idle.flush, true);
    });
  }

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

  // Terms drawn as plain words are no tab stops either.
  function tabStops() {
    var mode = root.getAttribute("data-reading-mode");
    var marked = mode === "study" || mode === "plain";
    var terms = document.querySelectorAll(".ar-text a.gl-term");
    for (var i = 0; i < terms.length; i++) {
      if (marked) terms[i].removeAttribute("tabindex");
      else if (terms[i].getAttribute("tabindex") !== "-1") terms[i].setAttribute("tabindex", "-1");
    }
  }

  function syncForm(mode) {
    var form = document.querySelector("form.ar-modes");
    if (!form) return;
    form.hidden = false; // shown from the first paint already (reading.css)
    var input = form.querySelector('input[value="' + mode + '"]');
    if (input && !input.checked) input.checked = true;
    var hint = form.querySelector(".ar-modes-hint");
    var text = input && input.getAttribute("data-hint");
    if (hint && text && hint.textContent !== text) hint.textContent = text;
  }

  // The reader chose a mode.
  function applyMode(mode) {
    root.setAttribute("data-reading-mode", mode);
    try { localStorage.setItem(KEY, mode); } catch (e) { /* kept for this page only */ }
    tabStops();
    glosses(mode === "explain");
    syncForm(mode);
    document.dispatchEvent(new CustomEvent("reading:mode", { detail: { mode: mode } }));
  }

  // A page starts (also after instant navigation): the mode is on <html>
  // already (mode.js); only what shows at once is done now.
  function startPage() {
    var mode = storedMode();
    if (root.getAttribute("data-reading-mode") !== mode) root.setAttribute("data-reading-mode", mode);
    syncForm(mode);
    if (mode === "explain") glosses(true);
    window.arIdle(tabStops);
    window.arIdle(statusBox);
    if (document.querySelector(".md-typeset pre > code")) window.arIdle(focusableCode);
  }

  // Without mode.js (a page from an older build): the stored choice, as early as the bundle runs.
  if (!root.hasAttribute("data-reading-mode")) root.setAttribute("data-reading-mode", storedMode());

  function onModeChange(event) {
    var input = event.target;
    if (input && input.name === "ar-mode" && input.checked) applyMode(input.value);
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
  // Measuring lays the page out: in idle time, and only where there is code.
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
  // The live region exists before its first message (made in idle time, see
  // startPage), so screen readers hear it.

  // One delegated listener for the whole document, added once: instant
  // navigation swaps the content but keeps the document.
  if (!window.__arReadingBound) {
    window.__arReadingBound = true;
    document.addEventListener("click", onClick);
    document.addEventListener("change", onModeChange);
    window.addEventListener("resize", onResize);
    if (window.document$) window.document$.subscribe(startPage);
    else startPage();
  }
})();
