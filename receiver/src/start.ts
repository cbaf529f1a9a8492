// Running a receiver from settings (settings.ts): create, listen, say where, close cleanly.
import type { FastifyInstance } from 'fastify';
import { createReceiver } from './app.js';
import { RATE_WINDOW_MS, type ReceiverOptions } from './options.js';
import { loadRegistry } from './respond/registry-file.js';
import type { Settings } from './settings.js';
import { describeDatabase } from './store/open.js';

/** What startReceiver's caller may add or change. */
export interface StartHooks {
  /** Runs after the receiver is created and before it listens, e.g. to register more routes. */
  beforeListen?: (app: FastifyInstance) => Promise<void> | void;
  /** Where the start-up lines go (default console.log). */
  print?: (line: string) => void;
  /** Close on SIGINT/SIGTERM and exit (default true). */
  handleSignals?: boolean;
  logger?: ReceiverOptions['logger'];
  /** Instead of `settings.rateLimit` per minute. */
  rateLimit?: ReceiverOptions['rateLimit'];
}

/**
 * Starts a receiver from settings: creates it, lets the caller register more routes, listens,
 * prints where it listens (and the admin token once, if it was generated), and closes cleanly
 * on SIGINT/SIGTERM. Resolves with the app and its base URL.
 */
export async function startReceiver(settings: Settings, hooks: StartHooks = {}): Promise<{ app: FastifyInstance; url: string }> {
  const { beforeListen, print = console.log, handleSignals = true } = hooks;
  const database =
    settings.databaseUrl === undefined
      ? { dbPath: settings.dbPath }
      : { databaseUrl: settings.databaseUrl, databasePoolSize: settings.databasePoolSize };
  const app = await createReceiver({
    ...database,
    origins: settings.origins,
    publicOrigin: settings.publicOrigin,
    adminToken: settings.adminToken,
    contactDays: settings.contactDays,
    auditDays: settings.auditDays,
    trustProxy: settings.trustProxy,
    minAnswerMs: settings.minAnswerMs,
    logger: hooks.logger,
    rateLimit: hooks.rateLimit ?? { max: settings.rateLimit, timeWindow: RATE_WINDOW_MS },
    formKeys: settings.formKeys,
    changes: settings.changesFile === undefined ? undefined : await loadRegistry(settings.changesFile),
  });
  try {
    if (beforeListen) await beforeListen(app);
    await app.listen({ port: settings.port, host: settings.host });
  } catch (error) {
    await app.close();
    throw error;
  }
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : settings.port;
  const url = `http://${urlHost(settings.host)}:${port}`;
  print(`Welcomed receiver listening on ${url} (database: ${describeDatabase(database)})`);
  const own = settings.publicOrigin ?? 'pages on this origin (told by Sec-Fetch-Site; set WELCOMED_PUBLIC_ORIGIN)';
  print(`Responses: POST ${url}/api/responses from ${[own, ...settings.origins].join(', ')}`);
  print(`Form without JavaScript: ${url}/respond/<change>${settings.changesFile ? ` (changes from ${settings.changesFile})` : ''}`);
  if (settings.adminTokenGenerated) {
    print(`Admin token, generated for this run (set WELCOMED_ADMIN_TOKEN to keep one): ${settings.adminToken}`);
  }
  if (handleSignals) closeOnSignals(app, print);
  return { app, url };
}

/** On the first SIGINT or SIGTERM: close the app (10 s at most), then exit 0, or 1 on failure. */
function closeOnSignals(app: FastifyInstance, print: (line: string) => void): void {
  const shutdown = (signal: NodeJS.Signals) => {
    process.off('SIGINT', shutdown);
    process.off('SIGTERM', shutdown);
    print(`${signal} received: closing the receiver.`);
    setTimeout(() => process.exit(1), 10_000).unref();
    app.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

/** A host as it goes in a URL: wildcard addresses as loopback, IPv6 in brackets. */
function urlHost(host: string): string {
  if (host === '0.0.0.0') return '127.0.0.1';
  if (host === '::') return '[::1]';
  return host.includes(':') ? `[${host}]` : host;
}
