// Counting views, for real, in Chromium (issue 17): the built widget (dist/welcomed.js) on pages
// served from their own origin, posting to a real receiver on a real SQLite file, whose every
// request is logged. A view is counted only once at least half of the prompt has been on screen
// for a second; nothing is sent before; the count leaves with a keepalive request when the page
// is left (a real navigation); Global Privacy Control, `count-views="off"` and a visit outside the
// `sample` count nothing. Then the "Done when": seen and left on one page, answered on
// another, and the dashboard shows 2 views, 1 response, a 50% response rate with its interval.
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join, normalize } from 'node:path';
import { after, before, test } from 'node:test';
import puppeteer from 'puppeteer-core';
import { createReceiver } from 'welcomed-receiver';
import { freePort, waitFor } from '../support/e2e.js';
import { puppeteerLaunchOptions } from '../support/engines.js';

const TOKEN = 'e2e-views-token-0123456789abcdef';
const dist = new URL('../../dist/', import.meta.url).pathname;

let folder = '';
let receiver;
let receiverUrl = '';
let pages;
let origin = '';
let browser;
/** @type {{ method: string, url: string, at: number }[]} */
const requests = [];

before(async () => {
  folder = await mkdtemp(join(tmpdir(), 'welcomed-views-'));
  const port = await freePort();
  origin = `http://localhost:${port}`;
  // A minimum cell of 1, so that one response is shown, as the "Done when" asks.
  receiver = await createReceiver({ dbPath: join(folder, 'welcomed.db'), adminToken: TOKEN, origins: [origin], minimumCell: 1 });
  receiver.addHook('onRequest', async (request) => {
    requests.push({ method: request.method, url: request.url, at: Date.now() });
  });
  await receiver.listen({ port: 0, host: '127.0.0.1' });
  receiverUrl = `http://127.0.0.1:${receiver.server.address().port}`;
  pages = createServer(async (request, reply) => {
    const url = new URL(request.url ?? '/', origin);
    if (url.pathname === '/page.html') {
      reply.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
      return reply.end(page(url.searchParams));
    }
    const file = normalize(url.pathname.replace(/^\/dist\//, ''));
    if (!url.pathname.startsWith('/dist/') || file.startsWith('..') || !file.endsWith('.js')) return reply.writeHead(404).end();
    try {
      const body = await readFile(join(dist, file));
      reply.writeHead(200, { 'Content-Type': 'text/javascript; charset=utf-8' });
      reply.end(body);
    } catch {
      reply.writeHead(404).end();
    }
  });
  await new Promise((resolve) => pages.listen(port, resolve));
  browser = await puppeteer.launch(puppeteerLaunchOptions.chromium);
});

after(async () => {
  await browser?.close();
  await new Promise((resolve) => (pages ? pages.close(resolve) : resolve()));
  await receiver?.close();
  if (folder) await rm(folder, { recursive: true, force: true });
});

/**
 * A service page: the prompt below a screenful of text when `below` is set; Global Privacy
 * Control turned on by a script run before the widget (as a browser that sends it would show it).
 * @param {URLSearchParams} query
 */
function page(query) {
  const attributes = ['sample', 'count-views', 'remember', 'follow-up']
    .filter((name) => query.has(name))
    .map((name) => ` ${name}="${query.get(name)}"`)
    .join('');
  const gpc = query.has('gpc')
    ? `<script>Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', { get: () => true, configurable: true });</script>`
    : '';
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Bins</title>${gpc}
<script type="module" src="/dist/welcomed.js"></script></head><body><main><h1>Bins</h1>
${query.has('below') ? '<div style="height: 3000px">Service information.</div>' : ''}
<welcomed-prompt endpoint="${receiverUrl}/api/responses" change="${query.get('change')}"${attributes}><a id="fallback" href="/form">Tell us what you think</a></welcomed-prompt>
<p><a id="away" href="/page.html?change=elsewhere">Elsewhere</a></p></main></body></html>`;
}

let counter = 0;
const uniqueChange = (label) => `${label}-${Date.now().toString(36)}-${++counter}`;
const url = (params) => `${origin}/page.html?${new URLSearchParams(params)}`;
const posts = (path, since = 0) => requests.filter((request) => request.method === 'POST' && request.url === path && request.at >= since);
const pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function openPage(address) {
  const tab = await browser.newPage();
  await tab.setViewport({ width: 800, height: 600 });
  await tab.goto(address, { waitUntil: 'load' });
  await tab.waitForFunction(() => customElements.get('welcomed-prompt') !== undefined);
  return tab;
}

/** Follows the page's link away: a real navigation, which hides and unloads the page. */
async function leave(tab) {
  await Promise.all([tab.waitForNavigation({ waitUntil: 'load' }), tab.click('#away')]);
}

/** What the receiver's summary says of a change. */
async function summary(change) {
  const reply = await fetch(`${receiverUrl}/api/summary?change=${change}`, { headers: { Authorization: `Bearer ${TOKEN}` } });
  return reply.json();
}

test('no request before the prompt has been on screen; once scrolled into view for a second, one view leaves with the page (keepalive)', async () => {
  const since = Date.now();
  const change = uniqueChange('scrolled');
  const tab = await openPage(url({ change, below: '1' }));
  await pause(1500);
  assert.deepEqual(requests.filter((request) => request.at >= since), [], 'nothing reached the receiver before the prompt was seen');
  await tab.evaluate(() => document.querySelector('welcomed-prompt').scrollIntoView());
  await pause(1500);
  assert.equal(posts('/api/impressions', since).length, 0, 'batched: nothing sent while the page stays');
  await leave(tab);
  await waitFor(() => posts('/api/impressions', since).length === 1, 'the view sent on leaving');
  await tab.close();
});

test('a prompt never scrolled to, or on screen for less than a second, is not counted', async () => {
  const since = Date.now();
  const never = await openPage(url({ change: uniqueChange('never'), below: '1' }));
  await pause(1500);
  await leave(never);
  const brief = await openPage(url({ change: uniqueChange('brief'), below: '1' }));
  await brief.evaluate(() => document.querySelector('welcomed-prompt').scrollIntoView());
  await pause(400);
  await brief.evaluate(() => scrollTo(0, 0));
  await pause(1200);
  await leave(brief);
  await pause(500);
  assert.equal(posts('/api/impressions', since).length, 0);
  await never.close();
  await brief.close();
});

test('a tab in the background does not count: the second on screen must be in a visible tab', async () => {
  const since = Date.now();
  const tab = await openPage(url({ change: uniqueChange('hidden') }));
  // Another tab in front at once: this one is hidden before its second is up.
  const other = await browser.newPage();
  await other.bringToFront();
  await waitFor(() => tab.evaluate(() => document.visibilityState === 'hidden'), 'the first tab to be hidden');
  await pause(1500);
  await other.close();
  await tab.close({ runBeforeUnload: false });
  await pause(500);
  assert.equal(posts('/api/impressions', since).length, 0);
});

test('Global Privacy Control and count-views="off": seen, and nothing counted', async () => {
  const since = Date.now();
  for (const params of [{ gpc: '1' }, { 'count-views': 'off' }]) {
    const tab = await openPage(url({ change: uniqueChange('private'), ...params }));
    assert.equal(await tab.evaluate(() => Boolean(document.querySelector('welcomed-prompt').shadowRoot.querySelector('fieldset'))), true);
    await pause(1500);
    await leave(tab);
    await tab.close();
  }
  await pause(500);
  assert.equal(posts('/api/impressions', since).length, 0);
  assert.equal(requests.filter((request) => request.at >= since && request.url.startsWith('/api/')).length, 0);
});

test('sample: the draw is kept across page loads; a visit outside the sample shows nothing, not even the fallback, and counts nothing', async () => {
  const since = Date.now();
  const change = uniqueChange('sampled');
  const tab = await openPage(url({ change, sample: '0.5' }));
  const shown = () => tab.evaluate(() => Boolean(document.querySelector('welcomed-prompt').shadowRoot.querySelector('fieldset')));
  const first = await shown();
  for (let load = 0; load < 4; load++) {
    await tab.reload({ waitUntil: 'load' });
    await pause(100);
    assert.equal(await shown(), first, `the same on load ${load + 2}`);
  }
  // Outside the sample: sample="0".
  const none = await openPage(url({ change: uniqueChange('none'), sample: '0' }));
  await pause(1500);
  assert.equal(await none.evaluate(() => document.querySelector('welcomed-prompt').shadowRoot.childElementCount), 0);
  assert.equal(await none.evaluate(() => document.querySelector('#fallback').getClientRects().length), 0, 'the fallback is not shown');
  await leave(none);
  await pause(500);
  // Neither counted: the sampled page never stayed a second on screen, and the other is out.
  assert.equal(posts('/api/impressions', since).length, 0);
  assert.ok(await tab.evaluate(() => Object.keys(localStorage).some((key) => key.startsWith('welcomed:sample:'))), 'the draw is kept');
  await tab.close();
  await none.close();
});

test('Done when: seen and left on one page, answered on another: 2 views, 1 response, a 50% rate with its interval on the dashboard', async () => {
  const change = uniqueChange('done');
  const first = await openPage(url({ change, below: '1', 'follow-up': '' }));
  await first.evaluate(() => document.querySelector('welcomed-prompt').scrollIntoView());
  await pause(1300);
  await leave(first);
  const second = await openPage(url({ change, 'follow-up': '' }));
  await pause(1600);
  await (await second.$('welcomed-prompt >>> button[data-answer="yes"]')).click();
  await waitFor(async () => (await summary(change)).views?.impressions === 2, 'both views and the answer to be stored');
  const result = await summary(change);
  assert.equal(result.responses, 1);
  assert.deepEqual(result.views.responseRate, { share: 0.5, low: 0.0945, high: 0.9055 });
  assert.ok('disabled' in result.differences, 'groups compared (nobody else to compare one response with)');

  const dashboard = await browser.newPage();
  await dashboard.goto(`${receiverUrl}/dashboard`, { waitUntil: 'load' });
  const token = await dashboard.waitForSelector('welcomed-dashboard >>> #token');
  await token.type(TOKEN);
  await (await dashboard.waitForSelector('welcomed-dashboard >>> button[type="submit"]')).click();
  await dashboard.waitForFunction(
    (name) => [...(document.querySelector('welcomed-dashboard')?.shadowRoot?.querySelectorAll('.link-button') ?? [])].some((button) => button.textContent.includes(name)),
    { polling: 50, timeout: 10_000 },
    change,
  );
  await dashboard.evaluate((name) => {
    const buttons = document.querySelector('welcomed-dashboard').shadowRoot.querySelectorAll('.link-button');
    [...buttons].find((button) => button.textContent.includes(name)).click();
  }, change);
  const rate = await dashboard.waitForSelector('welcomed-dashboard >>> #response-rate');
  const text = (await rate.evaluate((element) => element.textContent)).replace(/\s+/g, ' ');
  assert.match(text, /Response rate: 50% \(95% confidence interval 9% to 91%\): 1 responses from 2 views\./);
  assert.match(text, /People who answer may differ from those who did not\./);
  const headings = await dashboard.$$eval('welcomed-dashboard >>> h3', (all) => all.map((heading) => heading.textContent));
  assert.ok(headings.includes('Groups compared'));
  await first.close();
  await second.close();
  await dashboard.close();
});

// Leaving, in the other two engines: the view held in memory must leave with the page.
for (const engine of /** @type {const} */ (['firefox', 'webkit'])) {
  test(`${engine}: seen for a second, then left by a link: one view sent as the page goes`, { timeout: 120_000 }, async () => {
    const { openTab } = await import('../support/drive.js');
    const tab = await openTab(engine);
    try {
      const since = Date.now();
      await tab.goto(url({ change: uniqueChange(`left-${engine}`), below: '1' }));
      await pause(1500);
      assert.equal(posts('/api/impressions', since).length, 0, 'not seen yet');
      await tab.evaluate(() => document.querySelector('welcomed-prompt').scrollIntoView());
      await pause(1500);
      assert.equal(posts('/api/impressions', since).length, 0, 'batched while the page stays');
      await tab.click('#away');
      await waitFor(() => posts('/api/impressions', since).length === 1, 'the view sent on leaving');
    } finally {
      await tab.close();
    }
  });
}
