// Test-runner command `emulate-forced-colors`: puppeteer's emulateMedia() ignores
// `forcedColors`, so set the media feature over the DevTools protocol, on one session per page
// (a new session would reset it).
const sessions = new WeakMap();

/** @returns {import('@web/test-runner').TestRunnerPlugin} */
export function forcedColorsPlugin() {
  return {
    name: 'emulate-forced-colors',
    async executeCommand({ command, payload, session }) {
      if (command !== 'emulate-forced-colors') return undefined;
      const page = /** @type {any} */ (session.browser).getPage(session.id);
      if (!sessions.has(page)) sessions.set(page, await page.createCDPSession());
      const active = /** @type {{ forcedColors?: string } | undefined} */ (payload)?.forcedColors === 'active';
      await sessions.get(page).send('Emulation.setEmulatedMedia', {
        features: [{ name: 'forced-colors', value: active ? 'active' : 'none' }],
      });
      return true;
    },
  };
}
