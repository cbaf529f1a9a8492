// Leaving the page, for real, in Chromium, Firefox and WebKit: answers still waiting on the
// device when the resident follows a link must be sent as they leave (to a page on the same
// origin or another), and a page kept in the back/forward cache must hold nothing that stops
// other pages sending. A synthetic `pagehide` on a page that stays cannot show either: the
// browser must really unload or freeze the page. The widget is the built dist/welcomed.js; the
// receiver is `npm start`'s, behind the fault proxy that plays the lost connection.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { openTab } from '../support/drive.js';
import { waitFor } from '../support/e2e.js';
import { ENGINES } from '../support/engines.js';
import { RECEIVER_POLL_MS, startServiceSite } from '../support/service-site.js';

/** @type {Awaited<ReturnType<typeof startServiceSite>>} */
let site;
let origin = '';
let otherOrigin = '';
let proxy;

before(async () => {
  site = await startServiceSite();
  ({ origin, otherOrigin, proxy } = site);
});

after(async () => {
  await site?.stop();
});

/** The prompt page on `pageOrigin`, for `change`, linking to `away`. */
const promptUrl = (pageOrigin, change, away) => site.promptUrl(pageOrigin, change, { away });
const stored = (change) => site.stored(change);

let counter = 0;
function uniqueChange(label) {
  counter += 1;
  return `${label}-${Date.now().toString(36)}-${counter}`;
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
