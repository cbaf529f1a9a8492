// `npm start`: builds the widget and the receiver if needed, starts the receiver on SQLite, and serves
// the demo pages: the council page on the receiver's own origin, and the same page on a second
// origin (a "partner site", added to WELCOMED_ORIGINS) to show cross-origin embedding.
import fastifyStatic from '@fastify/static';
import Fastify from 'fastify';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const demoDir = join(root, 'demo');
const distDir = join(root, 'dist');

buildIfNeeded();
// Imported once built: the receiver is its build, and it needs the widget's contract.
const { readSettings, startReceiver } = await import('welcomed-receiver');

let settings;
try {
  settings = readSettings();
} catch (error) {
  console.error(`npm start: ${error.message}`);
  process.exit(1);
}
const partnerPort = Number(process.env.DEMO_PARTNER_PORT ?? settings.port + 1);
const partnerOrigins = [`http://localhost:${partnerPort}`, `http://127.0.0.1:${partnerPort}`];
settings.origins = [...new Set([...settings.origins, ...partnerOrigins])];

/**
 * The Content-Security-Policy the demo pages are served with: the strict policy DESIGN.md
 * promises the widget works under, plus `img-src 'self'` for the demo's own favicon.
 */
export function demoPolicy(receiverOrigin) {
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self'",
    `connect-src ${receiverOrigin}`,
    "require-trusted-types-for 'script'",
    'trusted-types lit-html',
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/**
 * Adds the demo policy to every HTML page an app serves that has none of its own: the receiver's
 * dashboard and its form without JavaScript keep theirs.
 */
function withDemoPolicy(app, receiverOrigin) {
  app.addHook('onSend', async (_request, reply, payload) => {
    if (String(reply.getHeader('content-type') ?? '').startsWith('text/html') && !reply.hasHeader('content-security-policy')) {
      reply.header('Content-Security-Policy', demoPolicy(receiverOrigin));
    }
    return payload;
  });
}

const { url } = await startReceiver(settings, {
  async beforeListen(app) {
    withDemoPolicy(app, "'self'");
    await app.register(fastifyStatic, { root: demoDir, prefix: '/', index: ['index.html'] });
    await app.register(fastifyStatic, { root: distDir, prefix: '/dist/', decorateReply: false });
  },
});

await startPartnerSite(`${url}/api/responses`);

const localUrl = url.replace('127.0.0.1', 'localhost');
console.log(`
Demo page:                     ${localUrl}/
Same page on another origin:   http://localhost:${partnerPort}/  (posts to ${url}/api/responses)
Stored responses (admin):      curl -H "Authorization: Bearer <token>" ${url}/api/responses
Press Ctrl+C to stop.`);

/** Runs `npm run build` when a build is missing or older than the sources. */
function buildIfNeeded() {
  // The receiver needs the widget's built contract, and its own build with the dashboard's.
  const built = [
    join(distDir, 'welcomed.js'),
    join(distDir, 'contract', 'index.js'),
    join(root, 'receiver', 'dist', 'index.js'),
    join(root, 'receiver', 'dist', 'dashboard', 'dashboard.js'),
  ];
  const newestSource = newestModification([
    'src',
    'xliff',
    'rollup.config.js',
    'lit-localize.json',
    'package.json',
    'receiver/src',
    'receiver/dashboard',
    'receiver/rollup.config.js',
    'receiver/package.json',
  ]);
  if (built.every((file) => existsSync(file) && statSync(file).mtimeMs >= newestSource)) return;
  console.log('Building the widget (npm run build)…');
  const result = spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error('npm start: the build failed; see above.');
    process.exit(result.status ?? 1);
  }
}

function newestModification(paths) {
  let newest = 0;
  for (const path of paths.map((relative) => join(root, relative))) {
    if (!existsSync(path)) continue;
    const stats = statSync(path);
    if (stats.isDirectory()) {
      const children = readdirSync(path)
        .filter((name) => name !== 'generated')
        .map((name) => join(path, name));
      newest = Math.max(newest, newestModification(children.map((child) => child.slice(root.length + 1))));
    } else {
      newest = Math.max(newest, stats.mtimeMs);
    }
  }
  return newest;
}

/**
 * Serves the demo page from a second origin, with its endpoint pointing at the receiver, and its
 * fallback link at the receiver's form, with the page's own address to come back to (a browser
 * tells another origin only which site a visitor came from, not which page).
 */
async function startPartnerSite(endpoint) {
  const partner = Fastify();
  const receiverOrigin = new URL(endpoint).origin;
  withDemoPolicy(partner, receiverOrigin);
  const partnerPage = `http://localhost:${partnerPort}/`;
  const page = (await readFile(join(demoDir, 'index.html'), 'utf8'))
    .replace('endpoint="/api/responses"', `endpoint="${endpoint}"`)
    .replace(/href="\/respond\/([^"]+)"/, (_link, rest) => `href="${receiverOrigin}/respond/${rest}&amp;return=${encodeURIComponent(partnerPage)}"`);
  partner.get('/', (_request, reply) => reply.type('text/html; charset=utf-8').send(page));
  await partner.register(fastifyStatic, { root: demoDir, prefix: '/', index: false, serve: true, wildcard: true });
  await partner.register(fastifyStatic, { root: distDir, prefix: '/dist/', decorateReply: false });
  await partner.listen({ port: partnerPort, host: settings.host });
}
