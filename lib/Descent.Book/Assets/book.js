// Draws every chart of the page from its JSON spec with the plotly.js shipped beside this file.
// Charts follow the width of the page (phones, tablets, a projector) and redraw when it changes.
document.addEventListener('DOMContentLoaded', function () {
  // On a phone the contents list starts folded, so the chapter starts on the first screen.
  if (window.innerWidth < 1100) document.querySelectorAll('nav.toc details').forEach(function (d) { d.removeAttribute('open'); });
  var charts = document.querySelectorAll('.plotly-chart');
  charts.forEach(function (el) {
    var spec = JSON.parse(el.nextElementSibling.textContent);
    var layout = Object.assign({}, spec.layout, { autosize: true });
    delete layout.width;
    var config = Object.assign({}, spec.config, { responsive: true, displaylogo: false });
    Plotly.newPlot(el, spec.data, layout, config).then(function () { el.setAttribute('data-rendered', 'true'); });
  });
});
