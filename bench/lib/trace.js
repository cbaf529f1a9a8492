// Script time of one variant, from a Chrome trace: the main-thread time spent running the
// variant's own files, from the start of the page until the `bench:prompt-visible` mark (the
// first animation frame that paints the prompt).
//
// On the renderer main thread of the page, these count (their union, so nested events are
// counted once, clipped at the mark):
//  - EvaluateScript, v8.compile, v8.compileModule, v8.run and FunctionCall events whose URL
//    (args.data.url / args.fileName, else the top frame of args.data.stackTrace) is one of the
//    variant's files (any file in its folder: a chunk it imports counts too). A FunctionCall
//    is how Chrome reports a callback (timer, event listener, animation frame, custom element
//    reaction) entering a file.
//  - v8.evaluateModule (which carries no URL): the variant's files are the only module scripts
//    on the bench page (the probe is a classic script, puppeteer's code has no module).
//  - RunMicrotasks (no URL either): a microtask checkpoint belongs to the script that ran just
//    before it in the same task, so it counts when the last script event before it in its task
//    is the variant's (this is where Lit renders: its update runs in the checkpoint after the
//    module's evaluation). A checkpoint with no script before it in its task (a promise
//    settled by the network, say) counts once the variant has started, since nothing else on
//    the page uses promises before the mark.
// Not counted: style, layout and paint outside script (the browser's work for the page, not
// the script's), and parsing or compiling on background threads (off the main thread).

const JS_EVENTS = new Set(['EvaluateScript', 'v8.compile', 'v8.compileModule', 'v8.run', 'FunctionCall', 'v8.evaluateModule']);

const urlOf = (event) =>
  event.args?.data?.url ??
  event.args?.fileName ??
  event.args?.data?.fileName ??
  event.args?.data?.stackTrace?.[0]?.url ??
  '';

/**
 * @param {{ traceEvents: object[] } | object[]} trace parsed trace JSON
 * @param {object} options
 * @param {string} options.pageUrl the bench page's URL (finds the renderer main thread)
 * @param {string[]} options.prefixes URL prefixes of the variant's files (its folder on the bench server)
 * @param {string} [options.mark] the User Timing mark that ends the measurement
 */
export function scriptTime(trace, { pageUrl, prefixes, mark = 'bench:prompt-visible' }) {
  const events = Array.isArray(trace) ? trace : trace.traceEvents;
  const threadNames = new Map();
  for (const event of events) {
    if (event.ph === 'M' && event.name === 'thread_name') threadNames.set(`${event.pid}:${event.tid}`, event.args.name);
  }
  // The page's main thread: the CrRendererMain thread that parsed the page.
  const parse = events.find(
    (event) => event.name === 'ParseHTML' && event.args?.beginData?.url === pageUrl && threadNames.get(`${event.pid}:${event.tid}`) === 'CrRendererMain',
  );
  if (!parse) throw new Error(`no ParseHTML of ${pageUrl} in the trace`);
  const main = events.filter((event) => event.pid === parse.pid && event.tid === parse.tid);

  const markEvent = main.find((event) => event.name === mark);
  if (!markEvent) throw new Error(`no "${mark}" mark in the trace`);
  const end = markEvent.ts;

  const isOwnUrl = (url) => prefixes.some((prefix) => url.startsWith(prefix));
  const isOwn = (event) => isOwnUrl(urlOf(event)) || event.name === 'v8.evaluateModule';
  const complete = main.filter((event) => event.ph === 'X' && event.ts < end).sort((a, b) => a.ts - b.ts || b.dur - a.dur);
  const tasks = complete.filter((event) => event.name === 'RunTask');
  const taskOf = (event) => tasks.find((task) => task.ts <= event.ts && event.ts < task.ts + task.dur);
  const scripts = complete.filter((event) => JS_EVENTS.has(event.name));
  const firstOwn = scripts.find(isOwn);

  const own = [];
  for (const event of scripts) if (isOwn(event)) own.push(event);
  for (const checkpoint of complete.filter((event) => event.name === 'RunMicrotasks')) {
    if (!firstOwn || checkpoint.ts < firstOwn.ts) continue;
    const task = taskOf(checkpoint);
    const before = scripts.filter(
      (event) => event.ts + event.dur <= checkpoint.ts && (!task || event.ts >= task.ts),
    );
    // The script whose checkpoint this is: the last one to end before it in the task.
    const last = before.reduce((latest, event) => (!latest || event.ts + event.dur > latest.ts + latest.dur ? event : latest), null);
    if (last ? isOwn(last) : true) own.push(checkpoint);
  }

  // Wall time: the union of the events' spans, clipped at the mark. CPU time: the main
  // thread's own time (tdur) in the outermost of those events, so a thread the OS set aside
  // for another process does not count (the bench machine may be busy); DevTools' CPU
  // throttling spins the thread, so it shows in both.
  own.sort((a, b) => a.ts - b.ts || b.dur - a.dur);
  let wall = 0;
  let cpu = 0;
  let coveredTo = -Infinity;
  for (const event of own) {
    const start = Math.max(event.ts, coveredTo);
    const stop = Math.min(event.ts + event.dur, end);
    if (stop <= start) continue;
    wall += stop - start;
    const share = event.dur > 0 ? (stop - start) / event.dur : 1;
    cpu += (event.tdur ?? event.dur) * share;
    coveredTo = stop;
  }

  // Was the page painted before the variant's script first ran (compiling may come earlier)?
  const firstPaint = complete.find((event) => event.name === 'Paint');
  const firstRun = scripts.find((event) => isOwn(event) && !event.name.startsWith('v8.compile'));
  return {
    scriptMs: wall / 1000,
    cpuMs: cpu / 1000,
    paintedBeforeScript: Boolean(firstPaint && firstRun && firstPaint.ts < firstRun.ts),
    sawScript: Boolean(firstOwn),
  };
}
