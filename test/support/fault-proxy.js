// A real HTTP proxy in front of the real receiver that fails the way a test tells it to:
// each POST takes the next fault from the plan (a status with an optional Retry-After, a hang,
// or a connection reset) or, when the plan is empty, is passed through. Preflights always pass,
// and so do the prompt's view counts.
// Every reply closes its connection: Chromium silently re-sends a request that fails on a
// reused connection, which would hide the very failure a test asked for.
import { request as httpRequest, createServer } from 'node:http';

/**
 * @typedef {{ status: number, retryAfter?: string } | { hang: true } | { reset: true }} Fault
 * @typedef {{ method: string, fault: string, at: number }} ProxyRecord
 */

/** @param {string} target origin of the receiver, e.g. http://127.0.0.1:1234 */
export async function startFaultProxy(target) {
  /** @type {Fault[]} */
  let plan = [];
  /** @type {ProxyRecord[]} */
  const log = [];
  /** @type {Set<import('node:http').ServerResponse>} */
  const hanging = new Set();
  const targetUrl = new URL(target);

  const server = createServer((incoming, outgoing) => {
    // The prompt's view counts (POST …/impressions) pass through, unplanned and unlogged: the
    // plan and the log are about answers.
    const views = (incoming.url ?? '').endsWith('/impressions');
    const fault = incoming.method === 'POST' && !views ? plan.shift() : undefined;
    if (!views) log.push({ method: incoming.method ?? '', fault: describe(fault), at: Date.now() });
    if (fault && 'reset' in fault) {
      incoming.socket.destroy();
      return;
    }
    if (fault && 'hang' in fault) {
      hanging.add(outgoing);
      outgoing.on('close', () => hanging.delete(outgoing));
      return;
    }
    if (fault && 'status' in fault) {
      incoming.resume();
      outgoing.writeHead(fault.status, {
        Connection: 'close',
        'Content-Type': 'application/json',
        'Access-Control-Allow-Origin': incoming.headers.origin ?? '*',
        'Access-Control-Expose-Headers': 'Retry-After',
        ...(fault.retryAfter ? { 'Retry-After': fault.retryAfter } : {}),
      });
      outgoing.end(JSON.stringify({ error: 'fault', message: `Injected ${fault.status}` }));
      return;
    }
    const forward = httpRequest(
      {
        hostname: targetUrl.hostname,
        port: targetUrl.port,
        method: incoming.method,
        path: incoming.url,
        headers: incoming.headers,
      },
      (reply) => {
        outgoing.writeHead(reply.statusCode ?? 502, { ...reply.headers, connection: 'close' });
        reply.pipe(outgoing);
      },
    );
    forward.on('error', () => outgoing.destroy());
    incoming.pipe(forward);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
  const address = server.address();
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;

  return {
    url,
    /** @param {Fault[]} faults */
    setPlan(faults) {
      plan = [...faults];
    },
    log: () => log.slice(),
    clearLog: () => log.splice(0),
    /** Ends every hanging request (as a reset) and stops. */
    async close() {
      for (const outgoing of hanging) outgoing.destroy();
      await new Promise((resolve) => server.close(() => resolve(undefined)));
    },
    releaseHanging() {
      for (const outgoing of hanging) outgoing.destroy();
    },
  };
}

/** @param {Fault | undefined} fault */
function describe(fault) {
  if (!fault) return 'pass';
  if ('reset' in fault) return 'reset';
  if ('hang' in fault) return 'hang';
  return `status-${fault.status}`;
}
