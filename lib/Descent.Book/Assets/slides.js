// Slide mode for a chapter page, for a study group around a projector: the button "Slides" (or the key S,
// or a link ending in #slides) shows the chapter one section or block at a time, in large type, each
// slide filling the screen. → ↓ PageDown Space and a swipe to the left go on; ← ↑ PageUp and a swipe to
// the right go back; Home and End jump; Esc (or the button) returns to the page. A markdown cell is one
// slide if it fits, else it is split between its paragraphs, formulas, tables and lists (a heading stays
// with what follows it); a code cell's code and its outputs share a slide when they fit. A table or a list
// too long for one slide continues on the next ones (a table repeats its header). What is still too wide
// (code, a table, a formula) is scaled down to the slide's width; what is still too tall is scaled down as a
// whole, or, beside a chart, the chart takes the room the rest leaves and the rest is scaled down when the
// chart would be smaller than MIN_CHART: nothing is cut off and nothing scrolls, whatever the length of the
// text (a translation, a projector's size). No network, no inline script: it runs within the page's
// Content-Security-Policy.
(function () {
  'use strict';
  var MIN_ZOOM = 0.3;      // the smallest a block is scaled
  var MIN_CHART = 220;     // the smallest a chart is drawn on a slide before the text beside it is scaled (px)
  var WIDE = 'pre, table, .math-display, .math-long, .out.html';

  function blocksOf(main) {
    // [[element, …], …]: the groups that may share a slide (one markdown cell, one code cell).
    var groups = [];
    Array.prototype.forEach.call(main.children, function (child) {
      if (child.matches('section.md')) {
        var blocks = [], pending = [];
        Array.prototype.forEach.call(child.children, function (block) {
          pending.push(block);
          if (!/^H[1-6]$/.test(block.tagName)) { blocks.push(pending); pending = []; }
        });
        if (pending.length) blocks.push(pending);
        if (blocks.length) groups.push(blocks);
      } else if (child.matches('div.cell')) {
        var parts = [[child.querySelector('.code')]];
        var outputs = child.querySelector('.outputs');
        if (outputs) Array.prototype.forEach.call(outputs.children, function (o) { parts.push([o]); });
        groups.push(parts.filter(function (p) { return p[0]; }));
      } else if (child.matches('p.source')) {
        groups.push([[child]]);
      }
    });
    return groups;
  }

  function overflows(slide) {
    return slide.scrollHeight > slide.clientHeight + 1 || slide.scrollWidth > slide.clientWidth + 1;
  }

  function tooTall(slide) {
    return slide.scrollHeight > slide.clientHeight + 1;
  }

  // A table (by rows, its header repeated) or a list (by items, numbering kept) too tall for the slide it
  // starts on continues on new slides; returns the slide it ends on.
  function split(el, slide, newSlide) {
    var rows, make;
    if (el.tagName === 'TABLE' && el.tBodies.length === 1 && el.tBodies[0].rows.length > 1) {
      rows = Array.prototype.slice.call(el.tBodies[0].rows);
      make = function () {
        var table = el.cloneNode(false);
        if (el.tHead) table.appendChild(el.tHead.cloneNode(true));
        return { box: table, body: table.appendChild(document.createElement('tbody')) };
      };
    } else if ((el.tagName === 'UL' || el.tagName === 'OL') && el.children.length > 1) {
      rows = Array.prototype.slice.call(el.children);
      var first = el.tagName === 'OL' ? parseInt(el.getAttribute('start') || '1', 10) : 1;
      make = function (done) {
        var list = el.cloneNode(false);
        if (el.tagName === 'OL') list.setAttribute('start', String(first + done));
        return { box: list, body: list };
      };
    } else {
      return slide;
    }
    var part = make(0);
    el.parentNode.replaceChild(part.box, el);
    rows.forEach(function (row, done) {
      part.body.appendChild(row);
      if (part.body.children.length > 1 && tooTall(slide)) {
        part.body.removeChild(row);
        slide = newSlide();
        part = make(done);
        slide.firstElementChild.appendChild(part.box);
        part.body.appendChild(row);
      }
    });
    return slide;
  }

  // An element's zoom is the product of the one that fits its width and the one that fits the slide's height.
  function zoom(el, kind, value) {
    el['descentZoom' + kind] = value;
    var total = (el.descentZoomWidth || 1) * (el.descentZoomHeight || 1);
    el.style.zoom = total === 1 ? '' : String(total);
  }

  // Scales the blocks down, all by the same factor, until the slide is tall enough for them (or MIN_ZOOM).
  function shrink(slide, blocks) {
    var factor = blocks.length ? blocks[0].descentZoomHeight || 1 : 1;
    while (blocks.length && tooTall(slide) && factor > MIN_ZOOM) {
      factor = Math.max(factor * Math.min(slide.clientHeight / slide.scrollHeight, 0.95), MIN_ZOOM);
      blocks.forEach(function (b) { zoom(b, 'Height', factor); });
    }
  }

  // The blocks of a slide without a chart in them (the text, code and tables beside the charts).
  function textBlocks(slide) {
    return Array.prototype.filter.call(slide.firstElementChild.children, function (block) {
      return !block.matches('.plotly-chart') && !block.querySelector('.plotly-chart');
    });
  }

  // Scales down what is too wide, then what is too tall: without a chart the whole slide's content; with
  // charts, each chart gets an equal share of the height the rest leaves, at least MIN_CHART (the rest is
  // scaled down for that), and is redrawn at that height when its slide shows.
  function fit(slide, room) {
    Array.prototype.forEach.call(slide.querySelectorAll(WIDE), function (box) {
      // Scaled content does not always narrow in proportion (rounding, MathML): measured again until it fits.
      var factor = 1;
      while (box.scrollWidth > box.clientWidth + 1 && factor > MIN_ZOOM) {
        factor = Math.max(factor * Math.min(box.clientWidth / box.scrollWidth, 0.99), MIN_ZOOM);
        zoom(box, 'Width', factor);
      }
    });
    var content = slide.firstElementChild;
    var charts = Array.prototype.slice.call(slide.querySelectorAll('.plotly-chart'));
    if (!charts.length) { shrink(slide, [content]); return; }
    // Measured with every chart at MIN_CHART (cut to it while measuring), the rest is scaled down until it fits.
    charts.forEach(function (el) { el.style.minHeight = '0'; el.style.height = MIN_CHART + 'px'; el.style.overflow = 'hidden'; });
    shrink(slide, textBlocks(slide));
    var style = getComputedStyle(slide);
    var inner = slide.clientHeight - parseFloat(style.paddingTop) - parseFloat(style.paddingBottom);
    var spare = Math.max(Math.floor((inner - content.getBoundingClientRect().height) / charts.length) - 2, 0);
    charts.forEach(function (el) {
      el.style.height = '';
      el.style.overflow = '';
      el.descentFit = { height: MIN_CHART + spare, font: room.font, keepColumns: true };
    });
  }

  // The deck's own words, in the page's language (the Korean edition's pages are lang="ko").
  var WORDS = {
    en: { slides: 'Slides', show: 'Show this chapter as slides (S); Esc returns to the page', hint: '← → or swipe',
          back: 'Back to the page' },
    ko: { slides: '슬라이드', show: '이 장을 슬라이드로 보기 (S), Esc를 누르면 페이지로 돌아온다', hint: '← → 또는 스와이프',
          back: '페이지로 돌아가기' }
  };
  var words = WORDS[document.documentElement.lang] || WORDS.en;

  window.descentSlides = function (charts) {
    var main = document.querySelector('main');
    var header = document.querySelector('header.site');
    var button = document.createElement('button');
    button.type = 'button';
    button.className = 'slides-toggle';
    button.textContent = words.slides;
    button.title = words.show;
    header.appendChild(button);

    var deck = null, slides = [], current = 0;

    function show(index) {
      current = Math.max(0, Math.min(index, slides.length - 1));
      slides.forEach(function (s, i) { s.hidden = i !== current; });
      deck.querySelector('.slide-count').textContent = (current + 1) + ' / ' + slides.length;
      deck.setAttribute('data-current', String(current + 1));
      if (history.replaceState) history.replaceState(null, '', '#slides/' + (current + 1));
      // A chart drawn while hidden, or at the page's size, is drawn again now that its slide shows.
      var shown = current, drawing = [];
      deck.removeAttribute('data-ready');
      Array.prototype.forEach.call(slides[current].querySelectorAll('.plotly-chart'), function (el) {
        if (el.descentSlideDrawn !== el.clientWidth) { el.descentSlideDrawn = el.clientWidth; drawing.push(window.descentBook.draw(el, false)); }
      });
      var slide = slides[current];
      Promise.all(drawing).then(function () {
        // Drawn, a chart may still be a little too tall for what shares its slide (its legend, a title broken
        // over lines): it is drawn smaller by that much, down to MIN_CHART, and then the text beside it is scaled.
        var charts = slide.querySelectorAll('.plotly-chart'), excess = slide.scrollHeight - slide.clientHeight;
        if (excess <= 0 || !charts.length) return null;
        return Promise.all(Array.prototype.map.call(charts, function (el) {
          var height = Math.max(Math.min(el.descentFit.height, el.offsetHeight) - Math.ceil(excess / charts.length) - 4, MIN_CHART);
          if (height === el.descentFit.height) return null;
          el.descentFit.height = height;
          return window.descentBook.draw(el, false);
        }));
      }).then(function () {
        if (tooTall(slide)) shrink(slide, textBlocks(slide));
        if (tooTall(slide)) shrink(slide, [slide.firstElementChild]);
        if (shown === current) deck.setAttribute('data-ready', String(current + 1));
      });
    }

    function build(start) {
      document.body.classList.add('slides');
      deck = document.createElement('div');
      deck.className = 'deck';
      deck.setAttribute('role', 'region');
      deck.setAttribute('aria-label', words.slides);
      var bar = document.createElement('div');
      bar.className = 'slide-bar';
      bar.innerHTML = '<span class="slide-count"></span><span class="slide-hint">' + words.hint + '</span>' +
        '<button type="button" class="slides-exit" title="Esc">' + words.back + '</button>';
      bar.querySelector('.slides-exit').addEventListener('click', leave);
      var stage = document.createElement('div');
      stage.className = 'slide-stage';
      deck.appendChild(stage);
      deck.appendChild(bar);
      document.body.appendChild(deck);
      var font = Math.round(parseFloat(getComputedStyle(stage).fontSize) * 0.6);

      function newSlide() {
        var slide = document.createElement('section');
        slide.className = 'slide';
        var content = document.createElement('div');
        content.className = 'slide-content';
        slide.appendChild(content);
        stage.appendChild(slide);
        slides.push(slide);
        return slide;
      }
      blocksOf(main).forEach(function (group) {
        var slide = newSlide();
        group.forEach(function (block) {
          var content = slide.firstElementChild;
          var wasEmpty = !content.children.length;
          block.forEach(function (el) { content.appendChild(el); });
          if (!wasEmpty && overflows(slide)) {
            slide = newSlide();
            block.forEach(function (el) { slide.firstElementChild.appendChild(el); });
          }
          if (tooTall(slide)) slide = split(block[block.length - 1], slide, newSlide);
        });
      });
      slides.forEach(function (slide) {
        slides.forEach(function (s) { s.hidden = s !== slide; });
        fit(slide, { height: slide.clientHeight, font: font });
      });
      main.hidden = true;
      show(start);
      document.body.setAttribute('data-slides', String(slides.length));
    }

    function leave() {
      // The page is rebuilt as it was (the blocks moved into the slides go back where they were).
      if (history.replaceState) history.replaceState(null, '', location.pathname);
      location.reload();
    }

    function requested() {
      var m = /^#slides(?:\/(\d+))?$/.exec(location.hash);
      return m ? Math.max(parseInt(m[1] || '1', 10) - 1, 0) : -1;
    }

    button.addEventListener('click', function () { if (deck) leave(); else build(0); });
    document.addEventListener('keydown', function (e) {
      if (e.altKey || e.ctrlKey || e.metaKey) return;
      if (!deck) { if (e.key === 's' || e.key === 'S') { if (!/INPUT|TEXTAREA/.test(e.target.tagName)) build(0); } return; }
      var moves = { ArrowRight: 1, ArrowDown: 1, PageDown: 1, ' ': 1, ArrowLeft: -1, ArrowUp: -1, PageUp: -1 };
      if (e.key in moves) { show(current + moves[e.key]); e.preventDefault(); }
      else if (e.key === 'Home') { show(0); e.preventDefault(); }
      else if (e.key === 'End') { show(slides.length - 1); e.preventDefault(); }
      else if (e.key === 'Escape') leave();
    });
    var touch = null;
    document.addEventListener('touchstart', function (e) {
      // A touch that starts on a chart belongs to the chart (zoom, its slider).
      touch = deck && e.touches.length === 1 && !e.target.closest('.plotly-chart')
        ? { x: e.touches[0].clientX, y: e.touches[0].clientY } : null;
    }, { passive: true });
    document.addEventListener('touchend', function (e) {
      if (!touch || !deck) return;
      var dx = e.changedTouches[0].clientX - touch.x, dy = e.changedTouches[0].clientY - touch.y;
      touch = null;
      if (Math.abs(dx) > 50 && Math.abs(dx) > 1.5 * Math.abs(dy)) show(current + (dx < 0 ? 1 : -1));
    });
    if (requested() >= 0) build(requested());
    void charts;
  };
})();
