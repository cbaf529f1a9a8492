// The reference receiver as a Fastify app: it accepts Welcomed responses (schema `welcomed/1`),
// stores them (store/), and gives them back to admins as JSON, CSV and suppressed summaries.
// Each cross-cutting concern is a plugin (plugins/), each group of routes a module (routes/).
//
// Nothing here stores or logs a client's IP address (plugins/rate-limits.ts). Spam is accepted
// like any other response and flagged (spam.ts); free text is redacted again (redaction.ts).
import Fastify, { type FastifyInstance } from 'fastify';
import { resolveOptions, type ReceiverOptions } from './options.js';
import { adminAuth } from './plugins/admin-auth.js';
import { auditRetention } from './plugins/audit-retention.js';
import { contactRetention } from './plugins/contact-retention.js';
import { errorHandling, frameworkErrors, replyToClientError } from './plugins/error-handling.js';
import { jsonBodies } from './plugins/json-bodies.js';
import { originGuard } from './plugins/origin-guard.js';
import { rateLimits } from './plugins/rate-limits.js';
import { securityHeaders } from './plugins/security-headers.js';
import { resolveFormOptions } from './respond/options.js';
import { accessRoutes } from './routes/access.js';
import { dashboardRoutes } from './routes/dashboard.js';
import { impressionsRoutes } from './routes/impressions.js';
import { respondRoutes } from './routes/respond.js';
import { responsesRoutes } from './routes/responses.js';
import { summaryRoutes } from './routes/summary.js';
import { updatesRoutes } from './routes/updates.js';
import { openStore } from './store/open.js';

/**
 * Creates the receiver: a Fastify instance with every plugin and route registered, not yet
 * listening (so callers can register more routes, e.g. static demo pages, before `listen`).
 * Rejects with an Error naming the first wrong option. Closing the app closes the database.
 */
export async function createReceiver(options: ReceiverOptions): Promise<FastifyInstance> {
  const settings = resolveOptions(options);
  const form = resolveFormOptions(options);
  const store = await openStore(settings.database);
  let app: FastifyInstance;
  try {
    app = Fastify({
      logger: settings.logger,
      // Fastify takes a hop count at run time; its types only list the other forms.
      trustProxy: settings.trustProxy as boolean | string,
      frameworkErrors,
      clientErrorHandler: replyToClientError,
      requestTimeout: settings.timeouts.requestMs,
      connectionTimeout: settings.timeouts.idleMs,
      http: {
        headersTimeout: settings.timeouts.headersMs,
        // How often Node looks for requests past their time (its default, 30 s, would let a
        // stalled request live up to 30 s longer than requestTimeout).
        connectionsCheckingInterval: Math.min(1000, Math.ceil(settings.timeouts.headersMs / 2)),
      },
    });
  } catch (error) {
    await store.close();
    throw error;
  }
  app.addHook('onClose', () => store.close());

  try {
    await app.register(errorHandling);
    await app.register(securityHeaders);
    // The origin check first: a refused request never reaches CORS, the rate limit or a body parser.
    await app.register(originGuard, { allowedOrigins: settings.allowedOrigins, publicOrigin: settings.publicOrigin });
    await app.register(rateLimits, { limit: settings.rateLimit });
    await app.register(adminAuth, { adminToken: settings.adminToken, store });
    await app.register(auditRetention, { store, auditDays: settings.auditDays });
    await app.register(contactRetention, { store, contactDays: settings.contactDays });
    await app.register(dashboardRoutes);
    await app.register(respondRoutes, {
      prefix: '/respond',
      store,
      minAnswerMs: settings.minAnswerMs,
      allowedOrigins: settings.allowedOrigins,
      publicOrigin: settings.publicOrigin,
      ...form,
      rateLimit: settings.rateLimit,
    });
    await app.register(async (api) => {
      await api.register(jsonBodies);
      await api.register(responsesRoutes, { store, minAnswerMs: settings.minAnswerMs });
      await api.register(summaryRoutes, { store, minCell: settings.minimumCell });
      await api.register(accessRoutes, { store });
      await api.register(impressionsRoutes, { store });
      await api.register(updatesRoutes, { store, changes: form.changes });
    });
  } catch (error) {
    await app.close();
    throw error;
  }
  return app;
}
