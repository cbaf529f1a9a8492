// @ts-check
// Origins, CORS and the per-client rate limit, over real HTTP.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { AUTH, makeResponse, readTables, startTestReceiver } from './helpers.js';

const ALLOWED = 'https://www.example.gov.uk';
const OTHER = 'https://evil.example';

/**
 * @param {string} url
 * @param {unknown} body
 * @param {Record<string, string>} [headers]
 */
function send(url, body, headers = {}) {
  return fetch(`${url}/api/responses`, {
    method: 'POST',
    headers: { 'content-type': 'text/plain;charset=UTF-8', ...headers },
    body: JSON.stringify(body),
  });
}

/** @param {string} url @param {string} origin */
function preflight(url, origin) {
  return fetch(`${url}/api/responses`, {
    method: 'OPTIONS',
    headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
  });
}

test('a preflight from an allowed origin gets CORS headers; from another origin it gets none', async (t) => {
  const { url } = await startTestReceiver(t, { listen: true, origins: [ALLOWED] });
  const ok = await preflight(url, ALLOWED);
  assert.equal(ok.status, 204);
  assert.equal(ok.headers.get('access-control-allow-origin'), ALLOWED);
  assert.equal(ok.headers.get('access-control-allow-methods'), 'POST');
  assert.equal(ok.headers.get('access-control-allow-headers'), 'Content-Type');
  assert.equal(ok.headers.get('access-control-max-age'), '600');
  assert.equal(ok.headers.get('access-control-allow-credentials'), null);
  assert.match(String(ok.headers.get('vary')), /Origin/);

  const refused = await preflight(url, OTHER);
  assert.equal(refused.status, 403);
  assert.equal(refused.headers.get('access-control-allow-origin'), null);
  assert.equal(refused.headers.get('access-control-allow-methods'), null);
  assert.equal(/** @type {any} */ (await refused.json()).error, 'origin-not-allowed');
});

test('a POST from an allowed origin is stored and readable by that page (ACAO)', async (t) => {
  const { url, dbPath } = await startTestReceiver(t, { listen: true, origins: [ALLOWED] });
  const response = makeResponse();
  const reply = await send(url, response, { origin: ALLOWED });
  assert.equal(reply.status, 201);
  assert.equal(reply.headers.get('access-control-allow-origin'), ALLOWED);
  assert.equal(reply.headers.get('access-control-expose-headers'), 'Retry-After');
  assert.equal(readTables(dbPath).responses.length, 1);

  // Error replies carry the header too, so the widget can read the server's message.
  const invalid = await send(url, { ...response, answer: 'maybe' }, { origin: ALLOWED });
  assert.equal(invalid.status, 422);
  assert.equal(invalid.headers.get('access-control-allow-origin'), ALLOWED);
});

test('a simple text/plain POST from a disallowed origin is refused with 403 and not stored', async (t) => {
  const { url, dbPath } = await startTestReceiver(t, { listen: true, origins: [ALLOWED] });
  for (const origin of [OTHER, 'null', `${ALLOWED}.evil.example`, 'http://www.example.gov.uk']) {
    const reply = await send(url, makeResponse(), { origin });
    assert.equal(reply.status, 403, origin);
    assert.equal(reply.headers.get('access-control-allow-origin'), null);
    assert.deepEqual(await reply.json(), {
      error: 'origin-not-allowed',
      message: `Origin ${origin} may not send responses here: it is not in WELCOMED_ORIGINS.`,
    });
  }
  assert.equal(readTables(dbPath).responses.length, 0);
});

test('requests without Origin pass (curl, servers); a browser on the receiver\'s own page is known by Sec-Fetch-Site', async (t) => {
  const { url, dbPath } = await startTestReceiver(t, { listen: true });
  const none = await send(url, makeResponse());
  assert.equal(none.status, 201);
  assert.equal(none.headers.get('access-control-allow-origin'), null);
  // What a browser sends from a page the receiver serves itself (the dashboard, npm start's demo).
  const own = await send(url, makeResponse(), { origin: url, 'sec-fetch-site': 'same-origin' });
  assert.equal(own.status, 201);
  // Another port on the same host is another origin.
  const port = Number(new URL(url).port);
  const sibling = await send(url, makeResponse(), { origin: `http://127.0.0.1:${port === 65535 ? 1 : port + 1}`, 'sec-fetch-site': 'same-site' });
  assert.equal(sibling.status, 403);
  assert.equal(readTables(dbPath).responses.length, 2);
});

test('the Host header never makes an origin the receiver\'s own (the shape of DNS rebinding)', async (t) => {
  const { app, dbPath } = await startTestReceiver(t, { origins: [ALLOWED] });
  // A page on a name that now resolves to the receiver: Origin and Host agree, and are the attacker's.
  for (const [host, origin] of [
    ['rebound.evil.example:8080', 'http://rebound.evil.example:8080'],
    ['127.0.0.1:8080', 'http://127.0.0.1:8080'],
    ['www.example.gov.uk.evil.example', 'http://www.example.gov.uk.evil.example'],
  ]) {
    const reply = await app.inject({
      method: 'POST',
      url: '/api/responses',
      headers: { host, origin, 'content-type': 'text/plain;charset=UTF-8' },
      payload: JSON.stringify(makeResponse()),
    });
    assert.equal(reply.statusCode, 403, `${host} ${origin}`);
    assert.equal(reply.json().error, 'origin-not-allowed');
    assert.equal(reply.headers['access-control-allow-origin'], undefined);
  }
  assert.equal(readTables(dbPath).responses.length, 0);
});

test('with WELCOMED_PUBLIC_ORIGIN set, that origin is the receiver\'s own and no other is, whatever the browser says', async (t) => {
  const PUBLIC = 'https://feedback.example.gov.uk';
  const { app, dbPath } = await startTestReceiver(t, { publicOrigin: `${PUBLIC}/`, origins: [ALLOWED] });
  const from = (/** @type {Record<string, string>} */ headers) =>
    app.inject({
      method: 'POST',
      url: '/api/responses',
      headers: { 'content-type': 'application/json', ...headers },
      payload: JSON.stringify(makeResponse()),
    });
  const own = await from({ host: 'feedback.example.gov.uk', origin: PUBLIC, 'sec-fetch-site': 'same-origin' });
  assert.equal(own.statusCode, 201);
  // Behind a proxy the Host may be anything: the configured origin still counts.
  assert.equal((await from({ host: '10.0.0.5:8080', origin: PUBLIC })).statusCode, 201);
  assert.equal((await from({ origin: ALLOWED })).statusCode, 201);
  // Reached under another name, even a browser's same-origin request is refused.
  const rebound = await from({ host: 'rebound.evil.example', origin: 'https://rebound.evil.example', 'sec-fetch-site': 'same-origin' });
  assert.equal(rebound.statusCode, 403);
  assert.equal(readTables(dbPath).responses.length, 3);
  await assert.rejects(startTestReceiver(t, { publicOrigin: 'https://feedback.example.gov.uk/path' }), /publicOrigin/);
});

test('past the per-client rate limit a POST gets 429 with Retry-After', async (t) => {
  const { url, dbPath } = await startTestReceiver(t, {
    listen: true,
    origins: [ALLOWED],
    rateLimit: { max: 2, timeWindow: 60_000 },
  });
  assert.equal((await send(url, makeResponse(), { origin: ALLOWED })).status, 201);
  assert.equal((await send(url, makeResponse(), { origin: ALLOWED })).status, 201);
  const limited = await send(url, makeResponse(), { origin: ALLOWED });
  assert.equal(limited.status, 429);
  const retryAfter = Number(limited.headers.get('retry-after'));
  assert.ok(Number.isInteger(retryAfter) && retryAfter > 0 && retryAfter <= 60, String(retryAfter));
  // Readable cross-origin, so the widget can wait as long as it is told.
  assert.equal(limited.headers.get('access-control-allow-origin'), ALLOWED);
  assert.equal(limited.headers.get('access-control-expose-headers'), 'Retry-After');
  const body = /** @type {any} */ (await limited.json());
  assert.equal(body.error, 'rate-limited');
  assert.match(body.message, /try again in/);
  assert.equal(readTables(dbPath).responses.length, 2);

  // The limit is on sending responses only: the admin can still read them.
  const list = await fetch(`${url}/api/responses`, { headers: AUTH });
  assert.equal(list.status, 200);
});
