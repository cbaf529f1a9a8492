// The load the load test puts on receivers: autocannon posting new valid responses, each with a
// unique id, to one receiver or split between several; and many sends of the same id at once.
import autocannon from 'autocannon';

const ANSWERS = ['yes', 'partly', 'no', 'unsure'];

/**
 * A valid response: a UUID v4 unique per run and per number (the run in the first group, the
 * number at the end).
 * @param {number} run
 * @param {number} n
 */
export function loadResponse(run, n) {
  return {
    schema: 'welcomed/1',
    id: `${run.toString(16).padStart(8, '0')}-0000-4000-8000-${n.toString(16).padStart(12, '0')}`,
    change: `load-test-${run}`,
    answer: ANSWERS[n % ANSWERS.length],
    comment: 'Much quicker than phoning, and I could do it at night. Thank you.',
    locale: 'en',
    page: 'https://www.example.gov.uk/bins/garden-waste',
    answeredAt: new Date().toISOString(),
    widget: '0.1.0',
    shownForMs: 4000 + (n % 5000),
  };
}

/**
 * Posts unique responses to `urls` (`connections` split between them) until `stopAfter`
 * seconds have passed, or until `kill` (called after `killAfter` seconds) has run. When the time
 * is up the connections stop posting and the POSTs still in flight are answered before autocannon
 * stops (so that "rows stored" can be compared with "2xx received" exactly).
 * @param {string[]} urls
 * @param {{ run: number, connections: number, stopAfter: number, kill?: () => void, killAfter?: number, log: (line: string) => void }} options
 */
export async function postLoad(urls, { run, connections, stopAfter, kill, killAfter = 0, log }) {
  let built = 0;
  let draining = false;
  let pendingPosts = 0;
  /** @type {Set<string>} */
  const acknowledged = new Set();
  const posts = { answered: 0, ok: 0, non2xx: 0, drained: 0 };
  /** @type {Record<string, number>} */
  const statuses = {};

  const instances = urls.map((url, index) =>
    autocannon({
      url,
      connections: Math.floor(connections / urls.length) + (index < connections % urls.length ? 1 : 0),
      pipelining: 1,
      duration: stopAfter + 120, // stopped here, never by the timer
      timeout: 10,
      requests: [
        {
          method: 'POST',
          path: '/api/responses',
          headers: { 'content-type': 'application/json' },
          setupRequest: (request, context) => {
            if (draining) {
              // Time is up: no new response is posted; a cheap 404 keeps the connection busy
              // while the POSTs in flight are answered.
              context.post = false;
              return { ...request, method: 'GET', path: '/api/drain', body: undefined, headers: {} };
            }
            const n = built++;
            context.post = true;
            pendingPosts++;
            return { ...request, body: JSON.stringify(loadResponse(run, n)) };
          },
          onResponse: (status, body, context) => {
            if (!context.post) {
              posts.drained++;
              return;
            }
            pendingPosts--;
            posts.answered++;
            statuses[status] = (statuses[status] ?? 0) + 1;
            if (status >= 200 && status < 300) {
              posts.ok++;
              acknowledged.add(JSON.parse(body).id);
            } else {
              posts.non2xx++;
            }
          },
        },
      ],
    }),
  );
  const finished = instances.map(
    (instance) =>
      new Promise((resolve, reject) => {
        instance.on('done', resolve);
        instance.on('error', reject);
      }),
  );

  const started = Date.now();
  let killedAt = 0;
  let acknowledgedBeforeKill = 0;
  const progress = setInterval(() => {
    log(`  ${((Date.now() - started) / 1000).toFixed(0)} s: ${posts.answered} responses posted, ${posts.ok} acknowledged (2xx)`);
  }, Number(process.env.LOAD_PROGRESS_MS ?? 5000));
  try {
    if (kill) {
      await new Promise((resolve) => setTimeout(resolve, killAfter * 1000));
      kill();
      killedAt = Date.now();
      acknowledgedBeforeKill = acknowledged.size;
      // The other receivers keep serving meanwhile; then every connection stops.
      await new Promise((resolve) => setTimeout(resolve, urls.length > 1 ? 2000 : 500));
    } else {
      await new Promise((resolve) => setTimeout(resolve, stopAfter * 1000));
      draining = true;
      const drainDeadline = Date.now() + 15_000;
      while (pendingPosts > 0 && Date.now() < drainDeadline) await new Promise((resolve) => setTimeout(resolve, 10));
    }
  } finally {
    clearInterval(progress);
  }
  const postSeconds = ((killedAt || Date.now()) - started) / 1000;
  for (const instance of instances) instance.stop();
  const results = /** @type {any[]} */ (await Promise.all(finished));
  const errors = results.reduce((sum, result) => sum + result.errors, 0);
  const timeouts = results.reduce((sum, result) => sum + result.timeouts, 0);
  const latency = results[0].latency;
  return { results, errors, timeouts, latency, acknowledged, posts, statuses, postSeconds, pendingPosts, acknowledgedBeforeKill };
}

/**
 * Sends each of `ids` responses once, then `sends` more times at once, spread over `urls` in
 * turn: most by its author (with its secret, a comment added as a follow-up would), some forged
 * (another secret, the comment "forged"). Every reply must be the same 201; the store must keep
 * one row per id, changed only by its author (checked by the caller from the database).
 * @param {string[]} urls
 * @param {{ run: number, ids: number, sends: number }} options
 */
export async function sameIdLoad(urls, { run, ids, sends }) {
  /** @type {Record<string, number>} */
  const statuses = {};
  /** @type {string[]} */
  const sent = [];
  let forged = 0;
  const post = async (/** @type {string} */ url, /** @type {object} */ body, /** @type {number} */ i) => {
    const reply = await fetch(`${url}/api/responses`, {
      method: 'POST',
      headers: { 'content-type': i % 2 ? 'application/json' : 'text/plain' },
      body: JSON.stringify(body),
    });
    await reply.arrayBuffer();
    statuses[reply.status] = (statuses[reply.status] ?? 0) + 1;
  };
  for (let batch = 0; batch < ids; batch += 25) {
    await Promise.all(
      Array.from({ length: Math.min(25, ids - batch) }, async (_, offset) => {
        const n = batch + offset;
        const response = { ...loadResponse(run, n), secret: `author-${run}-${n}-0123456789abcdef` };
        sent.push(response.id);
        await post(urls[n % urls.length], response, 0);
        await Promise.all(
          Array.from({ length: sends }, (_, i) => {
            const forgery = i % 4 === 3;
            if (forgery) forged += 1;
            const body = forgery
              ? { ...response, answer: 'no', comment: 'forged', secret: `forger-${run}-${n}-0123456789abcdef` }
              : { ...response, comment: `follow-up ${i}` };
            return post(urls[i % urls.length], body, i);
          }),
        );
      }),
    );
  }
  return { statuses, sent, forged };
}
