// Conversation radar: the weekly chart (data from a json_script element; the same numbers are in the
// table under it) and the upload's progress bar (the file is sent with XHR so its progress shows; the
// server answers with the import's status page, which then polls itself with HTMX).
(function () {
  "use strict";
  var palette = ["#4f46e5", "#0ea5a4", "#b45309", "#be185d", "#15803d", "#7c3aed"];
  function draw() {
    var canvas = document.getElementById("radar-chart");
    var source = document.getElementById("radar-chart-data");
    if (!canvas || !source || typeof window.Chart === "undefined") return;
    var data = JSON.parse(source.textContent);
    new window.Chart(canvas, {
      type: "line",
      data: {
        labels: data.labels,
        datasets: data.series.map(function (s, i) {
          return { label: s.label, data: s.data, borderColor: palette[i % palette.length],
                   backgroundColor: palette[i % palette.length], tension: 0.25 };
        })
      },
      options: {
        responsive: true, maintainAspectRatio: false, animation: false,
        interaction: { mode: "index", intersect: false },
        scales: { y: { beginAtZero: true, ticks: { precision: 0 }, title: { display: true, text: "AI messages" } } },
        plugins: { legend: { position: "bottom" } }
      }
    });
  }
  function upload() {
    var form = document.getElementById("radar-upload");
    if (!form || typeof window.FormData === "undefined") return;
    form.addEventListener("submit", function (event) {
      var bar = document.getElementById("upload-progress");
      var label = document.getElementById("upload-label");
      event.preventDefault();
      var xhr = new XMLHttpRequest();
      xhr.open("POST", form.action);
      xhr.setRequestHeader("X-Requested-With", "upload.js");
      bar.hidden = false; label.hidden = false;
      xhr.upload.addEventListener("progress", function (e) {
        if (e.lengthComputable) { bar.value = Math.round(100 * e.loaded / e.total); label.textContent = "Uploading: " + bar.value + "%"; }
      });
      xhr.addEventListener("load", function () {
        if (xhr.status === 201) { window.location.assign(JSON.parse(xhr.responseText).url); return; }
        document.open(); document.write(xhr.responseText); document.close();
      });
      xhr.addEventListener("error", function () { label.textContent = "The upload failed; check your connection and try again."; });
      xhr.send(new FormData(form));
    });
  }
  function ready() { draw(); upload(); }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", ready); else ready();
})();
