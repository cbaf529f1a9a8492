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
      message: `Origin ${origin} is not in WELCOMED_ORIGINS`,
    });
  }
  assert.equal(readTables(dbPath).responses.length, 0);
});

test("the receiver's own origin is allowed, and so are requests without Origin", async (t) => {
  const { url, dbPath } = await startTestReceiver(t, { listen: true });
  const own = await send(url, makeResponse(), { origin: url });
  assert.equal(own.status, 201);
  assert.equal(own.headers.get('access-control-allow-origin'), url);
  const none = await send(url, makeResponse());
  assert.equal(none.status, 201);
  assert.equal(none.headers.get('access-control-allow-origin'), null);
  // Another port on the same host is another origin.
  const port = Number(new URL(url).port);
  const sibling = await send(url, makeResponse(), { origin: `http://127.0.0.1:${port === 65535 ? 1 : port + 1}` });
  assert.equal(sibling.status, 403);
  assert.equal(readTables(dbPath).responses.length, 2);
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
