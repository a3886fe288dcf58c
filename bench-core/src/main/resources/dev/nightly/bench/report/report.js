/*
 * Nightly benchmark report: draws each chart from the ECharts option embedded next to it.
 * A small report draws every chart at once. A big one (hundreds of series, years of nights) draws a
 * chart when it comes near the viewport, so the page opens at once. `?draw=all` or `#all` in the URL
 * draws everything now and without animation: for screenshots and printing.
 */
(function () {
  'use strict';
  /* Up to this many points over all charts, everything is drawn as the page opens. */
  var EAGER_POINTS = 50000;
  var instances = [];
  var elements = Array.prototype.slice.call(document.querySelectorAll('.chart[data-source]'));
  var forced = /(^|[?&])draw=all(&|$)/.test(location.search) || location.hash === '#all' || location.hash === '#render-all';
  var total = elements.reduce(function (sum, element) {
    return sum + (Number(element.getAttribute('data-points')) || 0);
  }, 0);
  document.documentElement.setAttribute('data-draw', forced ? 'all' : total <= EAGER_POINTS ? 'small' : 'lazy');

  function render(element) {
    if (element.getAttribute('data-state')) {
      return;
    }
    element.setAttribute('data-state', 'rendering');
    var source = document.getElementById(element.getAttribute('data-source'));
    var started = Date.now();
    var chart = echarts.init(element, null, { renderer: 'canvas' });
    var option = JSON.parse(source.textContent);
    if (forced) {
      /* A screenshot is taken when the page is loaded, not when an animation ends. */
      option.animation = false;
    }
    chart.setOption(option);
    instances.push(chart);
    element.setAttribute('data-render-ms', String(Date.now() - started));
    element.setAttribute('data-state', 'rendered');
  }

  window.addEventListener('beforeprint', function () { elements.forEach(render); });

  if (forced || total <= EAGER_POINTS || !('IntersectionObserver' in window)) {
    elements.forEach(render);
  } else {
    /* Charts already in view are drawn at once: an observer may fire late, or never in a headless shot. */
    var eager = window.innerHeight + 300;
    elements.forEach(function (element) {
      if (element.getBoundingClientRect().top < eager) {
        render(element);
      }
    });
    var observer = new IntersectionObserver(function (entries) {
      entries.forEach(function (entry) {
        if (entry.isIntersecting && !entry.target.getAttribute('data-state')) {
          observer.unobserve(entry.target);
          render(entry.target);
        }
      });
    }, { rootMargin: '300px 0px' });
    elements.forEach(function (element) {
      if (!element.getAttribute('data-state')) {
        observer.observe(element);
      }
    });
  }

  var resizing = null;
  window.addEventListener('resize', function () {
    clearTimeout(resizing);
    resizing = setTimeout(function () {
      instances.forEach(function (chart) { chart.resize(); });
    }, 100);
  });

  /* For printing, screenshots and tests: draw every chart now. */
  window.nightlyReport = {
    renderAll: function () {
      elements.forEach(render);
      return instances.length;
    }
  };
})();
