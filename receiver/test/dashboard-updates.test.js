// "You said, we did" in the dashboard (dashboard/updates-panel.ts), in headless Chromium against a
// real receiver on this run's store: the count of changes with 50+ responses awaiting a reply; a
// reply written in English and Welsh, published, edited (a new version) and withdrawn; the error
// summary for a reply missing its Welsh, focused; axe in each state.
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { after, before, test } from 'node:test';
import puppeteer from 'puppeteer-core';
import { launchOptions } from '../../test/support/chromium.js';
import { STORE_NAME, TOKEN, makeResponse, post, startTestReceiver } from './helpers.js';

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];
const CHANGE = 'garden-waste-online-2026';

/** @type {import('puppeteer-core').Browser} */
let browser;
before(async () => {
  browser = await puppeteer.launch(launchOptions);
});
after(() => browser?.close());

test(`a manager sees which changes await a reply, publishes in English and Welsh, edits and withdraws it (${STORE_NAME})`, async (t) => {
  const { app, url } = await startTestReceiver(t, { listen: true });
  for (let index = 0; index < 50; index++) assert.equal((await post(app, makeResponse({ locale: index === 0 ? 'cy' : 'en' }))).statusCode, 201);
  const page = await browser.newPage();
  // Only so that axe-core can be injected: the dashboard's policy would refuse it.
  await page.setBypassCSP(true);
  await page.goto(`${url}/dashboard`, { waitUntil: 'load' });
  const deep = async (/** @type {string} */ selector) => {
    // `>>>` first: the panel's shadow root is inside the dashboard's. Polled: puppeteer's own
    // waiting listens for mutations of the document, which changes in shadow roots are not.
    for (const deadline = Date.now() + 10_000; Date.now() < deadline; await new Promise((resolve) => setTimeout(resolve, 50))) {
      const found = await page.$(`>>> ${selector}`);
      if (found) return /** @type {import('puppeteer-core').ElementHandle<any>} */ (found);
    }
    throw new Error(`no ${selector} in the dashboard`);
  };
  const text = async (/** @type {string} */ selector) => (await deep(selector)).evaluate((element) => element.textContent.replace(/\s+/g, ' ').trim());
  const audit = async (/** @type {string} */ state) => {
    await page.addScriptTag({ path: AXE });
    const found = await page.evaluate(async (tags) => {
      const result = await window.axe.run(document, { runOnly: { type: 'tag', values: tags } });
      return result.violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);
    }, AXE_TAGS);
    assert.deepEqual(found, [], state);
  };

  await (await deep('#token')).type(TOKEN);
  await (await deep('button[type="submit"]')).click();
  assert.equal(await text('#awaiting'), '1 change with 50+ responses has no published update.');
  await (await deep('.update-item button')).click();
  await deep('#en-youSaid');
  await audit('the reply form');

  // English only, for a change someone answered in Welsh: the error summary, focused, names the field.
  await (await deep('#en-youSaid')).type('Some of you cannot renew online.');
  await (await deep('#en-weDid')).type('We added a phone option for people without internet.');
  await (await deep('#status-change-made')).click();
  await (await deep('#publishedBy')).type('Waste services');
  await (await deep('form[aria-labelledby="form-heading"] button[type="submit"]')).click();
  await deep('#updates-error-title');
  const focused = await page.evaluate(() => {
    const inner = document.querySelector('welcomed-dashboard').shadowRoot.querySelector('welcomed-updates').shadowRoot;
    return inner.activeElement?.className;
  });
  assert.equal(focused, 'error-summary');
  assert.match(await text('.error-summary-list'), /\/texts\/cy is required/);
  // Its link focuses the field to fix, inside the shadow root.
  await (await deep('.error-summary-list a')).click();
  const fixing = await page.evaluate(() => document.querySelector('welcomed-dashboard').shadowRoot.querySelector('welcomed-updates').shadowRoot.activeElement?.id);
  assert.equal(fixing, 'cy-youSaid');
  await audit('the reply form with an error');

  await (await deep('#cy-youSaid')).type("Ni all rhai ohonoch adnewyddu ar-lein.");
  await (await deep('#cy-weDid')).type("Fe wnaethon ni ychwanegu opsiwn ffôn.");
  await (await deep('form[aria-labelledby="form-heading"] button[type="submit"]')).click();
  await page.waitForFunction(
    () => document.querySelector('welcomed-dashboard')?.shadowRoot?.querySelector('welcomed-updates')?.shadowRoot?.querySelector('[role="status"]')?.textContent?.includes('Published version 1'),
    { timeout: 10_000 },
  );
  assert.equal(await text('#awaiting'), '0 changes with 50+ responses have no published update.');
  const published = await fetch(`${url}/api/changes/${CHANGE}/update`).then((reply) => reply.json());
  assert.deepEqual([published.version, published.status, published.texts.cy.weDid], [1, 'change-made', 'Fe wnaethon ni ychwanegu opsiwn ffôn.']);

  // An edit is a new version, prefilled from the latest.
  assert.equal(await (await deep('#en-weDid')).evaluate((element) => element.value), 'We added a phone option for people without internet.');
  await (await deep('form[aria-labelledby="form-heading"] button[type="submit"]')).click();
  await page.waitForFunction(
    () => document.querySelector('welcomed-dashboard')?.shadowRoot?.querySelector('welcomed-updates')?.shadowRoot?.querySelector('[role="status"]')?.textContent?.includes('Published version 2'),
    { timeout: 10_000 },
  );
  await audit('after publishing');

  await (await deep('button.button-secondary')).click();
  await page.waitForFunction(
    () => document.querySelector('welcomed-dashboard')?.shadowRoot?.querySelector('welcomed-updates')?.shadowRoot?.querySelector('[role="status"]')?.textContent?.includes('Withdrew'),
    { timeout: 10_000 },
  );
  assert.equal((await fetch(`${url}/api/changes/${CHANGE}/update`)).status, 404);
  assert.match(await text('.update-item'), /reply withdrawn/);
  await page.close();
});
