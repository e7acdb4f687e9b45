/* Check quizzes: the questions carry no answers, so nothing here judges.
   The choices are saved as they are made, under "readkit-check:<reading>"
   as {name, answers: {id: {r, a, q, p, s, n}}} (response, answer as text,
   prompt, page, order on the site, number on the page), and handed in as a
   downloaded text file or a printout with the student's name and the date.
   quiz.js fetches this file on the first page with a check quiz, and calls
   init() on every page after it (Material's instant navigation). */
(function () {
  "use strict";
  if (window.__quizCheck) return;
  var Q = window.__quiz, load = Q.load, save = Q.save, response = Q.response, restore = Q.restore, refresh = Q.refresh;

  function $(sel, root) { return (root || document).querySelector(sel); }
  function $$(sel, root) { return Array.prototype.slice.call((root || document).querySelectorAll(sel)); }

  function text(el) { return el ? el.textContent.replace(/\s+/g, " ").trim() : ""; }

  function answerText(sec) {
    var type = sec.dataset.quizType;
    if (type === "numeric") {
      var input = $("input", sec);
      return input.value ? input.value + (input.dataset.unit ? " " + input.dataset.unit : "") : "";
    }
    if (type === "ordering") {
      var placed = $$(".quiz-item", sec).map(function (li) { return { p: Number($("select", li).value), t: text($("label", li)) }; })
        .filter(function (x) { return x.p; }).sort(function (x, y) { return x.p - y.p; });
      return placed.map(function (x) { return x.p + ". " + x.t; }).join("; ");
    }
    return $$(".quiz-options input", sec).filter(function (i) { return i.checked; })
      .map(function (i) { return text($('label[for="' + i.id + '"]', sec)); }).join("; ");
  }

  function saveChoice(sec) {
    var store = sec.dataset.quizStore, data = load(store), a = answerText(sec);
    data.answers = data.answers || {};
    if (a) {
      data.answers[sec.dataset.quizId] = { r: response(sec), a: a, q: text($(".quiz-prompt", sec)),
        p: sec.dataset.quizPage, s: Number(sec.dataset.quizSeq), n: Number(sec.dataset.quizN) };
    } else delete data.answers[sec.dataset.quizId];
    save(store, data);
    $(".quiz-status", sec).textContent = a ? "Saved on this device." : "Answer cleared.";
    refresh();
  }

  function today() {
    var d = new Date(), two = function (n) { return (n < 10 ? "0" : "") + n; };
    return d.getFullYear() + "-" + two(d.getMonth() + 1) + "-" + two(d.getDate());
  }

  function handinText(box) {
    var data = load(box.dataset.quizStore), answers = data.answers || {};
    // Questions on this page that are still open are listed too.
    $$(".quiz--check").forEach(function (sec) {
      if (!answers[sec.dataset.quizId]) answers[sec.dataset.quizId] = { a: "", q: text($(".quiz-prompt", sec)),
        p: sec.dataset.quizPage, s: Number(sec.dataset.quizSeq), n: Number(sec.dataset.quizN) };
    });
    var list = Object.keys(answers).map(function (id) { return answers[id]; }).sort(function (x, y) { return x.s - y.s; });
    var lines = [box.dataset.quizReading, "Name: " + (data.name || ""), "Date: " + today()], page = null;
    list.forEach(function (x) {
      if (x.p !== page) { page = x.p; lines.push("", x.p); }
      lines.push("Question " + x.n + ": " + x.q, "  Answer: " + (x.a || "(no answer)"));
    });
    return lines.join("\n") + "\n";
  }

  function download(box) {
    var name = load(box.dataset.quizStore).name || "";
    var file = "answers-" + (name.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "") || "student") + "-" + today() + ".txt";
    var url = URL.createObjectURL(new Blob([handinText(box)], { type: "text/plain;charset=utf-8" }));
    var a = document.createElement("a");
    a.href = url;
    a.download = file;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(function () { URL.revokeObjectURL(url); }, 1000);
    $(".quiz-handin-status", box).textContent = "Downloaded " + file + ": hand it in to your teacher.";
  }

  function who(box) {
    var name = load(box.dataset.quizStore).name || "";
    $(".quiz-handin-who", box).textContent = "Name: " + (name || "–") + ". Date: " + today() + ".";
  }

  function setName(input) {
    var box = input.closest(".quiz-handin"), data = load(box.dataset.quizStore);
    data.name = input.value.trim();
    save(box.dataset.quizStore, data);
    who(box);
  }

  function onChange(event) {
    var t = event.target;
    if (!(t instanceof Element)) return;
    if (t.matches(".quiz-handin-name")) return setName(t);
    var sec = t.closest(".quiz--check");
    if (sec && t.matches("input, select")) saveChoice(sec);
  }

  function onClick(event) {
    var t = event.target;
    if (!(t instanceof Element)) return;
    var box = t.closest(".quiz-handin");
    if (!box) return;
    if (t.closest(".quiz-download")) download(box);
    else if (t.closest(".quiz-print")) { who(box); window.print(); }
  }

  function init() {
    $$(".quiz-handin").forEach(function (box) {
      $(".quiz-handin-js", box).hidden = false;
      $(".quiz-handin-nojs", box).hidden = true;
      $(".quiz-handin-name", box).value = load(box.dataset.quizStore).name || "";
      who(box);
    });
    $$(".quiz--check").forEach(function (sec) {
      var saved = (load(sec.dataset.quizStore).answers || {})[sec.dataset.quizId];
      if (saved) restore(sec, saved.r);
    });
  }

  document.addEventListener("change", onChange);
  document.addEventListener("input", function (event) {
    if (event.target instanceof Element && event.target.matches(".quiz--check input[type=number]")) onChange(event);
  });
  document.addEventListener("click", onClick);
  window.__quizCheck = { init: init };
})();
