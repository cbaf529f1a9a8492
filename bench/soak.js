// `npm run soak`: the delivery promise under sustained failure, in real headless Chromium.
//
// Residents (browser contexts, each with its own storage) answer SOAK_RESPONSES prompts
// (default 300) across page reloads and closed tabs with the built widget, posting through a proxy that fails SOAK_FAILURE_RATE (default 30%) of requests at random
// with a mix of 500s, 429s with Retry-After, connection resets and hangs past the widget's 10 s
// timeout. Then the proxy turns healthy, one more page with the widget loads (which retries what
// is queued), and the script waits until everything answered is stored.
//
// Prints: answered, stored, duplicates, lost, comments lost, and the time from the proxy turning
// healthy to the last response stored. Exits 1 if anything was lost or counted twice.
import fastifyStatic from '@fastify/static';
import Database from 'better-sqlite3';
import Fastify from 'fastify';
import { request as httpRequest, createServer } from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import puppeteer from 'puppeteer-core';
import { launchOptions } from '../test/support/chromium.js';
import { createReceiver } from 'welcomed-receiver';

const RESPONSES = Number(process.env.SOAK_RESPONSES ?? 300);
const PER_PAGE = Number(process.env.SOAK_PER_PAGE ?? 10);
const FAILURE_RATE = Number(process.env.SOAK_FAILURE_RATE ?? 0.3);
const root = resolve(import.meta.dirname, '..');

const folder = await mkdtemp(join(tmpdir(), 'welcomed-soak-'));
const dbPath = join(folder, 'soak.db');

// The host site: a page with PER_PAGE prompts, served on its own origin.
const site = Fastify();
site.get('/soak', (request, reply) => {
  const { from = '0', count = String(PER_PAGE), endpoint } = request.query;
  const prompts = Array.from({ length: Number(count) }, (_, index) => {
    const change = `soak-${Number(from) + index}`;
    return `<welcomed-prompt endpoint="${endpoint}" change="${change}" remember="0"></welcomed-prompt>`;
  }).join('\n');
  reply.type('text/html').send(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Soak</title>
<script type="module" src="/dist/welcomed.js"></script></head><body><main><h1>Soak</h1>${prompts}</main></body></html>`);
});
await site.register(fastifyStatic, { root: join(root, 'dist'), prefix: '/dist/' });
await site.listen({ port: 0, host: '127.0.0.1' });
const siteOrigin = `http://127.0.0.1:${site.server.address().port}`;

// The real receiver, on a real SQLite file. The rate limit is raised: one browser here plays
// three hundred residents.
const receiver = await createReceiver({
  dbPath,
  origins: [siteOrigin],
  adminToken: '5xbMF5RoBjzWqcprQiLeO746r25DMD-Q',
  rateLimit: { max: 1_000_000, timeWindow: 60_000 },
});
const receiverStatuses = {};
receiver.addHook('onResponse', async (request, reply) => {
  const key = `${request.method} ${reply.statusCode}`;
  receiverStatuses[key] = (receiverStatuses[key] ?? 0) + 1;
});
await receiver.listen({ port: 0, host: '127.0.0.1' });
const receiverPort = receiver.server.address().port;

// The chaos proxy in front of it.
let healthy = false;
const faults = { pass: 0, 'status-500': 0, 'status-429': 0, reset: 0, hang: 0 };
const hanging = new Set();
const proxy = createServer((incoming, outgoing) => {
  const roll = Math.random();
  if (!healthy && roll < FAILURE_RATE) {
    const kind = Math.floor((roll / FAILURE_RATE) * 4);
    if (kind === 0) return fail(outgoing, incoming, 500, 'status-500');
    if (kind === 1) return fail(outgoing, incoming, 429, 'status-429', '1');
    if (kind === 2) {
      faults.reset += 1;
      incoming.socket.destroy();
      return;
    }
    faults.hang += 1;
    hanging.add(outgoing);
    setTimeout(() => outgoing.destroy(), 12_000).unref();
    outgoing.on('close', () => hanging.delete(outgoing));
    return;
  }
  faults.pass += 1;
  const forward = httpRequest(
    { hostname: '127.0.0.1', port: receiverPort, method: incoming.method, path: incoming.url, headers: incoming.headers },
    (reply) => {
      outgoing.writeHead(reply.statusCode ?? 502, { ...reply.headers, connection: 'close' });
      reply.pipe(outgoing);
    },
  );
  forward.on('error', () => outgoing.destroy());
  incoming.pipe(forward);
});
await new Promise((done) => proxy.listen(0, '127.0.0.1', done));
const endpoint = `http://127.0.0.1:${proxy.address().port}/api/responses`;

function fail(outgoing, incoming, status, name, retryAfter) {
  faults[name] += 1;
  incoming.resume();
  outgoing.writeHead(status, {
    Connection: 'close',
    'Content-Type': 'application/json',
    'Access-Control-Allow-Origin': incoming.headers.origin ?? '*',
    'Access-Control-Expose-Headers': 'Retry-After',
    ...(retryAfter ? { 'Retry-After': retryAfter } : {}),
  });
  outgoing.end(JSON.stringify({ error: 'chaos', message: `chaos ${status}` }));
}

const browser = await puppeteer.launch(launchOptions);

const answered = new Set();
const commented = new Map();
let loads = 0;
let reloads = 0;
let closes = 0;
const startedAt = Date.now();

try {
  // Each resident is a browser context of its own (its own localStorage, as on their own
  // phone), answering PER_PAGE prompts on each of two page loads: the second load is a reload,
  // then the tab is closed, often with sends still in flight or queued.
  const residents = [];
  let next = 0;
  while (next < RESPONSES) {
    const context = await browser.createBrowserContext();
    residents.push(context);
    const page = await newPage(context);
    for (let load = 0; load < 2 && next < RESPONSES; load += 1) {
      const count = Math.min(PER_PAGE, RESPONSES - next);
      const url = `${siteOrigin}/soak?from=${next}&count=${count}&endpoint=${encodeURIComponent(endpoint)}`;
      if (load === 0) await page.goto(url);
      else {
        await page.goto(url);
        reloads += 1;
      }
      loads += 1;
      await page.waitForFunction((n) => [...document.querySelectorAll('welcomed-prompt')].filter((prompt) => prompt.shadowRoot?.querySelector('button')).length === n, {}, count);
      for (const { id, comment } of await page.evaluate(answerAll)) {
        answered.add(id);
        if (comment) commented.set(id, comment);
      }
      next += count;
    }
    await page.close();
    closes += 1;
    console.log(`resident ${residents.length}: ${answered.size}/${RESPONSES} answered, ${loads} loads, ${closes} tabs closed (${((Date.now() - startedAt) / 1000).toFixed(0)} s)`);
  }

  healthy = true;
  for (const outgoing of hanging) outgoing.destroy();
  const healthyAt = Date.now();
  // Each resident's next visit to any page with the widget for this endpoint retries what
  // their browser still has queued.
  const last = [];
  for (const context of residents) {
    const page = await newPage(context);
    await page.goto(`${siteOrigin}/soak?from=${RESPONSES}&count=1&endpoint=${encodeURIComponent(endpoint)}`);
    loads += 1;
    last.push(page);
  }
  const db = new Database(dbPath, { readonly: true });
  const stored = () => db.prepare('SELECT id, comment FROM responses WHERE change LIKE ?').all('soak-%');
  let rows = stored();
  const deadline = Date.now() + 180_000;
  console.log(`proxy healthy: waiting for ${answered.size} answers to be stored…`);
  let lastReport = Date.now();
  while (Date.now() < deadline && !everythingStored(rows)) {
    await new Promise((done) => setTimeout(done, 200));
    rows = stored();
    if (Date.now() - lastReport > 2_000) {
      lastReport = Date.now();
      console.log(`  ${rows.length} stored after ${((Date.now() - healthyAt) / 1000).toFixed(0)} s`);
    }
  }
  const lastStoredAt = Date.now();
  const storedIds = new Set(rows.map((row) => row.id));
  const lost = [...answered].filter((id) => !storedIds.has(id)).length;
  const commentsLost = [...commented].filter(([id, comment]) => rows.find((row) => row.id === id)?.comment !== comment).length;
  const duplicates = rows.length - storedIds.size;
  const extra = rows.filter((row) => !answered.has(row.id)).length;
  db.close();

  console.log(`Soak: ${RESPONSES} answers by ${residents.length} residents, ${loads} page loads, ${reloads} reloads, ${closes} tabs closed, failure rate ${FAILURE_RATE * 100}%`);
  console.log(`proxy: ${Object.entries(faults).map(([name, count]) => `${name} ${count}`).join(', ')}`);
  console.log(`receiver: ${Object.entries(receiverStatuses).map(([name, count]) => `${name} ×${count}`).join(', ')}`);
  console.log(`answered ${answered.size}, stored ${storedIds.size}, duplicates ${duplicates}, lost ${lost}, comments lost ${commentsLost}, unexpected ${extra}`);
  console.log(`healthy → last stored: ${((lastStoredAt - healthyAt) / 1000).toFixed(1)} s (whole soak ${((Date.now() - startedAt) / 1000).toFixed(0)} s)`);
  process.exitCode = lost || duplicates || commentsLost || extra ? 1 : 0;

  function everythingStored(current) {
    const byId = new Map(current.map((row) => [row.id, row.comment]));
    return [...answered].every((id) => byId.has(id) && (!commented.has(id) || byId.get(id) === commented.get(id)));
  }
} finally {
  await browser.close();
  proxy.closeAllConnections?.();
  proxy.close();
  await receiver.close();
  await site.close();
  await rm(folder, { recursive: true, force: true });
}

async function newPage(context) {
  const page = await context.newPage();
  page.on('pageerror', (error) => console.error('page error:', error.message));
  return page;
}

// Runs in the page: answers every prompt; every third also gets a comment. Returns the ids.
async function answerAll() {
  const prompts = [...document.querySelectorAll('welcomed-prompt')];
  const choices = ['yes', 'no'];
  const results = [];
  for (const [index, prompt] of prompts.entries()) {
    const answered = new Promise((done) => prompt.addEventListener('welcomed-answer', (event) => done(event.detail.id), { once: true }));
    prompt.shadowRoot.querySelector(`button[data-answer="${choices[index % 2]}"]`).click();
    const id = await answered;
    let comment;
    if (index % 3 === 0) {
      const deadline = Date.now() + 5000;
      let textarea;
      while (!(textarea = prompt.shadowRoot.querySelector('textarea')) && Date.now() < deadline) {
        await new Promise((done) => setTimeout(done, 20));
      }
      if (textarea) {
        comment = `Soak comment ${index} for ${prompt.getAttribute('change')}`;
        textarea.value = comment;
        textarea.dispatchEvent(new Event('input'));
        prompt.shadowRoot.querySelector('button[type="submit"]').click();
      }
    }
    results.push({ id, comment });
  }
  return results;
}
