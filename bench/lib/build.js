// Bundles the comparison elements for the browser with rollup, minified with the same terser
// options as the widget (rollup.config.js), into a temporary folder. Nothing is fetched from
// a CDN: lit, @lit/localize and @sentry/browser come from node_modules.
import { nodeResolve } from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import { join, resolve } from 'node:path';
import { rollup } from 'rollup';
import { compileHint } from '../../scripts/rollup-plugins.js';

const floors = resolve(import.meta.dirname, '..', 'floors');

const minify = () =>
  terser({
    ecma: 2021,
    module: true,
    compress: { passes: 2 },
    format: { comments: false },
  });

/**
 * Builds each entry of `entries` into `outDir`: `{ name: 'file.js' }` under bench/floors, or
 * `{ name: { file: 'file.js', compileHint: true } }` to start the script with the same V8
 * compile hint as the widget's build.
 */
export async function buildFloors(outDir, entries) {
  const built = {};
  for (const [name, entry] of Object.entries(entries)) {
    const { file, compileHint: hinted = false } = typeof entry === 'string' ? { file: entry } : entry;
    const bundle = await rollup({
      input: join(floors, file),
      plugins: [nodeResolve({ browser: true, exportConditions: ['production'] }), minify(), ...(hinted ? [compileHint()] : [])],
      onwarn(warning, warn) {
        if (warning.code !== 'CIRCULAR_DEPENDENCY') warn(warning);
      },
    });
    const { output } = await bundle.write({
      dir: join(outDir, name),
      format: 'es',
      entryFileNames: `${name}.js`,
      chunkFileNames: `${name}.[name].js`,
    });
    await bundle.close();
    built[name] = {
      entry: join(outDir, name, `${name}.js`),
      chunks: output.filter((chunk) => chunk.type === 'chunk').map((chunk) => chunk.fileName),
    };
  }
  return built;
}
