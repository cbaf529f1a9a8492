// The new user's path of issue 16, end to end: on a seeded database of the run's store, the
// command line creates a viewer token for one service; the receiver (dist/main.js) runs; in
// headless Chromium the dashboard, signed in with that token, says "Your access: viewer,
// garden-waste-*", shows that service's figures and comments only, offers no download, and the
// receiver refuses its export and contact details; then an admin finds that visit in the audit
// trail. axe in each new state, the keyboard for the audit trail.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
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
import { POSTGRES_URL, databaseEnv, makeResponse, testDatabase } from './helpers.js';

const ADMIN_TOKEN = 'Qm3vT8pLx2Rk9Wz4Nc7Yb1Hd6Fs0Gj5A';
const MAIN = fileURLToPath(new URL('../dist/main.js', import.meta.url));
const SEED = fileURLToPath(new URL('../../scripts/seed.js', import.meta.url));
const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];
const GARDEN = 'garden-waste-online-2026';

let server;
let browser;
let folder;
let base;
let env;
const cleanups = [];

before(async () => {
  folder = await mkdtemp(join(tmpdir(), 'welcomed-access-'));
  const database = POSTGRES_URL
    ? await testDatabase({ after: (cleanup) => cleanups.push(cleanup) })
    : { dbPath: join(folder, 'welcomed.db') };
  env = { ...process.env, ...databaseEnv(database), WELCOMED_ADMIN_TOKEN: ADMIN_TOKEN };
  await promisify(execFile)(process.execPath, [SEED, '--until=2026-11-26'], { env });
  const port = await freePort();
  server = await startScript(MAIN, { ...env, PORT: String(port), HOST: '127.0.0.1' }, 'listening on');
  base = `http://127.0.0.1:${port}`;
  // A resident of the garden-waste service who joined the panel: contact details the viewer must not see.
  const panel = makeResponse({ change: GARDEN, panel: { name: 'Pat Panel', email: 'pat.panel@example.org', consent: true } });
  const sent = await fetch(`${base}/api/responses`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(panel) });
  assert.equal(sent.status, 201);
  browser = await puppeteer.launch(launchOptions);
});

after(async () => {
  await browser?.close();
  await stopScript(server);
  for (const cleanup of cleanups) await cleanup();
  await rm(folder, { recursive: true, force: true });
});

/** Waits for an element inside a shadow root below the page (by a `>>>` selector) and returns it. */
async function find(page, selector, text) {
  const deadline = Date.now() + 10_000;
  for (;;) {
    for (const handle of await page.$$(selector)) {
      if (text === undefined || (await handle.evaluate((element, wanted) => element.textContent.includes(wanted), text))) return handle;
    }
    if (Date.now() > deadline) throw new Error(`no ${selector}${text ? ` with "${text}"` : ''}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const texts = (page, selector) =>
  page.$$eval(selector, (elements) => elements.map((element) => element.textContent.replace(/\s+/g, ' ').trim()));

async function axe(page) {
  return page.evaluate(async (tags) => {
    const result = await window.axe.run(document, { runOnly: { type: 'tag', values: tags } });
    return result.violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);
  }, AXE_TAGS);
}

/** A dashboard page signed in with `token`, axe-core loaded (the policy bypassed for it alone). */
async function signedIn(token) {
  const context = await browser.createBrowserContext();
  const page = await context.newPage();
  await page.setBypassCSP(true);
  await page.goto(`${base}/dashboard`, { waitUntil: 'load' });
  await page.addScriptTag({ path: AXE });
  const input = await find(page, 'welcomed-dashboard >>> #token');
  await input.type(token);
  await (await find(page, 'welcomed-dashboard >>> button[type="submit"]')).click();
  await find(page, 'welcomed-dashboard >>> #access');
  return { page, context };
}

test('a new user: a viewer token for one service sees that service only, cannot export or read contact details, and the admin finds the visit', async () => {
  // 1. The command line creates the token and prints it on its last line.
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [MAIN, 'token', 'create', '--label', 'Waste team', '--scope', 'garden-waste-*', '--role', 'viewer', '--expires', '90d'],
    { env },
  );
  const viewerToken = stdout.trim().split('\n').at(-1);
  assert.match(viewerToken, /^[A-Za-z0-9_-]{43}$/);

  // 2. The dashboard says what the token may do, and shows that service only.
  const viewer = await signedIn(viewerToken);
  const { page } = viewer;
  const [access] = await texts(page, 'welcomed-dashboard >>> #access');
  assert.match(access, /^Your access: viewer, garden-waste-\* \(token “Waste team”, until 20\d\d-\d\d-\d\d\)$/);
  assert.deepEqual(await texts(page, 'welcomed-dashboard >>> .link-button'), [GARDEN]);
  await find(page, 'welcomed-dashboard >>> .headline');
  assert.ok((await texts(page, 'welcomed-dashboard >>> .comment-text')).length > 0, 'its comments are shown');
  // No download for a viewer, no audit trail, and no contact details anywhere on the page.
  assert.deepEqual(await page.$$('welcomed-dashboard >>> a[download]'), []);
  assert.deepEqual(await page.$$('welcomed-dashboard >>> welcomed-audit-trail'), []);
  assert.ok(!(await page.evaluate(() => document.querySelector('welcomed-dashboard').shadowRoot.textContent)).includes('pat.panel'));
  assert.deepEqual(await axe(page), [], 'results for a viewer');

  // 3. The receiver refuses what the page does not offer: from the page itself, with the token.
  const attempts = await page.evaluate(async (token, change) => {
    const get = async (path) => (await fetch(path, { headers: { Authorization: `Bearer ${token}` } })).status;
    return {
      csv: await get(`/api/responses?change=${change}&format=csv`),
      contacts: await get(`/api/responses?change=${change}`),
      otherService: await get('/api/summary?change=parking-permits-digital-2026'),
      audit: await get('/api/audit'),
    };
  }, viewerToken, GARDEN);
  assert.deepEqual(attempts, { csv: 403, contacts: 403, otherService: 404, audit: 403 });
  await viewer.context.close();

  // 4. The admin finds that visit in the audit trail, with the keyboard.
  const admin = await signedIn(ADMIN_TOKEN);
  const focusedText = () =>
    admin.page.evaluate(() => {
      let element = document.activeElement;
      while (element?.shadowRoot?.activeElement) element = element.shadowRoot.activeElement;
      return element?.textContent.trim();
    });
  for (let press = 0; press < 60 && (await focusedText()) !== 'Show the audit trail'; press++) await admin.page.keyboard.press('Tab');
  assert.equal(await focusedText(), 'Show the audit trail');
  await admin.page.keyboard.press('Enter');
  await find(admin.page, 'welcomed-dashboard >>> welcomed-audit-trail >>> [role="status"]', 'Showing the');
  const rows = await texts(admin.page, 'welcomed-dashboard >>> welcomed-audit-trail >>> tbody tr');
  const visit = rows.filter((row) => row.includes('Waste team'));
  const expected = [
    /Waste team \(viewer\) refused garden-waste-\* GET \/api\/audit needs admin/,
    /Waste team \(viewer\) refused garden-waste-\* parking-permits-digital-2026 outside scope/,
    /Waste team \(viewer\) refused garden-waste-\* GET \/api\/responses needs analyst/,
    /Waste team \(viewer\) refused garden-waste-\* GET \/api\/responses needs analyst/,
    /Waste team \(viewer\) sign-in garden-waste-\* ok/,
    /\(command line\) token-create Waste team ok: viewer, garden-waste-\*/,
  ];
  assert.equal(visit.length, expected.length, visit.join('\n'));
  expected.forEach((pattern, index) => assert.match(visit[index], pattern));
  assert.ok(!rows.join('\n').includes('pat.panel') && !rows.join('\n').includes(viewerToken));
  assert.deepEqual(await axe(admin.page), [], 'results for an admin, audit trail shown');
  // At 320 px the trail's table scrolls inside its own region: the page does not.
  await admin.page.setViewport({ width: 320, height: 640 });
  const overflow = await admin.page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
  assert.deepEqual(overflow, { scroll: 320, client: 320 });
  await admin.context.close();
});
