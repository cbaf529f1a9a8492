// Leaving the page, for real, in Chromium, Firefox and WebKit: answers still waiting on the
// device when the resident follows a link must be sent as they leave (to a page on the same
// origin or another), and a page kept in the back/forward cache must hold nothing that stops
// other pages sending. A synthetic `pagehide` on a page that stays cannot show either: the
// browser must really unload or freeze the page. The widget is the built dist/welcomed.js; the
// receiver is `npm start`'s, behind the fault proxy that plays the lost connection.
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { readFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, normalize } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { openTab } from '../support/drive.js';
import { freePort, startScript, stopScript } from '../support/e2e.js';
import { ENGINES } from '../support/engines.js';
import { startFaultProxy } from '../support/fault-proxy.js';

const ADMIN_TOKEN = 'e2e-leave-token-0123456789abcdef';
const dist = new URL('../../dist/', import.meta.url).pathname;

let receiver;
let receiverUrl = '';
let proxy;
let site;
let folder;
/** The test pages' two origins: one server, two host names. */
let origin = '';
let otherOrigin = '';

before(async () => {
  folder = await mkdtemp(join(tmpdir(), 'welcomed-leave-'));
  const sitePort = await freePort();
  origin = `http://localhost:${sitePort}`;
  otherOrigin = `http://127.0.0.1:${sitePort}`;
  site = await startSite(sitePort);
  const port = await freePort();
  receiver = await startScript(
    'scripts/start.js',
    {
      ...process.env,
      PORT: String(port),
      DEMO_PARTNER_PORT: String(await freePort()),
      WELCOMED_DB: join(folder, 'welcomed.db'),
      WELCOMED_ADMIN_TOKEN: ADMIN_TOKEN,
      WELCOMED_ORIGINS: `${origin},${otherOrigin}`,
      WELCOMED_RATE_LIMIT: '100000',
    },
    'Press Ctrl+C to stop.',
  );
  receiverUrl = `http://127.0.0.1:${port}`;
  proxy = await startFaultProxy(receiverUrl);
});

after(async () => {
  await proxy?.close();
  await stopScript(receiver);
  await new Promise((resolve) => site?.close(resolve));
  await rm(folder, { recursive: true, force: true });
});

/**
 * The test site: `/prompt.html?change=…&away=…` is a service page with a prompt posting to the
 * proxy and a link to `away`; `/plain.html` is a page without a prompt; `/dist/` is the build.
 * @param {number} port
 */
async function startSite(port) {
  const server = createServer(async (request, reply) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    // No Cache-Control: Firefox keeps no page served with no-store in its back/forward cache.
    const send = (type, body) => {
      reply.writeHead(200, { 'Content-Type': type });
      reply.end(body);
    };
    if (url.pathname === '/prompt.html') return send('text/html; charset=utf-8', promptPage(url.searchParams));
    if (url.pathname === '/plain.html') return send('text/html; charset=utf-8', PLAIN_PAGE);
    const file = normalize(url.pathname.replace(/^\/dist\//, ''));
    if (!url.pathname.startsWith('/dist/') || file.startsWith('..') || !file.endsWith('.js')) {
      reply.writeHead(404).end();
      return;
    }
    try {
      send('text/javascript; charset=utf-8', await readFile(join(dist, file)));
    } catch {
      reply.writeHead(404).end();
    }
  });
  await new Promise((resolve) => server.listen(port, resolve));
  return server;
}

/** @param {string} value */
const attribute = (value) => value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

// Each page notes how it was shown: L for a load, R for a return from the back/forward cache.
const SHOWS = `<script>addEventListener('pageshow', (event) => { document.body.dataset.shows = (document.body.dataset.shows ?? '') + (event.persisted ? 'R' : 'L'); });</script>`;

/** @param {URLSearchParams} query */
function promptPage(query) {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Garden waste</title>
<script type="module" src="/dist/welcomed.js"></script></head>
<body><h1>Garden waste</h1>
<welcomed-prompt endpoint="${attribute(query.get('endpoint') ?? '')}" change="${attribute(query.get('change') ?? '')}" remember="0"></welcomed-prompt>
<p><a id="away" href="${attribute(query.get('away') ?? '/plain.html')}">Contact the council</a></p>
${SHOWS}</body></html>`;
}

const PLAIN_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Contact us</title></head>
<body><h1>Contact us</h1>${SHOWS}</body></html>`;

/** The prompt page on `pageOrigin`, for `change`, linking to `away`. */
function promptUrl(pageOrigin, change, away) {
  const query = new URLSearchParams({ change, endpoint: `${proxy.url}/api/responses`, away });
  return `${pageOrigin}/prompt.html?${query}`;
}

let counter = 0;
function uniqueChange(label) {
  counter += 1;
  return `${label}-${Date.now().toString(36)}-${counter}`;
}

/** What the receiver stored for a change. */
async function stored(change) {
  const reply = await fetch(`${receiverUrl}/api/responses?change=${encodeURIComponent(change)}`, {
    headers: { Authorization: `Bearer ${ADMIN_TOKEN}` },
  });
  assert.equal(reply.status, 200);
  return reply.json();
}

// The receiver's admin routes allow 120 requests a minute: ask it for what it stored less often.
const RECEIVER_POLL_MS = 400;

/** Polls `check` every `intervalMs` until it returns something truthy; fails after `timeoutMs`. */
async function waitFor(check, what, timeoutMs = 10_000, intervalMs = 50) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    let value;
    try {
      value = await check();
    } catch {
      // the page is between documents
    }
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

/** In the page: the queued responses of this origin, as { change, attempts, comment }. */
function queuedHere() {
  return Object.keys(localStorage)
    .filter((key) => key.startsWith('welcomed:queue:'))
    .map((key) => JSON.parse(localStorage.getItem(key) ?? '{}'))
    .map((entry) => ({ change: entry.response.change, attempts: entry.attempts, comment: entry.response.comment ?? '' }));
}

/** In the page: the names of the Web Locks the widget holds or waits for on this origin. */
async function widgetLocks() {
  if (!navigator.locks) return [];
  const { held = [], pending = [] } = await navigator.locks.query();
  return [...held, ...pending].map((lock) => lock.name ?? '').filter((name) => name.startsWith('welcomed:'));
}

/** Why the browser did not restore this page from its back/forward cache, where it says (Chromium). */
async function notRestoredReasons(tab) {
  const reasons = await tab.evaluate(() => JSON.stringify(performance.getEntriesByType('navigation')[0]?.notRestoredReasons ?? null));
  return reasons === 'null' ? '' : ` (not restored: ${reasons})`;
}

/** Clears what earlier tests left on both origins. */
async function freshStart(tab) {
  for (const pageOrigin of [origin, otherOrigin]) {
    await tab.goto(`${pageOrigin}/plain.html`);
    await tab.evaluate(() => localStorage.clear());
  }
}

/** Answers Yes and waits until the receiver has the answer. */
async function answer(tab, change) {
  await tab.clickInPrompt('button[data-answer="yes"]');
  await waitFor(async () => (await stored(change)).length === 1, 'the answer to be stored', 10_000, RECEIVER_POLL_MS);
}

const COMMENT = 'Renewing online took two minutes.';

// One engine at a time: they share the proxy's plan. E2E_ENGINES=webkit,firefox picks some.
const engines = process.env.E2E_ENGINES ? process.env.E2E_ENGINES.split(',') : ENGINES;

for (const engine of engines) {
  describe(`leaving the page in ${engine}`, { concurrency: 1, timeout: 120_000 }, () => {
    let tab;
    before(async () => {
      tab = await openTab(engine);
    });
    after(async () => {
      await tab?.close();
    });

    for (const [where, awayOrigin] of [
      ['the same origin', () => origin],
      ['another origin', () => otherOrigin],
    ]) {
      test(`a comment queued while the connection was down is sent as the resident follows a link to ${where}`, async () => {
        await freshStart(tab);
        proxy.setPlan([]);
        const change = uniqueChange(`leave-${engine}`);
        await tab.goto(promptUrl(origin, change, `${awayOrigin()}/plain.html`));
        await answer(tab, change);

        // The connection drops: the comment fails and waits on the device for its backoff.
        proxy.setPlan(Array.from({ length: 1000 }, () => ({ reset: true })));
        await tab.typeInPrompt('textarea', COMMENT);
        await tab.clickInPrompt('button[type="submit"]');
        await waitFor(
          async () => (await tab.evaluate(queuedHere)).some((entry) => entry.comment === COMMENT && entry.attempts >= 1),
          'the comment to be queued after a failed send',
        );

        // It comes back, and the resident leaves before the backoff is over.
        proxy.setPlan([]);
        await tab.click('#away');
        await waitFor(async () => (await tab.evaluate(() => location.href)) === `${awayOrigin()}/plain.html`, 'the other page');

        const rows = await waitFor(
          async () => (await stored(change)).find((row) => row.comment === COMMENT),
          'the comment to reach the receiver after the page was left',
          5_000,
          RECEIVER_POLL_MS,
        );
        assert.equal(rows.answer, 'yes');
        assert.equal((await stored(change)).length, 1, 'stored once');
      });
    }

    /** Answers, then sends a comment while the connection is down: it waits on the device. */
    async function queueComment(change) {
      await answer(tab, change);
      proxy.setPlan(Array.from({ length: 1000 }, () => ({ reset: true })));
      await tab.typeInPrompt('textarea', COMMENT);
      await tab.clickInPrompt('button[type="submit"]');
      await waitFor(
        async () => (await tab.evaluate(queuedHere)).some((entry) => entry.comment === COMMENT && entry.attempts >= 1),
        'the comment to be queued after a failed send',
      );
    }

    test('a page left in the back/forward cache holds no lock that stops the next page sending; back and forward, everything is sent once', async () => {
      await freshStart(tab);
      proxy.setPlan([]);
      const change = uniqueChange(`bfcache-${engine}`);
      const next = uniqueChange(`bfcache-next-${engine}`);
      await tab.goto(promptUrl(origin, change, promptUrl(origin, next, '/plain.html')));
      await queueComment(change);

      // The connection is back; the resident goes on to another page of the same site with a
      // prompt for the same endpoint, which sends whatever this browser still has waiting.
      proxy.setPlan([]);
      await tab.click('#away');
      await waitFor(async () => (await tab.evaluate(() => location.search)).includes(next), 'the next page');
      await waitFor(
        async () => (await stored(change)).some((row) => row.comment === COMMENT),
        'the comment to be stored',
        5_000,
        RECEIVER_POLL_MS,
      );
      // This page may hold a lock for a moment (it may send the comment too); the page left
      // must hold none.
      await waitFor(async () => (await tab.evaluate(widgetLocks)).length === 0, 'no lock held on this origin', 3_000);
      await waitFor(async () => (await tab.evaluate(queuedHere)).length === 0, 'an empty queue', 5_000);

      // Back to the page left, restored from the back/forward cache, and forward again.
      await tab.back();
      assert.equal(await tab.evaluate(() => document.body.dataset.shows), 'LR', `the page came back from the back/forward cache${await notRestoredReasons(tab)}`);
      await waitFor(async () => (await tab.evaluate(widgetLocks)).length === 0, 'no lock held on the page gone back to', 3_000);
      await waitFor(async () => (await tab.evaluate(queuedHere)).length === 0, 'an empty queue on the page gone back to', 5_000);
      await tab.forward();
      assert.equal(await tab.evaluate(() => document.body.dataset.shows), 'LR', `the next page came back from the back/forward cache${await notRestoredReasons(tab)}`);
      await waitFor(async () => (await tab.evaluate(widgetLocks)).length === 0, 'no lock held on the page gone forward to', 3_000);
      await waitFor(async () => (await tab.evaluate(queuedHere)).length === 0, 'an empty queue on the page gone forward to', 5_000);
      const rows = await stored(change);
      assert.equal(rows.length, 1);
      assert.equal(rows[0].comment, COMMENT);
    });

    test('a comment whose send is still on its way when the resident leaves is sent again as they leave', async () => {
      await freshStart(tab);
      proxy.setPlan([]);
      const change = uniqueChange(`in-flight-${engine}`);
      await tab.goto(promptUrl(origin, change, `${origin}/plain.html`));
      await answer(tab, change);
      // The comment's send hangs: it is in flight when the resident follows the link.
      proxy.setPlan([{ hang: true }]);
      proxy.clearLog();
      await tab.typeInPrompt('textarea', COMMENT);
      await tab.clickInPrompt('button[type="submit"]');
      await waitFor(() => proxy.log().some((entry) => entry.fault === 'hang'), 'the comment to be in flight');
      await tab.click('#away');
      await waitFor(async () => (await tab.evaluate(() => location.href)) === `${origin}/plain.html`, 'the other page');
      await waitFor(
        async () => (await stored(change)).some((row) => row.comment === COMMENT),
        'the comment to be stored',
        5_000,
        RECEIVER_POLL_MS,
      );
      // The page left, wherever the browser keeps it, holds no lock on it.
      assert.deepEqual(await tab.evaluate(widgetLocks), []);
      proxy.releaseHanging();
    });
  });
}
