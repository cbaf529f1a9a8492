// POST /api/impressions: residents' browsers send how many times a prompt was seen (schema
// `welcomed-impression/1`, a batch of at most 20 views), from the same allowed origins and under
// the same per-client rate limit as answers. Stored as daily counts per change, day and locale.
import { Ajv } from 'ajv';
import type { FastifyPluginAsync } from 'fastify';
import {
  IMPRESSION_SCHEMA_VERSION,
  IMPRESSIONS_BODY_MAX_BYTES,
  impressionSchema,
  type ImpressionBatch,
} from 'welcomed/contract';
import { HttpError, emptyBody } from '../http-errors.js';
import type { ImpressionCount } from '../store/impressions.js';
import type { Store } from '../store/store.js';
import { DAY_MS } from '../summary/time.js';
import { refuseMethods } from './method-not-allowed.js';

const validateBatch = new Ajv({ allErrors: false, strict: true }).compile(impressionSchema);

/**
 * The day a view is counted on: the day the browser said, when it is within a day of the
 * receiver's own (a view sent on leaving just after midnight, a device clock a little off); else
 * the receiver's day, so that a wrong clock or a forged batch cannot fill past or future days.
 */
export function countedDay(sent: string, now: Date): string {
  const today = now.toISOString().slice(0, 10);
  const distance = Math.abs(Date.parse(`${sent}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`));
  return distance <= DAY_MS ? sent : today;
}

/** Adds up a batch into one count per change, day and locale. */
export function toCounts(batch: ImpressionBatch, now: Date): ImpressionCount[] {
  const counts = new Map<string, ImpressionCount>();
  for (const { change, locale, day } of batch.impressions) {
    const counted = countedDay(day, now);
    const key = JSON.stringify([change, counted, locale]);
    const count = counts.get(key);
    if (count) count.count += 1;
    else counts.set(key, { change, day: counted, locale, count: 1 });
  }
  return [...counts.values()];
}

/** POST /api/impressions, and 405 for the other methods. */
export const impressionsRoutes: FastifyPluginAsync<{ store: Store }> = async (app, { store }) => {
  app.post<{ Body: ImpressionBatch }>(
    '/api/impressions',
    {
      bodyLimit: IMPRESSIONS_BODY_MAX_BYTES,
      config: { rateLimit: {} },
      schema: { body: impressionSchema },
      validatorCompiler: () => validateBatch,
      schemaErrorFormatter: () =>
        new HttpError(422, 'invalid-impressions', `The body does not match schema ${IMPRESSION_SCHEMA_VERSION}.`),
      preValidation: async (request) => {
        const body: unknown = request.body;
        if (body === undefined || body === null || body === '') throw emptyBody();
      },
    },
    async (request, reply) => {
      await store.addImpressions(toCounts(request.body, new Date()));
      return reply.code(204).send();
    },
  );

  refuseMethods(app, '/api/impressions', ['GET', 'PUT', 'PATCH', 'DELETE'], 'POST, OPTIONS');
};
