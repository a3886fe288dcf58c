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
    var option = JSON.parse(source.textContent);
    /* The section heading already names the dataset; the option keeps its title for other pages. */
    option.title = { show: false };
    option.legend.top = 0;
    option.grid.top = 40;
    chart.setOption(option);
    instances.push(chart);
    element.setAttribute('data-render-ms', String(Date.now() - started));
    element.setAttribute('data-state', 'rendered');
  }

  /* Charts already in view are drawn at once; headless screenshots may never see an observer fire. */
  var eager = window.innerHeight + 300;
  elements.forEach(function (element) {
    if (location.hash === '#render-all' || element.getBoundingClientRect().top < eager) {
      render(element);
    }
  });
  window.addEventListener('beforeprint', function () { elements.forEach(render); });

  if ('IntersectionObserver' in window) {
    var observer = new IntersectionObserver(function (entries) {
      entries.forEach(function (entry) {
        if (entry.isIntersecting && !entry.target.getAttribute('data-state')) {
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
