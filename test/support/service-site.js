// A council's service pages for end-to-end tests that drive a real browser: the built widget
// (dist/) on pages served from two origins, posting through the fault proxy to `npm start`'s
// receiver on a fresh SQLite file.
//   /prompt.html?change=…&endpoint=…&away=…&lang=…&heading-level=…&follow-up=…
//       a service page with a prompt and, after it, a link to `away`
//   /plain.html  a page without a prompt
// Each page notes how it was shown in <body data-shows>: L for a load, R for a return from the
// back/forward cache.
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join, normalize } from 'node:path';
import { freePort, startScript, stopScript } from './e2e.js';
import { startFaultProxy } from './fault-proxy.js';

const ADMIN_TOKEN = 'e2e-site-token-0123456789abcdef';
const dist = new URL('../../dist/', import.meta.url).pathname;

// The receiver's admin routes allow 120 requests a minute: ask it for what it stored no more
// often than this.
export const RECEIVER_POLL_MS = 400;

/** Starts the receiver, the fault proxy in front of it, and the pages. */
export async function startServiceSite() {
  const folder = await mkdtemp(join(tmpdir(), 'welcomed-site-'));
  const sitePort = await freePort();
  const origin = `http://localhost:${sitePort}`;
  const otherOrigin = `http://127.0.0.1:${sitePort}`;
  const pages = await startPages(sitePort);
  const port = await freePort();
  const receiver = await startScript(
    'scripts/start.js',
    {
      ...process.env,
      PORT: String(port),
      DEMO_PARTNER_PORT: String(await freePort()),
      WELCOMED_DB: join(folder, 'welcomed.db'),
      WELCOMED_ADMIN_TOKEN: ADMIN_TOKEN,
      WELCOMED_ORIGINS: `${origin},${otherOrigin}`,
      WELCOMED_RATE_LIMIT: '100000',
    },
    'Press Ctrl+C to stop.',
  );
  const receiverUrl = `http://127.0.0.1:${port}`;
  const proxy = await startFaultProxy(receiverUrl);

  return {
    /** The pages' own origin, and a second one (same server, another host name). */
    origin,
    otherOrigin,
    proxy,
    /** A prompt page on `pageOrigin` posting through the proxy; `options` are its attributes and `away`. */
    promptUrl(pageOrigin, change, options = {}) {
      const query = new URLSearchParams({ change, endpoint: `${proxy.url}/api/responses`, ...options });
      return `${pageOrigin}/prompt.html?${query}`;
    },
    /** What the receiver stored for a change. */
    async stored(change) {
      const reply = await fetch(`${receiverUrl}/api/responses?change=${encodeURIComponent(change)}`, {
        headers: { Authorization: `Bearer ${ADMIN_TOKEN}` },
      });
      assert.equal(reply.status, 200);
      return reply.json();
    },
    async stop() {
      await proxy.close();
      await stopScript(receiver);
      await new Promise((resolve) => pages.close(resolve));
      await rm(folder, { recursive: true, force: true });
    },
  };
}

/** @param {number} port */
async function startPages(port) {
  const server = createServer(async (request, reply) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    // No Cache-Control: Firefox keeps no page served with no-store in its back/forward cache.
    const send = (type, body) => {
      reply.writeHead(200, { 'Content-Type': type });
      reply.end(body);
    };
    if (url.pathname === '/prompt.html') return send('text/html; charset=utf-8', promptPage(url.searchParams));
    if (url.pathname === '/plain.html') return send('text/html; charset=utf-8', PLAIN_PAGE);
    const file = normalize(url.pathname.replace(/^\/dist\//, ''));
    if (!url.pathname.startsWith('/dist/') || file.startsWith('..') || !file.endsWith('.js')) {
      reply.writeHead(404).end();
      return;
    }
    try {
      send('text/javascript; charset=utf-8', await readFile(join(dist, file)));
    } catch {
      reply.writeHead(404).end();
    }
  });
  await new Promise((resolve) => server.listen(port, resolve));
  return server;
}

/** @param {string} value */
const attribute = (value) => value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

const SHOWS = `<script>addEventListener('pageshow', (event) => { document.body.dataset.shows = (document.body.dataset.shows ?? '') + (event.persisted ? 'R' : 'L'); });</script>`;

// The page's words, by the prompt's language.
const WORDS = {
  en: { title: 'Garden waste', description: 'You can now renew your garden waste permit online.', link: 'Contact the council' },
  cy: { title: 'Gwastraff gardd', description: "Gallwch nawr adnewyddu eich trwydded gwastraff gardd ar-lein.", link: "Cysylltu â'r cyngor" },
};

/** @param {URLSearchParams} query */
function promptPage(query) {
  const lang = query.get('lang') === 'cy' ? 'cy' : 'en';
  const words = WORDS[lang];
  const optional = ['heading-level', 'follow-up']
    .filter((name) => query.has(name))
    .map((name) => ` ${name}="${attribute(query.get(name) ?? '')}"`)
    .join('');
  return `<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8"><title>${words.title}</title>
<script type="module" src="/dist/welcomed.js"></script></head>
<body><main><h1>${words.title}</h1>
<welcomed-prompt endpoint="${attribute(query.get('endpoint') ?? '')}" change="${attribute(query.get('change') ?? '')}" description="${words.description}" remember="0"${optional}></welcomed-prompt>
<p><a id="away" href="${attribute(query.get('away') ?? '/plain.html')}">${words.link}</a></p></main>
${SHOWS}</body></html>`;
}

const PLAIN_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Contact us</title></head>
<body><h1>Contact us</h1>${SHOWS}</body></html>`;
