// /api/summary: the results for service owners, small cells suppressed (summary/), for every
// role, each change of the token's scope only.
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
    { onRequest: app.requireRole('viewer'), schema: { querystring: summaryQuery }, schemaErrorFormatter: badQuery(summaryQueryMessages) },
    async (request) => {
      const { change } = request.query;
      const { inScope } = request.access;
      // A change outside the token's scope is absent from the list, and 404s as an unknown one.
      if (change === undefined) {
        return summarizeChanges((await store.countAnswersByChange()).filter((item) => inScope(item.change)), { minCell });
      }
      if (!inScope(change)) {
        // Recorded for admins; the caller gets what an unknown change gets.
        await app.audit(request, { action: 'refused', target: change, outcome: 'outside scope' });
        throw notFound(change);
      }
      const [counts, comments, impressions] = await Promise.all([
        store.countSummary(change),
        store.recentComments(change, COMMENT_LIMIT),
        store.countImpressions(change),
      ]);
      const summary = summarizeCounts(change, counts, { comments, impressions, minCell });
      if (summary === null) throw notFound(change);
      return summary;
    },
  );

  refuseMethods(app, '/api/summary', ['POST', 'PUT', 'PATCH', 'DELETE'], 'GET, HEAD');
};

function notFound(change: string): HttpError {
  return new HttpError(404, 'not-found', `No responses to change ${change} are stored.`);
}
