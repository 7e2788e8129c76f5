// Draw every Vega-Lite chart a page embeds as inert JSON (<script type="application/json">).
// Runs under the strict CSP: Vega's expression interpreter instead of generated code
// (ast: true), no injected style sheets (defaultStyle: false, tooltip style in style.css).
// Tooltips escape their text (vega-tooltip's sanitize), so report text stays text.
(function () {
  "use strict";
  var OPTIONS = {
    renderer: "svg",
    actions: false,
    ast: true,
    defaultStyle: false,
    tooltip: { disableDefaultStyle: true, theme: "light" },
  };

  function draw(holder) {
    var source = document.getElementById(holder.getAttribute("data-spec"));
    if (!source || typeof vegaEmbed !== "function") return;
    var spec = JSON.parse(source.textContent);
    // Fit the chart to its column: the spec's width is the widest it should get.
    var room = holder.clientWidth || spec.width;
    spec.width = Math.max(240, Math.min(spec.width, room));
    // A chart with a height per row (the timeline) keeps it; others fit the column.
    if (typeof spec.height !== "object") spec.autosize = { type: "fit-x", contains: "padding" };
    holder.textContent = "";
    vegaEmbed(holder, spec, OPTIONS)
      .then(function () { holder.classList.add("drawn"); })
      .catch(function (error) {
        holder.textContent = "The chart could not be drawn (" + error.message + "); the table lists every figure.";
      });
  }

  document.querySelectorAll("[data-chart]").forEach(draw);
})();
