// Helpers shared by the end-to-end tests that drive Chromium with puppeteer-core.
import { createServer } from 'node:net';

/**
 * Waits for an element inside the prompt's shadow root and returns its handle. Polls: changes
 * inside a shadow root do not wake puppeteer's own waitForSelector.
 * @param {import('puppeteer-core').Page} page
 * @param {string} selector
 */
export async function inPrompt(page, selector) {
  await page.waitForFunction(
    (inner) => document.querySelector('welcomed-prompt')?.shadowRoot?.querySelector(inner),
    { polling: 50, timeout: 10_000 },
    selector,
  );
  return page.$(`welcomed-prompt >>> ${selector}`);
}

/** A TCP port on 127.0.0.1 that nothing listens on right now. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = /** @type {import('node:net').AddressInfo} */ (probe.address());
      probe.close(() => resolve(port));
    });
  });
}
