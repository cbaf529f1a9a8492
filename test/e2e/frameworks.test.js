// The framework examples in demo/frameworks/, as a developer would run them: built (React and
// Vue, with esbuild, by scripts/build-examples.js, into a temporary folder), served on
// 127.0.0.1 beside dist/ and an endpoint that records what is POSTed, and answered in headless
// Chromium. Each must deliver the answer, and the framework's own handler must see the event.
// The plain HTML pages are served with the integrity attributes docs/guide.md shows, taken from
// dist/integrity.json (the committed pages cannot carry them: the hashes change with each build).
import assert from 'node:assert/strict';
import { createReadStream, readFileSync, statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, resolve, sep } from 'node:path';
import { after, before, test } from 'node:test';
import puppeteer from 'puppeteer-core';
import { launchOptions } from '../support/chromium.js';
import { inPrompt } from '../support/e2e.js';
import { buildExamples } from '../../scripts/build-examples.js';

const root = resolve(import.meta.dirname, '..', '..');
const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.map': 'application/json',
};

let examples;
let server;
let origin;
let browser;
/** @type {{ change: string, answer: string, body: Record<string, unknown>, contentType?: string }[]} */
const posts = [];

before(async () => {
  examples = await mkdtemp(join(tmpdir(), 'welcomed-examples-'));
  await buildExamples(examples);
  server = createServer(handle);
  await new Promise((done) => server.listen(0, '127.0.0.1', done));
  origin = `http://127.0.0.1:${server.address().port}`;
  browser = await puppeteer.launch(launchOptions);
});

after(async () => {
  await browser?.close();
  server?.closeAllConnections();
  await new Promise((done) => (server ? server.close(done) : done()));
  if (examples) await rm(examples, { recursive: true, force: true });
});

const EXAMPLES = [
  { name: 'plain HTML, ES module with integrity', path: '/frameworks/html-module.html', change: 'html-module-example' },
  { name: 'plain HTML, classic script with integrity', path: '/frameworks/html-classic.html', change: 'html-classic-example' },
  { name: 'React 19', path: '/frameworks/react/', change: 'react-example', framework: 'React' },
  { name: 'Vue 3', path: '/frameworks/vue/', change: 'vue-example', framework: 'Vue' },
];

for (const example of EXAMPLES) {
  test(`${example.name}: the answer is POSTed${example.framework ? `, and ${example.framework}'s handler sees welcomed-answer` : ''}`, async () => {
    const context = await browser.createBrowserContext();
    const page = await context.newPage();
    const problems = watchConsole(page);
    await page.goto(`${origin}${example.path}`, { waitUntil: 'load' });

    await (await inPrompt(page, 'button[data-answer="yes"]')).click();
    const post = await waitFor(() => posts.find((entry) => entry.change === example.change), `a POST for ${example.change}`);
    assert.equal(post.answer, 'yes');
    assert.equal(post.body.schema, 'welcomed/1');
    assert.equal(post.body.page, `${origin}${example.path}`);
    assert.equal(post.contentType, 'application/json');

    if (example.framework) {
      const seen = await page.waitForSelector('.seen[data-answer="yes"]', { timeout: 5_000 });
      assert.match(await seen.evaluate((element) => element.textContent), new RegExp(`${example.framework} saw the answer`));
    }
    if (example.framework === 'React') {
      // The listener added through a ref sees the element's other events too.
      await page.waitForSelector('.seen[data-delivered="true"]', { timeout: 5_000 });
    }
    if (!example.framework) {
      const script = await page.$eval('script[src^="/dist/welcomed"]', (element) => [element.integrity, element.crossOrigin]);
      assert.match(script[0], /^sha384-[A-Za-z0-9+/]{64}$/, 'the page was served with the integrity attribute');
      assert.equal(script[1], 'anonymous');
    }
    // The comment step is loaded on demand from beside the widget (or inside the classic script).
    await inPrompt(page, 'textarea');
    assert.deepEqual(problems, [], 'no console error or warning, from the widget or the framework');
    await context.close();
  });
}

test('a script whose integrity does not match is refused: only the fallback shows', async () => {
  const context = await browser.createBrowserContext();
  const page = await context.newPage();
  const problems = watchConsole(page);
  await page.goto(`${origin}/frameworks/html-module.html?tampered`, { waitUntil: 'load' });
  await waitFor(() => problems.find((text) => /integrity/i.test(text)), 'the console to report the integrity failure');
  assert.equal(await page.evaluate(() => customElements.get('welcomed-prompt')), undefined);
  assert.equal(await page.$eval('welcomed-prompt a', (link) => link.checkVisibility()), true, 'the fallback link shows');
  await context.close();
});

test('an import map with integrity pins the modules welcomed.js loads on demand (Chromium)', async () => {
  // docs/guide.md's advice for the lazy modules, which no integrity attribute can reach.
  for (const tampered of [false, true]) {
    const context = await browser.createBrowserContext();
    const page = await context.newPage();
    const problems = watchConsole(page);
    await page.goto(`${origin}/integrity-import-map.html${tampered ? '?tampered' : ''}`, { waitUntil: 'load' });
    await (await inPrompt(page, 'button[data-answer="no"]')).click();
    if (tampered) {
      // The comment step is refused; the answer is still sent and the prompt thanks the resident.
      await inPrompt(page, '.thanks');
      assert.ok(problems.some((text) => /integrity.*welcomed\.comment-step\.js.*blocked/s.test(text)), problems.join('\n'));
    } else {
      await inPrompt(page, 'textarea');
      assert.deepEqual(problems, []);
    }
    await context.close();
  }
  assert.equal(posts.filter((entry) => entry.change === 'import-map-example').length, 2, 'both answers were sent');
});

/** Serves demo/ at /, dist/ at /dist/, the examples just built at /dist/examples/, and the endpoint. */
function handle(request, response) {
  const url = new URL(request.url, 'http://localhost');
  if (url.pathname === '/api/responses' && request.method === 'POST') {
    let body = '';
    request.setEncoding('utf8');
    request.on('data', (chunk) => (body += chunk));
    request.on('end', () => {
      const json = JSON.parse(body);
      posts.push({ change: json.change, answer: json.answer, body: json, contentType: request.headers['content-type'] });
      response.writeHead(201, { 'Content-Type': 'application/json' }).end(JSON.stringify({ id: json.id }));
    });
    return;
  }
  if (url.pathname === '/integrity-import-map.html') {
    response.writeHead(200, { 'Content-Type': TYPES['.html'] }).end(importMapPage(url.searchParams.has('tampered')));
    return;
  }
  let file;
  if (url.pathname.startsWith('/dist/examples/')) file = inside(examples, url.pathname.slice('/dist/examples/'.length));
  else if (url.pathname.startsWith('/dist/')) file = inside(join(root, 'dist'), url.pathname.slice('/dist/'.length));
  else file = inside(join(root, 'demo'), url.pathname.slice(1));
  if (file && url.pathname.endsWith('/')) file = join(file, 'index.html');
  if (!file || !statSync(file, { throwIfNoEntry: false })?.isFile()) {
    response.writeHead(404).end();
    return;
  }
  const type = TYPES[extname(file)] ?? 'application/octet-stream';
  if (/\/frameworks\/html-[a-z]+\.html$/.test(file)) {
    response.writeHead(200, { 'Content-Type': type }).end(withIntegrity(readFileSync(file, 'utf8'), url.searchParams.has('tampered')));
    return;
  }
  response.writeHead(200, { 'Content-Type': type });
  createReadStream(file).pipe(response);
}

/** Adds `integrity` (from dist/integrity.json, or a wrong one) and `crossorigin` to the widget's script tag. */
function withIntegrity(html, tampered) {
  const hashes = JSON.parse(readFileSync(join(root, 'dist', 'integrity.json'), 'utf8'));
  return html.replace(/(<script [^>]*src="\/dist\/(welcomed[a-z.]*\.js)")/, (tag, _whole, name) => {
    const hash = tampered ? hashes['welcomed.comment-step.js'] : hashes[name];
    assert.ok(hash, `dist/integrity.json has ${name}`);
    return `${tag} integrity="${hash}" crossorigin="anonymous"`;
  });
}

/** docs/guide.md's import map: the hash of every module welcomed.js may load, from dist/integrity.json. */
function importMapPage(tampered) {
  const hashes = JSON.parse(readFileSync(join(root, 'dist', 'integrity.json'), 'utf8'));
  const integrity = {};
  for (const [name, hash] of Object.entries(hashes)) {
    if (name === 'welcomed.js' || name === 'welcomed.classic.js') continue;
    integrity[`/dist/${name}`] = tampered && name === 'welcomed.comment-step.js' ? hashes['welcomed.js'] : hash;
  }
  return [
    '<!doctype html><html lang="en"><title>Import map integrity</title><link rel="icon" href="data:,">',
    `<script type="importmap">${JSON.stringify({ integrity })}</script>`,
    `<script type="module" src="/dist/welcomed.js" integrity="${hashes['welcomed.js']}" crossorigin="anonymous"></script>`,
    '<welcomed-prompt endpoint="/api/responses" change="import-map-example"></welcomed-prompt>',
  ].join('\n');
}

function inside(folder, relative) {
  const file = resolve(folder, decodeURIComponent(relative));
  return file === folder || file.startsWith(folder + sep) ? file : undefined;
}

function watchConsole(page) {
  const problems = [];
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warn') problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(error.message));
  return problems;
}


async function waitFor(find, what) {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const found = find();
    if (found) return found;
    if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}`);
    await new Promise((done) => setTimeout(done, 50));
  }
}
