// Bundles the framework examples in demo/frameworks/ with esbuild, as an app would bundle the
// package: `import 'welcomed'` is resolved by name through package.json "exports" (the package
// referring to itself), so they use dist/lib/ and need `npm run build` first.
//
//   node scripts/build-examples.js [outdir]    (default dist/examples/; build output, not committed)
//
// Development builds, on purpose: React and Vue then print their own warnings (an unknown
// element, a bad prop), and test/e2e/frameworks.test.js fails on any console warning.
// The plain HTML examples need no build: they load dist/welcomed.js or dist/welcomed.classic.js.
import { build } from 'esbuild';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const root = resolve(import.meta.dirname, '..');

/** Builds the React and Vue examples into `outdir`/react/ and `outdir`/vue/ (main.js + chunks). */
export async function buildExamples(outdir = join(root, 'dist', 'examples')) {
  if (!existsSync(join(root, 'dist', 'lib', 'index.js'))) {
    throw new Error('dist/lib/index.js is missing: run `npm run build` before building the examples.');
  }
  const common = {
    absWorkingDir: root,
    bundle: true,
    format: 'esm',
    // Code splitting, as an app bundler does: the widget's comment step and translations stay
    // separate chunks, loaded when needed.
    splitting: true,
    target: 'es2021',
    logLevel: 'warning',
    define: { 'process.env.NODE_ENV': '"development"' },
  };
  await Promise.all([
    build({
      ...common,
      entryPoints: ['demo/frameworks/react/main.tsx'],
      outdir: join(outdir, 'react'),
      jsx: 'automatic',
      tsconfig: 'demo/frameworks/react/tsconfig.json',
    }),
    build({
      ...common,
      entryPoints: ['demo/frameworks/vue/main.js'],
      outdir: join(outdir, 'vue'),
      define: {
        ...common.define,
        // Vue's compile-time feature flags: set explicitly, as Vue asks bundlers to.
        __VUE_OPTIONS_API__: 'true',
        __VUE_PROD_DEVTOOLS__: 'false',
        __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: 'false',
      },
    }),
  ]);
  return outdir;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const started = performance.now();
  try {
    const outdir = await buildExamples(process.argv[2] ? resolve(process.argv[2]) : undefined);
    console.log(`Framework examples built in ${outdir} (${Math.round(performance.now() - started)} ms).`);
  } catch (error) {
    console.error(`scripts/build-examples.js: ${error.message}`);
    process.exit(1);
  }
}
