/* Source markers, critical-reading notes and "Cite this section".

   - A source marker shows a preview of its source on hover, on keyboard focus
     and on a first tap; selecting it (or tapping again) goes to the page's
     source list. The preview is copied from that list, so it says nothing the
     page does not.
   - Each paragraph's control (details.ar-tools) holds its notes and lists its
     sources; opening it highlights the words they are about. A note marker
     opens its paragraph's control (aria-expanded on narrow screens) and moves
     focus to the note. In Study, on wide screens, the controls stand open in
     the margin beside their paragraph when they fit there, else they stay
     closed: a note is never further from its words than its paragraph.
   - Previews open in Study only (the reading mode on <html>, reading.js).
   - "Copy citation" copies the suggested citation.

   Listeners are delegated and bound once; `init` runs on every page of
   Material's instant navigation. Without JavaScript the markers are plain
   links and the notes open through :target. */
(function () {
  "use strict";

  var WIDE = "screen and (min-width: 76.25em)"; // as in sources.css; print is never "wide"
  var preview = null;
  var current = null; // marker whose preview is showing
  var hideTimer = null;
  var lastPointer = { type: "", time: 0, wasOpen: false };

  // -- Preview -----------------------------------------------------------------
  function previewBox() {
    if (!preview || !document.body.contains(preview)) {
      preview = document.createElement("div");
      preview.className = "ar-preview";
      preview.id = "ar-preview";
      // The marker is already described by its list entry (aria-describedby);
      // this box repeats it for the eye only.
      preview.setAttribute("aria-hidden", "true");
      preview.hidden = true;
      preview.addEventListener("mouseenter", function () { clearTimeout(hideTimer); });
      preview.addEventListener("mouseleave", function () { scheduleHide(); });
      document.body.appendChild(preview);
    }
    return preview;
  }

  function previewsOn() {
    return document.documentElement.getAttribute("data-reading-mode") === "study";
  }

  function show(link, touch) {
    if (!previewsOn()) return;
    var id = link.getAttribute("aria-describedby");
    var desc = id && document.getElementById(id);
    if (!desc) return;
    clearTimeout(hideTimer);
    var box = previewBox();
    box.innerHTML = desc.innerHTML;
    var hint = document.createElement("span");
    hint.className = "ar-preview-hint";
    hint.textContent = touch ? "Tap the number again for the source list" : "Select the number for the source list";
    box.appendChild(hint);
    box.hidden = false;
    current = link;
    var r = link.getBoundingClientRect();
    var width = box.offsetWidth;
    var left = Math.min(Math.max(8, r.left + r.width / 2 - width / 2), document.documentElement.clientWidth - width - 8);
    var top = r.bottom + 6;
    if (top + box.offsetHeight > window.innerHeight && r.top - box.offsetHeight - 6 > 0) {
      top = r.top - box.offsetHeight - 6; // no room below: above the marker
    }
    box.style.left = left + window.scrollX + "px";
    box.style.top = top + window.scrollY + "px";
  }

  function hide() {
    clearTimeout(hideTimer);
    if (preview) preview.hidden = true;
    current = null;
  }

  function scheduleHide() {
    clearTimeout(hideTimer);
    hideTimer = setTimeout(hide, 200); // time to move the pointer onto the preview
  }

  function marker(target) {
    return target && target.closest ? target.closest("a.ar-src-ref") : null;
  }

  // -- Notes -------------------------------------------------------------------
  function wide() {
    return window.matchMedia(WIDE).matches;
  }

  function noteFor(ref) {
    // Not the href: instant navigation rewrites links to absolute addresses.
    return document.getElementById(ref.getAttribute("aria-controls") || "");
  }

  function panelOf(el) {
    return el && el.closest ? el.closest("details.ar-tools") : null;
  }

  function refFor(note) {
    return document.getElementById("noteref-" + note.id.replace(/^note-/, ""));
  }

  function markersShown() {
    var mode = document.documentElement.getAttribute("data-reading-mode");
    return mode === "study" || mode === "plain";
  }

  function syncNotes() {
    var isWide = wide();
    var refs = document.querySelectorAll("a.ar-note-ref");
    for (var i = 0; i < refs.length; i++) {
      var panel = panelOf(noteFor(refs[i]));
      if (!panel) continue;
      if (isWide) refs[i].removeAttribute("aria-expanded"); // the margin shows it
      else refs[i].setAttribute("aria-expanded", panel.open ? "true" : "false");
    }
  }

  function flash(note) {
    note.classList.remove("ar-flash");
    void note.offsetWidth; // restart the highlight
    note.classList.add("ar-flash");
    setTimeout(function () { note.classList.remove("ar-flash"); }, 1500);
  }

  function onNoteClick(event, ref) {
    var note = noteFor(ref);
    var panel = panelOf(note);
    if (!note || !panel) return;
    event.preventDefault();
    event.stopPropagation();
    if (panel.open && !wide() && !panel.hasAttribute("data-auto")) {
      panel.open = false; // a second tap closes it again
      return;
    }
    panel.removeAttribute("data-auto"); // the reader's own: the full list shows
    panel.open = true;
    flash(note);
    // Beside the text, focus goes to the note; under the paragraph, it stays
    // on the marker (aria-expanded says the note opened), and Tab or Escape go on.
    if (wide()) note.focus({ preventScroll: true });
    note.scrollIntoView({ block: "nearest" });
  }

  // -- Highlights: the words an open control's items are about ------------------
  function quoteRange(para, quote) {
    var text = para && para.querySelector(".ar-text");
    if (!text || !quote) return null;
    var walker = document.createTreeWalker(text, NodeFilter.SHOW_TEXT, {
      acceptNode: function (n) {
        return n.parentElement.closest("[data-ar-insert]") ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT;
      },
    });
    var nodes = [];
    var all = "";
    while (walker.nextNode()) {
      nodes.push([walker.currentNode, all.length]);
      all += walker.currentNode.data;
    }
    var start = all.indexOf(quote);
    if (start < 0) return null;
    var end = start + quote.length;
    var range = document.createRange();
    for (var i = 0; i < nodes.length; i++) {
      var node = nodes[i][0];
      var at = nodes[i][1];
      if (start >= at && start <= at + node.data.length) range.setStart(node, start - at);
      if (end >= at && end <= at + node.data.length) { range.setEnd(node, end - at); break; }
    }
    return range;
  }

  function highlight() {
    if (!window.CSS || !CSS.highlights || !window.Highlight) return;
    var ranges = [];
    var open = document.querySelectorAll("details.ar-tools[open]:not([data-auto])");
    for (var i = 0; i < open.length; i++) {
      var para = open[i].parentElement.querySelector(".ar-para");
      var items = open[i].querySelectorAll("[data-quote]");
      for (var j = 0; j < items.length; j++) {
        var r = quoteRange(para, items[j].getAttribute("data-quote"));
        if (r) ranges.push(r);
      }
    }
    var marks = new Highlight();
    for (var k = 0; k < ranges.length; k++) marks.add(ranges[k]);
    CSS.highlights.set("ar-quote", marks);
  }

  // -- Study on wide screens: controls open beside their paragraph, if they fit ----
  // Beside the paragraph, a line past it at most: the notes that do not fit
  // collapse into the control, which says how many more it holds. All the
  // controls are measured together, in a few passes of writes then reads, so
  // the page is laid out a handful of times, not once per note.
  function moreButton(panel) {
    var more = panel.querySelector(".ar-tools-more");
    if (!more) {
      more = document.createElement("button");
      more.type = "button";
      more.className = "ar-tools-more";
      panel.querySelector(".ar-tools-panel").appendChild(more);
    }
    return more;
  }

  function moreText(over) {
    return over + (over === 1 ? " more note" : " more notes");
  }

  function fitMargin() {
    var panels = document.querySelectorAll("details.ar-tools");
    var study = wide() && markersShown();
    var fit = [];
    var i;
    for (i = 0; i < panels.length; i++) {
      var panel = panels[i];
      if (panel.hasAttribute("data-reader")) continue; // opened or closed by the reader
      if (!study || !panel.querySelector(".ar-note")) {
        if (panel.hasAttribute("data-auto")) {
          panel.open = false;
          panel.removeAttribute("data-auto");
        }
        continue;
      }
      // Write: open in full.
      panel.setAttribute("data-auto", "");
      panel.open = true;
      var notes = panel.querySelectorAll(".ar-tools-note");
      for (var k = 0; k < notes.length; k++) notes[k].classList.remove("ar-over");
      var more = moreButton(panel);
      more.hidden = true;
      panel.classList.remove("ar-brief");
      var para = panel.parentElement.querySelector(".ar-para");
      fit.push({ panel: panel, para: para, notes: notes, more: more });
    }
    if (!fit.length) return syncNotes();
    // Read: the room beside each paragraph, and each control's height in full.
    var brief = [];
    for (i = 0; i < fit.length; i++) {
      var f = fit[i];
      f.room = f.para ? f.para.offsetHeight + 24 : Infinity;
      if (f.panel.offsetHeight > f.room) brief.push(f);
    }
    // Write: too long in full, each note by its title (a click shows it whole),
    // with the "more" button drawn so that it is measured too.
    for (i = 0; i < brief.length; i++) {
      brief[i].panel.classList.add("ar-brief");
      brief[i].more.textContent = moreText(1);
      brief[i].more.hidden = false;
    }
    // Read: the heights, and what each note adds to them.
    for (i = 0; i < brief.length; i++) {
      var b = brief[i];
      b.height = b.panel.offsetHeight;
      b.moreHeight = b.more.getBoundingClientRect().height;
      var tops = [];
      for (var n = 0; n < b.notes.length; n++) tops.push(b.notes[n].getBoundingClientRect().top);
      tops.push(b.more.getBoundingClientRect().top);
      b.adds = [];
      for (n = 0; n < b.notes.length; n++) b.adds.push(tops[n + 1] - tops[n]);
    }
    // Write: the last notes go into "more" until the control fits.
    var check = [];
    for (i = 0; i < brief.length; i++) {
      var c = brief[i];
      var height = c.height - c.moreHeight; // without the button
      var over = 0;
      for (var m = c.notes.length - 1; m >= 0 && height > c.room; m--) {
        if (!over) height += c.moreHeight;
        c.notes[m].classList.add("ar-over");
        height -= c.adds[m];
        over++;
      }
      c.more.hidden = !over;
      if (over) c.more.textContent = moreText(over);
      check.push(c);
    }
    // Read (and rarely write): what still does not fit, one note at a time, else closed.
    for (i = 0; i < check.length; i++) {
      var d = check[i];
      var hidden = d.panel.querySelectorAll(".ar-tools-note.ar-over").length;
      for (var q = d.notes.length - 1 - hidden; q >= 0 && d.panel.offsetHeight > d.room; q--) {
        d.notes[q].classList.add("ar-over");
        hidden++;
        d.more.hidden = false;
        d.more.textContent = moreText(hidden);
      }
      if (d.panel.offsetHeight > d.room) {
        d.panel.open = false;
        d.panel.removeAttribute("data-auto");
      }
    }
    syncNotes();
  }

  var fitFrame = 0;
  function scheduleFit() {
    if (!fitFrame) fitFrame = requestAnimationFrame(function () { fitFrame = 0; fitMargin(); highlight(); });
  }

  // -- Copy citation -------------------------------------------------------------
  function status(message) {
    if (window.arStatus) window.arStatus(message);  // reading.js: the site's status line
  }

  function copyCitation(button) {
    var source = document.getElementById(button.getAttribute("data-ar-copy"));
    if (!source) return;
    var text = source.textContent.replace(/\s+/g, " ").trim();
    function selectIt() {
      var range = document.createRange();
      range.selectNodeContents(source);
      var sel = window.getSelection();
      sel.removeAllRanges();
      sel.addRange(range);
      status("Citation selected: press Ctrl+C (or ⌘C) to copy it");
    }
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(function () { status("Citation copied"); }, selectIt);
    } else {
      selectIt();
    }
  }

  // -- Delegated listeners, bound once ----------------------------------------------
  function bind() {
    document.addEventListener("pointerdown", function (event) {
      var link = marker(event.target);
      lastPointer = {
        type: event.pointerType,
        time: Date.now(),
        wasOpen: !!link && link === current && preview && !preview.hidden,
      };
    }, true);

    // Capture phase: ahead of instant navigation, which would follow the link.
    document.addEventListener("click", function (event) {
      var link = marker(event.target);
      if (link) {
        var touch = lastPointer.type === "touch" && Date.now() - lastPointer.time < 1500;
        if (touch && !lastPointer.wasOpen && previewsOn()) {
          event.preventDefault(); // first tap: preview; a second tap follows the link
          event.stopPropagation();
          show(link, true);
          return;
        }
        hide();
        return;
      }
      var ref = event.target.closest && event.target.closest("a.ar-note-ref");
      if (ref) {
        var own = panelOf(noteFor(ref));
        if (own) own.setAttribute("data-reader", "");
        onNoteClick(event, ref);
        return;
      }
      var summary = event.target.closest && event.target.closest("details.ar-tools > summary");
      if (summary) {
        // The reader's own choice from now on; open, it shows the full list.
        summary.parentElement.setAttribute("data-reader", "");
        summary.parentElement.removeAttribute("data-auto");
      }
      var moreButton = event.target.closest && (event.target.closest("button.ar-tools-more") ||
        event.target.closest("details.ar-tools[data-auto].ar-brief .ar-note"));
      if (moreButton) {
        var whole = panelOf(moreButton);
        whole.setAttribute("data-reader", "");
        whole.removeAttribute("data-auto"); // the whole list, in the margin
        var first = moreButton.matches(".ar-note") ? moreButton : whole.querySelector(".ar-over .ar-note");
        if (first) first.focus({ preventScroll: true });
        return;
      }
      var copy = event.target.closest && event.target.closest("button[data-ar-copy]");
      if (copy) {
        copyCitation(copy);
        return;
      }
      if (preview && !preview.hidden && !preview.contains(event.target)) hide();
    }, true);

    // Pointing at a note marker highlights its note in the margin, and back.
    function pair(event, on) {
      var ref = event.target.closest && event.target.closest("a.ar-note-ref");
      var note = ref ? noteFor(ref) : event.target.closest && event.target.closest("aside.ar-note");
      if (note && !ref) ref = document.getElementById("noteref-" + note.id.replace(/^note-/, ""));
      if (note) note.classList.toggle("ar-paired", on);
      if (ref) ref.classList.toggle("ar-paired", on);
    }
    document.addEventListener("mouseover", function (event) { pair(event, true); });
    document.addEventListener("mouseout", function (event) { pair(event, false); });
    document.addEventListener("focusin", function (event) { pair(event, true); });
    document.addEventListener("focusout", function (event) { pair(event, false); });

    document.addEventListener("mouseover", function (event) {
      var link = marker(event.target);
      if (!link) return;
      if (lastPointer.type === "touch" && Date.now() - lastPointer.time < 1500) return; // a tap's emulated hover
      show(link, false);
    });
    document.addEventListener("mouseout", function (event) {
      var link = marker(event.target);
      if (link && !(preview && preview.contains(event.relatedTarget)) && document.activeElement !== link) scheduleHide();
    });
    document.addEventListener("focusin", function (event) {
      var link = marker(event.target);
      if (link && lastPointer.type !== "touch") show(link, false);
    });
    document.addEventListener("focusout", function (event) {
      if (marker(event.target)) scheduleHide();
    });
    document.addEventListener("keydown", function (event) {
      if (event.key !== "Escape") return;
      if (preview && !preview.hidden) {
        hide();
        return;
      }
      var panel = panelOf(event.target);
      if (panel && panel.open) {
        // Back to what opened it: the note's marker if it shows, else the control.
        var note = event.target.closest(".ar-note");
        var ref = note && markersShown() ? refFor(note) : null;
        panel.open = false;
        panel.setAttribute("data-reader", "");
        (ref || panel.querySelector("summary")).focus();
      }
    });
    // "toggle" does not bubble: listen in the capture phase.
    document.addEventListener("toggle", function (event) {
      var panel = event.target;
      if (!panel.matches || !panel.matches("details.ar-tools")) return;
      syncNotes();
      highlight();
    }, true);
    document.addEventListener("reading:mode", function () {
      var panels = document.querySelectorAll("details.ar-tools[data-reader]");
      for (var i = 0; i < panels.length; i++) panels[i].removeAttribute("data-reader");
      hide();
      scheduleFit();
    });
    window.addEventListener("hashchange", syncNotes);
    var query = window.matchMedia(WIDE);
    if (query.addEventListener) query.addEventListener("change", scheduleFit);
    window.addEventListener("resize", scheduleFit);
  }

  function init() {
    hide();
    // Notes stand in the margin from the start in Study on wide screens; else
    // nothing shows until the reader asks, and the markers' state can wait.
    if (wide() && markersShown()) fitMargin();
    else (window.arIdle || setTimeout)(syncNotes);
    highlight();
    if (document.querySelector("button[data-ar-copy]")) (window.arIdle || setTimeout)(copyButtons);
  }

  // "Copy citation", at the end of the page: it works once this script runs.
  function copyButtons() {
    var buttons = document.querySelectorAll("button[data-ar-copy]");
    for (var i = 0; i < buttons.length; i++) buttons[i].hidden = false;
  }

  if (!window.__arSourcesBound) {
    window.__arSourcesBound = true;
    bind();
  }
  if (window.document$) document$.subscribe(init);
  else init();
})();
