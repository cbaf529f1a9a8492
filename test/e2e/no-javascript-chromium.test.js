// The widget's fallback with JavaScript off, in Chromium (test/support/no-javascript-tests.js);
// then, as the new user would end, the service owner finds those answers counted on the
// dashboard (which needs JavaScript: it is the admin's tool, not the resident's).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import puppeteer from 'puppeteer-core';
import { launchOptions } from '../support/chromium.js';
import { ADMIN_TOKEN, CHANGE, noJavaScriptTests } from '../support/no-javascript-tests.js';

const shared = noJavaScriptTests('chromium');

test('Chromium: the service owner finds the answers given without JavaScript counted on the dashboard', async () => {
  const browser = await puppeteer.launch(launchOptions);
  try {
    const page = await browser.newPage();
    await page.goto(`${shared.base}/dashboard`, { waitUntil: 'load' });
    const inDashboard = async (/** @type {string} */ selector, /** @type {string} */ text = '') => {
      await page.waitForFunction(
        (inner, wanted) =>
          [...(document.querySelector('welcomed-dashboard')?.shadowRoot?.querySelectorAll(inner) ?? [])].some((element) =>
            element.textContent.includes(wanted),
          ),
        { polling: 50, timeout: 10_000 },
        selector,
        text,
      );
      return page.$(`welcomed-dashboard >>> ${selector}`);
    };
    await (await inDashboard('#token'))?.type(ADMIN_TOKEN);
    await (await inDashboard('button[type="submit"]'))?.click();
    await inDashboard('.change-item', CHANGE);
    const item = await page.evaluate(
      (change) =>
        [...document.querySelector('welcomed-dashboard').shadowRoot.querySelectorAll('.change-item')]
          .map((element) => element.textContent.replace(/\s+/g, ' ').trim())
          .find((text) => text.startsWith(change)),
      CHANGE,
    );
    // Nine through the JSON API, and the three the resident gave through the form, each once.
    assert.match(item, /^garden-waste-online-2026 12 responses, 17% said yes/);
  } finally {
    await browser.close();
  }
});
