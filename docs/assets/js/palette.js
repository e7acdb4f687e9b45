/* The light/dark toggle (overrides/partials/palette.html). It does what
   Material's palette component did, without restyling the whole page while
   it starts: the body's colour attributes change only when the palette
   really changes. The choice is kept under Material's own key, so the
   theme's inline script applies it before the first paint of every page. */
(function () {
  "use strict";

  var AUTO = "(prefers-color-scheme)";
  var KEYS = ["media", "scheme", "primary", "accent"];
  var lightQuery = window.matchMedia("(prefers-color-scheme: light)");

  function colorOf(input) {
    var color = {};
    KEYS.forEach(function (key) {
      color[key] = input.getAttribute("data-md-color-" + key);
    });
    return color;
  }

  // The colours to show for an option: "system" takes the light or the dark
  // option's colours, whichever the device asks for right now.
  function shownColor(inputs, color) {
    if (color.media !== AUTO) return color;
    var want = lightQuery.matches ? "(prefers-color-scheme: light)" : "(prefers-color-scheme: dark)";
    var match = inputs.find(function (input) { return input.getAttribute("data-md-color-media") === want; });
    return match ? colorOf(match) : color;
  }

  function stored() {
    try {
      return window.__md_get("__palette");
    } catch (e) {
      return null; // storage blocked or unreadable
    }
  }

  function store(value) {
    try {
      window.__md_set("__palette", value);
    } catch (e) {
      /* storage blocked: the choice lasts for this page only */
    }
  }

  function bind(form) {
    var inputs = Array.prototype.slice.call(form.querySelectorAll("input.md-option"));
    if (!inputs.length) return;
    var body = document.body;
    var current = 0;

    function apply(index) {
      current = index;
      var chosen = colorOf(inputs[index]);
      var shown = shownColor(inputs, chosen);
      var changes = KEYS.filter(function (key) {
        return body.getAttribute("data-md-color-" + key) !== shown[key];
      });
      var visible = changes.some(function (key) { return key !== "media"; });
      // No colour transitions while the palette switches (Material's rule).
      if (visible) body.setAttribute("data-md-color-switching", "");
      changes.forEach(function (key) {
        body.setAttribute("data-md-color-" + key, shown[key]);
      });
      inputs.forEach(function (input, i) {
        var label = input.nextElementSibling;
        if (label && label.tagName === "LABEL") label.hidden = i !== index;
      });
      if (visible) {
        requestAnimationFrame(function () {
          requestAnimationFrame(function () { body.removeAttribute("data-md-color-switching"); });
        });
      }
      // Stored as Material stores it: the option, with "system" resolved.
      store({ index: index, color: Object.assign({}, shown, { media: chosen.media }) });
    }

    var saved = stored();
    var start = saved && typeof saved.index === "number" ? saved.index : inputs.findIndex(function (input) {
      return window.matchMedia(input.getAttribute("data-md-color-media")).matches;
    });
    apply(Math.max(0, Math.min(start, inputs.length - 1)));

    form.addEventListener("change", function (event) {
      var index = inputs.indexOf(event.target);
      if (index >= 0) apply(index);
    });
    // Enter on the focused option moves to the next one, as a click would.
    form.addEventListener("keydown", function (event) {
      if (event.key !== "Enter") return;
      event.preventDefault();
      var next = inputs[(current + 1) % inputs.length];
      next.click();
      next.focus();
    });
    // "System" follows the device when it switches between light and dark.
    lightQuery.addEventListener("change", function () { apply(current); });
  }

  // The header, and the form in it, stays across instant navigation.
  var form = document.querySelector("form[data-ar-palette]");
  if (form) bind(form);
})();
