// The dashboard as a service owner meets it after `npm run demo:seed`: the receiver
// (node receiver/dist/main.js) on a freshly seeded database of the run's store (a SQLite file, or
// a PostgreSQL database), /dashboard in headless Chromium.
// Sign in with the admin token (an access token of role admin) (wrong, then right), read the welcomed share per change, the
// weekly chart, the groups with small ones suppressed and the comments, download the CSV; axe,
// 320 px reflow, keyboard only, and a dropped connection.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, test } from 'node:test';
import { promisify } from 'node:util';
import puppeteer from 'puppeteer-core';
import { launchOptions } from '../../test/support/chromium.js';
import { freePort, startScript, stopScript } from '../../test/support/e2e.js';
import { POSTGRES_URL, databaseEnv, testDatabase } from './helpers.js';

const ADMIN_TOKEN = 'vc0vwq1Zi1DYtilO2_SLAoaLhuY9hCiF';
const MAIN = fileURLToPath(new URL('../dist/main.js', import.meta.url));
const SEED = fileURLToPath(new URL('../../scripts/seed.js', import.meta.url));
const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];
const GARDEN = 'garden-waste-online-2026';
const LIBRARY = 'library-opening-hours-2026';
const SMALL = 'council-tax-direct-debit-2026';

let server;
let browser;
let folder;
let base;
let seedOutput;
const cleanups = [];

before(async () => {
  folder = await mkdtemp(join(tmpdir(), 'welcomed-dashboard-'));
  const database = POSTGRES_URL
    ? await testDatabase({ after: (cleanup) => cleanups.push(cleanup) })
    : { dbPath: join(folder, 'welcomed.db') };
  const env = { ...process.env, ...databaseEnv(database), WELCOMED_ADMIN_TOKEN: ADMIN_TOKEN };
  ({ stdout: seedOutput } = await promisify(execFile)(process.execPath, [SEED, '--until=2026-11-26'], { env }));
  const port = await freePort();
  server = await startScript(MAIN, { ...env, PORT: String(port), HOST: '127.0.0.1' }, 'listening on');
  base = `http://127.0.0.1:${port}`;
  browser = await puppeteer.launch(launchOptions);
});

after(async () => {
  await browser?.close();
  await stopScript(server);
  for (const cleanup of cleanups) await cleanup();
  await rm(folder, { recursive: true, force: true });
});

/** What the API says, read with the token from Node: the dashboard must show the same. */
async function api(path) {
  const reply = await fetch(`${base}${path}`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
  assert.equal(reply.status, 200, path);
  // CSV as bytes: text() would drop the byte-order mark.
  return path.includes('format=csv') ? Buffer.from(await reply.arrayBuffer()).toString('utf8') : reply.json();
}

const percent = (value) => `${Math.round(value * 100)}%`;

/**
 * Waits for an element inside the dashboard's shadow root and returns it. Polls: changes inside
 * a shadow root do not wake puppeteer's own waitForSelector.
 */
async function inDashboard(page, selector, { text } = {}) {
  await page.waitForFunction(
    (inner, wanted) => {
      const found = [...(document.querySelector('welcomed-dashboard')?.shadowRoot?.querySelectorAll(inner) ?? [])];
      return found.some((element) => wanted === undefined || element.textContent.includes(wanted));
    },
    { polling: 50, timeout: 10_000 },
    selector,
    text,
  );
  const handles = await page.$$(`welcomed-dashboard >>> ${selector}`);
  for (const handle of handles) {
    if (text === undefined || (await handle.evaluate((element, wanted) => element.textContent.includes(wanted), text))) {
      return handle;
    }
  }
  throw new Error(`${selector} vanished`);
}

/** Text of everything matching a selector in the dashboard. */
function texts(page, selector) {
  return page.evaluate(
    (inner) =>
      [...document.querySelector('welcomed-dashboard').shadowRoot.querySelectorAll(inner)].map((element) =>
        element.textContent.replace(/\s+/g, ' ').trim(),
      ),
    selector,
  );
}

/** The focused element, inside the shadow root if that is where focus is. */
function focused(page) {
  return page.evaluate(() => {
    let element = document.activeElement;
    while (element?.shadowRoot?.activeElement) element = element.shadowRoot.activeElement;
    return element
      ? { tag: element.tagName.toLowerCase(), id: element.id, type: element.getAttribute('type'), text: element.textContent.replace(/\s+/g, ' ').trim() }
      : null;
  });
}

/** Presses Tab until `wanted(focused)` holds; fails after `most` presses. */
async function tabTo(page, wanted, most = 40) {
  for (let press = 0; press < most; press++) {
    await page.keyboard.press('Tab');
    const now = await focused(page);
    if (now && wanted(now)) return now;
  }
  throw new Error(`Tab never reached the element (last: ${JSON.stringify(await focused(page))})`);
}

/** A page that records console errors, page errors and CSP violations. */
async function openDashboard(context, { viewport = { width: 1024, height: 800 } } = {}) {
  const page = await context.newPage();
  await page.setViewport(viewport);
  const problems = [];
  page.on('console', (message) => {
    // A wrong token is answered 401, which Chromium logs as a failed load: expected.
    if ((message.type() === 'error' || message.type() === 'warn') && !message.text().includes('401 (Unauthorized)')) {
      problems.push(message.text());
    }
  });
  page.on('pageerror', (error) => problems.push(error.message));
  await page.evaluateOnNewDocument(() => {
    window.violations = [];
    document.addEventListener('securitypolicyviolation', (event) => {
      window.violations.push(`${event.violatedDirective} ${event.blockedURI} ${event.sample}`);
    });
  });
  const reply = await page.goto(`${base}/dashboard`, { waitUntil: 'load' });
  await inDashboard(page, '#token');
  return { page, problems, reply };
}

async function signIn(page, token = ADMIN_TOKEN) {
  const input = await inDashboard(page, '#token');
  await input.click({ clickCount: 3 });
  await input.type(token);
  await (await inDashboard(page, 'button[type="submit"]')).click();
}

async function violations(page) {
  return page.evaluate(() => window.violations);
}

test('demo:seed filled the database and said what it did', () => {
  assert.match(seedOutput, /garden-waste-online-2026\s+260 responses/);
  assert.match(seedOutput, /532 added, 0 already there; \d+ views added\./);
});

test('a service owner signs in and sees each change’s welcomed share, the chart, the groups with small ones suppressed, and comments', async () => {
  const overview = await api('/api/summary');
  const garden = await api(`/api/summary?change=${GARDEN}`);
  const { page, problems, reply } = await openDashboard(browser);
  assert.match(reply.headers()['content-security-policy'], /require-trusted-types-for 'script'; trusted-types lit-html/);

  // Nothing typed, then a wrong token: a GOV.UK error summary, focused, linking to the field.
  await (await inDashboard(page, 'button[type="submit"]')).click();
  await inDashboard(page, '.error-summary', { text: 'Enter the access token' });
  await signIn(page, 'not-the-token-0123456789abcdef');
  await inDashboard(page, '.error-summary', { text: 'The access token was not accepted' });
  assert.equal((await focused(page)).tag, 'div', 'focus moves to the error summary');
  assert.deepEqual(await texts(page, '#token-error'), ['Error: The access token was not accepted. Check it and enter it again']);
  await (await inDashboard(page, '.error-summary a')).click();
  assert.equal((await focused(page)).id, 'token', 'the summary links to the field');

  await signIn(page);
  await inDashboard(page, '.headline');
  assert.deepEqual(await texts(page, '.error-summary'), [], 'the error is gone');

  // Every change, with its share and interval (or suppressed), as the API gives them.
  const items = await texts(page, '.change-item');
  assert.equal(items.length, overview.changes.length);
  for (const change of overview.changes) {
    const item = items.find((text) => text.startsWith(change.change));
    assert.ok(item, change.change);
    if (change.suppressed) assert.match(item, /Suppressed: fewer than 10 responses/);
    else {
      assert.ok(
        item.includes(`${change.responses} responses, ${percent(change.welcomed.share)} said yes (${percent(change.welcomed.low)} to ${percent(change.welcomed.high)})`),
        item,
      );
    }
  }

  // The first change with results is shown: share, interval, chart, groups, comments.
  assert.deepEqual(await texts(page, '#change-heading'), [GARDEN]);
  assert.deepEqual(await texts(page, '.headline'), [`${percent(garden.welcomed.share)} said yes`]);
  const [lead] = await texts(page, '.headline + .body');
  assert.ok(lead.includes(`95% confidence interval: ${percent(garden.welcomed.low)} to ${percent(garden.welcomed.high)}, from ${garden.responses} responses`), lead);

  const chart = await inDashboard(page, 'svg.chart[role="img"]');
  const label = await chart.evaluate((svg) => svg.getAttribute('aria-labelledby').split(' ').map((id) => svg.querySelector(`#${id}`).textContent).join(' | '));
  assert.match(label, /^Share who said yes, by week \| From the week starting 14 September 2026 to the week starting 23 November 2026: 11 weeks shown, 0 suppressed\./);
  const shownWeeks = garden.weeks.filter((week) => !week.suppressed);
  assert.equal(await chart.evaluate((svg) => svg.querySelectorAll('circle.point').length), shownWeeks.length);
  assert.equal((await texts(page, '.details:not(.views-details) table tbody tr')).length, garden.weeks.length, 'the chart’s data as a table');

  const captions = await texts(page, '.table caption');
  const groupCaptions = [
    'Age',
    'Long-term physical or mental health condition',
    'How much the condition reduces day-to-day activities (asked of those who answered Yes to: Long-term physical or mental health condition)',
    'Ethnic group',
  ];
  const fields = ['ageBand', 'disabled', 'disabilityImpact', 'ethnicGroup'];
  assert.deepEqual(captions, [
    'Answers',
    'Views and response rate, by week',
    'Share who said yes, by week',
    ...groupCaptions,
    ...groupCaptions.filter((_, index) => garden.differences[fields[index]].length > 0).map((caption) => `${caption}: compared with everyone else`),
  ]);
  const suppressedInApi =
    Object.values(garden.groups).flat().filter((cell) => cell.suppressed).length + garden.views.weeks.filter((week) => week.suppressed).length;
  assert.ok(suppressedInApi > 0);
  assert.equal((await texts(page, 'td.suppressed')).length, suppressedInApi);
  const ethnicRows = await page.evaluate(() => {
    const tables = [...document.querySelector('welcomed-dashboard').shadowRoot.querySelectorAll('table')];
    const table = tables.find((candidate) => candidate.caption?.textContent === 'Ethnic group');
    return [...table.tBodies[0].rows].map((row) => row.textContent.replace(/\s+/g, ' ').trim());
  });
  assert.ok(ethnicRows.includes('Black, Black British, Caribbean or African Suppressed'), ethnicRows.join('\n'));
  const white = garden.groups.ethnicGroup.find((cell) => cell.group === 'white');
  assert.ok(ethnicRows.includes(`White ${white.responses} ${percent(white.welcomed.share)} (${percent(white.welcomed.low)} to ${percent(white.welcomed.high)})`));
  assert.ok((await texts(page, 'table th[scope="row"]')).length > 20, 'row headers');

  const comments = await texts(page, '.comment-text');
  assert.deepEqual(comments, garden.comments.map((comment) => comment.comment));
  assert.ok(comments.some((comment) => comment.includes('[phone]')), 'shown as redacted');

  // A change with suppressed weeks: fewer dots than weeks, "Suppressed" in its table.
  const library = await api(`/api/summary?change=${LIBRARY}`);
  await (await inDashboard(page, '.link-button', { text: LIBRARY })).click();
  await inDashboard(page, '#change-heading', { text: LIBRARY });
  await inDashboard(page, '.headline', { text: percent(library.welcomed.share) });
  assert.equal((await focused(page)).id, 'change-heading', 'focus moves to the change shown');
  const libraryShown = library.weeks.filter((week) => !week.suppressed).length;
  assert.ok(libraryShown < library.weeks.length);
  assert.equal((await page.$$('welcomed-dashboard >>> circle.point')).length, libraryShown);
  assert.equal(
    (await texts(page, '.details table tbody tr')).filter((row) => row.endsWith('Suppressed')).length,
    library.weeks.length - libraryShown,
  );

  // Too few responses: nothing but the explanation.
  await (await inDashboard(page, '.link-button', { text: SMALL })).click();
  await inDashboard(page, '.inset', { text: 'Fewer than 10 people have answered about this change so far' });
  assert.deepEqual(await texts(page, '.headline'), []);

  // The token is kept in memory only.
  const stored = await page.evaluate(async () => ({
    local: localStorage.length,
    session: sessionStorage.length,
    cookie: document.cookie,
    cookies: (await window.cookieStore?.getAll())?.length ?? 0,
  }));
  assert.deepEqual(stored, { local: 0, session: 0, cookie: '', cookies: 0 });
  await page.reload({ waitUntil: 'load' });
  await inDashboard(page, '#token');
  assert.deepEqual(await texts(page, '.change-item'), [], 'after a reload the token is asked for again');

  assert.deepEqual(await violations(page), []);
  assert.deepEqual(problems, []);
  await page.close();
});

test('the CSV link downloads every response to the change, fetched with the token', async () => {
  const downloads = join(folder, 'downloads');
  const context = await browser.createBrowserContext({ downloadBehavior: { policy: 'allow', downloadPath: downloads } });
  const { page, problems } = await openDashboard(context);
  await signIn(page);
  await inDashboard(page, '.headline');
  const link = await inDashboard(page, 'a[download]');
  assert.deepEqual(
    await link.evaluate((a) => [a.getAttribute('href'), a.getAttribute('download'), a.textContent.trim()]),
    [`/api/responses?change=${GARDEN}&format=csv`, `welcomed-${GARDEN}.csv`, 'Download every response to this change (CSV)'],
  );
  await link.click();
  const file = join(downloads, `welcomed-${GARDEN}.csv`);
  await waitFor(() => existsSync(file));
  await inDashboard(page, '[role="status"]', { text: `Downloaded welcomed-${GARDEN}.csv` });
  const csv = readFileSync(file, 'utf8');
  assert.equal(csv, await api(`/api/responses?change=${GARDEN}&format=csv`));
  assert.ok(csv.startsWith('\uFEFFid,change,answer,comment,'));
  assert.equal(csv.split('\r\n').length, 260 + 2, 'header, 260 responses (spam flagged, not dropped), final line end');
  assert.deepEqual(await violations(page), []);
  assert.deepEqual(problems, []);
  await context.close();
});

test('axe finds no WCAG 2.2 A/AA or best-practice violation, signed out with an error and signed in', async () => {
  const context = await browser.createBrowserContext();
  const page = await context.newPage();
  // Only so that axe-core can be injected as a script: the dashboard's own policy
  // (script-src 'self', Trusted Types) would refuse it. The other tests keep the policy on.
  await page.setBypassCSP(true);
  await page.goto(`${base}/dashboard`, { waitUntil: 'load' });
  await inDashboard(page, '#token');
  await page.addScriptTag({ path: AXE });
  const audit = () =>
    page.evaluate(async (tags) => {
      const result = await window.axe.run(document, { runOnly: { type: 'tag', values: tags } });
      return result.violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);
    }, AXE_TAGS);

  assert.deepEqual(await audit(), [], 'sign-in form');
  await signIn(page, 'not-the-token-0123456789abcdef');
  await inDashboard(page, '.error-summary');
  assert.deepEqual(await audit(), [], 'sign-in form with an error');
  await signIn(page);
  await inDashboard(page, '.headline');
  await page.evaluate(() => {
    document.querySelector('welcomed-dashboard').shadowRoot.querySelector('details').open = true;
  });
  assert.deepEqual(await audit(), [], 'results, weekly table open');
  await (await inDashboard(page, '.link-button', { text: SMALL })).click();
  await inDashboard(page, '.inset');
  assert.deepEqual(await audit(), [], 'a suppressed change');
  await context.close();
});

test('at 320 px wide everything reflows: no horizontal scrolling', async () => {
  const context = await browser.createBrowserContext();
  const { page, problems } = await openDashboard(context, { viewport: { width: 320, height: 640 } });
  const overflow = () =>
    page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
  assert.deepEqual(await overflow(), { scroll: 320, client: 320 }, 'sign-in');
  await signIn(page, 'not-the-token-0123456789abcdef');
  await inDashboard(page, '.error-summary');
  assert.deepEqual(await overflow(), { scroll: 320, client: 320 }, 'error');
  await signIn(page);
  await inDashboard(page, '.headline');
  await page.evaluate(() => {
    document.querySelector('welcomed-dashboard').shadowRoot.querySelector('details').open = true;
  });
  assert.deepEqual(await overflow(), { scroll: 320, client: 320 }, 'results');
  const chartWidth = await (await inDashboard(page, 'svg.chart')).evaluate((svg) => svg.getBoundingClientRect().width);
  assert.ok(chartWidth > 250 && chartWidth <= 290, `the chart fits (${chartWidth}px)`);
  await (await inDashboard(page, '.link-button', { text: SMALL })).click();
  await inDashboard(page, '.inset');
  assert.deepEqual(await overflow(), { scroll: 320, client: 320 }, 'the longest change name');
  assert.deepEqual(problems, []);
  await context.close();
});

test('keyboard only: Tab reaches the token field, the button, the changes and the CSV link', async () => {
  const downloads = join(folder, 'keyboard-downloads');
  const context = await browser.createBrowserContext({ downloadBehavior: { policy: 'allow', downloadPath: downloads } });
  const { page, problems } = await openDashboard(context);
  await tabTo(page, (element) => element.id === 'token');
  await page.keyboard.type(ADMIN_TOKEN);
  const button = await tabTo(page, (element) => element.tag === 'button');
  assert.deepEqual([button.type, button.text], ['submit', 'Show results']);
  await page.keyboard.press('Enter');
  await inDashboard(page, '.headline');
  assert.equal((await focused(page)).id, 'results-heading', 'focus moves to the results');

  await tabTo(page, (element) => element.tag === 'button' && element.text === SMALL, 3);
  await tabTo(page, (element) => element.tag === 'button' && element.text.startsWith(LIBRARY), 3);
  await page.keyboard.press('Enter');
  await inDashboard(page, '#change-heading', { text: LIBRARY });
  await page.waitForFunction(
    () => document.querySelector('welcomed-dashboard').shadowRoot.activeElement?.id === 'change-heading',
    { polling: 50, timeout: 5000 },
  );
  await tabTo(page, (element) => element.tag === 'summary');
  await page.keyboard.press('Enter');
  assert.ok(await page.evaluate(() => document.querySelector('welcomed-dashboard').shadowRoot.querySelector('details').open));
  const link = await tabTo(page, (element) => element.tag === 'a' && element.text.includes('(CSV)'));
  assert.equal(link.text, 'Download every response to this change (CSV)');
  await page.keyboard.press('Enter');
  await waitFor(() => existsSync(join(downloads, `welcomed-${LIBRARY}.csv`)));

  await tabTo(page, (element) => element.text === 'Forget the token', 60);
  await page.keyboard.press('Enter');
  await inDashboard(page, '#token');
  assert.equal((await focused(page)).id, 'token', 'forgetting the token goes back to the field');
  assert.deepEqual(problems, []);
  await context.close();
});

test('a dropped connection gives a clear error, and signing in works once it is back', async () => {
  const context = await browser.createBrowserContext();
  const { page } = await openDashboard(context);
  await page.setOfflineMode(true);
  await signIn(page);
  await inDashboard(page, '.error-summary', { text: 'The receiver could not be reached' });
  assert.deepEqual(await texts(page, '#token-error'), [], 'not the token’s fault');
  await page.setOfflineMode(false);
  await (await inDashboard(page, 'button[type="submit"]')).click();
  await inDashboard(page, '.headline');
  await context.close();
});

async function waitFor(condition, timeout = 10_000) {
  const end = Date.now() + timeout;
  while (!condition()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

