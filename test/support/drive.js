// One way to drive a real browser tab in any of the three engines, for end-to-end tests that must
// leave the page (which a web-test-runner test cannot do to its own page): Chromium and Firefox
// through puppeteer-core (DevTools protocol, WebDriver BiDi), WebKit through webdriverio
// (WebKitWebDriver, WebDriver classic). Only what the tests need: go to a page, click and type
// as a person would (in the prompt's shadow root too), run a function in the page, go back and
// forward in history.
import puppeteer from 'puppeteer-core';
import { remote } from 'webdriverio';
import { puppeteerLaunchOptions, startWebKitDriver, webkitRemoteOptions } from './engines.js';

/**
 * @typedef {object} Tab
 * @property {string} engine
 * @property {(url: string) => Promise<void>} goto loads a page and waits for its load event
 * @property {<A extends unknown[], R>(fn: (...args: A) => R, ...args: A) => Promise<R>} evaluate
 *   runs a synchronous function in the page and returns its (JSON) result
 * @property {(selector: string) => Promise<void>} click clicks an element of the page
 * @property {(selector: string) => Promise<void>} clickInPrompt clicks an element in the prompt's shadow root
 * @property {(selector: string, text: string) => Promise<void>} typeInPrompt types into a field of the prompt
 * @property {() => Promise<void>} back
 * @property {() => Promise<void>} forward
 * @property {() => Promise<void>} close closes the browser
 */

/**
 * @param {import('./engines.js').Engine} engine
 * @returns {Promise<Tab>}
 */
export async function openTab(engine) {
  return engine === 'webkit' ? openWebKitTab() : openPuppeteerTab(engine);
}

/** @param {'chromium' | 'firefox'} engine */
async function openPuppeteerTab(engine) {
  const browser = await puppeteer.launch(puppeteerLaunchOptions[engine]);
  const page = (await browser.pages())[0] ?? (await browser.newPage());
  /** @param {string} selector */
  const inPrompt = async (selector) => {
    await page.waitForFunction(
      (inner) => document.querySelector('welcomed-prompt')?.shadowRoot?.querySelector(inner),
      { polling: 50, timeout: 10_000 },
      selector,
    );
    const handle = await page.$(`welcomed-prompt >>> ${selector}`);
    if (!handle) throw new Error(`no ${selector} in the prompt`);
    return handle;
  };
  /** @type {Tab['evaluate']} */
  const evaluate = (fn, ...args) => /** @type {any} */ (page.evaluate(/** @type {any} */ (fn), ...args));
  const moveInHistory = historyMover(evaluate);
  return {
    engine,
    // By script: after a page came back from the back/forward cache, puppeteer's own goto in
    // Firefox waits for a navigation it never sees.
    goto: (url) => navigate(evaluate, url),
    evaluate,
    async click(selector) {
      await page.click(selector);
    },
    async clickInPrompt(selector) {
      await (await inPrompt(selector)).click();
    },
    async typeInPrompt(selector, text) {
      await (await inPrompt(selector)).type(text);
    },
    back: () => moveInHistory(-1),
    forward: () => moveInHistory(1),
    async close() {
      await browser.close();
    },
  };
}

async function openWebKitTab() {
  const driver = await startWebKitDriver();
  /** @type {WebdriverIO.Browser} */
  let browser;
  try {
    browser = await remote(webkitRemoteOptions(driver.port));
  } catch (error) {
    await driver.stop();
    throw error;
  }
  /** @param {string} selector */
  const inPrompt = async (selector) => {
    const element = browser.$('welcomed-prompt').shadow$(selector);
    await element.waitForExist({ timeout: 10_000, interval: 50 });
    return element;
  };
  /** @type {Tab['evaluate']} */
  const evaluate = (fn, ...args) => /** @type {any} */ (browser.execute(/** @type {any} */ (fn), ...args));
  const moveInHistory = historyMover(evaluate);
  return {
    engine: 'webkit',
    async goto(url) {
      await browser.url(url);
    },
    evaluate,
    async click(selector) {
      await browser.$(selector).click();
    },
    async clickInPrompt(selector) {
      await (await inPrompt(selector)).click();
    },
    async typeInPrompt(selector, text) {
      await (await inPrompt(selector)).addValue(text);
    },
    back: () => moveInHistory(-1),
    forward: () => moveInHistory(1),
    async close() {
      try {
        await browser.deleteSession();
      } finally {
        await driver.stop();
      }
    },
  };
}

/**
 * Follows a link to `url` by script and waits until that page has loaded.
 * @param {Tab['evaluate']} evaluate
 * @param {string} url
 */
async function navigate(evaluate, url) {
  // The page left is marked, so a new page at the same address is told from it.
  await evaluate((target) => {
    document.documentElement.dataset.left = 'yes';
    setTimeout(() => location.assign(target), 0);
  }, url);
  await waitUntilShown(evaluate, (href, left) => href === url && !left, `${url} to load`);
}

/**
 * Polls until the page's address passes `isShown` and the page has loaded.
 * @param {Tab['evaluate']} evaluate
 * @param {(href: string, left: string | undefined) => boolean} isShown
 * @param {string} what
 */
async function waitUntilShown(evaluate, isShown, what) {
  const deadline = Date.now() + 10_000;
  for (;;) {
    try {
      const [href, state, left] = await evaluate(() => [location.href, document.readyState, document.documentElement.dataset.left]);
      if (isShown(href, left) && state === 'complete') return;
    } catch {
      // between documents
    }
    if (Date.now() > deadline) throw new Error(`timed out after 10 s waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * Goes back (-1) or forward (1) in the tab's history and waits until the other page is shown.
 * By script, as the browser's own back button would: the drivers' back commands wait for a load
 * event, which a page restored from the back/forward cache never fires (Firefox then hangs).
 * @param {Tab['evaluate']} evaluate
 */
function historyMover(evaluate) {
  return async (/** @type {number} */ delta) => {
    const before = await evaluate(() => location.href);
    // Later, so the script returns before its page goes.
    await evaluate((step) => void setTimeout(() => history.go(step), 0), delta);
    await waitUntilShown(evaluate, (href) => href !== before, `history.go(${delta}) to leave ${before}`);
  };
}
