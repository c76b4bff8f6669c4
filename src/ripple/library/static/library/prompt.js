// The prompt page's live preview: fills {{variables}} as you type. Mirrors ripple/library/variables.py `fill`.
(function () {
  "use strict";

  // One token: an escaped "\{{", or "{{ name[:spec] }}" on one line without a nested "{{".
  var TOKEN = /\\\{\{|\{\{((?:(?!\{\{|\}\})[^\n])*)\}\}/g;

  function fill(template, values) {
    var defaults = {};
    template.replace(TOKEN, function (match, inner) {
      if (inner === undefined) return match;
      var cut = inner.indexOf(":");
      var name = (cut < 0 ? inner : inner.slice(0, cut)).trim().toLowerCase();
      var spec = cut < 0 ? "" : inner.slice(cut + 1).trim();
      var value = spec.indexOf("|") >= 0 ? spec.split("|")[0].trim() : spec;
      if (value && !defaults[name]) defaults[name] = value;
      return match;
    });
    return template.replace(TOKEN, function (match, inner) {
      if (inner === undefined) return "{{";
      var cut = inner.indexOf(":");
      var raw = (cut < 0 ? inner : inner.slice(0, cut)).trim();
      var key = raw.toLowerCase();
      var given = values[key];
      if (given && given.trim()) return given;
      return defaults[key] || "{{" + raw + "}}";
    });
  }

  function setUp(root) {
    var output = root.querySelector("[data-template]");
    var form = root.querySelector("[data-variables]");
    if (!output || !form) return;
    var template = output.getAttribute("data-template");
    var inputs = form.querySelectorAll("[data-var]");
    function update() {
      var values = {};
      inputs.forEach(function (input) { values[input.getAttribute("data-var").toLowerCase()] = input.value; });
      output.textContent = fill(template, values);
    }
    form.addEventListener("input", update);
    form.addEventListener("change", update);
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    // Grow one-line textareas with their content.
    form.querySelectorAll("textarea").forEach(function (area) {
      area.addEventListener("input", function () {
        area.style.height = "auto";
        area.style.height = area.scrollHeight + "px";
      });
    });
    update();
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-prompt-use]").forEach(setUp);
  });
})();
