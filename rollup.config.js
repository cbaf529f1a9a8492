// Three builds of the widget, and one for the receiver:
//  - dist/welcomed.js: one self-registering ES module, lit and @lit/localize inside;
//    each translation is a small module beside it (welcomed.<locale>.js), loaded on demand.
//  - dist/welcomed.classic.js: the same for a classic <script>, every translation inside.
//  - dist/lib/: for bundlers: lit left as an import, @lit/localize kept inside (so the
//    widget's localization never clashes with the app's own), with .d.ts types.
//  - dist/dashboard/dashboard.js: the receiver's dashboard (receiver/dashboard/), lit inside,
//    minified; served by the receiver at /dashboard/dashboard.js.
//  - dist/server/redact.js: only src/redact.ts, for the reference receiver, which redacts free
//    text again with the same code (Node 20 cannot import TypeScript): ES module, not minified.
import { nodeResolve } from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import typescript from '@rollup/plugin-typescript';
import { copyFile, mkdir } from 'node:fs/promises';
import { compileHint, minifyCssTemplates, minifyHtmlTemplates, stripMessageDescriptions } from './scripts/rollup-plugins.js';

const minify = ({ module = true } = {}) =>
  terser({
    ecma: 2021,
    module,
    compress: { passes: 2 },
    format: { comments: false },
  });

// TypeScript first, then the shrinking transforms, which read JavaScript.
const compile = (options = {}) => [
  typescript({ tsconfig: './tsconfig.json', noEmitOnError: true, sourceMap: true, ...options }),
  stripMessageDescriptions(),
  minifyCssTemplates(),
  minifyHtmlTemplates(),
];


/** Copies the payload's JSON Schema next to the bundles: the receiver validates with the same file. */
const copySchema = () => ({
  name: 'copy-response-schema',
  async writeBundle() {
    await mkdir('dist', { recursive: true });
    await copyFile('src/response.schema.json', 'dist/response.schema.json');
  },
});

const isLit = (id) => /^(lit|lit-html|lit-element|@lit\/reactive-element)(\/|$)/.test(id);

export default [
  {
    input: 'src/index.ts',
    // Let the entry export what the lazy chunks need from it, rather than adding a facade.
    preserveEntrySignatures: 'allow-extension',
    output: {
      dir: 'dist',
      format: 'es',
      entryFileNames: 'welcomed.js',
      chunkFileNames: 'welcomed.[name].js',
      sourcemap: true,
    },
    plugins: [nodeResolve(), ...compile({ declaration: false, outDir: 'dist' }), minify(), compileHint(), copySchema()],
  },
  {
    // The classic script's entry exports nothing, so it adds no global besides the element.
    input: 'src/register.ts',
    output: {
      file: 'dist/welcomed.classic.js',
      format: 'iife',
      inlineDynamicImports: true,
      sourcemap: true,
    },
    plugins: [nodeResolve(), ...compile({ declaration: false, outDir: 'dist' }), minify({ module: false }), compileHint()],
  },
  {
    input: 'src/index.ts',
    external: isLit,
    preserveEntrySignatures: 'allow-extension',
    output: {
      dir: 'dist/lib',
      format: 'es',
      entryFileNames: 'index.js',
      chunkFileNames: '[name].js',
      sourcemap: true,
    },
    plugins: [
      nodeResolve(),
      ...compile({ declaration: true, declarationDir: 'dist/lib', outDir: 'dist/lib' }),
    ],
  },
  {
    input: 'src/redact.ts',
    output: { file: 'dist/server/redact.js', format: 'es', sourcemap: true },
    plugins: [
      typescript({
        tsconfig: './tsconfig.json',
        // Patterns are relative to the tsconfig's rootDir (src).
        include: ['redact.ts'],
        noEmitOnError: true,
        sourceMap: true,
        declaration: true,
        declarationDir: 'dist/server',
        outDir: 'dist/server',
      }),
    ],
  },
  {
    input: 'receiver/dashboard/index.ts',
    output: { dir: 'dist/dashboard', format: 'es', entryFileNames: 'dashboard.js', inlineDynamicImports: true },
    plugins: [
      nodeResolve(),
      typescript({ tsconfig: './receiver/dashboard/tsconfig.json', noEmitOnError: true, outDir: 'dist/dashboard' }),
      minify(),
    ],
  },
];
