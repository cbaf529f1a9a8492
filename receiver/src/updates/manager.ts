// Who may publish, edit and withdraw a change's update: a `manager`. Scoped tokens and roles
// (issue 16) are not in this receiver yet, so until they are, a manager is whoever holds the
// admin token. This is the one place that decides: that issue's `manager` check replaces it here.
import type { FastifyInstance, onRequestHookHandler } from 'fastify';

/** The onRequest hooks of every route that publishes, edits, withdraws or lists updates. */
export function requireManager(app: FastifyInstance): onRequestHookHandler[] {
  return app.adminOnly;
}
