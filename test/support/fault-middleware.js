// Test-runner middleware: a real HTTP endpoint that fails the way a test asks.
//   POST /fault/<status>[?retry-after=<s>&message=<text>]  answers that status (JSON body with `message`)
// Used to prove how the widget treats refusals; success paths use the real receiver.
/** @type {import('@web/dev-server-core').Middleware} */
export async function faultMiddleware(context, next) {
  const match = /^\/fault\/(\d{3})(?:\?|$)/.exec(context.url);
  if (!match) return next();
  const status = Number(match[1]);
  const query = new URL(context.url, 'http://localhost').searchParams;
  context.status = status;
  context.set('Cache-Control', 'no-store');
  if (query.has('retry-after')) context.set('Retry-After', query.get('retry-after') ?? '');
  context.type = 'application/json';
  context.body = JSON.stringify({ error: 'fault', message: query.get('message') ?? `Injected ${status}` });
}
