// Browsers with JavaScript turned off, one per engine, each Debian's own build, driven through
// one small interface so that the no-JavaScript tests read the same in every engine:
//  - Chromium: puppeteer-core over the DevTools protocol, `page.setJavaScriptEnabled(false)`;
//  - Firefox ESR: puppeteer-core over WebDriver BiDi, launched with the preference
//    `javascript.enabled` false (BiDi has no command to turn scripts off: Firefox ESR 153 answers
//    `emulation.setScriptingEnabled` with "unknown command");
//  - WebKit: WebKitGTK's MiniBrowser with `--enable-javascript=false` (a WebKitSettings property
//    it takes on its command line), driven by WebKitWebDriver over WebDriver classic on an Xvfb
//    display (MiniBrowser has no headless mode); started as engines.js starts every engine.
// With scripts off, pages run none of their own; the drivers still read the page (their scripts
// run in a world of their own). They act as a keyboard user would where the engine allows it.
//
// axe-core cannot run in a page with scripts off (its promises wait on timers that never fire), so
// `checkAccessibility` takes the page's markup as the JavaScript-off browser holds it and opens it
// in a second browser of the same engine, with scripts on, in a script-free page of the same
// origin (its styles load, none of its scripts can run), and runs axe there.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import puppeteer from 'puppeteer-core';
import { remote } from 'webdriverio';
import { puppeteerLaunchOptions, startWebKitDriver, webkitRemoteOptions } from './engines.js';

/** @typedef {'chromium' | 'firefox' | 'webkit'} Engine */

/** How each engine is named in test titles. */
export const ENGINE_NAMES = { chromium: 'Chromium', firefox: 'Firefox ESR', webkit: 'WebKit (MiniBrowser)' };

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

/**
 * @typedef {object} Browser
 * @property {(url: string) => Promise<void>} goto
 * @property {() => Promise<string>} url
 * @property {() => Promise<string>} markup the page as the browser holds it, serialised
 * @property {<T>(script: string | ((...args: any[]) => T), ...args: any[]) => Promise<T>} evaluate runs in the page
 * @property {(selector: string) => Promise<void>} follow follows a link, and waits for the page
 * @property {(selector: string) => Promise<void>} activate follows a link within the page (a fragment)
 * @property {(selector: string) => Promise<void>} choose selects a radio button
 * @property {(selector: string, text: string) => Promise<void>} type types into a field
 * @property {(selector: string) => Promise<void>} submit presses a form's button, and waits for the page
 * @property {(width: number, height: number) => Promise<void>} [resize] sets the viewport, where the driver can
 * @property {() => Promise<void>} close
 */

/**
 * A browser of `engine`, with JavaScript off (a resident's) or on (the accessibility checker's).
 * @param {Engine} engine
 * @param {{ javaScript: boolean }} options
 * @returns {Promise<Browser>}
 */
export function openBrowser(engine, { javaScript }) {
  return engine === 'webkit' ? openWebKit(javaScript) : openPuppeteer(engine, javaScript);
}

/**
 * @param {'chromium' | 'firefox'} engine
 * @param {boolean} javaScript
 * @returns {Promise<Browser>}
 */
async function openPuppeteer(engine, javaScript) {
  const browser = await puppeteer.launch(
    engine === 'firefox'
      ? { ...puppeteerLaunchOptions.firefox, protocolTimeout: 30_000, extraPrefsFirefox: { 'javascript.enabled': javaScript } }
      : puppeteerLaunchOptions.chromium,
  );
  const page = await browser.newPage();
  if (engine === 'chromium') await page.setJavaScriptEnabled(javaScript);
  // Pressing keys rather than clicking: puppeteer's click waits, in Firefox, for a script-driven
  // scroll that never ends with scripts off; and residents use keyboards.
  const press = async (/** @type {string} */ selector, /** @type {import('puppeteer-core').KeyInput} */ key) => {
    await page.focus(selector);
    await page.keyboard.press(key);
  };
  const navigating = async (/** @type {() => Promise<void>} */ action) => {
    await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), action()]);
  };
  return {
    goto: async (url) => void (await page.goto(url, { waitUntil: 'load' })),
    url: async () => page.url(),
    markup: () => page.content(),
    evaluate: (script, ...args) => /** @type {any} */ (page.evaluate(/** @type {any} */ (script), ...args)),
    follow: (selector) => navigating(() => press(selector, 'Enter')),
    activate: (selector) => press(selector, 'Enter'),
    choose: (selector) => press(selector, ' '),
    type: async (selector, text) => {
      await page.focus(selector);
      await page.keyboard.type(text);
    },
    submit: (selector) => navigating(() => press(selector, 'Enter')),
    resize: (width, height) => page.setViewport({ width, height }),
    close: () => browser.close(),
  };
}

/**
 * MiniBrowser through WebKitWebDriver, on a display of its own.
 * @param {boolean} javaScript
 * @returns {Promise<Browser>}
 */
async function openWebKit(javaScript) {
  const driver = await startWebKitDriver();
  const browser = await remote(webkitRemoteOptions(driver.port, javaScript ? [] : ['--enable-javascript=false']));
  // A click that sends a form returns before the next page has come: mark this page, click, and
  // wait for a page without the mark.
  const navigating = async (/** @type {string} */ selector) => {
    await browser.execute(() => document.documentElement.setAttribute('data-leaving', ''));
    await browser.$(selector).click();
    await browser.waitUntil(
      () => browser.execute(() => document.readyState === 'complete' && !document.documentElement.hasAttribute('data-leaving')),
      { timeout: 10_000, interval: 50, timeoutMsg: `no new page after clicking ${selector}` },
    );
  };
  return {
    goto: (url) => browser.url(url).then(() => undefined),
    url: () => browser.getUrl(),
    markup: () => browser.getPageSource(),
    evaluate: (script, ...args) => /** @type {any} */ (browser.execute(/** @type {any} */ (script), ...args)),
    follow: navigating,
    activate: (selector) => browser.$(selector).click(),
    choose: (selector) => browser.$(selector).click(),
    // Element Send Keys types the whole text as one command (webdriverio's keys() would lose
    // repeated characters in WebKitGTK).
    type: (selector, text) => browser.$(selector).addValue(text),
    submit: navigating,
    async close() {
      await browser.deleteSession().catch(() => undefined);
      await driver.stop();
    },
  };
}

/**
 * Runs axe-core (WCAG 2.2 A and AA, and best practice) on `markup`, opened in `checker` (a
 * browser of the same engine with scripts on) in place of the script-free page at `hostUrl`, on
 * the origin the markup came from. Resolves with the violations, as `id: target` lines.
 * @param {Browser} checker
 * @param {string} hostUrl
 * @param {string} markup
 */
export async function checkAccessibility(checker, hostUrl, markup) {
  await checker.goto(hostUrl);
  await checker.evaluate((/** @type {string} */ html) => {
    const parsed = new DOMParser().parseFromString(html, 'text/html');
    document.replaceChild(document.adoptNode(parsed.documentElement), document.documentElement);
  }, markup);
  // Its style sheets loaded: axe judges contrast on what is drawn.
  for (const deadline = Date.now() + 10_000; ; ) {
    const loaded = await checker.evaluate(() =>
      [...document.querySelectorAll('link[rel="stylesheet"]')].every((link) => /** @type {HTMLLinkElement} */ (link).sheet !== null),
    );
    if (loaded) break;
    if (Date.now() > deadline) throw new Error(`the style sheets of ${hostUrl} did not load`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  await checker.evaluate(AXE_SOURCE);
  // Started in the page and read back, as WebDriver classic cannot wait on a promise.
  await checker.evaluate((/** @type {string[]} */ tags) => {
    const page = /** @type {any} */ (window);
    page.axeResult = undefined;
    page.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] }).then(
      (/** @type {any} */ result) => (page.axeResult = result.violations.map((/** @type {any} */ violation) => `${violation.id}: ${violation.nodes.map((/** @type {any} */ node) => node.target.join(' ')).join(', ')}`)),
      (/** @type {Error} */ error) => (page.axeResult = [`axe failed: ${error.message}`]),
    );
  }, AXE_TAGS);
  for (const deadline = Date.now() + 20_000; ; ) {
    const result = await checker.evaluate(() => /** @type {any} */ (window).axeResult);
    if (result) return /** @type {string[]} */ (result);
    if (Date.now() > deadline) throw new Error('axe did not finish within 20 s');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
