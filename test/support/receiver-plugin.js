// A web-test-runner plugin that runs the real reference receiver on a real SQLite file for
// the browser tests, on another origin than the test pages (so CORS is exercised), and
// gives tests server commands to look at what it stored and what requests reached it.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createReceiver } from 'welcomed-receiver';
import { startFaultProxy } from './fault-proxy.js';

const ADMIN_TOKEN = '-g56i5qXGyZjaLQD1Aiw30ta2p_Jgr2Z';

/** @returns {import('@web/test-runner').TestRunnerPlugin} */
export function receiverPlugin() {
  /** @type {import('fastify').FastifyInstance | undefined} */
  let app;
  let url = '';
  let folder = '';
  /** @type {Awaited<ReturnType<typeof startFaultProxy>> | undefined} */
  let proxy;
  /** @type {{ method: string, url: string, origin?: string, contentType?: string }[]} */
  const requests = [];

  return {
    name: 'welcomed-receiver',

    async serverStart({ config }) {
      folder = await mkdtemp(join(tmpdir(), 'welcomed-wtr-'));
      const pageOrigins = [`http://localhost:${config.port}`, `http://127.0.0.1:${config.port}`];
      app = await createReceiver({
        dbPath: join(folder, 'welcomed.db'),
        origins: pageOrigins,
        adminToken: ADMIN_TOKEN,
        rateLimit: { max: 10_000, timeWindow: 60_000 },
      });
      app.addHook('onRequest', async (request) => {
        requests.push({
          method: request.method,
          url: request.url,
          origin: request.headers.origin,
          contentType: request.headers['content-type'],
        });
      });
      await app.listen({ port: 0, host: '127.0.0.1' });
      const address = app.server.address();
      url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
      proxy = await startFaultProxy(url);
    },

    async serverStop() {
      await proxy?.close();
      await app?.close();
      if (folder) await rm(folder, { recursive: true, force: true });
    },

    async executeCommand({ command, payload }) {
      switch (command) {
        case 'receiver-info':
          return { url, endpoint: `${url}/api/responses` };
        case 'receiver-responses': {
          const change = /** @type {{ change?: string } | undefined} */ (payload)?.change;
          const query = change ? `?change=${encodeURIComponent(change)}` : '';
          const reply = await fetch(`${url}/api/responses${query}`, {
            headers: { Authorization: `Bearer ${ADMIN_TOKEN}` },
          });
          if (!reply.ok) throw new Error(`GET /api/responses answered ${reply.status}`);
          return reply.json();
        }
        case 'receiver-requests':
          return requests.slice();
        case 'receiver-publish-update': {
          // As a manager would from the dashboard ("You said, we did"): the admin token, for now.
          const { change, ...update } = /** @type {{ change: string } & Record<string, unknown>} */ (payload);
          const reply = await fetch(`${url}/api/changes/${encodeURIComponent(change)}/updates`, {
            method: 'POST',
            headers: { Authorization: `Bearer ${ADMIN_TOKEN}`, 'Content-Type': 'application/json' },
            body: JSON.stringify({ status: 'change-made', date: '2026-12-01', publishedBy: 'Test team', ...update }),
          });
          if (reply.status !== 201) throw new Error(`POST …/updates answered ${reply.status}: ${await reply.text()}`);
          return reply.json();
        }
        case 'proxy-info':
          return { endpoint: `${proxy?.url}/api/responses` };
        case 'proxy-plan':
          proxy?.setPlan(/** @type {{ faults: import('./fault-proxy.js').Fault[] }} */ (payload).faults);
          proxy?.clearLog();
          return true;
        case 'proxy-log':
          return proxy?.log() ?? [];
        case 'proxy-release':
          proxy?.releaseHanging();
          return true;
        default:
          return undefined;
      }
    },
  };
}
