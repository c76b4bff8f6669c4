// My calibration: mean score per confidence band beside the stated confidence, drawn by the vendored
// Chart.js from the page's json_script block (no inline script under the CSP); numbers in the table.
(function () {
  "use strict";
  function draw() {
    var source = document.getElementById("calibration-chart");
    var canvas = document.getElementById("calibration-canvas");
    if (!source || !canvas || typeof window.Chart === "undefined") return;
    var c = JSON.parse(source.textContent);
    var styles = getComputedStyle(document.documentElement);
    var primary = styles.getPropertyValue("--primary").trim() || "#4f46e5";
    var muted = styles.getPropertyValue("--border").trim() || "#cbd5e1";
    new window.Chart(canvas, {
      type: "bar",
      data: {
        labels: c.labels,
        datasets: [
          { label: "Stated confidence", data: c.confidence, backgroundColor: muted, borderRadius: 4 },
          { label: "Actual score", data: c.score, backgroundColor: primary, borderRadius: 4 },
        ],
      },
      options: {
        responsive: true, maintainAspectRatio: false, animation: false,
        scales: { y: { beginAtZero: true, max: 100, ticks: { callback: function (v) { return v + "%"; } } } },
      },
    });
  }
  document.addEventListener("DOMContentLoaded", draw);
})();
