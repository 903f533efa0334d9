// Draws every chart of the page from its JSON spec with the plotly.js shipped beside this file.
// Charts follow the width of the page (phones, tablets, a projector) and redraw when it changes:
// a grid of panels (Plot.Grid) is laid out with room for every axis, one panel per row on a narrow
// screen. Charts follow the page's colours too: dark when the system is dark, and they switch
// when it switches.
(function () {
  'use strict';
  var NARROW = 640;             // below this width (px) a grid stacks its panels in one column
  var GAP_X = 90, GAP_Y = 110;  // room between panels for tick labels, axis titles and panel titles (px)
  var STACKED_ROW = 340;        // height of one stacked panel (px)
  var PRINT_HEIGHT = 420;       // the tallest a chart is drawn on a printed page (px)
  var darkQuery = window.matchMedia ? window.matchMedia('(prefers-color-scheme: dark)') : null;
  var DARK = { paper: '#1b1d21', plot: '#23262c', font: '#e6e6e6', grid: '#3a3e46', zero: '#5a5f69' };

  function copy(value) { return JSON.parse(JSON.stringify(value)); }
  function axisKey(letter, index) { return letter + 'axis' + (index === 0 ? '' : index + 1); }
  function axisId(letter, index) { return letter + (index === 0 ? '' : index + 1); }

  // Explicit domains for a Plot.Grid: panels in row order, gaps wide enough for their axes.
  function arrangeGrid(layout, width) {
    var grid = layout.meta && layout.meta.descentGrid;
    if (!grid) return false;
    var narrow = width < NARROW && !grid.keepColumns;
    var columns = narrow ? 1 : Math.min(grid.columns, grid.panels);
    var rows = Math.ceil(grid.panels / columns);
    if (narrow) layout.height = rows * STACKED_ROW + 140;
    delete grid.keepColumns;
    var margin = layout.margin || {};
    var plotWidth = Math.max(width - (margin.l || 80) - (margin.r || 80), 100);
    var plotHeight = Math.max(layout.height - (margin.t || 100) - (margin.b || 80), 100);
    var gapX = Math.min(GAP_X / plotWidth, 0.3), gapY = Math.min(GAP_Y / plotHeight, 0.3);
    var cellW = (1 - (columns - 1) * gapX) / columns, cellH = (1 - (rows - 1) * gapY) / rows;
    delete layout.grid;
    for (var k = 0; k < grid.panels; k++) {
      var row = Math.floor(k / columns), column = k % columns;
      var x0 = column * (cellW + gapX), top = 1 - row * (cellH + gapY);
      layout[axisKey('x', k)] = Object.assign({}, layout[axisKey('x', k)], { domain: [x0, x0 + cellW], anchor: axisId('y', k) });
      layout[axisKey('y', k)] = Object.assign({}, layout[axisKey('y', k)], { domain: [top - cellH, top], anchor: axisId('x', k) });
      if (grid.titled && layout.annotations && layout.annotations[k])
        Object.assign(layout.annotations[k], { x: x0 + cellW / 2, y: top, xref: 'paper', yref: 'paper', xanchor: 'center', yanchor: 'bottom' });
    }
    layout.legend = Object.assign({}, layout.legend, { y: -80 / plotHeight, yanchor: 'top' });
    return narrow;
  }

  // The page's dark colours for the chart's background, text, grid and axes.
  function darken(layout, data) {
    layout.paper_bgcolor = DARK.paper;
    layout.plot_bgcolor = DARK.plot;
    layout.font = Object.assign({}, layout.font, { color: DARK.font });
    layout.legend = Object.assign({}, layout.legend, { bgcolor: 'rgba(0,0,0,0)', font: { color: DARK.font } });
    var axes = {};
    data.forEach(function (trace) { axes['x' + (trace.xaxis || 'x').slice(1)] = 1; axes['y' + (trace.yaxis || 'y').slice(1)] = 1; });
    Object.keys(layout).forEach(function (key) { if (/^[xy]axis\d*$/.test(key)) axes[key[0] + key.slice(5)] = 1; });
    Object.keys(axes).forEach(function (axis) {
      var key = axis[0] + 'axis' + axis.slice(1);
      layout[key] = Object.assign({}, layout[key], { gridcolor: DARK.grid, linecolor: DARK.grid, zerolinecolor: DARK.zero });
    });
    (layout.annotations || []).forEach(function (a) { a.font = Object.assign({}, a.font, { color: DARK.font }); });
  }

  function layoutFor(el) {
    var layout = Object.assign(copy(el.descentSpec.layout), { autosize: true });
    delete layout.width;
    if (el.descentFit) fitInto(layout, el.descentFit);
    el.descentNarrow = arrangeGrid(layout, el.clientWidth);
    el.descentDark = !!(darkQuery && darkQuery.matches);
    if (el.descentDark) darken(layout, el.descentSpec.data);
    return layout;
  }

  // A chart on a slide or a printed page: no taller than the room it has, with larger type on a slide.
  function fitInto(layout, fit) {
    if (fit.width) layout.width = fit.width;
    if (fit.height) layout.height = Math.min(layout.height || 460, fit.height);
    if (fit.font) layout.font = Object.assign({}, layout.font, { size: fit.font });
    if (fit.keepColumns && layout.meta && layout.meta.descentGrid) layout.meta.descentGrid.keepColumns = true;
  }

  function draw(el, first) {
    var config = Object.assign({}, el.descentSpec.config, { responsive: true, displaylogo: false });
    var drawing = first ? Plotly.newPlot(el, el.descentSpec.data, layoutFor(el), config)
                        : Plotly.react(el, el.descentSpec.data, layoutFor(el), config);
    return drawing.then(function () {
      el.setAttribute('data-rendered', 'true');
      el.setAttribute('data-theme', el.descentDark ? 'dark' : 'light');
    });
  }

  window.descentBook = { draw: draw };

  document.addEventListener('DOMContentLoaded', function () {
    // On a phone the contents list starts folded, so the chapter starts on the first screen.
    if (window.innerWidth < 1100) document.querySelectorAll('nav.toc details').forEach(function (d) { d.removeAttribute('open'); });
    var charts = Array.prototype.slice.call(document.querySelectorAll('.plotly-chart'));
    var printing = document.body.classList.contains('print');
    var drawn = charts.map(function (el) {
      el.descentSpec = JSON.parse(el.nextElementSibling.textContent);
      // A printed page: charts as wide as the page's text, at most half a page high, panels side by side.
      if (printing) el.descentFit = { width: el.clientWidth, height: PRINT_HEIGHT, keepColumns: true };
      return draw(el, true);
    });
    Promise.all(drawn).then(function () { document.body.setAttribute('data-charts', 'drawn'); });
    if (darkQuery) {
      var follow = function () { charts.forEach(function (el) { draw(el, false); }); };
      if (darkQuery.addEventListener) darkQuery.addEventListener('change', follow); else darkQuery.addListener(follow);
    }
    if (!printing && document.querySelector('main .cell, main section.md') && window.descentSlides) window.descentSlides(charts);
    // A grid is re-laid out when the page crosses the narrow width (a phone turned, a window resized).
    var pending = 0;
    window.addEventListener('resize', function () {
      clearTimeout(pending);
      pending = setTimeout(function () {
        charts.forEach(function (el) {
          var grid = el.descentSpec.layout.meta && el.descentSpec.layout.meta.descentGrid;
          if (grid && (el.clientWidth < NARROW) !== el.descentNarrow) draw(el, false);
        });
      }, 150);
    });
  });
})();
