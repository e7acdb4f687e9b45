/* Quizzes: Check, Try again and Show answer on top of HTML that already works
   without JavaScript (each answer is in a <details>). Scores are kept in
   localStorage when the browser allows it, in memory otherwise. Runs on
   Material's instant navigation (document$) and without it.
   Check quizzes (data-quiz-mode="check") carry no answers; quiz-check.js,
   fetched on the first page that has one, saves and hands in the choices. */
(function () {
  "use strict";
  if (window.__quizBound) return;
  window.__quizBound = true;

  var memory = {}; // used when storage is blocked; survives instant navigation
  var blocked = false;
  var pendingFlash = null;

  function $(sel, root) { return (root || document).querySelector(sel); }
  function $$(sel, root) { return Array.prototype.slice.call((root || document).querySelectorAll(sel)); }

  function load(store) {
    try {
      var raw = window.localStorage.getItem(store);
      blocked = false;
      return raw ? JSON.parse(raw) : {};
    } catch (e) {
      blocked = true;
      return memory[store] || {};
    }
  }
  function save(store, data) {
    memory[store] = data;
    try { window.localStorage.setItem(store, JSON.stringify(data)); blocked = false; } catch (e) { blocked = true; }
  }

  // -- Reading and judging an answer ------------------------------------------
  function response(sec) {
    var type = sec.dataset.quizType;
    if (type === "numeric") return $("input", sec).value;
    if (type === "ordering") {
      var r = {};
      $$(".quiz-item", sec).forEach(function (li) { r[li.dataset.item] = $("select", li).value; });
      return r;
    }
    return $$(".quiz-options input", sec).filter(function (i) { return i.checked; }).map(function (i) { return i.value; });
  }

  function restore(sec, r) {
    var type = sec.dataset.quizType;
    if (type === "numeric") $("input", sec).value = r || "";
    else if (type === "ordering") $$(".quiz-item", sec).forEach(function (li) { $("select", li).value = (r || {})[li.dataset.item] || ""; });
    else $$(".quiz-options input", sec).forEach(function (i) { i.checked = (r || []).indexOf(i.value) >= 0; });
  }

  function fbOf(li) { var t = li && $(".quiz-fb-text", li); return t ? t.innerHTML.replace(/^\s*–\s*/, "") : ""; }

  // -> {state: "right"|"wrong"|"empty", text, marks: [{el, ok, label, html}]}
  function judge(sec, r) {
    var type = sec.dataset.quizType, key = $(".quiz-answer-body", sec), marks = [];
    if (type === "numeric") {
      var v = parseFloat(r);
      if (isNaN(v)) return { state: "empty", text: "Type a number first." };
      var k = $(".quiz-numeric-key", key), a = parseFloat(k.dataset.answer), tol = parseFloat(k.dataset.tolerance);
      var ok = Math.abs(v - a) <= tol + 1e-9, fb = "";
      if (!ok) {
        $$(".quiz-key-mistakes li", key).forEach(function (li) {
          if (!fb && li.dataset.value !== "other" && Math.abs(v - parseFloat(li.dataset.value)) <= tol + 1e-9) fb = fbOf(li);
        });
        fb = fb || fbOf($('.quiz-key-mistakes li[data-value="other"]', key));
      }
      marks.push({ el: $(".quiz-numeric", sec), ok: ok, label: ok ? "Right" : "Wrong", html: fb });
      return { state: ok ? "right" : "wrong", text: ok ? "Right." : "Not quite.", marks: marks };
    }
    if (type === "ordering") {
      var used = {}, right = 0, items = $$(".quiz-item", sec), clash = null;
      for (var i = 0; i < items.length; i++) {
        var p = r[items[i].dataset.item];
        if (!p) return { state: "empty", text: "Give every item a position first." };
        if (used[p]) clash = p;
        used[p] = true;
      }
      if (clash) return { state: "empty", text: "Two items share position " + clash + ": give each item its own." };
      items.forEach(function (li) {
        var ok = Number(r[li.dataset.item]) === Number(li.dataset.item) + 1;
        if (ok) right++;
        marks.push({ el: li, ok: ok, label: ok ? "Right place" : "Wrong place", html: "" });
      });
      var all = right === items.length;
      return { state: all ? "right" : "wrong", marks: marks,
        text: all ? "Right: that is the order." : "Not quite: " + right + " of " + items.length + " in the right place." };
    }
    if (!r.length) return { state: "empty", text: "Choose an answer first." };
    var good = 0, bad = 0, missed = 0;
    $$(".quiz-key-options li", key).forEach(function (li) {
      var chosen = r.indexOf(li.dataset.option) >= 0, correct = li.dataset.correct === "true";
      if (chosen) {
        if (correct) good++; else bad++;
        marks.push({ el: $('.quiz-option[data-option="' + li.dataset.option + '"]', sec), ok: correct,
          label: correct ? "Right" : "Wrong", html: fbOf(li) });
      } else if (correct) missed++;
    });
    var win = !bad && !missed, text = win ? "Right." : "Not quite.";
    if (!win && type === "multiple") {
      text = "Not quite: " + good + " right, " + bad + " wrong" + (missed ? ", and " + missed + " right answer" + (missed > 1 ? "s" : "") + " still to find." : ".");
    }
    return { state: win ? "right" : "wrong", text: text, marks: marks };
  }

  function correctResponse(sec) {
    var type = sec.dataset.quizType, key = $(".quiz-answer-body", sec);
    if (type === "numeric") return $(".quiz-numeric-key", key).dataset.answer;
    if (type === "ordering") {
      var r = {};
      $$(".quiz-item", sec).forEach(function (li) { r[li.dataset.item] = String(Number(li.dataset.item) + 1); });
      return r;
    }
    return $$('.quiz-key-options li[data-correct="true"]', key).map(function (li) { return li.dataset.option; });
  }

  // -- Showing the outcome -----------------------------------------------------
  function clear(sec) {
    $$(".quiz-fb", sec).forEach(function (el) { el.remove(); });
    $$(".is-right, .is-wrong", sec).forEach(function (el) { el.classList.remove("is-right", "is-wrong"); });
    $$("input, select", sec).forEach(function (el) { el.disabled = false; el.removeAttribute("aria-describedby"); });
    $(".quiz-status", sec).textContent = "";
    $(".quiz-status", sec).className = "quiz-status";
    var res = $(".quiz-result", sec);
    res.innerHTML = "";
    res.hidden = true;
  }

  function show(sec, outcome, full, focus) {
    clear(sec);
    var id = sec.id;
    (outcome.marks || []).forEach(function (m, n) {
      if (!m.el) return;
      m.el.classList.add(m.ok ? "is-right" : "is-wrong");
      var fb = document.createElement("div");
      fb.className = "quiz-fb";
      fb.id = id + "-fb" + n;
      fb.innerHTML = '<span class="quiz-mark"><span aria-hidden="true">' + (m.ok ? "✓" : "✗") + "</span> " + m.label + ".</span> " + m.html;
      m.el.appendChild(fb);
      var input = $("input, select", m.el);
      if (input) input.setAttribute("aria-describedby", fb.id);
    });
    var status = $(".quiz-status", sec);
    status.classList.add(outcome.state === "right" ? "is-right" : outcome.state === "wrong" ? "is-wrong" : "is-note");
    status.textContent = outcome.text;
    if (outcome.state === "empty") return;
    var res = $(".quiz-result", sec), body = $(".quiz-answer-body", sec);
    if (full) res.appendChild(body.cloneNode(true));
    else [".quiz-explanation", ".quiz-reread"].forEach(function (s) { res.appendChild($(s, body).cloneNode(true)); });
    res.hidden = false;
    $$("input, select", sec).forEach(function (el) { el.disabled = true; });
    $(".quiz-check", sec).hidden = true;
    $(".quiz-retry", sec).hidden = false;
    $(".quiz-show", sec).hidden = outcome.state === "right" || full;
    if (focus) $(".quiz-retry", sec).focus();
  }

  function record(sec, state, r) {
    var store = sec.dataset.quizStore, data = load(store);
    data[sec.dataset.quizId] = { s: state, r: r };
    save(store, data);
    refresh();
  }

  function check(sec) {
    var r = response(sec), outcome = judge(sec, r);
    show(sec, outcome, false, true);
    if (outcome.state === "empty") return;
    record(sec, outcome.state, r);
    // For other widgets (spaced review): which question was checked, and how it went.
    document.dispatchEvent(new CustomEvent("reading:quiz-checked",
      { detail: { id: sec.dataset.quizId, correct: outcome.state === "right" } }));
  }

  function reveal(sec, focus) {
    var r = correctResponse(sec);
    restore(sec, r);
    var outcome = judge(sec, r);
    outcome.text = "The answer is shown below, with the reason for each option.";
    outcome.state = "shown";
    show(sec, outcome, true, focus);
    return r;
  }

  function retry(sec) {
    clear(sec);
    restore(sec, null);
    $(".quiz-check", sec).hidden = false;
    $(".quiz-retry", sec).hidden = true;
    $(".quiz-show", sec).hidden = false;
    $(".quiz-status", sec).textContent = "Cleared. Try again.";
    var first = $("input, select", sec);
    if (first) first.focus();
  }

  // -- Scores and progress -----------------------------------------------------
  function tally(data, ids) {
    var right = 0, shown = 0;
    ids.forEach(function (id) {
      var s = data[id] && data[id].s;
      if (s === "right") right++;
      if (s === "shown") shown++;
    });
    return { right: right, shown: shown, total: ids.length };
  }

  function refresh() {
    $$(".quiz-score").forEach(function (box) {
      var t = tally(load(box.dataset.quizStore), box.dataset.quizIds.split(" "));
      var text = "Your score in this section: " + t.right + " of " + t.total + " right" + (t.shown ? " (" + t.shown + " answer" + (t.shown > 1 ? "s" : "") + " shown)." : ".");
      if (blocked) text += " Your browser is blocking site storage, so this score is not saved when you leave the site.";
      $(".quiz-score-text", box).textContent = text;
    });
    $$(".quiz-progress").forEach(function (box) {
      var data = load(box.dataset.quizStore);
      var handed = box.dataset.quizCheckStore ? load(box.dataset.quizCheckStore).answers || {} : {};
      $$("tr[data-quiz-ids]", box).forEach(function (tr) {
        var ids = tr.dataset.quizIds.split(" ");
        if (tr.hasAttribute("data-quiz-check")) {
          var given = ids.filter(function (id) { return handed[id]; }).length;
          $(".quiz-p-right", tr).textContent = given + " of " + ids.length + " answered (your teacher checks them)";
          return;
        }
        var t = tally(data, ids);
        $(".quiz-p-right", tr).textContent = t.right + " of " + t.total;
        $(".quiz-p-shown", tr).textContent = String(t.shown);
      });
      $(".quiz-progress-actions", box).hidden = false;
      if (blocked) $(".quiz-progress-status", box).textContent = "Your browser is blocking site storage: answers count only until you leave the site.";
    });
  }

  function reset(button) {
    var box = button.closest(".quiz-progress");
    if (!window.confirm("Clear all your saved quiz answers for this reading?")) return;
    save(box.dataset.quizStore, {});
    if (box.dataset.quizCheckStore) save(box.dataset.quizCheckStore, {});
    refresh();
    $(".quiz-progress-status", box).textContent = "Your progress is cleared.";
  }

  // -- Re-read links: land on the paragraph and highlight it -------------------
  function flash(hash) {
    var target = hash && document.getElementById(hash.slice(1));
    if (!target) return;
    $$(".ar-flash").forEach(function (el) { el.classList.remove("ar-flash"); });
    target.classList.add("ar-flash");
    if (!target.hasAttribute("tabindex")) target.setAttribute("tabindex", "-1");
    target.focus({ preventScroll: true });
    if (target.getBoundingClientRect().top < 0 || target.getBoundingClientRect().bottom > window.innerHeight) target.scrollIntoView();
  }

  function onClick(event) {
    var t = event.target;
    if (!(t instanceof Element)) return;
    var sec = t.closest(".quiz"), link = t.closest("a.quiz-reread-link");
    if (link) {
      // Material's instant navigation may swap the page in, even for a link
      // to the same page: init() flashes again once the new content is there.
      var url = new URL(link.href, location.href);
      pendingFlash = { path: url.pathname, hash: url.hash };
      if (url.pathname === location.pathname) setTimeout(function () { flash(url.hash); }, 0);
      return;
    }
    if (t.closest(".quiz-reset")) return reset(t.closest(".quiz-reset"));
    if (!sec) return;
    if (t.closest(".quiz-check")) check(sec);
    else if (t.closest(".quiz-retry")) retry(sec);
    else if (t.closest(".quiz-show")) record(sec, "shown", reveal(sec, true));
  }

  function onKey(event) {
    // Enter in the number box checks it (there is no form to submit).
    if (event.key === "Enter" && event.target.matches && event.target.matches(".quiz-numeric input")) {
      event.preventDefault();
      var sec = event.target.closest(".quiz");
      if (sec.dataset.quizMode !== "check") check(sec); // check quizzes save as they are typed
    }
  }

  // -- Check quizzes: quiz-check.js, fetched when a page first has one ----------
  var checkLoading = false;
  function withCheck(src) {
    if (window.__quizCheck) return window.__quizCheck.init();
    if (checkLoading) return;
    checkLoading = true;
    var script = document.createElement("script");
    script.src = src;
    script.onload = function () { window.__quizCheck.init(); };
    script.onerror = function () { checkLoading = false; };
    document.head.appendChild(script);
  }

  // The buttons take over from <details>, and saved answers come back. In
  // idle time (or at the reader's first key or pointer press): a section's
  // quizzes are at its end, out of sight when the page opens.
  function startQuizzes() {
    var stores = {};
    $$(".quiz").forEach(function (sec) {
      if (sec.dataset.quizMode === "check") return;
      var actions = $(".quiz-actions", sec);
      if (!actions.hidden) return; // started already
      actions.hidden = false;
      $(".quiz-answer", sec).hidden = true;
      var store = sec.dataset.quizStore;
      if (!(store in stores)) stores[store] = load(store); // parsed once per page
      var saved = stores[store][sec.dataset.quizId];
      if (!saved) return;
      // Restored quietly: the live region is switched off while it is filled.
      var status = $(".quiz-status", sec);
      status.removeAttribute("role");
      if (saved.s === "shown") reveal(sec, false);
      else { restore(sec, saved.r); show(sec, judge(sec, saved.r), false, false); }
      status.textContent = "Last time: " + status.textContent;
      setTimeout(function () { status.setAttribute("role", "status"); }, 500);
    });
    refresh();
  }

  function init() {
    var handin = $(".quiz-handin[data-quiz-check-src]");
    if (handin) withCheck(handin.dataset.quizCheckSrc);
    if ($(".quiz, .quiz-score, .quiz-progress")) (window.arIdle || setTimeout)(startQuizzes);
    // Compared by path: Material's navigation.tracking may already have
    // replaced the #p-N in the address with the nearest heading's id.
    if (pendingFlash && location.pathname === pendingFlash.path) flash(pendingFlash.hash);
    pendingFlash = null;
  }

  // For quiz-check.js.
  window.__quiz = { load: load, save: save, response: response, restore: restore, refresh: refresh };

  document.addEventListener("click", onClick);
  document.addEventListener("keydown", onKey);
  if (window.document$) window.document$.subscribe(init);
  else init();
})();
