/*
 * Nightly benchmark report: draws each dataset's chart from the ECharts option embedded next to it.
 * Charts are drawn when they come near the viewport, so a report of hundreds of series opens at once.
 */
(function () {
  'use strict';
  var instances = [];
  var elements = Array.prototype.slice.call(document.querySelectorAll('.chart[data-source]'));

  function render(element) {
    if (element.getAttribute('data-state')) {
      return;
    }
    element.setAttribute('data-state', 'rendering');
    var source = document.getElementById(element.getAttribute('data-source'));
    var started = Date.now();
    var chart = echarts.init(element, null, { renderer: 'canvas' });
    chart.setOption(JSON.parse(source.textContent));
    instances.push(chart);
    element.setAttribute('data-render-ms', String(Date.now() - started));
    element.setAttribute('data-state', 'rendered');
  }

  if ('IntersectionObserver' in window) {
    var observer = new IntersectionObserver(function (entries) {
      entries.forEach(function (entry) {
        if (entry.isIntersecting) {
          observer.unobserve(entry.target);
          render(entry.target);
        }
      });
    }, { rootMargin: '300px 0px' });
    elements.forEach(function (element) { observer.observe(element); });
  } else {
    elements.forEach(render);
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
