// Browser tests: real headless Chromium (Debian's), real receiver on a real SQLite file.
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
import { fileURLToPath } from 'node:url';
import { a11ySnapshotPlugin } from '@web/test-runner-commands/plugins';
import { faultMiddleware } from './test/support/fault-middleware.js';
import { forcedColorsPlugin } from './test/support/forced-colors-plugin.js';
import { receiverPlugin } from './test/support/receiver-plugin.js';

const chromiumPath = process.env.CHROME_PATH ?? '/usr/bin/chromium';

export default {
  files: ['test/**/*.test.ts'],
  nodeResolve: true,
  rootDir: '.',
  concurrency: 1,
  middleware: [faultMiddleware],
  testFramework: { config: { timeout: 10000 } },
  plugins: [
    receiverPlugin(),
    a11ySnapshotPlugin(),
    forcedColorsPlugin(),
    esbuildPlugin({
      ts: true,
      target: 'es2021',
      tsconfig: fileURLToPath(new URL('./tsconfig.json', import.meta.url)),
    }),
  ],
  browsers: [
    chromeLauncher({
      launchOptions: {
        executablePath: chromiumPath,
        headless: true,
        args: [
          '--no-sandbox',
          '--disable-gpu',
          '--disable-dev-shm-usage',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
          '--disable-quic',
          '--no-first-run',
        ],
      },
    }),
  ],
};
