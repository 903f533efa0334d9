// Draws every chart of the page from its JSON spec with the plotly.js shipped beside this file.
// Charts follow the width of the page (phones, tablets, a projector) and redraw when it changes:
// a grid of panels (Plot.Grid) is laid out with room for every axis, one panel per row on a narrow
// screen. Charts follow the page's colours too: dark when the system is dark, and they switch
// when it switches. A title too long for the chart's width (a phone, a printed page, the larger type of a
// slide, a translation) is broken over lines, with room made for them above the plot, instead of being cut
// off at the chart's edge.
(function () {
  'use strict';
  var NARROW = 640;             // below this width (px) a grid stacks its panels in one column
  var GAP_X = 90, GAP_Y = 110;  // room between panels for tick labels, axis titles and panel titles (px)
  var STACKED_ROW = 340;        // height of one stacked panel (px)
  var PRINT_HEIGHT = 420;       // the tallest a chart is drawn on a printed page (px)
  var TITLE_PAD = 12;           // room kept free between a title and the chart's edge (px)
  var LINE_SPACING = 1.3;       // plotly.js's distance between the lines of a text, in font sizes
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

  var canvas = null;
  function textWidth(text, font) {
    canvas = canvas || document.createElement('canvas').getContext('2d');
    canvas.font = font.size + 'px ' + font.family;
    return canvas.measureText(text.replace(/<[^>]*>/g, '')).width;
  }

  // A title as lines no wider than `room` px (joined by <br>): broken between words, and inside a word only
  // when that word alone is wider (a long run of text without spaces).
  function wrapText(text, font, room) {
    var lines = [];
    String(text).split(/<br\s*\/?>/i).forEach(function (line) {
      var current = '';
      (line.match(/(?:<[^>]*>|[^\s<])+/g) || []).forEach(function (word) {
        var tried = current ? current + ' ' + word : word;
        if (textWidth(tried, font) <= room) { current = tried; return; }
        if (current) lines.push(current);
        current = word;
        var chars = Array.from(current);
        while (!/</.test(current) && chars.length > 1 && textWidth(current, font) > room) {
          var cut = chars.length - 1;
          while (cut > 1 && textWidth(chars.slice(0, cut).join(''), font) > room) cut--;
          lines.push(chars.slice(0, cut).join(''));
          chars = chars.slice(cut);
          current = chars.join('');
        }
      });
      lines.push(current);
    });
    return lines;
  }

  // The chart's titles (its own and, for an explorable, each slider step's) broken to fit the width and type
  // the chart was just drawn with; null when every title fits on one line.
  function titleWrap(el) {
    var full = el._fullLayout, spec = el.descentSpec.layout;
    var title = spec.title && typeof spec.title === 'object' ? spec.title.text : spec.title;
    if (!full || !full.title || typeof title !== 'string' || !title.trim()) return null;
    var texts = [title];
    (spec.sliders || []).forEach(function (slider) {
      (slider.steps || []).forEach(function (step) {
        var change = step.args && step.args[1];
        if (change && typeof change['title.text'] === 'string') texts.push(change['title.text']);
      });
    });
    var t = full.title, font = t.font, width = full.width;
    var x = t.xref === 'paper' ? full._size.l + t.x * full._size.w : t.x * width;
    var anchor = t.xanchor !== 'auto' ? t.xanchor : t.x < 1 / 3 ? 'left' : t.x > 2 / 3 ? 'right' : 'center';
    var room = (anchor === 'left' ? width - x : anchor === 'right' ? x : 2 * Math.min(x, width - x)) - TITLE_PAD;
    var wrapped = {}, lines = 1;
    room = Math.max(room, 4 * font.size);
    texts.forEach(function (text) {
      var broken = wrapText(text, font, room);
      // Lines of even length: the narrowest room that needs no more lines.
      for (var low = room / broken.length, high = room, i = 0; broken.length > 1 && i < 8; i++) {
        var middle = (low + high) / 2;
        if (wrapText(text, font, middle).length > broken.length) low = middle; else high = middle;
      }
      if (broken.length > 1) broken = wrapText(text, font, high);
      wrapped[text] = broken.join('<br>');
      lines = Math.max(lines, broken.length);
    });
    return lines === 1 ? null : { texts: wrapped, lines: lines, size: font.size, height: full.height };
  }

  // Broken titles: the first line where plotly.js puts a title of one line (centred in the top margin), the
  // others below it, and the top margin taller by the lines they add, so the plot moves down.
  function applyTitleWrap(layout, wrap) {
    var title = typeof layout.title === 'object' ? layout.title : { text: layout.title };
    var top = layout.margin && typeof layout.margin.t === 'number' ? layout.margin.t : 100;
    layout.title = Object.assign({}, title, { text: wrap.texts[title.text] || title.text });
    if (title.y === undefined || title.y === 'auto')
      Object.assign(layout.title, { yref: 'container', y: 1 - top / 2 / (layout.height || wrap.height), yanchor: 'middle' });
    layout.margin = Object.assign({}, layout.margin, { t: top + (wrap.lines - 1) * wrap.size * LINE_SPACING });
    (layout.sliders || []).forEach(function (slider) {
      (slider.steps || []).forEach(function (step) {
        var change = step.args && step.args[1];
        if (change && typeof change['title.text'] === 'string' && wrap.texts[change['title.text']])
          change['title.text'] = wrap.texts[change['title.text']];
      });
    });
  }

  function layoutFor(el) {
    var layout = Object.assign(copy(el.descentSpec.layout), { autosize: true });
    delete layout.width;
    if (el.descentFit) fitInto(layout, el.descentFit);
    if (el.descentTitles) applyTitleWrap(layout, el.descentTitles);
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
      // Drawn, the chart's width and title type are known: a title that does not fit is broken, and drawn again.
      if (retitle(el)) return Plotly.react(el, el.descentSpec.data, layoutFor(el), config);
      return null;
    }).then(function () {
      el.setAttribute('data-rendered', 'true');
      el.setAttribute('data-theme', el.descentDark ? 'dark' : 'light');
    });
  }

  // Whether the titles must be broken otherwise than they were drawn (then the chart is drawn again).
  function retitle(el) {
    // The room for a title depends on the chart's width and type only, not on the titles drawn.
    var saved = el.descentTitles || null, wrap = titleWrap(el);
    el.descentTitles = wrap;
    return JSON.stringify(wrap) !== JSON.stringify(saved);
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
          if ((grid && (el.clientWidth < NARROW) !== el.descentNarrow) || retitle(el)) draw(el, false);
        });
      }, 150);
    });
  });
})();
