/* The student's own layer, main part (fetched on first use by mine-loader.js):
   highlights and notes anchored to the article's words, the "My notes" page
   with its exports and imports, one progress file, and spaced review built
   from the quiz blocks already on the section pages.

   Anchoring follows the W3C Web Annotation model as Hypothesis uses it: a
   TextQuoteSelector (exact words, prefix, suffix) inside the paragraph
   `p-N`, with a TextPositionSelector as a hint. A paragraph's text is its
   article words only: what annotation or a reading mode inserted
   ([data-ar-insert], <ins>), glossary cards and our own buttons are left out,
   so the same words are found in every mode. Highlights wrap each text node
   piece in its own <mark>, so links and markers inside keep working.
   Everything a student typed is shown with textContent, never as HTML. */
(function () {
  "use strict";
  var L = window.__mineL;
  if (!L || window.__mine) return;

  var SKIP = "[data-ar-insert],ins,[hidden],script,style,template,.ar-pnum,.gl-tip,[data-mine-ui]";
  var CONTEXT = 32;
  var FORMAT = "readkit-progress";

  function $(s, r) { return (r || document).querySelector(s); }
  function $$(s, r) { return Array.prototype.slice.call((r || document).querySelectorAll(s)); }
  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    for (var k in attrs || {}) if (attrs[k] !== null && attrs[k] !== undefined) e.setAttribute(k, attrs[k]);
    if (text !== undefined) e.textContent = text;
    return e;
  }
  function say(msg) { if (window.arStatus) window.arStatus(msg); }

  // -- Anchoring core (tested in the browser with generated paragraphs) --------
  function rootOf(p) { return p.querySelector(".ar-text") || p; }

  function textOf(root) {
    var doc = root.ownerDocument, map = [], text = "";
    var walk = doc.createTreeWalker(root, 5 /* elements and text */, {
      acceptNode: function (n) {
        if (n.nodeType === 1) return n.matches(SKIP) ? 2 /* reject */ : 3 /* skip */;
        return 1;
      }
    });
    for (var n = walk.nextNode(); n; n = walk.nextNode()) {
      if (n.nodeType !== 3) continue;
      map.push({ node: n, start: text.length });
      text += n.data;
    }
    return { text: text, map: map };
  }

  // The text offset of a DOM boundary point (node, offset) within t.
  function offsetAt(t, node, offset) {
    for (var i = 0; i < t.map.length; i++) {
      if (t.map[i].node === node) return t.map[i].start + Math.min(offset, node.data.length);
    }
    var point = node.ownerDocument.createRange();
    point.setStart(node, offset);
    for (var j = 0; j < t.map.length; j++) {
      if (point.comparePoint(t.map[j].node, 0) >= 0) return t.map[j].start;
    }
    return t.text.length;
  }

  // Selectors for the part of `range` inside paragraph root `root`, or null.
  function describe(root, range) {
    var t = textOf(root), r = root.ownerDocument.createRange();
    r.selectNodeContents(root);
    if (range.compareBoundaryPoints(Range.START_TO_END, r) <= 0 || range.compareBoundaryPoints(Range.END_TO_START, r) >= 0) return null;
    if (range.compareBoundaryPoints(Range.START_TO_START, r) > 0) r.setStart(range.startContainer, range.startOffset);
    if (range.compareBoundaryPoints(Range.END_TO_END, r) < 0) r.setEnd(range.endContainer, range.endOffset);
    var s = offsetAt(t, r.startContainer, r.startOffset), e = offsetAt(t, r.endContainer, r.endOffset);
    return quote(t.text, s, e);
  }

  function quote(text, s, e) {
    while (s < e && /\s/.test(text.charAt(s))) s++;
    while (e > s && /\s/.test(text.charAt(e - 1))) e--;
    if (e <= s) return null;
    return { exact: text.slice(s, e), prefix: text.slice(Math.max(0, s - CONTEXT), s), suffix: text.slice(e, e + CONTEXT), start: s, end: e };
  }

  function common(a, b, fromEnd) {
    var n = 0, la = a.length, lb = b.length;
    while (n < la && n < lb && (fromEnd ? a.charAt(la - 1 - n) === b.charAt(lb - 1 - n) : a.charAt(n) === b.charAt(n))) n++;
    return n;
  }

  // Where the exact words are in `text`: the occurrence whose context matches
  // best, the position hint breaking ties; null when the words are not there.
  function locate(text, sel) {
    var ex = sel && sel.exact;
    if (!ex) return null;
    var best = -1, score = -1, hint = sel.start || 0;
    for (var i = text.indexOf(ex); i >= 0; i = text.indexOf(ex, i + 1)) {
      var sc = common(text.slice(Math.max(0, i - CONTEXT), i), sel.prefix || "", true) +
        common(text.slice(i + ex.length, i + ex.length + CONTEXT), sel.suffix || "", false) +
        1 - Math.abs(i - hint) / (text.length + 1);
      if (sc > score) { score = sc; best = i; }
    }
    return best < 0 ? null : { start: best, end: best + ex.length };
  }

  // Wraps text [start, end) of root in <mark>s, one per text node piece.
  function wrap(root, start, end, id, cls) {
    var t = textOf(root), marks = [];
    t.map.forEach(function (m) {
      var n = m.node, a = m.start, b = a + n.data.length;
      if (b <= start || a >= end) return;
      var s = Math.max(start, a) - a, e = Math.min(end, b) - a;
      if (e < n.data.length) n.splitText(e);
      if (s > 0) n = n.splitText(s);
      var mark = el("mark", { "class": cls || "mine-hl", "data-mine-id": id });
      n.parentNode.insertBefore(mark, n);
      mark.appendChild(n);
      marks.push(mark);
    });
    return marks;
  }

  function unwrap(root) {
    $$("[data-mine-ui]", root).forEach(function (e) { if (!e.matches(".ar-para-mine")) e.remove(); });
    $$("mark[data-mine-id]", root).forEach(function (m) {
      var parent = m.parentNode;
      while (m.firstChild) parent.insertBefore(m.firstChild, m);
      parent.removeChild(m);
      parent.normalize();
    });
  }

  // -- Storage ------------------------------------------------------------------
  function uuid() {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
    return "xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx".replace(/[xy]/g, function (c) {
      var r = Math.random() * 16 | 0;
      return (c === "x" ? r : (r & 3 | 8)).toString(16);
    });
  }

  function valid(n) {
    return n && typeof n === "object" && typeof n.id === "string" && typeof n.page === "string" &&
      typeof n.para === "number" && n.para > 0 && typeof n.exact === "string" && n.exact.length > 0 &&
      (n.note === undefined || typeof n.note === "string");
  }

  var notesCache = null;
  function notes() {
    if (notesCache) return notesCache;
    var d = L.json("notes"), items = {}, bad = [];
    if (d.items !== undefined && (d.v !== 1 || typeof d.items !== "object")) { L.aside("notes", JSON.stringify(d)); d = {}; }
    for (var id in d.items || {}) {
      if (valid(d.items[id]) && d.items[id].id === id) items[id] = d.items[id];
      else bad.push(d.items[id]);
    }
    if (bad.length) { L.aside("notes-items", JSON.stringify(bad)); save(items); }
    notesCache = items;
    return items;
  }
  function save(items) { notesCache = items; L.save("notes", { v: 1, items: items }); }
  function ordered(items) {
    return Object.keys(items).map(function (k) { return items[k]; }).sort(function (a, b) {
      return a.para - b.para || (a.start || 0) - (b.start || 0) || (a.created || "").localeCompare(b.created || "");
    });
  }
  function asideList() {
    try { var l = JSON.parse(L.raw("aside") || "[]"); return Array.isArray(l) ? l : []; } catch (e) { return []; }
  }

  // -- Highlights on an article page --------------------------------------------
  function paras() { return $$("p.ar-para[id^='p-'][data-para]"); }
  function paraOf(n) { return document.getElementById("p-" + n); }

  function title() {
    var a = $(".md-nav--primary .md-nav__link--active");
    if (a && a.textContent.trim()) return a.textContent.trim();
    var h = $(".md-content h1");
    if (!h) return document.title;
    var c = h.cloneNode(true);
    $$(".headerlink", c).forEach(function (e) { e.remove(); });
    return c.textContent.trim();
  }

  function apply(land) {
    var here = L.page(), items = notes(), changed = false;
    paras().forEach(function (p) { unwrap(rootOf(p)); });
    ordered(items).forEach(function (n) {
      if (n.page !== here) return;
      var p = paraOf(n.para), found = null;
      if (p) {
        var root = rootOf(p);
        found = locate(textOf(root).text, n);
        if (found && !n.whole) {
          var marks = wrap(root, found.start, found.end, n.id);
          marks[0].id = "mine-" + n.id;
          if (n.note) noteButton(marks[marks.length - 1], n);
        } else if (found) {
          if (n.note) noteButton(root.lastChild || root, n, root);
        }
      }
      var orph = !found;
      if (!!n.orph !== orph) { n.orph = orph; changed = true; }
    });
    if (changed) save(items);
    slotsFill();
    if (land && location.hash.indexOf("#mine-") === 0) {
      var target = document.getElementById(location.hash.slice(1));
      var n = items[location.hash.slice(6)];
      target = target || (n && paraOf(n.para));
      if (target) {
        target.setAttribute("tabindex", "-1");
        target.scrollIntoView({ block: "center" });
        target.focus({ preventScroll: true });
      }
    }
  }

  function noteButton(after, n, inside) {
    var b = el("button", { type: "button", "class": "mine-note-btn", "data-mine-ui": "", "data-mine-edit": n.id, "aria-label": "Your note: " + n.note.slice(0, 80) }, "✎");
    b.title = "Your note";
    if (inside) { inside.appendChild(b); return; }
    var link = after.closest("a");
    (link || after).insertAdjacentElement("afterend", b);
  }

  function slotsFill() {
    var items = ordered(notes()), here = L.page();
    $$(".ar-para-mine").forEach(function (slot) {
      $$("[data-mine-edit]", slot).forEach(function (e) { e.remove(); });
      items.forEach(function (n) {
        if (n.page !== here || String(n.para) !== slot.getAttribute("data-para")) return;
        var words = n.exact.length > 40 ? n.exact.slice(0, 40) + "…" : n.exact;
        slot.appendChild(el("button", { type: "button", "class": "mine-btn mine-act", "data-mine-edit": n.id }, (n.whole ? "Edit your note" : "Edit highlight “" + words + "”")));
      });
    });
  }

  function create(p, sel, whole) {
    var now = new Date(Date.now()).toISOString(), items = notes();
    var n = { id: uuid(), page: L.page(), title: title(), para: Number(p.getAttribute("data-para")),
      exact: sel.exact, prefix: sel.prefix, suffix: sel.suffix, start: sel.start, end: sel.end,
      note: "", created: now, modified: now };
    if (whole) n.whole = true;
    items[n.id] = n;
    save(items);
    return n;
  }

  function wholePara(p) { var t = textOf(rootOf(p)); return quote(t.text, 0, t.text.length); }

  // -- The selection pop-up -----------------------------------------------------
  var pop = null, kept = null, selTimer = null;
  function popEl() {
    if (pop && pop.isConnected) return pop;
    pop = el("div", { "class": "mine-pop", "data-mine-ui": "", role: "group", "aria-label": "Your highlight" });
    pop.appendChild(el("button", { type: "button", "class": "mine-pop-btn", "data-mine-do": "hl" }, "Highlight"));
    pop.appendChild(el("button", { type: "button", "class": "mine-pop-btn", "data-mine-do": "note" }, "Add a note"));
    pop.hidden = true;
    pop.addEventListener("pointerdown", function (e) { e.preventDefault(); }); // keeps the selection
    document.body.appendChild(pop);
    return pop;
  }
  function hidePop() { if (pop) pop.hidden = true; kept = null; }

  function selectedParas(range) {
    return paras().filter(function (p) { return range.intersectsNode(rootOf(p)) && describe(rootOf(p), range); });
  }

  function sel() { clearTimeout(selTimer); selTimer = setTimeout(showPop, 200); }
  function showPop() {
    var s = window.getSelection();
    if (!s || !s.rangeCount || s.isCollapsed) {
      if (pop && !pop.contains(document.activeElement)) hidePop();
      return;
    }
    var range = s.getRangeAt(0);
    if (pop && pop.contains(range.commonAncestorContainer)) return;
    if (!selectedParas(range).length) return hidePop();
    kept = range.cloneRange();
    var p = popEl(), rects = range.getClientRects(), last = rects.length ? rects[rects.length - 1] : range.getBoundingClientRect();
    p.hidden = false;
    // Under the selection: on touch screens the browser's own menu sits above it.
    var top = last.bottom + window.scrollY + 10;
    var left = Math.max(8, Math.min(last.left + window.scrollX, window.scrollX + document.documentElement.clientWidth - p.offsetWidth - 8));
    p.style.top = Math.round(top) + "px";
    p.style.left = Math.round(left) + "px";
  }

  function highlightSelection(withNote) {
    // The selection as it is now (the bar keeps it), else the one it was shown for.
    var s0 = window.getSelection();
    var range = s0 && s0.rangeCount && !s0.isCollapsed ? s0.getRangeAt(0).cloneRange() : kept;
    hidePop();
    if (!range) return;
    var made = selectedParas(range).map(function (p) { return create(p, describe(rootOf(p), range)); });
    var s = window.getSelection();
    if (s) s.removeAllRanges();
    apply();
    if (!made.length) return;
    say(made.length === 1 ? "Highlighted. It is listed on My notes." : made.length + " paragraphs highlighted. They are listed on My notes.");
    if (withNote) edit(made[0].id, document.getElementById("mine-" + made[0].id));
  }

  // -- The note editor (a dialog, also used on the notes page) ------------------
  var dlg = null;
  function dialog() {
    if (dlg && dlg.isConnected) return dlg;
    dlg = el("dialog", { "class": "mine-dlg", "data-mine-ui": "", "aria-labelledby": "mine-dlg-h" });
    var f = el("form", { method: "dialog" });
    f.appendChild(el("h2", { id: "mine-dlg-h" }));
    f.appendChild(el("blockquote", { "class": "mine-q" }));
    f.appendChild(el("label", { "for": "mine-dlg-t" }, "Your note (only you see it)"));
    f.appendChild(el("textarea", { id: "mine-dlg-t", rows: "5" }));
    var row = el("p", { "class": "mine-row" });
    row.appendChild(el("button", { value: "save", "class": "mine-btn mine-btn--primary" }, "Save note"));
    row.appendChild(el("button", { value: "cancel", "class": "mine-btn" }, "Cancel"));
    row.appendChild(el("button", { value: "delete", "class": "mine-btn mine-del" }, "Remove highlight"));
    f.appendChild(row);
    dlg.appendChild(f);
    document.body.appendChild(dlg);
    return dlg;
  }

  function edit(id, back, done) {
    var n = notes()[id];
    if (!n) return;
    var d = dialog(), area = $("textarea", d), from = back || document.activeElement;
    $("h2", d).textContent = "Your note on ¶" + n.para;
    $(".mine-q", d).textContent = n.exact;
    $(".mine-del", d).textContent = n.whole ? "Remove note" : "Remove highlight";
    area.value = n.note || "";
    d.returnValue = "";
    d.onclose = function () {
      var items = notes(), m = items[id];
      if (m && d.returnValue === "save") {
        m.note = area.value;
        m.modified = new Date(Date.now()).toISOString();
        save(items);
        say("Note saved.");
      } else if (m && d.returnValue === "delete") {
        delete items[id];
        save(items);
        say(n.whole ? "Note removed." : "Highlight removed.");
      }
      if (m && m.whole && !m.note && items[id]) { delete items[id]; save(items); }
      if (paras().length) apply();
      if (done) done();
      var target = (from && from.isConnected) ? from : $('[data-mine-edit="' + id + '"]') || document.getElementById("p-" + n.para);
      if (target) { if (!target.matches("button, a, textarea")) target.setAttribute("tabindex", "-1"); target.focus(); }
    };
    d.showModal();
    area.focus();
  }

  function act(b) {
    var slot = b.closest("[data-para]"), p = slot && paraOf(slot.getAttribute("data-para"));
    if (!p) return;
    var kind = b.getAttribute("data-mine-act"), sel = wholePara(p);
    if (!sel) return;
    var n = create(p, sel, kind === "note");
    apply();
    if (kind === "note") edit(n.id, b);
    else say("Paragraph " + n.para + " highlighted. It is listed on My notes.");
  }

  function onClick(event) {
    var t = event.target;
    if (!(t instanceof Element)) return;
    var d = t.closest("[data-mine-do]");
    if (d) return highlightSelection(d.getAttribute("data-mine-do") === "note");
    var e = t.closest("[data-mine-edit]");
    if (e) { event.preventDefault(); return edit(e.getAttribute("data-mine-edit"), e, page && page.render); }
    var m = t.closest("mark[data-mine-id]");
    if (m && !t.closest("a") && (!window.getSelection() || window.getSelection().isCollapsed)) edit(m.getAttribute("data-mine-id"), m);
  }
  function onKey(event) { if (event.key === "Escape" && pop && !pop.hidden) hidePop(); }

  // -- Web Annotation JSON-LD and Markdown ---------------------------------------
  function pageHref(key) {
    var html = /\.html$/.test(location.pathname);
    return new URL(html ? (key ? key.replace(/\/$/, ".html") : "index.html") : key, L.scope).href;
  }
  function toAnnotation(n) {
    var a = { id: "urn:uuid:" + n.id, type: "Annotation", motivation: n.note ? "commenting" : "highlighting",
      created: n.created, modified: n.modified,
      target: { source: pageHref(n.page), selector: { type: "FragmentSelector", conformsTo: "http://tools.ietf.org/rfc/rfc3986", value: "p-" + n.para,
        refinedBy: [{ type: "TextQuoteSelector", exact: n.exact, prefix: n.prefix || "", suffix: n.suffix || "" },
          { type: "TextPositionSelector", start: n.start || 0, end: n.end || 0 }] } } };
    if (n.note) a.body = { type: "TextualBody", value: n.note, format: "text/plain", purpose: "commenting" };
    if (n.title) a.target.title = n.title;
    if (n.whole) a.target.scope = "paragraph";
    return a;
  }
  function collection() {
    var list = ordered(notes()).map(toAnnotation);
    return { "@context": "http://www.w3.org/ns/anno.jsonld", type: "AnnotationCollection", label: "My notes: " + siteName(),
      generator: { id: L.scope, type: "Software", name: siteName() },
      total: list.length, first: { type: "AnnotationPage", startIndex: 0, items: list } };
  }
  function siteName() { var s = $(".md-header__topic .md-ellipsis"); return s ? s.textContent.trim() : document.title; }

  // -> {items: [...], error: "..."}
  function fromCollection(data, pages) {
    if (!data || typeof data !== "object" || data.type !== "AnnotationCollection") return { error: "This file is not an annotation collection (W3C Web Annotation JSON-LD), so nothing was imported." };
    var list = (data.first && data.first.items) || data.items;
    if (!Array.isArray(list)) return { error: "This annotation collection holds no list of annotations, so nothing was imported." };
    var base = data.generator && typeof data.generator.id === "string" ? data.generator.id : L.scope, out = [];
    for (var i = 0; i < list.length; i++) {
      var a = list[i], t = a && a.target, s = t && t.selector;
      var q = s && Array.isArray(s.refinedBy) && s.refinedBy.filter(function (x) { return x && x.type === "TextQuoteSelector"; })[0];
      var pos = s && Array.isArray(s.refinedBy) && s.refinedBy.filter(function (x) { return x && x.type === "TextPositionSelector"; })[0];
      var m = s && typeof s.value === "string" && /^p-(\d+)$/.exec(s.value);
      if (!a || a.type !== "Annotation" || typeof a.id !== "string" || !t || typeof t.source !== "string" || !m || !q || typeof q.exact !== "string" || !q.exact)
        return { error: "Annotation " + (i + 1) + " in this file is not one this reading can show (it needs a paragraph and the exact words), so nothing was imported." };
      var src = new URL(t.source, base).href.split("#")[0], root = new URL(base).href;
      var key = src.indexOf(root) === 0 ? L.page(new URL(src.slice(root.length), L.scope).href) : null;
      if (key === null || (pages && pages.indexOf(key) < 0))
        return { error: "This file has notes on other pages (" + t.source + "), not on this reading, so nothing was imported." };
      var body = a.body && typeof a.body.value === "string" ? a.body.value : "";
      var n = { id: a.id.replace(/^urn:uuid:/, ""), page: key, title: typeof t.title === "string" ? t.title : "", para: Number(m[1]),
        exact: q.exact, prefix: String(q.prefix || ""), suffix: String(q.suffix || ""),
        start: pos ? Number(pos.start) || 0 : 0, end: pos ? Number(pos.end) || 0 : 0, note: body,
        created: String(a.created || new Date(Date.now()).toISOString()), modified: String(a.modified || a.created || "") };
      if (t.scope === "paragraph") n.whole = true;
      out.push(n);
    }
    return { items: out };
  }

  // Merge: same id or same words with the same note count once; the later edit wins.
  function merge(list) {
    var items = notes(), added = 0;
    list.forEach(function (n) {
      var same = items[n.id] || ordered(items).filter(function (o) {
        return o.page === n.page && o.para === n.para && o.exact === n.exact && o.prefix === n.prefix && (o.note || "") === (n.note || "");
      })[0];
      if (!same) { items[n.id] = n; added++; }
      else if ((n.modified || "") > (same.modified || "")) { n.id = same.id; items[same.id] = n; }
    });
    save(items);
    return added;
  }

  function markdown() {
    var out = ["# My notes: " + siteName(), ""], last = null;
    ordered(notes()).forEach(function (n) {
      if (n.page !== last) { out.push("## " + (n.title || n.page), ""); last = n.page; }
      out.push("> " + n.exact.replace(/\n/g, "\n> "), ">", "> — ¶" + n.para + ", [" + (n.title || "the article") + "](" + pageHref(n.page) + "#p-" + n.para + ")" + (n.orph ? " (orphaned: these words are no longer in the paragraph)" : ""), "");
      if (n.note) out.push(n.note, "");
    });
    return out.join("\n");
  }

  function download(name, text, type) {
    var a = el("a", { href: URL.createObjectURL(new Blob([text], { type: type })), download: name });
    a.hidden = true;
    document.body.appendChild(a);
    a.click();
    setTimeout(function () { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
  }

  function readFile(input, fn) {
    var f = input.files && input.files[0];
    input.value = "";
    if (!f) return;
    f.text().then(function (text) {
      var data;
      try { data = JSON.parse(text); } catch (e) { return fn(null, "This file is not valid JSON, so nothing was loaded. Your saved notes are unchanged."); }
      fn(data);
    });
  }

  // -- Quiz blocks from the section pages (one copy of every question) ---------
  var progressP = null;
  function progress() {
    if (progressP) return progressP;
    var link = $("a.mine-progress-link") || $("a.quiz-progress-link");
    if (!link) return Promise.reject(new Error("no progress link"));
    var url = link.href;
    progressP = fetchDoc(url).then(function (doc) {
      var box = $(".quiz-progress", doc);
      if (!box) throw new Error("no progress table");
      return { store: box.getAttribute("data-quiz-store"), sections: $$("tbody tr[data-quiz-ids]:not([data-quiz-check])", box).map(function (tr) {
        var a = $("a", tr);
        return { title: a.textContent, url: new URL(a.getAttribute("href"), url).href, ids: tr.getAttribute("data-quiz-ids").split(" ") };
      }) };
    });
    progressP.catch(function () { progressP = null; });
    return progressP;
  }
  var docs = {};
  function fetchDoc(url) {
    url = url.split("#")[0];
    if (!docs[url]) {
      docs[url] = fetch(url, { credentials: "same-origin" }).then(function (r) {
        if (!r.ok) throw new Error(r.status);
        return r.text();
      }).then(function (html) { return new DOMParser().parseFromString(html, "text/html"); });
      docs[url].catch(function () { delete docs[url]; });
    }
    return docs[url];
  }
  function quizStore(store) { try { return JSON.parse(localStorage.getItem(store) || "{}") || {}; } catch (e) { return {}; } }

  // Missed first, then not yet tried, then due again; -> {list, due, next}
  function schedule(ids, store, now) {
    var rev = L.json("review"), quiz = quizStore(store), rank = [], next = null;
    ids.forEach(function (id, i) {
      var r = rev[id], q = quiz[id], k;
      if (r && typeof r.due === "number") k = !r.ok ? 0 : r.due <= now ? 2 : -1;
      else if (q) k = q.s === "right" ? 2 : 0;
      else k = 1;
      if (k < 0) { if (next === null || r.due < next) next = r.due; return; }
      rank.push({ id: id, k: k, i: i, due: r ? r.due : 0 });
    });
    rank.sort(function (a, b) { return a.k - b.k || (a.k === 2 ? a.due - b.due : 0) || a.i - b.i; });
    return { list: rank, next: next, counts: [0, 1, 2].map(function (k) { return rank.filter(function (x) { return x.k === k; }).length; }) };
  }

  function questionFrom(doc, id, section) {
    var src = doc.getElementById("quiz-" + id);
    if (!src || !src.querySelector(".quiz-answer-body")) return null; // a check quiz carries no answers
    var q = document.importNode(src, true);
    $$("a[href]", q).forEach(function (a) { a.href = new URL(a.getAttribute("href"), section.url).href; });
    var actions = $(".quiz-actions", q), answer = $(".quiz-answer", q);
    if (actions) actions.hidden = false;
    if (answer) answer.hidden = true;
    var num = $(".quiz-num", q);
    if (num) num.textContent = "From “" + section.title + "”:";
    q.classList.add("mine-review-q");
    return q;
  }

  function when(t) {
    return new Date(t).toLocaleDateString(undefined, { weekday: "long", day: "numeric", month: "long" });
  }

  function reviewSet(box, earlierOnly, limit) {
    var status = $(".mine-review-status", box) || box.appendChild(el("p", { "class": "mine-review-status", role: "status" }));
    var list = $(".mine-review-list", box) || box.appendChild(el("div", { "class": "mine-review-list" }));
    status.textContent = "Finding your questions…";
    return progress().then(function (pr) {
      var here = L.page(), sections = pr.sections;
      if (earlierOnly) {
        var at = sections.map(function (s) { return L.page(s.url); }).indexOf(here);
        sections = at < 0 ? [] : sections.slice(0, at);
      }
      var owner = {}, ids = [];
      sections.forEach(function (s) { s.ids.forEach(function (id) { owner[id] = s; ids.push(id); }); });
      var plan = schedule(ids, pr.store, Date.now()), pick = plan.list.slice(0, limit);
      var c = plan.counts, total = c[0] + c[1] + c[2];
      var text = total ? total + (total === 1 ? " question" : " questions") + " to review now: " + c[0] + " missed, " + c[1] + " not tried yet, " + c[2] + " due again." :
        "Nothing to review now.";
      text += plan.next ? " The next one falls due on " + when(plan.next) + "." : "";
      if (pick.length < total) text += " Here are the first " + pick.length + ".";
      if (L.blocked) text += " Your browser is blocking site storage, so this schedule lasts only for this visit.";
      return Promise.all(pick.map(function (x) { return fetchDoc(owner[x.id].url).then(function (doc) { return questionFrom(doc, x.id, owner[x.id]); }); })).then(function (qs) {
        list.textContent = "";
        qs.forEach(function (q) { if (q) list.appendChild(q); });
        status.textContent = text;
        box.setAttribute("data-mine-ready", "");
      });
    }).catch(function () {
      status.textContent = "The review could not read the section pages (they are read from the site itself). Open the sections' own quizzes instead, or reload the page.";
      box.setAttribute("data-mine-ready", "");
    });
  }

  function checked() {
    var box = $("[data-mine-page='review'] .mine-review, [data-mine-earlier]");
    if (!box) return;
    var status = $(".mine-review-status", box);
    if (!status) return;
    var pr = progressP;
    if (pr) pr.then(function (p) {
      var ids = [];
      p.sections.forEach(function (s) { ids = ids.concat(s.ids); });
      var plan = schedule(ids, p.store, Date.now());
      var line = $(".mine-review-after", box) || box.appendChild(el("p", { "class": "mine-review-after" }));
      line.textContent = "Still to review in the whole reading: " + (plan.counts[0] + plan.counts[1] + plan.counts[2]) + "." + (plan.next ? " Next due: " + when(plan.next) + "." : "");
    });
  }

  // -- The notes and review pages -------------------------------------------------
  var page = null;

  function button(text, cls) { return el("button", { type: "button", "class": "mine-btn " + (cls || "") }, text); }

  function notesPage(root) {
    root.textContent = "";
    var status = el("p", { "class": "mine-status", role: "status" });
    var warn = el("div", { "class": "mine-warn" });
    var list = el("div", { "class": "mine-list" });
    var tools = el("div", { "class": "mine-tools" });
    root.appendChild(warn);
    root.appendChild(status);
    root.appendChild(list);
    root.appendChild(tools);

    function fileButton(text, fn) {
      var id = "mine-file-" + text.replace(/\W+/g, "-").toLowerCase();
      var wrap = el("span", { "class": "mine-file" });
      var input = el("input", { type: "file", id: id, accept: ".json,.jsonld,application/json,application/ld+json", "class": "mine-file-input" });
      var label = el("label", { "for": id, "class": "mine-btn" }, text);
      input.addEventListener("change", function () { readFile(input, fn); });
      wrap.appendChild(input);
      wrap.appendChild(label);
      return wrap;
    }
    function group(heading, parts) {
      var g = el("div", { "class": "mine-group", role: "group", "aria-label": heading });
      g.appendChild(el("h2", {}, heading));
      var p = el("p", { "class": "mine-row" });
      parts.forEach(function (x) { p.appendChild(x); });
      g.appendChild(p);
      tools.appendChild(g);
    }
    var mdCopy = button("Copy as Markdown"), mdSave = button("Download Markdown"), jsonSave = button("Export annotations (JSON-LD)");
    var clearAll = button("Clear all notes", "mine-clear"), progSave = button("Save my progress", "mine-btn--primary");
    group("Export and import", [mdCopy, mdSave, jsonSave, fileButton("Import annotations", importAnnotations)]);
    group("Move to another device", [progSave, fileButton("Load my progress", loadProgress)]);

    function tell(msg, bad) { status.textContent = msg; status.className = "mine-status" + (bad ? " mine-bad" : ""); }

    mdCopy.addEventListener("click", function () {
      var text = markdown();
      if (navigator.clipboard && window.isSecureContext) navigator.clipboard.writeText(text).then(function () { tell("Copied as Markdown: paste it into your essay."); }, function () { tell("Copying was refused by the browser: use Download Markdown."); });
      else tell("Copying is not possible here: use Download Markdown.");
    });
    mdSave.addEventListener("click", function () { download("my-notes.md", markdown(), "text/markdown"); tell("Markdown downloaded."); });
    jsonSave.addEventListener("click", function () { download("my-notes.jsonld", JSON.stringify(collection(), null, 2), "application/ld+json"); tell("Annotations downloaded as W3C Web Annotation JSON-LD."); });
    clearAll.addEventListener("click", function () {
      if (!window.confirm("Delete all your highlights and notes in this browser? This cannot be undone. (Save my progress first to keep a copy.)")) return;
      save({});
      render();
      tell("All your highlights and notes are deleted.");
    });
    progSave.addEventListener("click", function () {
      progress().then(function (pr) { return pr.store; }, function () { return L.raw("store"); }).then(function (store) {
        if (!store) return tell("Your quiz answers could not be found from here, so nothing was saved. Reload the page and try again.", true);
        var file = { format: FORMAT, version: 1, reading: store, title: siteName(), saved: new Date(Date.now()).toISOString(),
          annotations: collection(), quiz: quizStore(store), review: L.json("review") };
        download("my-progress.json", JSON.stringify(file, null, 2), "application/json");
        tell("Your progress is saved to a file: open this page on the other device and use Load my progress.");
      });
    });

    function importAnnotations(data, err) {
      if (err) return tell(err, true);
      progress().then(function (pr) { return pr.sections.map(function (s) { return L.page(s.url); }); }, function () { return null; }).then(function (pages) {
        var r = fromCollection(data, pages);
        if (r.error) return tell(r.error + " Your saved notes are unchanged.", true);
        var added = merge(r.items);
        render();
        tell(added + " new " + (added === 1 ? "note" : "notes") + " imported; " + (r.items.length - added) + " already here.");
      });
    }
    function loadProgress(data, err) {
      if (err) return tell(err, true);
      if (!data || data.format !== FORMAT || typeof data.reading !== "string") return tell("This is not a progress file saved from this site, so nothing was loaded. Your saved notes are unchanged.", true);
      progress().catch(function () {
        // Opened from disk, where pages cannot be read: the store seen last, any page.
        if (!L.raw("store")) throw new Error("no store");
        return { store: L.raw("store"), sections: null };
      }).then(function (pr) {
        if (data.reading !== pr.store) return tell("This file is from another reading (“" + String(data.title || data.reading) + "”), so nothing was loaded. Your saved notes are unchanged.", true);
        var r = fromCollection(data.annotations, pr.sections && pr.sections.map(function (s) { return L.page(s.url); }));
        if (r.error) return tell(r.error + " Your saved notes are unchanged.", true);
        var added = merge(r.items);
        var quiz = quizStore(pr.store), n = 0;
        for (var id in data.quiz || {}) if (!quiz[id] && data.quiz[id] && typeof data.quiz[id].s === "string") { quiz[id] = data.quiz[id]; n++; }
        try { localStorage.setItem(pr.store, JSON.stringify(quiz)); } catch (e) { /* blocked: said below */ }
        var rev = L.json("review");
        for (var k in data.review || {}) {
          var o = data.review[k];
          if (o && typeof o.due === "number" && (!rev[k] || (o.t || 0) > (rev[k].t || 0))) rev[k] = o;
        }
        L.save("review", rev);
        render();
        tell("Loaded: " + added + " new " + (added === 1 ? "note" : "notes") + ", " + n + " quiz " + (n === 1 ? "answer" : "answers") + " and your review schedule." + (L.blocked ? " Your browser is blocking site storage, so they last only for this visit." : ""));
      }, function () { tell("The reading's quiz list could not be read, so nothing was loaded. Reload the page and try again.", true); });
    }

    function checkOrphans(items) {
      // Re-anchor against each section page as it is now.
      var pagesWith = {};
      items.forEach(function (n) { pagesWith[n.page] = true; });
      Object.keys(pagesWith).forEach(function (key) {
        fetchDoc(pageHref(key)).then(function (doc) {
          var all = notes(), changed = false;
          ordered(all).forEach(function (n) {
            if (n.page !== key) return;
            var p = doc.getElementById("p-" + n.para), orph = !(p && locate(textOf(rootOf(p)).text, n));
            if (!!n.orph !== orph) { n.orph = orph; changed = true; }
          });
          if (changed) { save(all); render(true); }
        }, function () { /* offline: keep what the article page found last */ });
      });
    }

    function render(quiet) {
      var items = ordered(notes()), last = null, section = null;
      list.textContent = "";
      warn.textContent = "";
      if (L.blocked) warn.appendChild(el("p", { "class": "mine-bad" }, "Your browser is blocking site storage (a private window, a full disk or cookies turned off). Your highlights and notes work, but only until you leave or reload this page: use Save my progress to keep them."));
      var aside = asideList();
      if (aside.length) {
        var p = el("p", { "class": "mine-bad" }, "Some saved data in this browser could not be read (" + aside.length + (aside.length === 1 ? " piece" : " pieces") + "). Everything that could be read is below; the rest is set aside, not deleted. ");
        var dl = button("Download what was set aside"), drop = button("Discard it");
        dl.addEventListener("click", function () { download("set-aside.json", JSON.stringify(aside, null, 2), "application/json"); });
        drop.addEventListener("click", function () { if (window.confirm("Discard the data that could not be read?")) { L.put("aside", "[]"); render(); } });
        p.appendChild(dl);
        p.appendChild(drop);
        warn.appendChild(p);
      }
      clearAll.disabled = !items.length;
      if (!items.length) list.appendChild(el("p", { "class": "mine-empty" }, "No highlights or notes yet. Select words in the article and choose Highlight or Add a note, or use the buttons under a paragraph's number."));
      items.forEach(function (n) {
        if (n.page !== last) {
          last = n.page;
          list.appendChild(el("h2", {}, n.title || n.page));
          section = list.appendChild(el("ol", { "class": "mine-items" }));
        }
        var li = el("li", { "class": "mine-item" + (n.orph ? " mine-orphan" : ""), "data-mine-id": n.id });
        li.appendChild(el("blockquote", { "class": "mine-q" }, n.exact));
        var meta = el("p", { "class": "mine-meta" });
        meta.appendChild(el("a", { href: pageHref(n.page) + (n.whole ? "#p-" + n.para : "#mine-" + n.id) }, "¶" + n.para + (n.whole ? " (note on the paragraph)" : "")));
        if (n.orph) meta.appendChild(el("strong", { "class": "mine-orphan-label" }, " Orphaned: these words are no longer in ¶" + n.para + ", so the highlight is not shown there."));
        li.appendChild(meta);
        if (n.note) li.appendChild(el("p", { "class": "mine-note-text" }, n.note));
        var row = el("p", { "class": "mine-row" });
        var e = el("button", { type: "button", "class": "mine-btn", "data-mine-edit": n.id, "aria-label": (n.note ? "Edit note on ¶" : "Add a note on ¶") + n.para + ": " + n.exact.slice(0, 40) }, n.note ? "Edit note" : "Add a note");
        var d = el("button", { type: "button", "class": "mine-btn", "aria-label": "Delete highlight on ¶" + n.para + ": " + n.exact.slice(0, 40) }, "Delete");
        d.addEventListener("click", function () {
          var all = notes();
          delete all[n.id];
          save(all);
          render();
          tell("Deleted the highlight on ¶" + n.para + ".");
          var next = $("button", list) || mdCopy;
          next.focus();
        });
        row.appendChild(e);
        row.appendChild(d);
        li.appendChild(row);
        section.appendChild(li);
      });
      if (items.length) {
        var foot = el("p", { "class": "mine-row" });
        foot.appendChild(clearAll);
        list.appendChild(foot);
      }
      if (!quiet) checkOrphans(items);
    }
    page = { render: render };
    render();
  }

  function reviewPage(root) {
    root.textContent = "";
    var box = root.appendChild(el("div", { "class": "mine-review" }));
    var again = button("Start another round");
    reviewSet(box, false, 10).then(function () { root.appendChild(el("p", { "class": "mine-row" })).appendChild(again); });
    again.addEventListener("click", function () { reviewSet(box, false, 10).then(function () { var q = $(".quiz input, .quiz select", box); if (q) q.focus(); }); });
  }

  var modeSeen = null;
  function init() {
    notesCache = null;
    page = null;
    hidePop();
    var mine = $("[data-mine-page]");
    if (mine && !mine.hasAttribute("data-mine-ready")) {
      mine.setAttribute("data-mine-ready", "");
      if (mine.getAttribute("data-mine-page") === "notes") notesPage(mine);
      else reviewPage(mine);
    }
    var later = $("[data-mine-earlier]");
    if (later && !later.hasAttribute("data-mine-started")) {
      later.setAttribute("data-mine-started", "");
      var slot = $(".mine-earlier-slot", later) || later;
      reviewSet(slot, true, 3);
    }
    // After the other scripts' own start on this page (a reading mode may add glosses).
    if (paras().length) setTimeout(function () { apply(true); }, 0);
    if (!modeSeen) {
      // A new reading mode may add or take away glosses: anchor again.
      modeSeen = function () { setTimeout(function () { notesCache = null; if (paras().length) apply(); }, 0); };
      new MutationObserver(modeSeen).observe(document.documentElement, { attributes: true, attributeFilter: ["data-reading-mode"] });
      document.addEventListener("reading:mode", modeSeen);
    }
    var bad = asideList().length;
    if (bad && !mine) say("Some of your saved notes could not be read; they are set aside on My notes.");
  }

  document.addEventListener("click", onClick);
  document.addEventListener("keydown", onKey);

  window.__mine = {
    init: init, sel: sel, act: act, checked: checked, apply: apply,
    anchor: { textOf: textOf, describe: describe, locate: locate, wrap: wrap, unwrap: unwrap, quote: quote, SKIP: SKIP },
    review: { schedule: schedule },
    io: { collection: collection, fromCollection: fromCollection, markdown: markdown }
  };
})();
