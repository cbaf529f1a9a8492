// Browser tests: real browsers (Debian's), real receiver on a real SQLite file. One engine per
// run, named by WTR_ENGINE (chromium, the default; firefox; webkit): `npm test` runs the three
// one after the other (scripts/test-browsers.js), each a web-test-runner run of its own, so a
// browser that dies takes only its own run down.
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
import { puppeteerLauncher } from '@web/test-runner-puppeteer';
import { webdriverLauncher } from '@web/test-runner-webdriver';
import { fileURLToPath } from 'node:url';
import { a11ySnapshotPlugin } from '@web/test-runner-commands/plugins';
import { accessibleNamePlugin } from './test/support/accessible-name-plugin.js';
import { engineFromEnv, puppeteerLaunchOptions, startWebKitDriver, webkitRemoteOptions } from './test/support/engines.js';
import { faultMiddleware } from './test/support/fault-middleware.js';
import { forcedColorsPlugin } from './test/support/forced-colors-plugin.js';
import { inputPlugin } from './test/support/input-plugin.js';
import { receiverPlugin } from './test/support/receiver-plugin.js';

const engine = engineFromEnv();

/** The one browser of this run. */
async function browserFor() {
  switch (engine) {
    case 'chromium':
      return chromeLauncher({ launchOptions: puppeteerLaunchOptions.chromium });
    case 'firefox':
      return puppeteerLauncher({ launchOptions: puppeteerLaunchOptions.firefox });
    case 'webkit':
      // Stopped when this process exits (test/support/engines.js).
      return webdriverLauncher(webkitRemoteOptions((await startWebKitDriver()).port));
  }
}

export default {
  files: ['test/**/*.test.ts'],
  nodeResolve: true,
  rootDir: '.',
  concurrency: 1,
  middleware: [faultMiddleware],
  testFramework: { config: { timeout: 10000 } },
  plugins: [
    receiverPlugin(),
    inputPlugin(),
    // Chromium and WebKit (the DevTools protocol; WebDriver's computed label).
    accessibleNamePlugin(),
    // These two speak Chrome's DevTools protocol: only the Chromium run uses them.
    a11ySnapshotPlugin(),
    forcedColorsPlugin(),
    esbuildPlugin({
      ts: true,
      target: 'es2021',
      tsconfig: fileURLToPath(new URL('./tsconfig.json', import.meta.url)),
    }),
  ],
  browsers: [await browserFor()],
};
