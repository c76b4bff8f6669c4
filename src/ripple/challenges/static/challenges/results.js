// Votes per entry after voting closes: a bar chart drawn by the vendored Chart.js from the page's
// json_script block (no inline script under the CSP). The numbers are in the table below it.
(function () {
  "use strict";
  function draw() {
    var source = document.getElementById("challenge-chart");
    var canvas = document.querySelector('canvas[data-chart="votes"]');
    if (!source || !canvas || typeof window.Chart === "undefined") return;
    var data = JSON.parse(source.textContent);
    canvas.parentNode.style.height = Math.max(200, data.labels.length * 28 + 40) + "px"; // a bar per entry
    var colour = getComputedStyle(document.documentElement).getPropertyValue("--primary").trim() || "#4f46e5";
    new window.Chart(canvas, {
      type: "bar",
      data: { labels: data.labels, datasets: [{ label: "Votes", data: data.votes, backgroundColor: colour, borderRadius: 4 }] },
      options: {
        indexAxis: "y",
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        plugins: { legend: { display: false } },
        scales: { x: { ticks: { precision: 0 }, beginAtZero: true } },
      },
    });
  }
  document.addEventListener("DOMContentLoaded", draw);
})();
