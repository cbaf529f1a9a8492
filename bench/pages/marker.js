// The bench's own probe, loaded as a classic script before the widget (its work is attributed
// to this file, never to the widget's). It records layout shifts and long tasks from the
// start, and marks `bench:prompt-visible` (a User Timing mark, also in the trace) in the first
// animation frame in which the prompt's question is in the DOM, i.e. the first frame that
// paints it. Then it waits for that paint and a little more, and publishes window.__bench.
(() => {
  const visible = document.currentScript.dataset.visible;
  const SETTLE_MS = 300;
  const shifts = [];
  const longTasks = [];
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      shifts.push({ value: entry.value, recent: entry.hadRecentInput, at: entry.startTime });
    }
  }).observe({ type: 'layout-shift', buffered: true });
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) longTasks.push({ at: entry.startTime, ms: entry.duration });
  }).observe({ type: 'longtask', buffered: true });

  const QUESTION = 'Do you welcome this change?';
  const probes = {
    // The question in a shadow root: <legend> for Welcomed and the floors.
    legend: () => {
      for (const host of document.querySelectorAll('welcomed-prompt, vanilla-prompt, lit-prompt, lit-localize-prompt')) {
        const legend = host.shadowRoot?.querySelector('legend');
        if (legend?.textContent.includes(QUESTION)) return true;
      }
      return false;
    },
    // Sentry's floating trigger button, labelled with the question.
    sentry: () =>
      Boolean(document.getElementById('sentry-feedback')?.shadowRoot?.querySelector('.widget__actor')?.textContent.includes(QUESTION)),
    // The page without a widget: visible once loaded.
    none: () => document.readyState === 'complete',
  };
  const probe = probes[visible];

  const finish = (visibleAt) => {
    const host = document.querySelector('welcomed-prompt, vanilla-prompt, lit-prompt, lit-localize-prompt');
    const rootFontSize = parseFloat(getComputedStyle(document.documentElement).fontSize);
    window.__bench = {
      visibleAt,
      promptRem: host ? host.getBoundingClientRect().height / rootFontSize : null,
      // Every script the page fetched, and when: those before the mark are the prompt's cost.
      scripts: performance
        .getEntriesByType('resource')
        .filter((entry) => new URL(entry.name).pathname.endsWith('.js'))
        .map((entry) => ({ path: new URL(entry.name).pathname, at: entry.startTime })),
      shifts,
      longTasks,
    };
  };

  const onFrame = () => {
    if (!probe()) {
      requestAnimationFrame(onFrame);
      return;
    }
    const { startTime } = performance.mark('bench:prompt-visible');
    // Two frames later the visible frame has been painted and its layout shifts reported.
    requestAnimationFrame(() =>
      requestAnimationFrame(() => setTimeout(() => finish(startTime), SETTLE_MS)),
    );
  };
  requestAnimationFrame(onFrame);
})();
