/* Glossary tooltips for the terms the build marked (a.gl-term).

   Without this script a term is a link to its glossary entry with a native
   title, and screen readers hear its definition through aria-describedby.
   With it: hover (after a short delay, like Wikipedia's previews), keyboard
   focus, or a first tap on a touch screen opens a card with the definition,
   its sources and a link to the glossary. Esc, a tap elsewhere, or moving
   away closes it; the pointer can move into the card (WCAG 1.4.13).
   Cards open in the Study reading mode only (<html data-reading-mode>, set
   by reading.js): in No pop-ups a term is a plain link to its entry, and in
   Just read and Explain words it reads as a plain word.
   Listeners are delegated and bound once, so instant navigation never
   stacks them; each new page only has its titles moved aside (in idle time). */
(function () {
  "use strict";

  var SHOW_DELAY = 300; // ms of hovering before the card opens
  var HIDE_DELAY = 250; // ms of grace to move the pointer into the card
  var GAP = 6;

  var tip = null; // the open card
  var owner = null; // the term it belongs to
  var showTimer = 0;
  var hideTimer = 0;
  var dismissed = null; // term whose card Esc closed while the pointer stayed on it
  var lastDown = -1e9; // time of the last pointerdown (focus from a pointer is not keyboard focus)
  var lastPointer = "mouse";
  var refocusing = false; // focus going back to the term after Esc: do not reopen

  function closestTerm(node) {
    return node && node.closest ? node.closest("a.gl-term") : null;
  }

  function inTip(node) {
    return !!(tip && node && tip.contains(node));
  }

  function clearTimers() {
    clearTimeout(showTimer);
    clearTimeout(hideTimer);
  }

  // -- The card ---------------------------------------------------------------

  function part(cls, source) {
    var el = document.createElement("span");
    el.className = cls;
    if (source) {
      for (var i = 0; i < source.childNodes.length; i++) {
        el.appendChild(source.childNodes[i].cloneNode(true));
      }
    }
    return el;
  }

  function build(term) {
    var id = term.getAttribute("data-term");
    var def = document.querySelector('.gl-def[data-term="' + id + '"]');
    var name = def ? def.querySelector(".gl-def-term").textContent : term.textContent;
    var card = document.createElement("span");
    card.className = "gl-tip";
    card.setAttribute("role", "group");
    card.setAttribute("aria-label", "Definition of " + name);
    card.setAttribute("data-term", id);
    var title = part("gl-tip-term");
    title.textContent = name;
    card.appendChild(title);
    card.appendChild(part("gl-tip-text", def && def.querySelector(".gl-def-text")));
    if (!def) card.lastChild.textContent = term.getAttribute("data-gl-title") || "";
    var sources = def && def.querySelector(".gl-def-sources");
    if (sources) card.appendChild(part("gl-tip-sources", sources));
    var more = document.createElement("a");
    more.className = "gl-tip-more";
    more.href = term.getAttribute("href");
    more.textContent = "Open in glossary";
    card.appendChild(more);
    return card;
  }

  function place() {
    if (!tip || !owner) return;
    // A term can wrap over lines: open under its last line (or over its first).
    var rects = owner.getClientRects();
    var box = owner.getBoundingClientRect();
    var first = rects.length ? rects[0] : box;
    var last = rects.length ? rects[rects.length - 1] : box;
    var w = tip.offsetWidth;
    var h = tip.offsetHeight;
    var vw = document.documentElement.clientWidth;
    var vh = window.innerHeight;
    var top = box.bottom + GAP;
    var anchor = last;
    if (top + h > vh - 8 && box.top - GAP - h > 8) {
      top = box.top - GAP - h;
      anchor = first;
    }
    var left = Math.max(8, Math.min(anchor.left, vw - w - 8));
    tip.style.top = Math.round(top) + "px";
    tip.style.left = Math.round(left) + "px";
  }

  function previewsOn() {
    return document.documentElement.getAttribute("data-reading-mode") === "study";
  }

  function show(term) {
    clearTimers();
    if (!previewsOn()) return;
    if (owner === term && tip) return;
    hide();
    untitle(term);
    owner = term;
    tip = build(term);
    // Right after the term, so Tab goes from the term into the card's links;
    // position: fixed keeps it out of the text's layout (no shift).
    term.insertAdjacentElement("afterend", tip);
    term.setAttribute("aria-expanded", "true");
    place();
    tip.classList.add("gl-tip--open");
  }

  function hide() {
    clearTimers();
    if (!tip) return;
    var hadFocus = tip.contains(document.activeElement);
    if (tip.parentNode) tip.parentNode.removeChild(tip);
    if (owner) owner.removeAttribute("aria-expanded");
    if (hadFocus && owner && owner.isConnected && document.activeElement !== owner) {
      refocusing = true;
      owner.focus();
      refocusing = false;
    }
    tip = null;
    owner = null;
  }

  function hideSoon() {
    clearTimeout(hideTimer);
    hideTimer = setTimeout(hide, HIDE_DELAY);
  }

  // -- Events (delegated, bound once) -----------------------------------------

  function onPointerOver(e) {
    if (e.pointerType !== "mouse") return;
    var term = closestTerm(e.target);
    if (term) {
      untitle(term);
      clearTimeout(hideTimer);
      if (term === owner || term === dismissed) return;
      clearTimeout(showTimer);
      showTimer = setTimeout(function () { show(term); }, SHOW_DELAY);
    } else if (inTip(e.target)) {
      clearTimeout(hideTimer);
    }
  }

  function onPointerOut(e) {
    if (e.pointerType !== "mouse") return;
    var from = closestTerm(e.target) || (inTip(e.target) ? tip : null);
    if (!from) return;
    var to = e.relatedTarget;
    if (to && (from.contains(to) || inTip(to) || (owner && owner.contains(to)))) return;
    if (from === dismissed) dismissed = null;
    clearTimeout(showTimer);
    // Focus on the term or in its card keeps the card (WCAG 1.4.13): a mouse
    // leaving, or the text moving under a still pointer, does not close it.
    var active = document.activeElement;
    if (tip && active !== owner && !tip.contains(active)) hideSoon();
  }

  function onPointerDown(e) {
    lastDown = performance.now();
    lastPointer = e.pointerType || "mouse";
    if (tip && !inTip(e.target) && closestTerm(e.target) !== owner) hide();
  }

  function onFocusIn(e) {
    var term = closestTerm(e.target);
    if (refocusing) return;
    if (term) {
      // Focus that comes with a click or tap is handled by those.
      if (performance.now() - lastDown < 600) return;
      show(term);
    } else if (tip && !inTip(e.target)) {
      hide();
    }
  }

  function onClick(e) {
    var term = closestTerm(e.target);
    if (!term || !previewsOn() || lastPointer === "mouse" || performance.now() - lastDown > 1500) return;
    // Touch or pen: the first tap opens the card, a second tap follows the link.
    if (owner !== term) {
      e.preventDefault();
      e.stopPropagation(); // keep instant navigation from taking it
      show(term);
    }
  }

  function onKeyDown(e) {
    if (e.key !== "Escape" || !tip) return;
    dismissed = owner;
    hide(); // focus goes back to the term only if it was inside the card
  }

  function reposition() {
    if (tip) window.requestAnimationFrame(place);
  }

  function bind() {
    document.addEventListener("reading:mode", hide);
    document.addEventListener("pointerover", onPointerOver);
    document.addEventListener("pointerout", onPointerOut);
    document.addEventListener("pointerdown", onPointerDown, true);
    document.addEventListener("focusin", onFocusIn);
    document.addEventListener("keydown", onKeyDown);
    window.addEventListener("click", onClick, true); // before instant navigation's listener
    window.addEventListener("scroll", reposition, { passive: true, capture: true });
    window.addEventListener("resize", reposition);
    document.addEventListener("change", onFilterChange);
  }

  // -- The glossary page's category filter --------------------------------------
  // Without this script the filter stays hidden and the list by category at
  // the end of the page does its job.

  function onFilterChange(e) {
    var input = e.target;
    if (!input || input.name !== "gl-category") return;
    var form = input.form;
    var index = form && form.closest(".gl-index");
    if (!index) return;
    var value = input.value;
    var entries = index.querySelectorAll(".gl-entry");
    var shown = 0;
    for (var i = 0; i < entries.length; i++) {
      var on = !value || entries[i].getAttribute("data-category") === value;
      entries[i].hidden = !on;
      if (on) shown++;
    }
    var letters = index.querySelectorAll(".gl-letter");
    for (var j = 0; j < letters.length; j++) {
      var any = letters[j].querySelector(".gl-entry:not([hidden])");
      letters[j].hidden = !any;
      var jump = index.querySelector('.gl-jump a[href="#' + letters[j].querySelector("h2").id + '"]');
      if (jump) jump.parentNode.hidden = !any;
    }
    var label = input.parentNode.textContent.replace(/\s*\(\d+\)\s*$/, "").trim();
    form.querySelector(".gl-filter-status").textContent = value
      ? "Showing " + shown + " of " + entries.length + " terms: " + label + "."
      : "Showing all " + entries.length + " terms.";
  }

  function initFilter() {
    var form = document.querySelector(".gl-index .gl-filter");
    if (!form) return;
    form.hidden = false;
    var checked = form.querySelector("input:checked");
    if (checked && checked.value) onFilterChange({ target: checked }); // kept by the browser on back
  }

  // -- Per page ---------------------------------------------------------------

  function init() {
    tip = null; // a card of the previous page went away with its content
    owner = null;
    dismissed = null;
    clearTimers();
    initFilter();
    // The card replaces the native title: in idle time (a term the pointer
    // reaches before then gives up its own title at once, untitle below).
    (window.arIdle || setTimeout)(untitleAll);
  }

  function untitle(term) {
    var title = term.getAttribute("title");
    if (title === null) return;
    term.setAttribute("data-gl-title", title);
    term.removeAttribute("title");
  }

  function untitleAll() {
    var terms = document.querySelectorAll("a.gl-term[title]");
    for (var i = 0; i < terms.length; i++) untitle(terms[i]);
  }

  if (!window.__glGlossaryBound) {
    window.__glGlossaryBound = 1;
    bind();
    if (window.document$) window.document$.subscribe(init);
    else init();
  }
})();
