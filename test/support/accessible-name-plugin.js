// Test-runner command `accessible-name`: the accessible name the browser computed for the element
// marked `data-name-probe` (looked for through shadow roots), as a screen reader gets it. Chromium
// answers from its accessibility tree (DevTools protocol, through puppeteer's snapshot); WebKit
// from WebDriver's "Get Computed Label". Firefox over WebDriver BiDi has neither: null there.

/** @returns {import('@web/test-runner').TestRunnerPlugin} */
export function accessibleNamePlugin() {
  return {
    name: 'accessible-name',
    async executeCommand({ command, session }) {
      if (command !== 'accessible-name') return undefined;
      const browser = /** @type {any} */ (session.browser);
      if (browser.type === 'puppeteer') {
        const page = browser.getPage(session.id);
        if (page.browser().protocol !== 'cdp') return { name: null };
        const handle = await page.evaluateHandle(findProbe);
        const element = handle.asElement();
        if (!element) throw new Error('no element marked data-name-probe');
        const node = await page.accessibility.snapshot({ root: element, interestingOnly: false });
        return { name: node?.name ?? '' };
      }
      if (browser.type === 'webdriver') {
        /** @type {import('webdriverio').Browser} */
        const driver = browser.driver;
        const element = await driver.execute(findProbe);
        if (!element) throw new Error('no element marked data-name-probe');
        const id = /** @type {Record<string, string>} */ (/** @type {unknown} */ (element))['element-6066-11e4-a52e-4f735466cecf'];
        return { name: await driver.getElementComputedLabel(id) };
      }
      return { name: null };
    },
  };
}

/** In the page: the element marked `data-name-probe`, in the document or any shadow root. */
function findProbe() {
  /** @param {Document | ShadowRoot} root @returns {Element | null} */
  const find = (root) => {
    const found = root.querySelector('[data-name-probe]');
    if (found) return found;
    for (const element of root.querySelectorAll('*')) {
      const inner = element.shadowRoot && find(element.shadowRoot);
      if (inner) return inner;
    }
    return null;
  };
  return find(document);
}
