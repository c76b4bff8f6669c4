// Admin people list: a "select all" box ticks every row's box; the bulk bar says how many are chosen.
(function () {
  "use strict";
  function setup() {
    document.querySelectorAll("[data-select-all]").forEach(function (all) {
      var form = all.form || document;
      var boxes = function () { return form.querySelectorAll('input[type=checkbox][name="' + all.getAttribute("data-select-all") + '"]'); };
      var counter = document.querySelector("[data-selected-count]");
      function update() {
        var list = Array.prototype.slice.call(boxes());
        var ticked = list.filter(function (b) { return b.checked; }).length;
        all.checked = ticked > 0 && ticked === list.length;
        all.indeterminate = ticked > 0 && ticked < list.length;
        if (counter) { counter.textContent = ticked ? ticked + " selected" : "None selected"; }
      }
      all.addEventListener("change", function () {
        boxes().forEach(function (b) { b.checked = all.checked; });
        update();
      });
      boxes().forEach(function (b) { b.addEventListener("change", update); });
      update();
    });
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", setup); } else { setup(); }
})();
