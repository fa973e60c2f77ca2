// Draws every chart of the page live with the vendored vegaEmbed (see fpclib/charts.py).
// Each .fpc-chart holds a static SVG, an empty .fpc-chart-live box and its Vega-Lite spec as JSON;
// once the live view has drawn, the static SVG is hidden. A chart that fails logs an error and keeps its SVG.
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll(".fpc-chart").forEach(function (chart) {
    if (typeof window.vegaEmbed !== "function") {
      chart.classList.add("fpc-chart-failed");
      console.error("fpc-chart: vegaEmbed is not loaded (is _static/vega/vega-bundle.js missing?)");
      return;
    }
    var spec = JSON.parse(chart.querySelector("script.fpc-chart-spec").textContent);
    var live = chart.querySelector(".fpc-chart-live");
    window
      .vegaEmbed(live, spec, { renderer: "svg", actions: false })
      .then(function () {
        chart.classList.add("fpc-chart-drawn");
      })
      .catch(function (error) {
        chart.classList.add("fpc-chart-failed");
        console.error("fpc-chart: could not draw chart:", error);
      });
  });
});
