// Survey result charts: bar charts drawn by the vendored Chart.js from data the page carries in a
// json_script block (no inline script under the CSP). Every chart has its numbers in a table below.
(function () {
  "use strict";
  function draw() {
    var source = document.getElementById("survey-charts");
    if (!source || typeof window.Chart === "undefined") return;
    var charts = JSON.parse(source.textContent);
    var styles = getComputedStyle(document.documentElement);
    var colour = styles.getPropertyValue("--primary").trim() || "#4f46e5";
    charts.forEach(function (c) {
      var canvas = document.querySelector('canvas[data-chart="' + c.id + '"]');
      if (!canvas) return;
      new window.Chart(canvas, {
        type: "bar",
        data: { labels: c.labels, datasets: [{ label: "Answers", data: c.counts, backgroundColor: colour, borderRadius: 4 }] },
        options: {
          indexAxis: c.labels.length > 5 && c.labels.some(function (l) { return l.length > 12; }) ? "y" : "x",
          responsive: true,
          maintainAspectRatio: false,
          animation: false,
          plugins: { legend: { display: false } },
          scales: { x: { ticks: { precision: 0 } }, y: { ticks: { precision: 0 }, beginAtZero: true } },
        },
      });
    });
  }
  document.addEventListener("DOMContentLoaded", draw);
})();
