// Browser tests: real headless Chromium (Debian's), real receiver on a real SQLite file.
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
import { fileURLToPath } from 'node:url';
import { a11ySnapshotPlugin } from '@web/test-runner-commands/plugins';
import { faultMiddleware } from './test/support/fault-middleware.js';
import { forcedColorsPlugin } from './test/support/forced-colors-plugin.js';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './test/support/chromium.js';
import { receiverPlugin } from './test/support/receiver-plugin.js';


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
        executablePath: CHROMIUM_PATH,
        headless: true,
        args: CHROMIUM_ARGS,
      },
    }),
  ],
};
