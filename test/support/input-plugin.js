// Test-runner commands `keyboard` and `viewport`, the same in every engine. The runner's own
// `sendKeys` and `setViewport` fall short outside Chromium: Firefox's BiDi keyboard does not know
// the key name "Space", and the WebDriver launcher (WebKit) has neither key chords (down/up)
// nor a viewport, and types a word with every key held down before any is released, so
// repeated letters are lost. Here each key is pressed and released on its own, as a person types.

/**
 * @typedef {{ press: string } | { type: string } | { down: string } | { up: string }} KeyboardPayload
 * @typedef {{ width: number, height: number }} ViewportPayload
 */

// WebDriver's code points for the named keys the tests use.
const WEBDRIVER_KEYS = {
  Backspace: '\uE003',
  Tab: '\uE004',
  Enter: '\uE007',
  Shift: '\uE008',
  Control: '\uE009',
  Escape: '\uE00C',
  Space: ' ',
  ArrowLeft: '\uE012',
  ArrowUp: '\uE013',
  ArrowRight: '\uE014',
  ArrowDown: '\uE015',
  KeyA: 'a',
  KeyC: 'c',
  KeyV: 'v',
};

/** @param {string} key a puppeteer key name, or one character */
function webdriverKey(key) {
  const mapped = /** @type {Record<string, string>} */ (WEBDRIVER_KEYS)[key];
  if (mapped) return mapped;
  if ([...key].length === 1) return key;
  throw new Error(`no WebDriver key for "${key}"`);
}

/** @param {string} key */
const puppeteerKey = (key) => (key === 'Space' ? ' ' : key);

/** @returns {import('@web/test-runner').TestRunnerPlugin} */
export function inputPlugin() {
  return {
    name: 'welcomed-input',
    async executeCommand({ command, payload, session }) {
      if (command !== 'keyboard' && command !== 'viewport') return undefined;
      const browser = /** @type {any} */ (session.browser);
      if (browser.type === 'puppeteer') {
        const page = browser.getPage(session.id);
        if (command === 'viewport') {
          await page.setViewport(/** @type {ViewportPayload} */ (payload));
          return true;
        }
        const keys = /** @type {KeyboardPayload} */ (payload);
        if ('press' in keys) await page.keyboard.press(puppeteerKey(keys.press));
        else if ('type' in keys) await page.keyboard.type(keys.type);
        else if ('down' in keys) await page.keyboard.down(puppeteerKey(keys.down));
        else await page.keyboard.up(puppeteerKey(keys.up));
        return true;
      }
      if (browser.type === 'webdriver') {
        /** @type {import('webdriverio').Browser} */
        const driver = browser.driver;
        if (command === 'viewport') return webdriverViewport(driver, /** @type {ViewportPayload} */ (payload));
        const keys = /** @type {KeyboardPayload} */ (payload);
        /** @type {{ type: 'keyDown' | 'keyUp', value: string }[]} */
        const actions = [];
        if ('press' in keys) actions.push({ type: 'keyDown', value: webdriverKey(keys.press) }, { type: 'keyUp', value: webdriverKey(keys.press) });
        else if ('down' in keys) actions.push({ type: 'keyDown', value: webdriverKey(keys.down) });
        else if ('up' in keys) actions.push({ type: 'keyUp', value: webdriverKey(keys.up) });
        else for (const character of keys.type) actions.push({ type: 'keyDown', value: character }, { type: 'keyUp', value: character });
        // A key held down (a modifier) stays down across calls: the session keeps its input state.
        await driver.performActions([{ type: 'key', id: 'keyboard', actions }]);
        return true;
      }
      throw new Error(`${command} is not supported for browser type ${browser.type}`);
    },
  };
}

/**
 * Resizes MiniBrowser's window so the page's viewport is `width`×`height`, as near as the window
 * allows (it is never narrower than about 450 px). Returns the viewport it got.
 * @param {import('webdriverio').Browser} driver
 * @param {ViewportPayload} wanted
 */
async function webdriverViewport(driver, wanted) {
  const [innerWidth, innerHeight] = /** @type {[number, number]} */ (await driver.execute(() => [innerWidth, innerHeight]));
  const { width, height } = await driver.getWindowSize();
  await driver.setWindowSize(Math.round(width - innerWidth + wanted.width), Math.round(height - innerHeight + wanted.height));
  const [gotWidth, gotHeight] = /** @type {[number, number]} */ (await driver.execute(() => [innerWidth, innerHeight]));
  return { width: gotWidth, height: gotHeight };
}
