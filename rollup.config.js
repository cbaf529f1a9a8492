// Three builds of the widget, and its contract:
//  - dist/welcomed.js: one self-registering ES module, lit and @lit/localize inside;
//    each translation is a small module beside it (welcomed.<locale>.js), loaded on demand.
//  - dist/welcomed.classic.js: the same for a classic <script>, every translation inside.
//  - dist/lib/: for bundlers: lit left as an import, @lit/localize kept inside (so the
//    widget's localization never clashes with the app's own), with .d.ts types.
//  - dist/contract/: src/contract/ (the payload's types, schema, limits and redaction, no DOM),
//    exported as `welcomed/contract` for the reference receiver and any other: ES module, not
//    minified, with .d.ts types; and dist/response.schema.json and dist/impression.schema.json
//    (the view count), written from it.
//  - dist/messages/: src/messages/ (every message by id in every locale, from the sources and
//    xliff/, and the widget's locale rules; no DOM, no Lit), exported as `welcomed/messages` for
//    servers that speak the widget's words, such as the receiver's no-JavaScript form.
import { nodeResolve } from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import typescript from '@rollup/plugin-typescript';
import { writeFile } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import { compileHint, minifyCssTemplates, minifyHtmlTemplates, requireMessageIds, stripMessageDescriptions } from './scripts/rollup-plugins.js';

// The prompt's and its delivery controller's private members, which only the first bundle uses
// (never a lazy part, the queue's stored JSON, the payload or FlowHost's keys): short names for
// them in the minified builds. -107 B brotli in welcomed.js. Not `config`, `locale`, `response`
// or `flowHost`: the updates part (src/updates/updates.ts, UpdateHost) reads them by name.
const PRIVATE_MEMBERS = [
  'alreadyAnswered', 'announce', 'applyConfig', 'applyLocale', 'applyOverrides',
  'focusAfterRender', 'jsonConfig', 'logOnce', 'loggedProblems', 'moveTo', 'onAnswer', 'onDeliveryReport',
  'onDismiss', 'overrides', 'renderAsk', 'renderStep', 'renderThanks', 'renderViews', 'shownAt',
  'statusAfterFocus', 'submitFollowUp', 'views', 'stopListening', 'withDelivery', 'onReport', 'delivery', 'memory',
  'stopWatching', 'sampledOut', 'storage',
];

const minify = ({ module = true } = {}) =>
  terser({
    ecma: 2021,
    module,
    compress: { passes: 2 },
    mangle: { properties: { regex: new RegExp(`^(${PRIVATE_MEMBERS.join('|')})$`) } },
    format: { comments: false },
  });

// TypeScript first, then the shrinking transforms, which read JavaScript.
const compile = (options = {}) => [
  typescript({ tsconfig: './tsconfig.json', noEmitOnError: true, sourceMap: true, ...options }),
  requireMessageIds(),
  stripMessageDescriptions(),
  minifyCssTemplates(),
  minifyHtmlTemplates(),
];


/** Writes the payload's JSON Schema, as the contract builds it, next to the bundles. */
const writeSchema = () => ({
  name: 'write-response-schema',
  async writeBundle({ dir }) {
    const { responseSchema, impressionSchema } = await import(`${pathToFileURL(`${dir}/index.js`).href}?${Date.now()}`);
    await writeFile('dist/response.schema.json', `${JSON.stringify(responseSchema, null, 2)}\n`);
    await writeFile('dist/impression.schema.json', `${JSON.stringify(impressionSchema, null, 2)}\n`);
  },
});

// Importing @lit/localize's modules does nothing the widget needs (init/runtime.js builds a
// Deferred for configureLocalization, which the widget never calls, and rollup kept it): let
// rollup drop whatever of them is unused. -105 B brotli in welcomed.js.
const treeshake = { moduleSideEffects: (id) => !id.includes('/@lit/localize/') };

const isLit = (id) => /^(lit|lit-html|lit-element|@lit\/reactive-element)(\/|$)/.test(id);

export default [
  {
    input: 'src/index.ts',
    treeshake,
    // Let the entry export what the lazy chunks need from it, rather than adding a facade.
    preserveEntrySignatures: 'allow-extension',
    output: {
      dir: 'dist',
      format: 'es',
      entryFileNames: 'welcomed.js',
      chunkFileNames: 'welcomed.[name].js',
      sourcemap: true,
    },
    plugins: [nodeResolve(), ...compile({ declaration: false, outDir: 'dist' }), minify(), compileHint()],
  },
  {
    // The classic script's entry exports nothing, so it adds no global besides the element.
    input: 'src/register.ts',
    treeshake,
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
    treeshake,
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
    input: 'src/contract/index.ts',
    output: { dir: 'dist/contract', format: 'es', entryFileNames: 'index.js', sourcemap: true },
    plugins: [
      typescript({
        tsconfig: './tsconfig.json',
        // Only the contract, with its types at dist/contract/*.d.ts; patterns are relative to rootDir.
        rootDir: 'src/contract',
        include: ['*.ts'],
        noEmitOnError: true,
        sourceMap: true,
        declaration: true,
        declarationDir: 'dist/contract',
        outDir: 'dist/contract',
      }),
      writeSchema(),
    ],
  },
  {
    input: 'src/messages/index.ts',
    output: { dir: 'dist/messages', format: 'es', entryFileNames: 'index.js', sourcemap: true },
    plugins: [
      typescript({
        tsconfig: './tsconfig.json',
        // Its types at dist/messages/types/, in the folders of src/ (the catalogue and the locale
        // rules live beside the widget's); patterns are relative to rootDir.
        rootDir: 'src',
        include: ['messages/index.ts', 'messages/catalogue.ts', 'generated/messages.ts', 'i18n/locale-match.ts'],
        noEmitOnError: true,
        sourceMap: true,
        declaration: true,
        declarationDir: 'dist/messages/types',
        outDir: 'dist/messages',
      }),
    ],
  },
];
