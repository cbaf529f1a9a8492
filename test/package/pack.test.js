// The package as npm would publish it. What `npm pack` puts in the tarball (and nothing else);
// the script hashes in dist/integrity.json; and the tarball installed in a throw-away app:
// bundled by name with esbuild (so package.json "exports" and "sideEffects" are what count),
// type-checked against the shipped .d.ts, and rendered in Chromium.
/* global document, window -- in the functions run in the page */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { createReadStream, existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, resolve, sep } from 'node:path';
import { after, before, test } from 'node:test';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import puppeteer from 'puppeteer-core';
import { buildExamples } from '../../scripts/build-examples.js';
import { integrityOf } from '../../scripts/integrity.js';

const run = promisify(execFile);
const root = resolve(import.meta.dirname, '..', '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const CHROMIUM = process.env.CHROME_PATH ?? '/usr/bin/chromium';

/** Files every release must carry. */
const REQUIRED = [
  'package.json',
  'README.md',
  'LICENSE',
  'custom-elements.json',
  'dist/welcomed.js',
  'dist/welcomed.classic.js',
  'dist/welcomed.follow-up.js',
  'dist/welcomed.comment-step.js',
  'dist/welcomed.about-you-step.js',
  'dist/welcomed.panel-step.js',
  'dist/integrity.json',
  'dist/response.schema.json',
  'dist/impression.schema.json',
  'dist/lib/index.js',
  'dist/lib/index.d.ts',
  'dist/contract/index.js',
  'dist/contract/index.d.ts',
  'dist/messages/index.js',
  'dist/messages/types/messages/index.d.ts',
];

let app;

before(async () => {
  assert.ok(existsSync(join(root, 'dist', 'lib', 'index.js')), 'dist/ is missing: run `npm run build` first');
  // The examples' build output sits in dist/examples/: have it there, so that leaving it out of
  // the tarball is really tested.
  if (!existsSync(join(root, 'dist', 'examples'))) await buildExamples();
  app = await mkdtemp(join(tmpdir(), 'welcomed-app-'));
});

after(async () => {
  if (app) await rm(app, { recursive: true, force: true });
});

test('npm pack ships only dist/ (without the examples), the manifest, README, LICENSE and package.json', async () => {
  const { stdout } = await run('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: root });
  const files = JSON.parse(stdout)[0].files.map((file) => file.path);
  const unexpected = files.filter(
    (path) =>
      !['package.json', 'README.md', 'LICENSE', 'custom-elements.json'].includes(path) &&
      !(path.startsWith('dist/') && !path.startsWith('dist/examples/')),
  );
  assert.deepEqual(unexpected, [], 'nothing outside dist/ and the four top-level files, nothing from dist/examples/');
  for (const path of REQUIRED) assert.ok(files.includes(path), `${path} is in the tarball`);
  for (const target of exportTargets()) {
    assert.ok(files.includes(target.replace(/^\.\//, '')), `package.json exports ${target}, which is in the tarball`);
  }
});

test('the widget depends on lit and @lit/localize alone, and its tarball holds nothing of the receiver', async () => {
  assert.deepEqual(Object.keys(pkg.dependencies).sort(), ['@lit/localize', 'lit']);
  const { stdout } = await run('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: root });
  const files = JSON.parse(stdout)[0].files.map((file) => file.path);
  const receiverFiles = files.filter((path) => /receiver|dashboard|server|fastify|sqlite/i.test(path));
  assert.deepEqual(receiverFiles, [], 'no receiver, dashboard or server file');
});

test('the receiver package ships its built code, its dashboard, README and LICENSE: nothing of the widget, no tests', async () => {
  const receiver = join(root, 'receiver');
  const { stdout } = await run('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: receiver });
  const files = JSON.parse(stdout)[0].files.map((file) => file.path);
  const unexpected = files.filter((path) => !['package.json', 'README.md', 'LICENSE'].includes(path) && !path.startsWith('dist/'));
  assert.deepEqual(unexpected, [], 'nothing outside dist/ and the three top-level files');
  for (const path of ['dist/main.js', 'dist/index.js', 'dist/index.d.ts', 'dist/dashboard/dashboard.js', 'dist/dashboard/index.html']) {
    assert.ok(files.includes(path), `${path} is in the receiver's tarball`);
  }
  const widgetFiles = files.filter((path) => /welcomed\.|contract\/|\.test\.|custom-elements/.test(path));
  assert.deepEqual(widgetFiles, [], 'no widget bundle, no copy of the contract, no test');
  const receiverPkg = JSON.parse(readFileSync(join(receiver, 'package.json'), 'utf8'));
  assert.ok(receiverPkg.dependencies.welcomed, 'the receiver takes the contract from the widget package');
});

test('package.json: an OSI licence with its text, typed exports, sideEffects declared', () => {
  assert.equal(pkg.license, 'MIT');
  assert.match(readFileSync(join(root, 'LICENSE'), 'utf8'), /^MIT License\n\nCopyright \(c\) 2026 The Welcomed contributors\n/);
  const main = pkg.exports['.'];
  assert.equal(Object.keys(main)[0], 'types', '"types" comes first in the conditions, as TypeScript requires');
  assert.equal(main.types, pkg.types);
  // Importing the package registers <welcomed-prompt>: bundlers must keep `import 'welcomed'`.
  assert.equal(pkg.sideEffects, true);
});

test('dist/integrity.json holds the SHA-384 of every script in dist/, and they match', () => {
  const manifest = JSON.parse(readFileSync(join(root, 'dist', 'integrity.json'), 'utf8'));
  const scripts = readdirSync(join(root, 'dist')).filter((name) => name.endsWith('.js')).sort();
  assert.deepEqual(Object.keys(manifest).sort(), scripts);
  for (const name of scripts) {
    assert.equal(manifest[name], integrityOf(readFileSync(join(root, 'dist', name))), `${name}'s hash is current`);
  }
});

test('an app bundling the packed tarball by name renders the prompt, types check, and lit is shared', async () => {
  // Install the real tarball, as `npm install welcomed` would, with lit beside it.
  const { stdout } = await run('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', app], { cwd: root });
  const tarball = join(app, JSON.parse(stdout)[0].filename);
  const installed = join(app, 'node_modules', 'welcomed');
  await mkdir(installed, { recursive: true });
  await run('tar', ['-xzf', tarball, '-C', installed, '--strip-components=1']);
  await symlink(join(root, 'node_modules', 'lit'), join(app, 'node_modules', 'lit'), 'dir');

  await writeFile(
    join(app, 'main.js'),
    "import { WelcomedPrompt, WIDGET_VERSION } from 'welcomed';\n" +
      "window.bundled = { sameClass: customElements.get('welcomed-prompt') === WelcomedPrompt, version: WIDGET_VERSION };\n",
  );
  // Only the side effect: kept because package.json says the package has side effects.
  await writeFile(join(app, 'side-effect.js'), "import 'welcomed';\n");
  const result = await build({
    absWorkingDir: app,
    entryPoints: ['main.js', 'side-effect.js'],
    bundle: true,
    format: 'esm',
    splitting: true,
    outdir: 'out',
    metafile: true,
    logLevel: 'silent',
  });
  const inputs = Object.keys(result.metafile.inputs);
  assert.ok(inputs.includes('node_modules/welcomed/dist/lib/index.js'), 'resolved through "exports" to dist/lib/');
  assert.equal(inputs.filter((input) => input.endsWith('lit-html/lit-html.js')).length, 1, 'one copy of lit');

  const page = (script) =>
    `<!doctype html><html lang="en"><title>bundled</title><link rel="icon" href="data:,"><script type="module" src="${script}"></script>\n` +
    '<welcomed-prompt endpoint="http://127.0.0.1:9/api/responses" change="bundled-app" question="Is the bundled prompt here?"></welcomed-prompt>';
  await writeFile(join(app, 'out', 'main.html'), page('main.js'));
  await writeFile(join(app, 'out', 'side-effect.html'), page('side-effect.js'));

  // tsc takes a few seconds: let it run while the browser part does.
  const typesChecked = typeCheck(app).then(() => undefined, (error) => error);
  const server = await serve(join(app, 'out'));
  const browser = await puppeteer.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--disable-quic', '--no-first-run'],
  });
  try {
    for (const entry of ['main', 'side-effect']) {
      const tab = await browser.newPage();
      const problems = [];
      tab.on('console', (message) => ['error', 'warn'].includes(message.type()) && problems.push(message.text()));
      tab.on('pageerror', (error) => problems.push(error.message));
      await tab.goto(`${server.url}/${entry}.html`, { waitUntil: 'load' });
      const legend = await tab.waitForFunction(
        () => document.querySelector('welcomed-prompt')?.shadowRoot?.querySelector('legend')?.textContent.trim(),
        { polling: 50, timeout: 10_000 },
      );
      assert.equal(await legend.jsonValue(), 'Is the bundled prompt here?', `${entry}: the prompt renders its question`);
      if (entry === 'main') {
        assert.deepEqual(await tab.evaluate(() => window.bundled), { sameClass: true, version: pkg.version });
      }
      assert.deepEqual(problems, [], `${entry}: no console error or warning`);
      await tab.close();
    }
  } finally {
    await browser.close();
    await server.close();
  }
  const typeError = await typesChecked;
  if (typeError) throw typeError;
});

// Uses the tarball the test above installed in the throw-away app.
test('welcomed/contract from the packed tarball runs in plain Node, with no DOM: schema, vocabularies, redaction', async () => {
  const script = [
    "const contract = await import('welcomed/contract');",
    'console.log(JSON.stringify({',
    '  schema: contract.responseSchema.properties.schema.const,',
    '  answers: contract.ANSWERS,',
    "  redacted: contract.redact('Call 07700 900123'),",
    '  bodyLimit: contract.BODY_MAX_BYTES,',
    '}));',
  ].join('\n');
  const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script], { cwd: app });
  assert.deepEqual(JSON.parse(stdout), {
    schema: 'welcomed/1',
    answers: ['yes', 'partly', 'no', 'unsure'],
    redacted: 'Call [phone]',
    bodyLimit: 16 * 1024,
  });
});

// Uses the tarball the test above installed in the throw-away app.
test('welcomed/messages from the packed tarball runs in plain Node: every locale, its direction, its words', async () => {
  const script = [
    "const { locales, message, directionOf, matchLocale } = await import('welcomed/messages');",
    'console.log(JSON.stringify({',
    '  locales: locales.length,',
    "  welsh: message(matchLocale('cy-GB').locale, 'answer.yes'),",
    "  urdu: directionOf('ur'),",
    "  limit: message('en', 'fallback.comment.limit', '1,200'),",
    '}));',
  ].join('\n');
  const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script], { cwd: app });
  assert.deepEqual(JSON.parse(stdout), { locales: 12, welsh: 'Ydw', urdu: 'rtl', limit: 'You can enter up to 1,200 characters' });
});

/** Type-checks a TypeScript consumer of the installed tarball, .d.ts files included. */
async function typeCheck(folder) {
  await writeFile(
    join(folder, 'consumer.ts'),
    [
      "import { WelcomedPrompt, type WelcomedResponse } from 'welcomed';",
      "const prompt: WelcomedPrompt = document.createElement('welcomed-prompt');",
      "prompt.addEventListener('welcomed-answer', (event) => {",
      "  const answer: WelcomedResponse['answer'] = event.detail.answer;",
      '  console.log(answer, event.detail.id);',
      '});',
      "prompt.addEventListener('welcomed-queued', (event) => console.log(event.detail.reason));",
      '// @ts-expect-error remember is a number of days',
      "prompt.remember = 'ninety';",
      '',
    ].join('\n'),
  );
  // skipLibCheck off: the shipped .d.ts files are checked too.
  const compilerOptions = { noEmit: true, strict: true, target: 'es2022', module: 'es2022', moduleResolution: 'bundler',
    lib: ['es2022', 'dom', 'dom.iterable'], types: [], skipLibCheck: false };
  await writeFile(join(folder, 'tsconfig.json'), JSON.stringify({ compilerOptions, files: ['consumer.ts'] }));
  const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
  await run(process.execPath, [tsc, '-p', 'tsconfig.json'], { cwd: folder }).catch((error) => {
    assert.fail(`the installed package's types do not check:\n${error.stdout}${error.stderr}`);
  });
}

async function serve(folder) {
  const server = createServer((request, response) => {
    const file = resolve(folder, `.${decodeURIComponent(new URL(request.url, 'http://localhost').pathname)}`);
    if (!file.startsWith(folder + sep) || !statSync(file, { throwIfNoEntry: false })?.isFile()) {
      response.writeHead(404).end();
      return;
    }
    const type = extname(file) === '.html' ? 'text/html; charset=utf-8' : 'text/javascript; charset=utf-8';
    response.writeHead(200, { 'Content-Type': type });
    createReadStream(file).pipe(response);
  });
  await new Promise((done) => server.listen(0, '127.0.0.1', done));
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    close: () => {
      server.closeAllConnections();
      return new Promise((done) => server.close(done));
    },
  };
}

function exportTargets() {
  return Object.values(pkg.exports).flatMap((entry) => (typeof entry === 'string' ? [entry] : Object.values(entry)));
}
