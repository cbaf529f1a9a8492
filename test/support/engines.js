// The three browser engines every browser test runs in, each Debian's own build (no tool may
// download a browser here):
//  - Chromium (/usr/bin/chromium), headless, over the DevTools protocol (puppeteer);
//  - Firefox ESR (/usr/bin/firefox-esr), headless, over WebDriver BiDi (puppeteer);
//  - WebKit: WebKitGTK's MiniBrowser, driven by WebKitWebDriver over WebDriver classic. It has no
//    headless mode, so it gets a display of its own (Xvfb) when there is none.
// The web test runner and the end-to-end tests (test/e2e/) start them the same way from here.
import { spawn } from 'node:child_process';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './chromium.js';
import { freePort } from './e2e.js';

/** @typedef {'chromium' | 'firefox' | 'webkit'} Engine */

/** @type {Engine[]} */
export const ENGINES = ['chromium', 'firefox', 'webkit'];

export const FIREFOX_PATH = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
export const WEBKIT_DRIVER_PATH = process.env.WEBKIT_DRIVER_PATH ?? '/usr/bin/WebKitWebDriver';
export const MINIBROWSER_PATH = process.env.MINIBROWSER_PATH ?? '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser';

/**
 * The engine named by `WTR_ENGINE` (default `chromium`).
 * @returns {Engine}
 */
export function engineFromEnv() {
  const engine = process.env.WTR_ENGINE ?? 'chromium';
  if (!ENGINES.includes(/** @type {Engine} */ (engine))) {
    throw new Error(`WTR_ENGINE="${engine}" is not one of ${ENGINES.join(', ')}`);
  }
  return /** @type {Engine} */ (engine);
}

/** puppeteer-core's launch options for Chromium and Firefox. */
export const puppeteerLaunchOptions = {
  chromium: { executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS },
  firefox: { browser: 'firefox', executablePath: FIREFOX_PATH, headless: true },
};

/** @type {Set<import('node:child_process').ChildProcess>} */
const children = new Set();
// Helpers started here die with the process that started them, however it ends.
process.on('exit', () => {
  for (const child of children) child.kill('SIGTERM');
});

/**
 * Spawns a helper process and keeps it until this process exits (or `stop` is called).
 * @param {string} command
 * @param {string[]} args
 * @param {NodeJS.ProcessEnv} env
 * @param {import('node:child_process').StdioOptions} stdio
 */
function spawnHelper(command, args, env = process.env, stdio = 'ignore') {
  const child = spawn(command, args, { env, stdio });
  children.add(child);
  child.on('exit', () => children.delete(child));
  return child;
}

/** @param {import('node:child_process').ChildProcess} child */
async function stopHelper(child) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

/**
 * An X display for MiniBrowser: `DISPLAY` if set, else a new Xvfb (which picks a free display
 * number and prints it on file descriptor 3).
 * @returns {Promise<{ display: string, stop: () => Promise<void> }>}
 */
export async function ensureDisplay() {
  if (process.env.DISPLAY) return { display: process.env.DISPLAY, stop: async () => undefined };
  const xvfb = spawnHelper('Xvfb', ['-displayfd', '3', '-screen', '0', '1280x1024x24', '-nolisten', 'tcp'], process.env, [
    'ignore',
    'ignore',
    'pipe',
    'pipe',
  ]);
  const number = await new Promise((resolve, reject) => {
    let printed = '';
    let errors = '';
    xvfb.stdio[2]?.on('data', (chunk) => (errors += chunk));
    xvfb.stdio[3]?.on('data', (chunk) => {
      printed += chunk;
      if (printed.includes('\n')) resolve(printed.trim());
    });
    xvfb.once('exit', (code) => reject(new Error(`Xvfb exited with ${code}: ${errors}`)));
  });
  return { display: `:${number}`, stop: () => stopHelper(xvfb) };
}

/**
 * WebKitWebDriver on a free port, with a display for the MiniBrowser it starts.
 * @returns {Promise<{ port: number, stop: () => Promise<void> }>}
 */
export async function startWebKitDriver() {
  const { display, stop: stopDisplay } = await ensureDisplay();
  const port = await freePort();
  const driver = spawnHelper(WEBKIT_DRIVER_PATH, [`--port=${port}`], { ...process.env, DISPLAY: display });
  // Ready once it answers /status.
  const deadline = Date.now() + 15_000;
  for (;;) {
    if (driver.exitCode !== null) throw new Error(`WebKitWebDriver exited with ${driver.exitCode}`);
    try {
      const reply = await fetch(`http://127.0.0.1:${port}/status`);
      if (reply.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error('WebKitWebDriver did not start within 15 s');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    port,
    async stop() {
      await stopHelper(driver);
      await stopDisplay();
    },
  };
}

/**
 * webdriverio's `remote()` options for a MiniBrowser session through a WebKitWebDriver on `port`,
 * with more MiniBrowser arguments if given (e.g. `--enable-javascript=false`).
 * WebDriver classic: WebKitGTK refuses BiDi (`webSocketUrl`).
 * @param {number} port
 * @param {string[]} [browserArgs]
 */
export function webkitRemoteOptions(port, browserArgs = []) {
  return {
    hostname: '127.0.0.1',
    port,
    logLevel: /** @type {const} */ ('error'),
    capabilities: {
      browserName: 'MiniBrowser',
      'wdio:enforceWebDriverClassic': true,
      'webkitgtk:browserOptions': { binary: MINIBROWSER_PATH, args: ['--automation', ...browserArgs] },
    },
  };
}
