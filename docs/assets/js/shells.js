/* "Check the numbers": the what-if form redraws one line on the build-time
   chart. The formula, the scale (read from the SVG's data-* attributes) and
   the rounding match hooks/readkit/shells.py, so the same numbers give the
   same line. Without this script the chart and table still show everything;
   the form stays hidden because it cannot work. */
(function () {
  "use strict";

  var DAYS_PER_YEAR = 365;
  var DAYS_PER_MONTH = 365 / 12;
  var SVG = "http://www.w3.org/2000/svg";
  var FIELDS = ["stock", "daily_use", "production", "imports"];

  function tenth(v) { return Math.floor(v * 10 + 0.5) / 10; }
  function number(n) { return String(Math.floor(n + 0.5)).replace(/\B(?=(\d{3})+(?!\d))/g, ","); }

  function net(s) { return (s.production + s.imports) / DAYS_PER_YEAR - s.daily_use; }
  function daysUntilEmpty(s) { var n = net(s); return n < 0 ? s.stock / -n : null; }
  function stockAt(s, day) { return Math.max(0, s.stock + net(s) * day); }

  function changeWords(s) {
    var n = net(s);
    if (n < 0) return "falls by " + number(-n) + " a day";
    return n > 0 ? "grows by " + number(n) + " a day" : "stays the same";
  }
  function lastsWords(s) {
    var days = daysUntilEmpty(s);
    if (days === null) return "never runs out at these rates";
    return "runs out after about " + Math.floor(days / DAYS_PER_MONTH + 0.5) + " months (" +
      (days / DAYS_PER_YEAR).toFixed(1) + " years)";
  }

  function scaleOf(svg) {
    var d = svg.dataset;
    var sc = { months: +d.months, ymax: +d.ymax, x0: +d.x0, x1: +d.x1, y0: +d.y0, y1: +d.y1 };
    sc.x = function (m) { return tenth(sc.x0 + m / sc.months * (sc.x1 - sc.x0)); };
    sc.y = function (v) { return tenth(sc.y0 + (1 - v / sc.ymax) * (sc.y1 - sc.y0)); };
    return sc;
  }

  function points(s, months) {
    var pts = [[0, s.stock]];
    var days = daysUntilEmpty(s);
    if (days !== null && days / DAYS_PER_MONTH < months) pts.push([days / DAYS_PER_MONTH, 0]);
    pts.push([months, stockAt(s, months * DAYS_PER_MONTH)]);
    return pts;
  }

  function pathD(s, sc) {
    return points(s, sc.months).map(function (p, i) {
      return (i === 0 ? "M" : "L") + String(sc.x(p[0])) + "," + String(sc.y(p[1]));
    }).join(" ");
  }

  function draw(svg, s) {
    var sc = scaleOf(svg);
    var group = svg.querySelector(".ts-series-user");
    while (group.firstChild) group.removeChild(group.firstChild);
    var path = document.createElementNS(SVG, "path");
    path.setAttribute("class", "ts-line");
    path.setAttribute("d", pathD(s, sc));
    group.appendChild(path);
    var days = daysUntilEmpty(s);
    if (days !== null && days / DAYS_PER_MONTH < sc.months) {
      var dot = document.createElementNS(SVG, "circle");
      dot.setAttribute("class", "ts-empty");
      dot.setAttribute("cx", String(sc.x(days / DAYS_PER_MONTH)));
      dot.setAttribute("cy", String(sc.y1));
      dot.setAttribute("r", "6");
      group.appendChild(dot);
    }
    var legend = svg.parentNode.querySelector(".ts-legend-user");
    if (legend) legend.hidden = false;
  }

  // The form's numbers, or the first problem found (and marked on its input).
  function read(form) {
    var values = {};
    var problem = null;
    FIELDS.forEach(function (name) {
      var input = form.elements[name];
      var raw = input.value.trim();
      var value = raw === "" ? NaN : Number(raw);
      var min = name === "stock" ? 1 : 0;
      var ok = isFinite(value) && value >= min;
      input.setAttribute("aria-invalid", ok ? "false" : "true");
      if (!ok && !problem) {
        var label = form.querySelector('label[for="' + input.id + '"]').textContent;
        problem = { input: input, text: "Enter a number of " + min + " or more in “" + label + "”." };
      }
      values[name] = value;
    });
    return problem ? { problem: problem } : { values: values };
  }

  function update(form, announce) {
    var svg = document.getElementById(form.getAttribute("data-chart"));
    var result = form.querySelector(".ts-result");
    var got = read(form);
    if (got.problem) {
      if (announce) {
        result.textContent = got.problem.text;
        got.problem.input.focus();
      }
      return;
    }
    var s = got.values;
    draw(svg, s);
    var sc = scaleOf(svg);
    var over = s.stock > sc.ymax || stockAt(s, sc.months * DAYS_PER_MONTH) > sc.ymax;
    if (announce) {
      result.textContent = "With your numbers the stock " + changeWords(s) + " and " + lastsWords(s) + "." +
        (over ? " Your line goes above the top of the chart." : "");
    }
  }

  function reset(form) {
    FIELDS.forEach(function (name) {
      var input = form.elements[name];
      input.value = input.getAttribute("data-default");
    });
    update(form, true);
    var result = form.querySelector(".ts-result");
    result.textContent = "Back to the article’s figures. " + result.textContent;
  }

  function init() {
    var forms = document.querySelectorAll("form.ts-whatif");
    Array.prototype.forEach.call(forms, function (form) {
      if (form.getAttribute("data-ts-bound")) return;
      if (!document.getElementById(form.getAttribute("data-chart"))) return;
      form.setAttribute("data-ts-bound", "1");
      form.hidden = false;
      form.addEventListener("input", function () { update(form, false); });
      form.addEventListener("change", function () { update(form, true); });
      form.addEventListener("submit", function (event) {
        event.preventDefault();
        update(form, true);
      });
      form.querySelector("[data-ts-reset]").addEventListener("click", function () { reset(form); });
    });
  }

  if (window.document$) window.document$.subscribe(init);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
