// @ts-check
// The OWASP REST items not covered by post/admin/cors tests: limits on bodies sent without a
// length, missing content types, security headers on every kind of reply, per-client rate-limit
// buckets, and bounded error replies.
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { test } from 'node:test';
import { ADMIN_RATE_LIMIT, API_CSP, MAX_DETAILS } from 'welcomed-receiver';
import { AUTH, errorBody, makeResponse, post, readTables, startTestReceiver } from './helpers.js';

/**
 * POSTs `chunks` with Transfer-Encoding: chunked (no Content-Length, so the limit must be
 * enforced while reading) and resolves with the status and body.
 * @param {string} url
 * @param {string[]} chunks
 * @returns {Promise<{ status: number, body: string, headers: import('node:http').IncomingHttpHeaders }>}
 */
function postChunked(url, chunks) {
  return new Promise((resolve, reject) => {
    const req = request(`${url}/api/responses`, { method: 'POST', headers: { 'content-type': 'application/json' } }, (res) => {
      let body = '';
      res.setEncoding('utf8').on('data', (chunk) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
    });
    // The server may answer and close before every chunk is written.
    req.on('error', (error) => (/** @type {any} */ (error).code === 'EPIPE' || /** @type {any} */ (error).code === 'ECONNRESET' ? undefined : reject(error)));
    for (const chunk of chunks) req.write(chunk);
    req.end();
  });
}

test('a chunked body (no Content-Length) over 16 KiB is cut off with 413 and nothing is stored', async (t) => {
  const { url, dbPath } = await startTestReceiver(t, { listen: true });
  const big = JSON.stringify(makeResponse({ comment: 'x'.repeat(40 * 1024) }));
  const chunks = big.match(/[\s\S]{1,1024}/g) ?? [];
  const reply = await postChunked(url, chunks);
  assert.equal(reply.status, 413);
  assert.equal(JSON.parse(reply.body).error, 'body-too-large');
  assert.equal(reply.headers['content-length'] === undefined || Number(reply.headers['content-length']) < 1000, true);
  assert.equal(readTables(dbPath).responses.length, 0);

  const small = JSON.stringify(makeResponse());
  const ok = await postChunked(url, [small.slice(0, 50), small.slice(50)]);
  assert.equal(ok.status, 201);
});

test('a body without a Content-Type is refused with 415', async (t) => {
  const { url, dbPath } = await startTestReceiver(t, { listen: true });
  const reply = await fetch(`${url}/api/responses`, { method: 'POST', body: new Blob([JSON.stringify(makeResponse())]) });
  assert.equal(reply.status, 415);
  assert.equal(/** @type {any} */ (await reply.json()).error, 'unsupported-media-type');
  assert.equal(readTables(dbPath).responses.length, 0);
});

test('every /api reply, success or error, carries no-store, nosniff and a CSP that forbids rendering', async (t) => {
  const { url } = await startTestReceiver(t, {
    listen: true,
    origins: ['https://www.example.gov.uk'],
    rateLimit: { max: 3, timeWindow: 60_000 },
  });
  const stored = makeResponse();
  const json = { 'content-type': 'application/json' };
  /** @type {[string, number, RequestInit & { path?: string }][]} */
  const cases = [
    ['created', 201, { method: 'POST', headers: json, body: JSON.stringify(stored) }],
    ['updated', 201, { method: 'POST', headers: json, body: JSON.stringify({ ...stored, comment: 'x' }) }],
    ['malformed', 400, { method: 'POST', headers: json, body: '{' }],
    ['rate limited', 429, { method: 'POST', headers: json, body: JSON.stringify(makeResponse()) }],
    ['listed', 200, { headers: AUTH }],
    ['CSV', 200, { headers: AUTH, path: '/api/responses?format=csv' }],
    ['unauthorised', 401, {}],
    ['bad query', 400, { headers: AUTH, path: '/api/responses?limit=0' }],
    ['not found', 404, { path: '/api/nothing' }],
    ['bad address', 400, { path: '/api/%E0%A4%A' }],
    ['method', 405, { method: 'PUT', headers: AUTH }],
    ['erased', 204, { method: 'DELETE', headers: AUTH, path: `/api/responses/${stored.id}` }],
  ];
  for (const [name, status, init] of cases) {
    const reply = await fetch(`${url}${init.path ?? '/api/responses'}`, init);
    assert.equal(reply.status, status, name);
    assert.equal(reply.headers.get('cache-control'), 'no-store', name);
    assert.equal(reply.headers.get('x-content-type-options'), 'nosniff', name);
    assert.equal(reply.headers.get('content-security-policy'), API_CSP, name);
    if (status >= 400) assert.match(String(reply.headers.get('content-type')), /^application\/json/, name);
  }
  // Replies refused before reading the body (origin, size, type) too (on a receiver whose
  // rate limit the requests above have not used up).
  const { app } = await startTestReceiver(t, { origins: ['https://www.example.gov.uk'] });
  const refusals = [
    { status: 403, headers: { origin: 'https://evil.example', 'content-type': 'text/plain' }, body: '{}' },
    { status: 413, headers: { 'content-type': 'application/json' }, body: 'x'.repeat(17 * 1024) },
    { status: 415, headers: { 'content-type': 'application/xml' }, body: '<x/>' },
    { status: 422, headers: { 'content-type': 'application/json' }, body: '{}' },
  ];
  for (const { status, headers, body } of refusals) {
    const reply = await app.inject({ method: 'POST', url: '/api/responses', headers, payload: body });
    assert.equal(reply.statusCode, status);
    errorBody(reply);
    assert.equal(reply.headers['cache-control'], 'no-store', String(status));
    assert.equal(reply.headers['x-content-type-options'], 'nosniff', String(status));
    assert.equal(reply.headers['content-security-policy'], API_CSP, String(status));
  }
});

test('the rate limit counts each client apart (behind a trusted proxy), and an IPv6 /64 as one client', async (t) => {
  const { app, dbPath } = await startTestReceiver(t, { trustProxy: true, rateLimit: { max: 2, timeWindow: 60_000 } });
  const from = (/** @type {string} */ address) => post(app, makeResponse(), { 'x-forwarded-for': address });
  assert.equal((await from('198.51.100.1')).statusCode, 201);
  assert.equal((await from('198.51.100.1')).statusCode, 201);
  const limited = await from('198.51.100.1');
  assert.equal(limited.statusCode, 429);
  assert.ok(Number(limited.headers['retry-after']) > 0);
  assert.equal((await from('198.51.100.2')).statusCode, 201, 'another client has its own bucket');

  assert.equal((await from('2001:db8:1:2::1')).statusCode, 201);
  assert.equal((await from('2001:db8:1:2:ffff:ffff:ffff:fffe')).statusCode, 201);
  assert.equal((await from('2001:db8:1:2::99')).statusCode, 429, 'the same /64');
  assert.equal((await from('2001:db8:1:3::1')).statusCode, 201, 'another /64');

  // None of those addresses is stored anywhere.
  const tables = JSON.stringify(readTables(dbPath));
  assert.ok(!/198\.51\.100|2001:db8/.test(tables));
});

test(`the admin routes allow ${ADMIN_RATE_LIMIT} requests a minute per client, right or wrong token, apart from POSTs`, async (t) => {
  const { app } = await startTestReceiver(t, { trustProxy: true, rateLimit: { max: 2, timeWindow: 60_000 } });
  const admin = (/** @type {string} */ address, /** @type {string} */ token) =>
    app.inject({ method: 'GET', url: '/api/summary', headers: { authorization: `Bearer ${token}`, 'x-forwarded-for': address } });
  // Someone guessing tokens is stopped after the limit…
  const guesses = [];
  for (let index = 0; index <= ADMIN_RATE_LIMIT; index += 1) guesses.push((await admin('198.51.100.7', `guess-${index}`)).statusCode);
  assert.deepEqual([...new Set(guesses.slice(0, ADMIN_RATE_LIMIT))], [401]);
  assert.equal(guesses[ADMIN_RATE_LIMIT], 429);
  // …even with the right token from then on; another client is not.
  assert.equal((await admin('198.51.100.7', AUTH.authorization.replace(/^Bearer /, ''))).statusCode, 429);
  assert.equal((await admin('198.51.100.8', AUTH.authorization.replace(/^Bearer /, ''))).statusCode, 200);
  // The answers' own limit is separate: residents behind the same address can still answer.
  assert.equal((await post(app, makeResponse(), { 'x-forwarded-for': '198.51.100.7' })).statusCode, 201);
});

test('a body with hundreds of schema violations gets a bounded reply', async (t) => {
  const { app } = await startTestReceiver(t);
  /** @type {Record<string, unknown>} */
  const extra = {};
  for (let i = 0; i < 600; i++) extra[`x${i}`] = i;
  const reply = await post(app, { ...makeResponse(), ...extra });
  assert.equal(reply.statusCode, 422);
  const body = errorBody(reply);
  assert.equal(body.details.length, MAX_DETAILS);
  assert.match(body.message, /\(and 599 more problems\)\.$/);
  assert.ok(reply.body.length < 4096, String(reply.body.length));
});
