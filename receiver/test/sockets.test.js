// @ts-check
// What the receiver does with connections that never finish a request, and with requests Node
// refuses before Fastify sees them: tested on real sockets, byte by byte. A request that does
// not arrive in time is answered 408 and closed; malformed requests and oversized headers get
// the API's JSON error body and security headers like any other error.
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { test } from 'node:test';
import { API_CSP, DEFAULT_TIMEOUTS } from 'welcomed-receiver';
import { startTestReceiver } from './helpers.js';

/** Short timeouts, so that the tests wait seconds rather than minutes. */
const TIMEOUTS = { headersMs: 500, requestMs: 1000, idleMs: 1500 };

/**
 * Opens a socket to `url`, writes `bytes` (and nothing more), and resolves when the server closes
 * the connection, with what it sent and how long that took; rejects after `deadlineMs`.
 * @param {string} url
 * @param {string} bytes
 * @param {number} deadlineMs
 */
function holdOpen(url, bytes, deadlineMs) {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const socket = connect({ host: hostname, port: Number(port) }, () => {
      if (bytes) socket.write(bytes);
    });
    let received = '';
    socket.setEncoding('latin1');
    socket.on('data', (chunk) => (received += chunk));
    socket.on('error', () => undefined);
    socket.on('close', () => {
      clearTimeout(timer);
      resolve({ received, ms: performance.now() - started });
    });
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`the receiver still held the connection open after ${deadlineMs} ms`));
    }, deadlineMs);
  });
}

/**
 * A raw HTTP reply, split into its status, headers (lower-case names) and JSON body.
 * @param {string} raw
 */
function parseReply(raw) {
  const [head, ...rest] = raw.split('\r\n\r\n');
  const [statusLine, ...headerLines] = head.split('\r\n');
  /** @type {Record<string, string>} */
  const headers = {};
  for (const line of headerLines) {
    const colon = line.indexOf(':');
    headers[line.slice(0, colon).toLowerCase()] = line.slice(colon + 1).trim();
  }
  return { status: Number(statusLine.split(' ')[1]), headers, body: JSON.parse(rest.join('\r\n\r\n')) };
}

/**
 * Asserts the API's error reply: its status, code, and every security header.
 * @param {string} raw
 * @param {number} status
 * @param {string} code
 */
function assertApiError(raw, status, code) {
  const reply = parseReply(raw);
  assert.equal(reply.status, status, raw);
  assert.equal(reply.body.error, code);
  assert.equal(typeof reply.body.message, 'string');
  assert.deepEqual(Object.keys(reply.body).sort(), ['error', 'message']);
  assert.match(reply.headers['content-type'], /^application\/json/);
  assert.equal(reply.headers['x-content-type-options'], 'nosniff');
  assert.equal(reply.headers['cache-control'], 'no-store');
  assert.equal(reply.headers['content-security-policy'], API_CSP);
  assert.equal(reply.headers.connection, 'close');
}

test('a POST that announces a body and never sends it is answered 408 and closed', async (t) => {
  const { url } = await startTestReceiver(t, { listen: true, timeouts: TIMEOUTS });
  const head =
    'POST /api/responses HTTP/1.1\r\nHost: receiver.test\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n';
  const { received, ms } = /** @type {{ received: string, ms: number }} */ (await holdOpen(url, head + '{"sch', 10_000));
  assertApiError(received, 408, 'request-timeout');
  assert.ok(ms >= TIMEOUTS.requestMs - 50 && ms < TIMEOUTS.requestMs + 3000, `closed after ${Math.round(ms)} ms`);
});

test('headers that never end, and a connection that sends nothing, are closed too', async (t) => {
  const { url } = await startTestReceiver(t, { listen: true, timeouts: TIMEOUTS });
  const slowHeaders = /** @type {{ received: string, ms: number }} */ (
    await holdOpen(url, 'POST /api/responses HTTP/1.1\r\nHost: receiver.test\r\nX-Slow: 1', 10_000)
  );
  assertApiError(slowHeaders.received, 408, 'request-timeout');
  assert.ok(slowHeaders.ms < TIMEOUTS.headersMs + 3000, `closed after ${Math.round(slowHeaders.ms)} ms`);

  const silent = /** @type {{ received: string, ms: number }} */ (await holdOpen(url, '', 10_000));
  assert.ok(silent.ms < TIMEOUTS.idleMs + 3000, `closed after ${Math.round(silent.ms)} ms`);
});

test('by default every timeout is set: no connection is held for ever', async (t) => {
  const { app } = await startTestReceiver(t, { listen: true });
  const server = app.server;
  assert.equal(server.headersTimeout, DEFAULT_TIMEOUTS.headersMs);
  assert.equal(server.requestTimeout, DEFAULT_TIMEOUTS.requestMs);
  assert.equal(server.timeout, DEFAULT_TIMEOUTS.idleMs);
  for (const value of [server.headersTimeout, server.requestTimeout, server.timeout]) {
    assert.ok(value > 0 && value <= 60_000, String(value));
  }
});

test('requests Node refuses before routing get the JSON error body and the security headers', async (t) => {
  const { url } = await startTestReceiver(t, { listen: true, timeouts: TIMEOUTS });
  const malformed = /** @type {{ received: string }} */ (await holdOpen(url, 'NOT HTTP AT ALL\r\n\r\n', 5000));
  assertApiError(malformed.received, 400, 'bad-request');

  const hugeHeader = `GET /api/summary HTTP/1.1\r\nHost: receiver.test\r\nX-Big: ${'x'.repeat(20 * 1024)}\r\n\r\n`;
  const tooLarge = /** @type {{ received: string }} */ (await holdOpen(url, hugeHeader, 5000));
  assertApiError(tooLarge.received, 431, 'headers-too-large');
});
