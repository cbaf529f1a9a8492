// "You said, we did" as the new user tries it, on `npm start` (the receiver on a fresh
// SQLite file): a resident answers on the demo page that opts in with `updates`; a manager (the
// admin token, until scoped roles land) publishes "We did: we added a phone option for people
// without internet — change made" in English and Welsh; the resident reloads the page and sees
// the line; then reads the reply's page in Welsh with JavaScript off, in Chromium, Firefox ESR and
// WebKit, checked by axe-core.
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import puppeteer from 'puppeteer-core';
import { launchOptions } from '../support/chromium.js';
import { freePort, inPrompt, startScript, stopScript } from '../support/e2e.js';
import { ENGINE_NAMES, checkAccessibility, openBrowser } from '../support/no-javascript.js';

const ADMIN_TOKEN = 'e2e-updates-token-0123456789abcdefghij';
const CHANGE = 'garden-waste-online-2026';
const UPDATE = {
  status: 'change-made',
  date: '2026-12-06',
  publishedBy: 'Waste services',
  texts: {
    en: {
      youSaid: 'Some of you told us you cannot renew online because you do not have the internet.',
      weDid: 'We added a phone option for people without internet.',
    },
    cy: {
      youSaid: "Dywedodd rhai ohonoch na allwch adnewyddu ar-lein am nad oes gennych y rhyngrwyd.",
      weDid: "Fe wnaethon ni ychwanegu opsiwn ffôn i bobl heb y rhyngrwyd.",
    },
  },
};

let server;
let folder;
let base = '';

before(async () => {
  folder = await mkdtemp(join(tmpdir(), 'welcomed-e2e-updates-'));
  const port = await freePort();
  server = await startScript(
    'scripts/start.js',
    {
      ...process.env,
      PORT: String(port),
      DEMO_PARTNER_PORT: String(await freePort()),
      WELCOMED_DB: join(folder, 'welcomed.db'),
      WELCOMED_ADMIN_TOKEN: ADMIN_TOKEN,
    },
    'Press Ctrl+C to stop.',
  );
  base = `http://localhost:${port}`;
});

after(async () => {
  await stopScript(server);
  await rm(folder, { recursive: true, force: true });
});

test('a resident answers, a manager publishes in English and Welsh, the resident sees the update line on the next visit', async () => {
  const browser = await puppeteer.launch(launchOptions);
  try {
    const page = await browser.newPage();
    const problems = [];
    page.on('pageerror', (error) => problems.push(error.message));
    await page.goto(`${base}/updates.html`, { waitUntil: 'load' });
    await (await inPrompt(page, 'button[data-answer="yes"]')).click();
    await inPrompt(page, '.thanks');

    const published = await fetch(`${base}/api/changes/${CHANGE}/updates`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify(UPDATE),
    });
    assert.equal(published.status, 201, await published.text());

    await page.reload({ waitUntil: 'load' });
    const line = await inPrompt(page, '[part="update"]');
    const text = await line.evaluate((element) => element.textContent.replace(/\s+/g, ' ').trim());
    assert.equal(text, 'You said, we did: Change made. Read the reply to what people said');
    const href = await line.evaluate((element) => element.querySelector('a').href);
    assert.equal(href, `${base}/changes/${CHANGE}?lang=en`);
    const asked = await page.evaluate(() => document.querySelector('welcomed-prompt').shadowRoot.querySelector('fieldset'));
    assert.equal(asked, null, 'not asked again');
    assert.deepEqual(problems, []);
  } finally {
    await browser.close();
  }
});

for (const engine of /** @type {const} */ (['chromium', 'firefox', 'webkit'])) {
  test(`${ENGINE_NAMES[engine]}, JavaScript off: the reply's page reads in Welsh, and passes axe`, async () => {
    const [resident, checker] = await Promise.all([openBrowser(engine, { javaScript: false }), openBrowser(engine, { javaScript: true })]);
    try {
      await resident.goto(`${base}/changes/${CHANGE}?lang=cy`);
      const shown = await resident.evaluate(() => ({
        lang: document.documentElement.lang,
        dir: document.documentElement.dir,
        title: document.title,
        heading: document.querySelector('h1')?.textContent?.trim(),
        status: document.querySelector('.tag')?.textContent?.trim(),
        scripts: document.scripts.length,
        text: document.querySelector('main')?.textContent?.replace(/\s+/g, ' ').trim(),
      }));
      assert.deepEqual(
        { ...shown, text: undefined },
        {
          lang: 'cy',
          dir: 'ltr',
          title: 'Dywedoch chi, fe wnaethon ni – Dweud eich dweud',
          heading: 'Dywedoch chi, fe wnaethon ni',
          status: "Newid wedi'i wneud",
          scripts: 0,
          text: undefined,
        },
      );
      assert.match(shown.text, /Fe wnaethon ni ychwanegu opsiwn ffôn i bobl heb y rhyngrwyd\./);
      assert.doesNotMatch(shown.text, /phone option|Waste services/);
      const violations = await checkAccessibility(checker, `${base}/changes/${CHANGE}`, await resident.markup());
      assert.deepEqual(violations, []);
    } finally {
      await resident.close();
      await checker.close();
    }
  });
}
