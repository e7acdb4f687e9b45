/* The student's own layer (highlights, notes, spaced review), kept in this
   browser only. This small part is on every page: it keeps the review
   schedule when a quiz question is checked, fills a paragraph's slot with
   two buttons when its control opens, and fetches the main code (mine.js) on first use: a
   selection in the article, one of those buttons, the notes or review page,
   a page with saved highlights, or the "from earlier sections" set coming
   into view. Storage may be blocked: everything then lasts for the visit. */
(function () {
  "use strict";
  if (window.__mineL) return;
  var cfg = {};
  try { cfg = JSON.parse(document.getElementById("__config").textContent); } catch (e) { /* no config */ }
  var scope = new URL(cfg.base || ".", location.href); // the site's root, worked out once
  var memory = {};
  var DAYS = [0, 1, 3, 7, 14, 30]; // Leitner boxes 1-5: days until due again
  var loading = null;

  var L = window.__mineL = {
    scope: scope.href,
    src: new URL("assets/js/mine.js", scope).href,
    blocked: false,
    key: function (name) { return "readkit-mine:" + scope.pathname + ":" + name; },
    raw: function (name) {
      try { var v = localStorage.getItem(L.key(name)); L.blocked = false; return v === null ? memory[name] || null : v; }
      catch (e) { L.blocked = true; return memory[name] || null; }
    },
    put: function (name, text) {
      memory[name] = text;
      try { localStorage.setItem(L.key(name), text); L.blocked = false; return true; }
      catch (e) { L.blocked = true; return false; }
    },
    // Parsed value; what cannot be parsed is set aside (never lost) and {} returned.
    json: function (name) {
      var raw = L.raw(name);
      if (!raw) return {};
      try { var v = JSON.parse(raw); if (v && typeof v === "object" && !Array.isArray(v)) return v; } catch (e) { /* below */ }
      L.aside(name, raw);
      return {};
    },
    save: function (name, value) { return L.put(name, JSON.stringify(value)); },
    aside: function (name, raw) {
      var list = [];
      try { list = JSON.parse(L.raw("aside") || "[]"); } catch (e) { list = [{ name: "aside", raw: L.raw("aside") }]; }
      if (!Array.isArray(list)) list = [{ name: "aside", raw: JSON.stringify(list) }];
      list.push({ name: name, raw: raw, at: new Date(Date.now()).toISOString() });
      L.save("aside", list);
      L.put(name, "");
    },
    // A page's place in the site, the same with or without directory URLs.
    page: function (href) {
      var path = new URL(href || location.href).pathname, root = scope.pathname;
      path = path.indexOf(root) === 0 ? path.slice(root.length) : path;
      return path.replace(/index\.html$/, "").replace(/\.html$/, "/");
    },
    load: function () {
      if (window.__mine) return Promise.resolve(window.__mine);
      if (!loading) loading = new Promise(function (ok, fail) {
        var s = document.createElement("script");
        s.src = L.src;
        s.onload = function () { if (window.__mine) ok(window.__mine); else fail(); };
        s.onerror = function () { loading = null; fail(); };
        document.head.appendChild(s);
      });
      return loading;
    }
  };

  function use(fn) {
    L.load().then(fn, function () {
      if (window.arStatus) window.arStatus("Your highlights and notes could not be loaded. Reload the page to try again.");
    });
  }

  function hasMine() {
    var items = (L.json("notes").items) || {}, here = L.page();
    for (var id in items) if (items[id] && items[id].page === here) return true;
    return false;
  }

  // Review schedule: a right answer moves the question up a box (due again
  // after more days), a wrong one back to box 1, due at once.
  document.addEventListener("reading:quiz-checked", function (event) {
    var d = event.detail || {};
    if (!d.id) return;
    var all = L.json("review"), now = Date.now(), o = all[d.id] || { b: 0, n: 0 };
    o.b = d.correct ? Math.min((o.b || 0) + 1, 5) : 1;
    o.ok = !!d.correct;
    o.t = now;
    o.due = now + (d.correct ? DAYS[o.b] : 0) * 864e5;
    o.n = (o.n || 0) + 1;
    all[d.id] = o;
    L.save("review", all);
    if (window.__mine) window.__mine.checked(d);
  });

  document.addEventListener("selectionchange", function () {
    if (window.__mine) return window.__mine.sel();
    var s = window.getSelection();
    if (!s || s.isCollapsed || !s.anchorNode) return;
    var el = s.anchorNode.nodeType === 1 ? s.anchorNode : s.anchorNode.parentNode;
    if (el && el.closest && el.closest(".ar-para")) use(function (m) { m.init(); m.sel(); });
  });

  document.addEventListener("click", function (event) {
    var b = event.target.closest && event.target.closest("[data-mine-act]");
    if (b) use(function (m) { m.init(); m.act(b); });
  });

  // A paragraph's two buttons, made when its control first opens (closed,
  // nothing in it is drawn, so nothing is made before it is needed).
  function slot(panel) {
    var box = panel.querySelector(".ar-para-mine");
    if (!box || box.querySelector("[data-mine-act]")) return;
    [["hl", "Highlight this paragraph"], ["note", "Add a note"]].forEach(function (a) {
      var b = document.createElement("button");
      b.type = "button";
      b.className = "mine-btn mine-act";
      b.setAttribute("data-mine-act", a[0]);
      b.textContent = a[1];
      box.appendChild(b);
    });
  }

  // "toggle" does not bubble: listen in the capture phase.
  document.addEventListener("toggle", function (event) {
    var panel = event.target;
    if (panel.open && panel.matches && panel.matches("details.ar-tools")) slot(panel);
  }, true);

  function init() {
    var open = document.querySelectorAll("details.ar-tools[open]");
    for (var i = 0; i < open.length; i++) slot(open[i]);
    // Which quiz store this reading uses, for the progress file on pages without quizzes.
    var q = document.querySelector("[data-quiz-store]");
    if (q && L.raw("store") !== q.getAttribute("data-quiz-store")) L.put("store", q.getAttribute("data-quiz-store"));
    if (window.__mine || document.querySelector("[data-mine-page]") || hasMine()) return use(function (m) { m.init(); });
    var later = document.querySelector("[data-mine-earlier]");
    if (later && window.IntersectionObserver) {
      var seen = new IntersectionObserver(function (entries) {
        if (!entries.some(function (e) { return e.isIntersecting; })) return;
        seen.disconnect();
        use(function (m) { m.init(); });
      }, { rootMargin: "600px" });
      seen.observe(later);
    } else if (later) use(function (m) { m.init(); });
  }

  if (window.document$) window.document$.subscribe(init);
  else init();
})();
