// /api/summary: the results for service owners, small cells suppressed (summary/), for admins.
import type { FastifyPluginAsync } from 'fastify';
import { HttpError } from '../http-errors.js';
import type { Store } from '../store/store.js';
import { COMMENT_LIMIT, summarizeChanges, summarizeCounts } from '../summary/summarize.js';
import { refuseMethods } from './method-not-allowed.js';
import { badQuery } from './query.js';
import { summaryQuery, summaryQueryMessages, type SummaryQuery } from './summary.schemas.js';

/** GET /api/summary (every change, or `?change=` one), and 405 for the other methods. */
export const summaryRoutes: FastifyPluginAsync<{ store: Store; minCell: number }> = async (app, { store, minCell }) => {
  app.get<{ Querystring: SummaryQuery }>(
    '/api/summary',
    { onRequest: app.adminOnly, schema: { querystring: summaryQuery }, schemaErrorFormatter: badQuery(summaryQueryMessages) },
    async (request) => {
      const { change } = request.query;
      if (change === undefined) return summarizeChanges(await store.countAnswersByChange(), { minCell });
      const [counts, comments, impressions] = await Promise.all([
        store.countSummary(change),
        store.recentComments(change, COMMENT_LIMIT),
        store.countImpressions(change),
      ]);
      const summary = summarizeCounts(change, counts, { comments, impressions, minCell });
      if (summary === null) throw new HttpError(404, 'not-found', `No responses to change ${change} are stored.`);
      return summary;
    },
  );

  refuseMethods(app, '/api/summary', ['POST', 'PUT', 'PATCH', 'DELETE'], 'GET, HEAD');
};
