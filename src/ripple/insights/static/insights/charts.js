// Insights charts: drawn by the vendored Chart.js from the JSON the page carries
// (<script type="application/json" id="insights-charts">), never inline script. Every chart has its
// numbers in a table beside it; series differ by pattern (dashes, point shapes) as well as colour.
(function () {
  "use strict";
  var COLOURS = ["#4f46e5", "#0891b2", "#d97706", "#9ca3af", "#16a34a", "#db2777"];
  var DASHES = [[], [6, 4], [2, 3], [10, 3, 2, 3]];
  var POINTS = ["circle", "rect", "triangle", "crossRot"];
  function draw() {
    var source = document.getElementById("insights-charts");
    if (!source || typeof window.Chart === "undefined") return;
    var charts = JSON.parse(source.textContent);
    Object.keys(charts).forEach(function (id) {
      var c = charts[id];
      var canvas = document.querySelector('canvas[data-chart="' + id + '"]');
      if (!canvas) return;
      var line = c.type === "line";
      var datasets = c.series.map(function (s, i) {
        var colour = COLOURS[i % COLOURS.length];
        return {
          label: s.label, data: s.data, borderColor: colour, backgroundColor: colour,
          borderDash: line ? DASHES[i % DASHES.length] : undefined,
          pointStyle: POINTS[i % POINTS.length], pointRadius: line ? 4 : undefined,
          borderWidth: line ? 2 : 1, fill: false,
        };
      });
      new window.Chart(canvas, {
        type: c.type,
        data: { labels: c.labels, datasets: datasets },
        options: {
          responsive: true, maintainAspectRatio: false, animation: false,
          plugins: { legend: { display: true, labels: { usePointStyle: true } } },
          scales: {
            x: { stacked: !!c.stacked },
            y: { stacked: !!c.stacked, beginAtZero: true, ticks: { precision: 0 } },
          },
        },
      });
    });
  }
  function printButtons() {
    document.querySelectorAll("[data-print]").forEach(function (b) {
      b.addEventListener("click", function () { window.print(); });
    });
  }
  document.addEventListener("DOMContentLoaded", function () { draw(); printButtons(); });
})();
