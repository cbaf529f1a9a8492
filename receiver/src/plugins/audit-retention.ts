// Retention of the audit trail: entries older than `auditDays` are deleted, checked when the
// receiver starts and then once a day, as contact details are (contact-retention.ts).
import fp from 'fastify-plugin';
import type { Store } from '../store/store.js';
import { DAY_MS } from '../summary/time.js';

/** Options of the auditRetention plugin. */
export interface AuditRetentionOptions {
  store: Store;
  auditDays: number;
}

/** Deletes expired audit entries now (before the app is ready) and every day until it closes. */
export const auditRetention = fp<AuditRetentionOptions>(
  async (app, { store, auditDays }) => {
    const sweep = async () => {
      try {
        const deleted = await store.deleteAuditBefore(new Date(Date.now() - auditDays * DAY_MS));
        if (deleted > 0) app.log.info(`deleted ${deleted} audit entries older than ${auditDays} days`);
      } catch (error) {
        app.log.error({ err: error }, 'could not delete old audit entries');
      }
    };
    await sweep();
    const timer = setInterval(sweep, DAY_MS);
    timer.unref();
    app.addHook('onClose', async () => clearInterval(timer));
  },
  { name: 'welcomed-audit-retention' },
);
