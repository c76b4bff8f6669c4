// Cohorts: the report's check-in chart (data from a json_script element; the table has the numbers) and
// the print button. No inline script under the CSP.
(function () {
  "use strict";
  function draw() {
    var canvas = document.getElementById("cohort-chart");
    var source = document.getElementById("cohort-chart-data");
    if (!canvas || !source || typeof window.Chart === "undefined") return;
    var data = JSON.parse(source.textContent);
    var styles = getComputedStyle(document.documentElement);
    var colour = (styles.getPropertyValue("--primary") || "#4f46e5").trim();
    new window.Chart(canvas, {
      type: "bar",
      data: { labels: data.labels, datasets: [{ label: "Checked in (%)", data: data.rates, backgroundColor: colour }] },
      options: {
        responsive: true, maintainAspectRatio: false, animation: false,
        scales: { y: { beginAtZero: true, max: 100, title: { display: true, text: "% of members" } } },
        plugins: { legend: { display: false } }
      }
    });
  }
  function wirePrint() {
    document.querySelectorAll("[data-print]").forEach(function (button) {
      button.addEventListener("click", function () { window.print(); });
    });
  }
  function start() { draw(); wirePrint(); }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start); else start();
})();
