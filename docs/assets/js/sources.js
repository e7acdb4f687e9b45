/* Source markers, critical-reading notes and "Cite this section".

   - A source marker shows a preview of its source on hover, on keyboard focus
     and on a first tap; selecting it (or tapping again) goes to the page's
     source list. The preview is copied from that list, so it says nothing the
     page does not.
   - A note marker opens its note inline on narrow screens (aria-expanded);
     on wide screens the notes already sit in the margin, and the marker moves
     focus to its note.
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

  function show(link, touch) {
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

  function setOpen(ref, note, open) {
    note.classList.toggle("is-open", open);
    ref.setAttribute("aria-expanded", open ? "true" : "false");
  }

  function syncNotes() {
    var isWide = wide();
    var refs = document.querySelectorAll("a.ar-note-ref");
    for (var i = 0; i < refs.length; i++) {
      var note = noteFor(refs[i]);
      if (!note) continue;
      if (isWide) {
        refs[i].removeAttribute("aria-expanded"); // always shown in the margin
      } else {
        var open = note.classList.contains("is-open") || location.hash === "#" + note.id;
        setOpen(refs[i], note, open);
      }
    }
  }

  function onNoteClick(event, ref) {
    var note = noteFor(ref);
    if (!note) return;
    event.preventDefault();
    event.stopPropagation();
    if (wide()) {
      note.classList.remove("ar-flash");
      void note.offsetWidth; // restart the highlight
      note.classList.add("ar-flash");
      setTimeout(function () { note.classList.remove("ar-flash"); }, 1500);
      note.focus({ preventScroll: true });
      note.scrollIntoView({ block: "nearest" });
      return;
    }
    var open = !note.classList.contains("is-open");
    setOpen(ref, note, open);
    if (!open && location.hash === "#" + note.id) {
      history.replaceState(history.state, "", location.pathname + location.search);
    }
    if (open) note.scrollIntoView({ block: "nearest" });
  }

  // -- Margin notes: beside their marker, never overlapping each other -------------
  // CSS alone keeps each paragraph's notes in a grid column beside it (the row
  // grows when notes are long). Here, on wide screens, the column takes no
  // height: notes may run on beside the next paragraphs, each column starting
  // level with its paragraph or just below the notes before it.
  var observer = null;
  var layoutFrame = 0;

  function layoutNotes() {
    layoutFrame = 0;
    var cols = document.querySelectorAll(".ar-noted > .ar-notes");
    var blocks = document.querySelectorAll(".md-content .ar-noted, .md-content .ar-para, .md-content .ar-pullquote");
    var last = null;
    for (var b = 0; b < blocks.length; b++) {
      if (!blocks[b].parentElement.closest(".ar-noted")) last = blocks[b];
    }
    for (var i = 0; i < cols.length; i++) cols[i].style.transform = "";
    var spacer = document.querySelector(".md-content .ar-notes-spacer");
    if (spacer) spacer.style.height = "0";
    if (!wide() || !cols.length || !last) return;
    var prev = -Infinity;
    for (var j = 0; j < cols.length; j++) {
      var col = cols[j];
      var top = col.getBoundingClientRect().top + window.scrollY;
      var shift = Math.max(0, prev + 12 - top);
      if (shift) col.style.transform = "translateY(" + Math.ceil(shift) + "px)";
      var end = col.lastElementChild ? col.lastElementChild.getBoundingClientRect().bottom + window.scrollY : top;
      prev = end; // measured after the shift: rects include transforms
    }
    // Room after the article's last block, so notes never run into what follows.
    var lastBottom = last.getBoundingClientRect().bottom + window.scrollY;
    if (prev > lastBottom) {
      if (!spacer) {
        spacer = document.createElement("div");
        spacer.className = "ar-notes-spacer";
        spacer.setAttribute("aria-hidden", "true");
        last.insertAdjacentElement("afterend", spacer);
      }
      spacer.style.height = Math.ceil(prev - lastBottom + 16) + "px";
    }
  }

  function scheduleLayout() {
    if (!layoutFrame) layoutFrame = requestAnimationFrame(layoutNotes);
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
        if (touch && !lastPointer.wasOpen) {
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
        onNoteClick(event, ref);
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
      var note = event.target.closest && event.target.closest(".ar-note.is-open");
      if (note && !wide()) {
        var ref = document.getElementById("noteref-" + note.id.replace(/^note-/, ""));
        if (ref) {
          setOpen(ref, note, false);
          ref.focus();
        }
      }
    });
    window.addEventListener("hashchange", syncNotes);
    var query = window.matchMedia(WIDE);
    if (query.addEventListener) query.addEventListener("change", syncNotes);
    window.addEventListener("resize", scheduleLayout);
    window.addEventListener("beforeprint", function () {
      // Print lays notes out after their paragraphs: drop the screen's shifts.
      var cols = document.querySelectorAll(".ar-noted > .ar-notes");
      for (var i = 0; i < cols.length; i++) cols[i].style.transform = "";
    });
    window.addEventListener("afterprint", scheduleLayout);
  }

  function init() {
    hide();
    syncNotes();
    document.documentElement.classList.add("ar-js-notes");
    if (observer) observer.disconnect();
    var article = document.querySelector(".md-content__inner");
    if (window.ResizeObserver && article) {
      observer = new ResizeObserver(scheduleLayout);
      observer.observe(article);
    }
    layoutNotes();
    var buttons = document.querySelectorAll("button[data-ar-copy]");
    for (var i = 0; i < buttons.length; i++) buttons[i].hidden = false;
  }

  if (!window.__arSourcesBound) {
    window.__arSourcesBound = true;
    bind();
  }
  if (window.document$) document$.subscribe(init);
  else document.addEventListener("DOMContentLoaded", init);
})();
