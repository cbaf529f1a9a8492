// `npm start` as a new user meets it: the receiver on a fresh SQLite file, the demo page on its
// own origin and on a second origin, answered in real headless Chromium; then the stored rows
// are read back with the admin token.
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import puppeteer from 'puppeteer-core';
import { launchOptions } from '../support/chromium.js';
import { freePort, inPrompt, startScript, stopScript } from '../support/e2e.js';

const ADMIN_TOKEN = '5I49jwwIfHKVhYh5ynHq-ZraBJXh6N-2';

let server;
let browser;
let folder;
let port;

before(async () => {
  folder = await mkdtemp(join(tmpdir(), 'welcomed-e2e-'));
  port = await freePort();
  const partnerPort = await freePort();
  server = await startScript(
    'scripts/start.js',
    {
      ...process.env,
      PORT: String(port),
      DEMO_PARTNER_PORT: String(partnerPort),
      WELCOMED_DB: join(folder, 'welcomed.db'),
      WELCOMED_ADMIN_TOKEN: ADMIN_TOKEN,
    },
    'Press Ctrl+C to stop.',
  );
  server.partnerPort = partnerPort;
  browser = await puppeteer.launch(launchOptions);
});

after(async () => {
  await browser?.close();
  await stopScript(server);
  await rm(folder, { recursive: true, force: true });
});

for (const origin of ['own', 'partner']) {
  test(`a resident answers on the demo page (${origin} origin) and the admin reads one redacted response`, async () => {
    const pagePort = origin === 'own' ? port : server.partnerPort;
    const page = await browser.newPage();
    const problems = [];
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warn') problems.push(message.text());
    });
    page.on('pageerror', (error) => problems.push(error.message));
    await page.goto(`http://localhost:${pagePort}/?utm_source=test#renew`, { waitUntil: 'load' });

    const yes = await inPrompt(page, 'button[data-answer="yes"]');
    const loadedBeforeAnswer = await resources(page);
    assert.deepEqual(
      loadedBeforeAnswer.filter((url) => !/\/(dist\/welcomed\.js|demo\.css|favicon\.svg)$/.test(url)),
      [],
      'nothing but the page and the widget is fetched before the user answers',
    );
    assert.ok(
      !loadedBeforeAnswer.some((url) => /\/welcomed\.[a-z]{2,3}\.js$/.test(url)),
      'an English page loads no locale module',
    );
    await yes.click();
    const comment = await inPrompt(page, 'textarea');
    await comment.type('Much easier than phoning. Email me on resident@example.org');
    await (await inPrompt(page, 'button[type="submit"]')).click();
    await inPrompt(page, '.thanks');
    const loaded = await resources(page);
    for (const part of ['follow-up', 'comment-step']) {
      assert.ok(loaded.some((url) => url.endsWith(`/dist/welcomed.${part}.js`)), `welcomed.${part}.js is loaded once the user has answered`);
    }
    assert.ok(!loaded.some((url) => /about-you-step|panel-step/.test(url)), 'steps the page does not ask for are never fetched');

    const rows = await waitForRows(
      (list) => list.some((row) => row.comment && row.page === `http://localhost:${pagePort}/`),
    );
    const mine = rows.filter((row) => row.page === `http://localhost:${pagePort}/`);
    assert.equal(mine.length, 1, 'exactly one response for this page');
    assert.equal(mine[0].change, 'garden-waste-online-2026');
    assert.equal(mine[0].answer, 'yes');
    assert.equal(mine[0].comment, 'Much easier than phoning. Email me on [email]');
    assert.deepEqual(problems, []);
    await page.close();
  });
}


/** Collects the page's Content-Security-Policy violations in `window.violations`, from its first script on. */
function recordViolations(page) {
  return page.evaluateOnNewDocument(() => {
    window.violations = [];
    document.addEventListener('securitypolicyviolation', (event) => {
      window.violations.push(`${event.violatedDirective} ${event.blockedURI} ${event.sample}`);
    });
  });
}

function resources(page) {
  return page.evaluate(() => performance.getEntriesByType('resource').map((entry) => entry.name));
}

test('the Welsh demo page loads the Welsh module only, and the bilingual page shows both languages', async () => {
  // A fresh profile: the tests above answered about this change, and the prompt remembers.
  const context = await browser.createBrowserContext();
  const page = await context.newPage();
  await page.goto(`http://localhost:${port}/cy.html`, { waitUntil: 'load' });
  await inPrompt(page, 'section[lang="cy"] legend');
  const loaded = (await resources(page)).filter((url) => /\/welcomed\.[a-z]{2,3}\.js$/.test(url));
  assert.deepEqual(loaded.map((url) => url.split('/').pop()), ['welcomed.cy.js']);

  await page.goto(`http://localhost:${port}/bilingual.html`, { waitUntil: 'load' });
  await page.waitForFunction(
    () => [...document.querySelectorAll('welcomed-prompt')].map((prompt) => prompt.shadowRoot?.querySelector('section')?.lang).join() === 'cy,en',
    { polling: 50, timeout: 10_000 },
  );
  await page.goto(`http://localhost:${port}/ur.html`, { waitUntil: 'load' });
  const direction = await (await inPrompt(page, 'section')).evaluate((section) => [section.lang, section.dir].join());
  assert.equal(direction, 'ur,rtl');
  await context.close();
});

test('under the strict CSP of the demo pages, every state and a language switch cause no violation', async () => {
  const context = await browser.createBrowserContext();
  const page = await context.newPage();
  await recordViolations(page);
  const reply = await page.goto(`http://localhost:${port}/`, { waitUntil: 'load' });
  assert.match(reply.headers()['content-security-policy'], /require-trusted-types-for 'script'; trusted-types lit-html/);

  const yes = await inPrompt(page, 'button[data-answer="no"]');
  const buttonHeight = await yes.evaluate((button) => button.getBoundingClientRect().height);
  assert.ok(buttonHeight >= 44, `styles are applied (answer button ${buttonHeight}px high)`);
  await yes.click();
  const textarea = await inPrompt(page, 'textarea');
  await textarea.evaluate((field) => {
    field.value = 'x'.repeat(1300);
    field.dispatchEvent(new Event('input'));
  });
  await (await inPrompt(page, 'button[type="submit"]')).click();
  await inPrompt(page, '.error-summary');
  await textarea.evaluate((field) => {
    field.value = 'Fine now';
    field.dispatchEvent(new Event('input'));
  });
  await (await inPrompt(page, 'button[type="submit"]')).click();
  await inPrompt(page, '.thanks');
  await page.evaluate(() => {
    document.querySelector('welcomed-prompt').lang = 'cy';
  });
  await inPrompt(page, 'section[lang="cy"]');
  assert.deepEqual(await page.evaluate(() => window.violations), []);
  await context.close();
});

test('the Blue Badge page asks every follow-up step under the strict CSP, and stores about and panel', async () => {
  const context = await browser.createBrowserContext();
  const page = await context.newPage();
  await recordViolations(page);
  await page.goto(`http://localhost:${port}/blue-badge.html`, { waitUntil: 'load' });
  await (await inPrompt(page, 'button[data-answer="partly"]')).click();
  await (await inPrompt(page, 'textarea')).type('Uploading from my phone was hard.');
  await (await inPrompt(page, 'button[type="submit"]')).click();

  const privacy = await inPrompt(page, '[part="privacy-link"]');
  assert.equal(await privacy.evaluate((link) => link.href), `http://localhost:${port}/privacy.html`);
  await (await inPrompt(page, '#about-ageBand-6')).click();
  await (await inPrompt(page, '#about-disabled-0')).click();
  await (await inPrompt(page, '#about-disabilityImpact-0')).click();
  await (await inPrompt(page, 'button[type="submit"]')).click();

  await (await inPrompt(page, '#panel-name')).type('A Resident');
  await (await inPrompt(page, '#panel-email')).type('resident@example.org');
  await (await inPrompt(page, '#panel-consent')).click();
  await (await inPrompt(page, 'button[type="submit"]')).click();
  await inPrompt(page, '.thanks');

  const mine = await waitForRows((list) => list.some((row) => row.panel), 'blue-badge-online-2026');
  assert.equal(mine.length, 1);
  assert.equal(mine[0].comment, 'Uploading from my phone was hard.');
  assert.deepEqual(mine[0].about, { ageBand: '65-74', disabled: 'yes', disabilityImpact: 'a-lot' });
  assert.deepEqual(mine[0].panel, { name: 'A Resident', email: 'resident@example.org', consent: true });
  assert.deepEqual(await page.evaluate(() => window.violations), []);

  const notice = await page.goto(`http://localhost:${port}/privacy.html`, { waitUntil: 'load' });
  assert.equal(notice.status(), 200);
  assert.match(await page.title(), /Privacy notice/);
  await context.close();
});

test('an answer given while the connection drops is kept on the device and sent on the next visit', async () => {
  const context = await browser.createBrowserContext();
  const page = await context.newPage();
  await page.goto(`http://localhost:${port}/`, { waitUntil: 'load' });
  // The connection drops after the page loaded: nothing more can be fetched or sent.
  await page.setRequestInterception(true);
  const disconnected = (request) => request.abort('internetdisconnected');
  page.on('request', disconnected);
  await (await inPrompt(page, 'button[data-answer="partly"]')).click();
  await page.waitForFunction(
    () => document.querySelector('welcomed-prompt').shadowRoot.querySelector('[role="status"]').textContent.includes('will be sent'),
    { polling: 50, timeout: 10_000 },
  );
  const queued = await page.evaluate(() => Object.keys(localStorage).filter((key) => key.startsWith('welcomed:queue:')));
  assert.equal(queued.length, 1);
  const id = queued[0].split('|').pop();

  page.off('request', disconnected);
  await page.setRequestInterception(false);
  await page.goto(`http://localhost:${port}/cy.html`, { waitUntil: 'load' });
  const rows = await waitForRows((list) => list.some((row) => row.id === id));
  assert.equal(rows.filter((row) => row.id === id).length, 1, 'sent once on the next visit');
  await page.waitForFunction(() => !Object.keys(localStorage).some((key) => key.startsWith('welcomed:queue:')), { polling: 50 });
  await context.close();
});

test('keyboard only on the demo page: answer, comment, thank-you, with focus visible throughout', async () => {
  const context = await browser.createBrowserContext();
  const page = await context.newPage();
  await page.goto(`http://localhost:${port}/`, { waitUntil: 'load' });
  await inPrompt(page, 'button[data-answer="yes"]');
  /** What has focus inside the prompt, and whether a focus indicator is drawn around it. */
  const focused = () =>
    page.evaluate(() => {
      const prompt = document.querySelector('welcomed-prompt');
      const active = prompt.shadowRoot.activeElement;
      if (document.activeElement !== prompt || !active) return null;
      const style = getComputedStyle(active);
      const visible = (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2) || style.boxShadow !== 'none';
      return { what: active.getAttribute('data-answer') ?? active.id ?? active.localName, tag: active.localName, text: active.textContent.trim(), visible };
    });
  let inside = null;
  for (let presses = 0; presses < 30 && !inside; presses += 1) {
    await page.keyboard.press('Tab');
    inside = await focused();
  }
  assert.equal(inside?.what, 'yes', 'Tab reaches the first answer');
  assert.ok(inside.visible, 'focus is visible on the answer');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.querySelector('welcomed-prompt').shadowRoot.activeElement?.localName === 'h2', { polling: 50, timeout: 10_000 });
  assert.ok((await focused()).visible, 'focus is visible on the follow-up heading');
  await page.keyboard.press('Tab');
  assert.deepEqual(await focused(), { what: 'comment', tag: 'textarea', text: '', visible: true });
  await page.keyboard.type('Easier than phoning.');
  await page.keyboard.press('Tab');
  const send = await focused();
  assert.equal(send.tag, 'button');
  assert.ok(send.visible, 'focus is visible on Send');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.querySelector('welcomed-prompt').shadowRoot.activeElement?.closest?.('.thanks'), { polling: 50, timeout: 10_000 });
  const thanks = await focused();
  assert.equal(thanks.text, 'Thank you for your feedback');
  assert.ok(thanks.visible, 'focus is visible on the thank-you');
  await waitForRows((rows) => rows.some((row) => row.comment === 'Easier than phoning.'));
  await context.close();
});

async function waitForRows(done, change = 'garden-waste-online-2026') {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const reply = await fetch(`http://127.0.0.1:${port}/api/responses?change=${change}`, {
      headers: { Authorization: `Bearer ${ADMIN_TOKEN}` },
    });
    assert.equal(reply.status, 200);
    const rows = await reply.json();
    if (done(rows)) return rows;
    if (Date.now() > deadline) return rows;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

