// /respond: the widget's fallback, a form that works with no JavaScript at all. The link inside
// <welcomed-prompt> points here; the page asks the same question in the same words, and a send
// stores a `welcomed/1` response exactly as POST /api/responses would (the same schema, spam
// rules and redaction), then redirects to a thank-you page that links back to the page the
// resident came from.
//
//   GET  /respond/<change>          the question (configured by the registry or the link's query)
//   POST /respond/<change>          store the answer: 303 to the thank-you, or the form again with
//                                   the GOV.UK error summary (422), what was typed kept
//   GET  /respond/<change>/thanks   the thank-you page
//   GET  /respond/assets/form.css   the pages' one style sheet
//
// Every page is served with FORM_CSP (no script at all), `Referrer-Policy: same-origin` (so the
// form's own post carries its Origin, and nothing leaks to the page linked back to) and
// `Cache-Control: no-store` (the form holds its token and what was typed). No cookies.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import {
  COMMENT_MAX_LENGTH,
  HONEYPOT_MAX_LENGTH,
  SCHEMA_VERSION,
  SHOWN_FOR_MAX_MS,
  WIDGET_VERSION,
  redactResponse,
  type Answer,
  type WelcomedResponse,
} from 'welcomed/contract';
import { HttpError, describeError } from '../http-errors.js';
import type { RateLimit } from '../options.js';
import { configFromQuery, configFromRegistry, type ChangeConfig, type ChangeRegistry, type ConfigProblem } from '../respond/change-config.js';
import { FormTokens } from '../respond/form-token.js';
import { pickLocale } from '../respond/locale.js';
import { TRAP_FIELD, formPage, problemPage, thanksPage, type FormErrors } from '../respond/pages.js';
import { checkReturnUrl, ownOrigin, refererPage } from '../respond/return-url.js';
import { isSpam } from '../spam.js';
import type { Store } from '../store/store.js';
import { refuseMethods } from './method-not-allowed.js';
import { validateResponse } from './response-body.js';

/** Content-Security-Policy of every /respond reply: no script, the form posts only to itself. */
export const FORM_CSP = [
  "default-src 'none'",
  "style-src 'self'",
  "img-src 'self'",
  "form-action 'self'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** Largest form body read (a comment over the limit is shown again with an error up to this size). */
export const FORM_BODY_MAX_BYTES = 64 * 1024;

/** What `widget` says in a response given through the form: the widget's version, `+fallback`. */
export const FALLBACK_WIDGET = `${WIDGET_VERSION}+fallback`;

/** Options of the form's routes. */
export interface RespondRoutesOptions {
  store: Store;
  /** An answer sent sooner than this after the form was shown is spam (0: no minimum). */
  minAnswerMs: number;
  /** Origins besides the receiver's own that a `return` address may be on (WELCOMED_ORIGINS). */
  allowedOrigins: ReadonlySet<string>;
  /** The receiver's own public origin (WELCOMED_PUBLIC_ORIGIN), if configured. */
  publicOrigin?: string;
  /** Keys that sign the form's tokens (the first signs). */
  formKeys: readonly string[];
  /** The registry of changes; without it, the link's query string says what to ask. */
  changes?: ChangeRegistry;
  /** Loads and sends of the form allowed per client (the answers' limit). */
  rateLimit: RateLimit;
}

interface ChangeParams {
  change: string;
}

/** The query string exactly as sent (Fastify's parsed query merges repeated names). */
function queryOf(request: FastifyRequest): URLSearchParams {
  const at = request.url.indexOf('?');
  return new URLSearchParams(at < 0 ? '' : request.url.slice(at + 1));
}

function localeOf(request: FastifyRequest, query = queryOf(request)): string {
  return pickLocale(query.get('lang'), request.headers['accept-language']);
}

function sendPage(reply: FastifyReply, status: number, page: string): FastifyReply {
  return reply.code(status).type('text/html; charset=utf-8').send(page);
}

/** Registered with the prefix /respond (app.ts). */
export const respondRoutes: FastifyPluginAsync<RespondRoutesOptions> = async (app, options) => {
  const { store, minAnswerMs, allowedOrigins, publicOrigin, changes } = options;
  const tokens = new FormTokens(options.formKeys);
  const stylesheet = await readFile(new URL('../respond/form.css', import.meta.url));
  const stylesheetTag = `"${createHash('sha256').update(stylesheet).digest('base64url')}"`;
  // One count for loading and sending the form, per client, at the answers' rate.
  const formRateLimit = app.rateLimit({ max: options.rateLimit.max, timeWindow: options.rateLimit.timeWindow });

  app.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string', bodyLimit: FORM_BODY_MAX_BYTES },
    (_request, body, done) => done(null, new URLSearchParams(body as string)),
  );

  app.addHook('onSend', async (_request, reply, payload) => {
    // The JSON API's CORS headers: no other site's script has any business reading these pages.
    reply.removeHeader('Access-Control-Allow-Origin').removeHeader('Access-Control-Expose-Headers');
    reply.header('Content-Security-Policy', FORM_CSP).header('Referrer-Policy', 'same-origin');
    if (!reply.hasHeader('Cache-Control')) reply.header('Cache-Control', 'no-store');
    return payload;
  });

  // Refused origins, rate limits, bodies too large or of another type, and anything unexpected:
  // a page in the resident's language, with the status the JSON API would give.
  app.setErrorHandler((error, request, reply) => {
    const { statusCode } = describeError(error);
    if (statusCode >= 500) request.log.error({ err: error }, 'request failed');
    return sendPage(reply, statusCode, problemPage(localeOf(request), 'failed'));
  });

  app.setNotFoundHandler((request, reply) => sendPage(reply, 404, problemPage(localeOf(request), 'unavailable')));

  /** The change's configuration, or the page saying the link is wrong. */
  const resolve = (change: string, query: URLSearchParams, locale: string): { ok: true; config: ChangeConfig } | { ok: false; problem: ConfigProblem } =>
    changes ? configFromRegistry(changes, change, locale) : configFromQuery(change, query);

  /** Where the form is sent: its own address, with what it was configured by. */
  const formAction = (config: ChangeConfig, locale: string, back: string | undefined): string => {
    const query = new URLSearchParams([['lang', locale], ...config.query]);
    if (back) query.set('return', back);
    return `/respond/${config.change}?${query}`;
  };

  // A form is posted only by its own page: another site's post, even from an origin allowed to
  // use the JSON API, is refused before the body is read. Browsers send Origin with every POST
  // and Sec-Fetch-Site where they know it; a client with neither is judged like curl on the API.
  const sameOriginOnly = async (request: FastifyRequest): Promise<void> => {
    const { origin } = request.headers;
    const site = request.headers['sec-fetch-site'];
    if ((origin !== undefined && origin !== ownOrigin(request, publicOrigin)) || (site !== undefined && site !== 'same-origin')) {
      throw new HttpError(403, 'origin-not-allowed', 'The form can be sent only from its own page.');
    }
  };

  app.get('/assets/form.css', async (request, reply) => {
    reply.header('Cache-Control', 'no-cache').header('ETag', stylesheetTag);
    if (request.headers['if-none-match'] === stylesheetTag) return reply.code(304).send();
    return reply.type('text/css; charset=utf-8').send(stylesheet);
  });

  app.get<{ Params: ChangeParams }>('/:change', { onRequest: formRateLimit }, async (request, reply) => {
    const query = queryOf(request);
    const locale = localeOf(request, query);
    const resolved = resolve(request.params.change, query, locale);
    const own = ownOrigin(request, publicOrigin);
    const back = checkReturnUrl(query.get('return'), own, allowedOrigins) ?? refererPage(request, own, allowedOrigins);
    if (!resolved.ok) return sendPage(reply, resolved.problem.status, problemPage(locale, 'unavailable', back));
    const { config } = resolved;
    return sendPage(
      reply,
      200,
      formPage({ locale, config, action: formAction(config, locale, back), token: tokens.issue(config.change, Date.now()), comment: '', errors: {}, back }),
    );
  });

  app.post<{ Params: ChangeParams }>('/:change', { onRequest: [sameOriginOnly, formRateLimit] }, async (request, reply) => {
    const now = Date.now();
    const query = queryOf(request);
    const locale = localeOf(request, query);
    const own = ownOrigin(request, publicOrigin);
    const back = checkReturnUrl(query.get('return'), own, allowedOrigins);
    const resolved = resolve(request.params.change, query, locale);
    if (!resolved.ok) return sendPage(reply, resolved.problem.status, problemPage(locale, 'unavailable', back));
    const { config } = resolved;
    const body: unknown = request.body;
    if (!(body instanceof URLSearchParams)) {
      throw new HttpError(415, 'unsupported-media-type', 'Send the form as application/x-www-form-urlencoded.');
    }

    const chosen = body.get('answer');
    const answer = config.choices.find((choice) => choice === chosen);
    // Text areas send line breaks as CRLF; the widget, and the limit, count one per break.
    const comment = (body.get('comment') ?? '').replace(/\r\n?/g, '\n');
    const check = tokens.verify(body.get('token'), config.change, now);
    const errors: FormErrors = {};
    if (answer === undefined) errors.answer = true;
    if ([...comment.trim()].length > COMMENT_MAX_LENGTH) errors.comment = true;
    if (!check.ok) errors.expired = true;
    if (answer === undefined || errors.comment || !check.ok) {
      // A genuine token is kept, so that the response keeps its id; an expired one is renewed for
      // the same id; one that is not ours is replaced.
      const token = check.ok ? String(body.get('token')) : tokens.issue(config.change, now, check.reason === 'expired' ? check.id : undefined);
      return sendPage(reply, 422, formPage({ locale, config, action: formAction(config, locale, back), token, answer, comment, errors, back }));
    }

    const page = back ?? (own && `${own}/respond/${config.change}`);
    if (!page) throw new HttpError(400, 'bad-request', 'The request has no usable Host.');
    const response: WelcomedResponse = {
      schema: SCHEMA_VERSION,
      id: check.id,
      change: config.change,
      answer: answer satisfies Answer,
      locale,
      page,
      answeredAt: new Date(now).toISOString(),
      widget: FALLBACK_WIDGET,
      shownForMs: Math.min(Math.max(now - check.issuedAt, 0), SHOWN_FOR_MAX_MS),
    };
    if (comment.trim()) response.comment = comment.trim();
    const trap = body.get(TRAP_FIELD);
    if (trap) response.honeypot = trap.slice(0, HONEYPOT_MAX_LENGTH);
    // What the form builds always fits the schema; checked all the same, as every stored response is.
    if (!validateResponse(response)) throw new Error(`the form built a response outside the schema: ${JSON.stringify(validateResponse.errors)}`);

    // As POST /api/responses: spam is stored with its flag and gets the same reply; the text is
    // redacted before it reaches the database.
    const spam = isSpam(response, minAnswerMs);
    const { redacted, pii } = redactResponse(response);
    const { status } = await store.upsertResponse(redacted, new Date(now), { spam, pii });
    if (status === 'conflict') return sendPage(reply, 409, problemPage(locale, 'failed', back));
    const thanks = new URLSearchParams([['lang', locale]]);
    if (back) thanks.set('return', back);
    return reply.redirect(`/respond/${config.change}/thanks?${thanks}`, 303);
  });

  app.get<{ Params: ChangeParams }>('/:change/thanks', async (request, reply) => {
    const query = queryOf(request);
    const locale = localeOf(request, query);
    const back = checkReturnUrl(query.get('return'), ownOrigin(request, publicOrigin), allowedOrigins);
    const known = changes ? changes.has(request.params.change) : configFromQuery(request.params.change, new URLSearchParams()).ok;
    if (!known) return sendPage(reply, 404, problemPage(locale, 'unavailable', back));
    return sendPage(reply, 200, thanksPage(locale, back));
  });

  refuseMethods(app, '/:change', ['PUT', 'PATCH', 'DELETE'], 'GET, HEAD, POST');
  refuseMethods(app, '/:change/thanks', ['POST', 'PUT', 'PATCH', 'DELETE'], 'GET, HEAD');
};
