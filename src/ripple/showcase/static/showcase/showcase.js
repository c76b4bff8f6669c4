// Show & tell: the series chart. Data comes from a json_script element (no inline script under the CSP);
// the same numbers are in the table under the chart.
(function () {
  "use strict";
  function draw() {
    var canvas = document.getElementById("series-chart");
    var source = document.getElementById("series-chart-data");
    if (!canvas || !source || typeof window.Chart === "undefined") return;
    var data = JSON.parse(source.textContent);
    var styles = getComputedStyle(document.documentElement);
    var colour = function (name, fallback) { return (styles.getPropertyValue(name) || fallback).trim(); };
    new window.Chart(canvas, {
      type: "bar",
      data: {
        labels: data.labels,
        datasets: [
          { label: "Demos", data: data.demos, backgroundColor: colour("--primary", "#4f46e5"), stack: "slots" },
          { label: "AI fails", data: data.ai_fails, backgroundColor: colour("--warn", "#b45309"), stack: "slots" },
          { label: "New faces", data: data.new_faces, backgroundColor: colour("--accent", "#0ea5a4"), stack: "faces" },
          { label: "Average attendance", data: data.attendance, type: "line", yAxisID: "people",
            borderColor: colour("--ok", "#15803d"), backgroundColor: colour("--ok", "#15803d"), tension: 0.3 }
        ]
      },
      options: {
        responsive: true, maintainAspectRatio: false, animation: false,
        interaction: { mode: "index", intersect: false },
        scales: {
          y: { beginAtZero: true, stacked: true, title: { display: true, text: "Slots" }, ticks: { precision: 0 } },
          people: { beginAtZero: true, position: "right", grid: { drawOnChartArea: false }, title: { display: true, text: "People" } },
          x: { stacked: true }
        },
        plugins: { legend: { position: "bottom" } }
      }
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", draw); else draw();
})();
