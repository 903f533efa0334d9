// Slide mode for a chapter page, for a study group around a projector: the button "Slides" (or the key S,
// or a link ending in #slides) shows the chapter one section or block at a time, in large type, each
// slide filling the screen. → ↓ PageDown Space and a swipe to the left go on; ← ↑ PageUp and a swipe to
// the right go back; Home and End jump; Esc (or the button) returns to the page. A markdown cell is one
// slide if it fits, else it is split between its paragraphs, formulas, tables and lists (a heading stays
// with what follows it); a code cell's code and its outputs share a slide when they fit. A block that is
// still too large is scaled down to fit (code, tables), or drawn smaller (charts), so nothing is cut off
// and nothing scrolls. No network, no inline script: it runs within the page's Content-Security-Policy.
(function () {
  'use strict';
  var MIN_ZOOM = 0.3;

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

  // Scale down what is too wide or too tall for the slide: charts are redrawn smaller, other blocks zoomed.
  function fit(slide, room) {
    var charts = slide.querySelectorAll('.plotly-chart');
    Array.prototype.forEach.call(charts, function (el) {
      var others = slide.scrollHeight - el.offsetHeight;
      el.descentFit = { height: Math.max(room.height - others - 8, 220), font: room.font, keepColumns: true };
      el.style.minHeight = '0';
    });
    Array.prototype.forEach.call(slide.querySelectorAll('pre, table, .math-display, .out.html'), function (box) {
      if (box.scrollWidth > box.clientWidth + 1) box.style.zoom = Math.max(box.clientWidth / box.scrollWidth, MIN_ZOOM);
    });
    var content = slide.firstElementChild;
    if (!charts.length && overflows(slide)) {
      var zoom = Math.max(Math.min(slide.clientHeight / slide.scrollHeight, 1) * 0.98, MIN_ZOOM);
      content.style.zoom = zoom;
      while (overflows(slide) && zoom > MIN_ZOOM) content.style.zoom = zoom = Math.max(zoom * 0.95, MIN_ZOOM);
    }
  }

  window.descentSlides = function (charts) {
    var main = document.querySelector('main');
    var header = document.querySelector('header.site');
    var button = document.createElement('button');
    button.type = 'button';
    button.className = 'slides-toggle';
    button.textContent = 'Slides';
    button.title = 'Show this chapter as slides (S); Esc returns to the page';
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
        // Drawn, a chart may still be a little too tall for what shares its slide: shrink it by that much.
        var charts = slide.querySelectorAll('.plotly-chart'), excess = slide.scrollHeight - slide.clientHeight;
        if (excess <= 0 || !charts.length) return null;
        return Promise.all(Array.prototype.map.call(charts, function (el) {
          el.descentFit.height = Math.max(el.descentFit.height - Math.ceil(excess / charts.length) - 4, 160);
          return window.descentBook.draw(el, false);
        }));
      }).then(function () { if (shown === current) deck.setAttribute('data-ready', String(current + 1)); });
    }

    function build(start) {
      document.body.classList.add('slides');
      deck = document.createElement('div');
      deck.className = 'deck';
      deck.setAttribute('role', 'region');
      deck.setAttribute('aria-label', 'Slides');
      var bar = document.createElement('div');
      bar.className = 'slide-bar';
      bar.innerHTML = '<span class="slide-count"></span><span class="slide-hint">← → or swipe</span>' +
        '<button type="button" class="slides-exit" title="Esc">Back to the page</button>';
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
