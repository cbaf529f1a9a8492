// Retention: panel contact details are deleted `contactDays` after they were given (the answers
// stay), checked when the receiver starts and then once a day.
import fp from 'fastify-plugin';
import type { Store } from '../store/store.js';
import { DAY_MS } from '../summary/time.js';

/** Options of the contactRetention plugin. */
export interface ContactRetentionOptions {
  store: Store;
  contactDays: number;
}

/** Deletes expired contact details now (before the app is ready) and every day until it closes. */
export const contactRetention = fp<ContactRetentionOptions>(
  async (app, { store, contactDays }) => {
    const sweep = async () => {
      try {
        const deleted = await store.deleteExpiredContacts(contactDays);
        if (deleted > 0) app.log.info(`deleted ${deleted} expired panel contact(s)`);
      } catch (error) {
        app.log.error({ err: error }, 'could not delete expired panel contacts');
      }
    };
    await sweep();
    const timer = setInterval(sweep, DAY_MS);
    // The daily sweep alone must not keep the process running.
    timer.unref();
    app.addHook('onClose', async () => clearInterval(timer));
  },
  { name: 'welcomed-contact-retention' },
);
