// The dashboard (dashboard/): one minified ES module with lit inside, written with its page,
// style sheet and icon to dist/dashboard/, which the receiver serves at /dashboard.
import { readFile } from 'node:fs/promises';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import typescript from '@rollup/plugin-typescript';

/** The dashboard's static files, copied beside the script so that one folder holds them all. */
const PAGE_FILES = ['index.html', 'dashboard.css', 'favicon.svg'];

const copyPageFiles = () => ({
  name: 'copy-dashboard-page-files',
  async generateBundle() {
    for (const fileName of PAGE_FILES) {
      this.emitFile({ type: 'asset', fileName, source: await readFile(new URL(`./dashboard/${fileName}`, import.meta.url)) });
    }
  },
});

export default {
  input: 'dashboard/index.ts',
  // The contract builds its JSON Schema and its redaction patterns when it loads, with calls
  // Rollup cannot tell are pure; the dashboard uses neither, so they must not stay in its bundle.
  treeshake: { manualPureFunctions: ['String.raw', 'jsonPattern'] },
  output: { dir: 'dist/dashboard', format: 'es', entryFileNames: 'dashboard.js', inlineDynamicImports: true },
  plugins: [
    nodeResolve(),
    typescript({
      tsconfig: './dashboard/tsconfig.json',
      noEmitOnError: true,
      outDir: 'dist/dashboard',
      // Against the contract as built, like the receiver (the tsconfig maps it to its sources for
      // type checks before any build); rootDir (relative to the tsconfig) takes in ../src/.
      paths: {},
      rootDir: '..',
    }),
    terser({ ecma: 2021, module: true, compress: { passes: 2 }, format: { comments: false } }),
    copyPageFiles(),
  ],
};
