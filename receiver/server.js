// @ts-check
/**
 * The reference receiver: a Fastify app that accepts Welcomed responses (schema `welcomed/1`),
 * stores them in SQLite and gives them back to admins as JSON or CSV.
 *
 * Every error is a JSON body `{ error: "<short-code>", message: "<sentence>", details?: [...] }`;
 * no stack trace or framework error object ever reaches a client. Nothing here stores or logs
 * a client's IP address: the per-client rate limit keys on an HMAC of the address with a
 * random per-process key, kept in memory only.
 *
 * Spam (a filled honeypot, or an answer sooner than `minAnswerMs` after the prompt was shown) is
 * accepted exactly like any other response, so a bot learns nothing, and stored with a flag.
 * Free text is redacted again here with the widget's own code (never trust the client), and a
 * response whose text had to be redacted is flagged `pii`.
 */
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import Fastify from 'fastify';
import cors from '@fastify/cors';
import rateLimit, { normalizeIP } from '@fastify/rate-limit';
import { Ajv } from 'ajv';
import formatsPlugin from 'ajv-formats';
import { stringify } from 'csv-stringify';
import { DEFAULT_MIN_ANSWER_MS, DEFAULT_RATE_LIMIT, checkAdminToken, parseOrigins, toOrigin } from './settings.js';
import { openStore } from './store.js';
import { COMMENT_LIMIT, summarizeChange, summarizeChanges } from './summary.js';

/** @typedef {import('fastify').FastifyInstance} FastifyInstance */
/** @typedef {import('fastify').FastifyRequest} FastifyRequest */
/** @typedef {import('fastify').FastifyReply} FastifyReply */
/** @typedef {import('./store.js').WelcomedResponse} WelcomedResponse */
/** @typedef {import('./store.js').StoredResponse} StoredResponse */

/**
 * @typedef {object} ReceiverOptions
 * @property {string} dbPath SQLite file (created with its folder if missing); `:memory:` for tests
 * @property {string[]} [origins] origins, besides the receiver's own, allowed to POST responses
 * @property {string} adminToken bearer token for the admin endpoints (≥ 16 token characters)
 * @property {{ max: number, timeWindow: number | string }} [rateLimit]
 *   POSTs allowed per client per window (default 30 per minute; timeWindow in ms or e.g. '1 minute')
 * @property {number} [minAnswerMs] a response with `shownForMs` below this is flagged as spam
 *   (default 1500; 0 turns the check off)
 * @property {URL} [redactModule] the built redaction module (default: welcomed/contract)
 * @property {number} [contactDays] days panel contact details are kept (default 365)
 * @property {boolean | number | string} [trustProxy] Fastify `trustProxy`: set it when behind a
 *   reverse proxy, so the rate limit sees clients rather than the proxy (default false)
 * @property {boolean | Record<string, unknown>} [logger] Fastify/pino logger options (default off).
 *   Request logs are reduced to method and path: no addresses, no query strings.
 */

/** Largest accepted request body for a response, in bytes (DESIGN.md: body ≤ 16 KiB). */
export const BODY_LIMIT = 16 * 1024;
/** Default and largest `limit` of `GET /api/responses` (JSON). */
export const DEFAULT_LIST_LIMIT = 1000;
export const MAX_LIST_LIMIT = 10000;
const DAY_MS = 24 * 60 * 60 * 1000;
/** Keys refused anywhere in a payload: they poison prototypes in careless consumers. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
/** At most this many `details` in a 422: a 16 KiB body must not make a far larger reply. */
export const MAX_DETAILS = 20;
/** Content-Security-Policy of every /api/ reply: it is data, never a document to render. */
export const API_CSP = "default-src 'none'; frame-ancestors 'none'";
/**
 * An unpaired UTF-16 surrogate. JSON can carry one (as a `\uD800` escape) but UTF-8, and so
 * SQLite, cannot: stored as it is, it would come back as other characters.
 */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const SURROGATE_ESCAPE = /\\u[dD][89abcdefABCDEF]/;

/** The widget's contract as built (dist/contract/index.js), which holds the redaction code. */
export const REDACT_MODULE = new URL(import.meta.resolve('welcomed/contract'));

/**
 * Loads the widget's redaction, built for Node from src/contract/redact.ts (Node 20 cannot import
 * TypeScript). Throws a clear Error when it has not been built.
 * @param {URL} [url]
 * @returns {Promise<{ redact: (text: string) => string }>}
 */
export async function loadRedaction(url = REDACT_MODULE) {
  const path = fileURLToPath(url);
  if (!existsSync(path)) {
    throw new Error(
      `The receiver redacts free text with the widget's own code, built to ${path}, which is missing: run npm run build first.`,
    );
  }
  const module = await import(url.href);
  if (typeof module.redact !== 'function') {
    throw new Error(`${path} does not export redact(): run npm run build first.`);
  }
  return /** @type {{ redact: (text: string) => string }} */ (module);
}

/** The payload's JSON Schema, shared with the widget (dist/response.schema.json, built from src/contract). */
export const responseSchema = JSON.parse(
  readFileSync(new URL(import.meta.resolve('welcomed/response.schema.json')), 'utf8'),
);
const ajv = new Ajv({ allErrors: true, strict: true });
formatsPlugin.default(ajv, ['date-time']);
const validateResponse = ajv.compile(responseSchema);
const CHANGE_PATTERN = new RegExp(responseSchema.properties.change.pattern);

/** Friendlier messages for pattern and format failures, by JSON pointer. */
const HINTS = /** @type {Record<string, string>} */ ({
  '/id': 'must be a lower-case UUID v4',
  '/change': 'must be 1 to 100 characters of A-Z a-z 0-9 . _ : -',
  '/locale': 'must be a language tag such as en, cy or pa-Arab',
  '/page': 'must be an http(s) address with no query string or fragment',
  '/answeredAt': 'must be a date and time such as 2026-11-26T09:12:03.120Z',
  '/widget': 'must be a version number such as 0.1.0',
  '/panel/email': 'must be an e-mail address',
  '/panel/phone': 'must be 6 to 40 digits, spaces, +, ( ) or -',
});

/** An error whose status, code, message and details are safe to show to the client. */
export class HttpError extends Error {
  /**
   * @param {number} statusCode
   * @param {string} code short machine-readable code, e.g. `invalid-response`
   * @param {string} message one human sentence
   * @param {{ path: string, message: string }[]} [details]
   */
  constructor(statusCode, code, message, details) {
    super(message);
    this.name = 'HttpError';
    this.statusCode = statusCode;
    this.code = code;
    this.details = details;
  }
}

/**
 * Creates the receiver: a Fastify instance with every plugin and route registered, not yet
 * listening (so callers can register more routes, e.g. static demo pages, before `listen`).
 * Closing the app closes the database.
 * @param {ReceiverOptions} options
 * @returns {Promise<FastifyInstance>}
 */
export async function createReceiver(options) {
  if (!options || typeof options.dbPath !== 'string' || options.dbPath === '') {
    throw new Error('createReceiver: dbPath (the SQLite file) is required.');
  }
  const adminDigest = sha256(checkAdminToken(options.adminToken, 'adminToken'));
  const allowedOrigins = new Set(parseOrigins(options.origins ?? [], 'origins'));
  const contactDays = options.contactDays ?? 365;
  if (!Number.isFinite(contactDays) || contactDays < 1) {
    throw new Error('createReceiver: contactDays must be a number of days ≥ 1.');
  }
  const limit = options.rateLimit ?? { max: DEFAULT_RATE_LIMIT, timeWindow: 60_000 };
  if (!Number.isInteger(limit.max) || limit.max < 1) {
    throw new Error('createReceiver: rateLimit.max must be a whole number ≥ 1.');
  }
  const minAnswerMs = options.minAnswerMs ?? DEFAULT_MIN_ANSWER_MS;
  if (!Number.isInteger(minAnswerMs) || minAnswerMs < 0) {
    throw new Error('createReceiver: minAnswerMs must be a whole number of milliseconds ≥ 0.');
  }
  const { redact } = await loadRedaction(options.redactModule);

  const store = openStore(options.dbPath);
  /** @type {FastifyInstance} */
  let app;
  try {
    /** @type {import('fastify').FastifyServerOptions} */
    const serverOptions = {
      logger: loggerOptions(options.logger),
      // Fastify accepts a hop count at run time; its types only list the other forms.
      trustProxy: /** @type {boolean | string} */ (options.trustProxy ?? false),
      /** @param {unknown} _error @param {unknown} _request @param {FastifyReply} reply */
      frameworkErrors: (_error, _request, reply) => {
        reply
          .code(400)
          .header('X-Content-Type-Options', 'nosniff')
          .header('Cache-Control', 'no-store')
          .header('Content-Security-Policy', API_CSP)
          .send({ error: 'bad-request', message: 'The request address is not valid.' });
      },
    };
    app = Fastify(serverOptions);
  } catch (error) {
    store.close();
    throw error;
  }

  const sweepContacts = () => {
    try {
      const deleted = store.deleteExpiredContacts(contactDays);
      if (deleted > 0) app.log.info(`deleted ${deleted} expired panel contact(s)`);
    } catch (error) {
      app.log.error({ err: error }, 'could not delete expired panel contacts');
    }
  };
  sweepContacts();
  const sweepTimer = setInterval(sweepContacts, DAY_MS);
  sweepTimer.unref();
  app.addHook('onClose', async () => {
    clearInterval(sweepTimer);
    store.close();
  });

  try {
    await register(app, { store, adminDigest, allowedOrigins, limit, minAnswerMs, redact });
  } catch (error) {
    await app.close();
    throw error;
  }
  return app;
}

/**
 * @param {FastifyInstance} app
 * @param {{ store: import('./store.js').Store, adminDigest: Buffer, allowedOrigins: Set<string>,
 *   limit: { max: number, timeWindow: number | string }, minAnswerMs: number,
 *   redact: (text: string) => string }} context
 */
async function register(app, { store, adminDigest, allowedOrigins, limit, minAnswerMs, redact }) {
  /**
   * The receiver's own origin, as the client addressed it, plus WELCOMED_ORIGINS.
   * @param {FastifyRequest} request
   * @param {string} origin the request's Origin header
   */
  const isAllowedOrigin = (request, origin) => {
    const normalised = toOrigin(origin);
    if (normalised === undefined) return false; // includes "null" (sandboxed frames, file:)
    return allowedOrigins.has(normalised) || normalised === toOrigin(`${request.protocol}://${request.host}`);
  };

  app.setErrorHandler((error, request, reply) => {
    const { statusCode, body } = describeError(error);
    if (statusCode >= 500) request.log.error({ err: error }, 'request failed');
    reply.code(statusCode).type('application/json; charset=utf-8').send(body);
  });

  app.setNotFoundHandler((request, reply) => {
    reply.code(404).send({
      error: 'not-found',
      message: `There is nothing at ${request.method} ${request.url.split('?')[0]}.`,
    });
  });

  app.addHook('onSend', async (request, reply, payload) => {
    reply.header('X-Content-Type-Options', 'nosniff');
    const path = request.url.split('?')[0];
    if (path === '/api' || path.startsWith('/api/')) {
      reply.header('Cache-Control', 'no-store');
      reply.header('Content-Security-Policy', API_CSP);
    }
    return payload;
  });

  // CORS alone does not stop a simple (text/plain) POST from another site: refuse any request
  // that could change something when it carries an Origin that is not allowed, before reading
  // its body. Requests without Origin (curl, servers) pass.
  app.addHook('onRequest', async (request) => {
    const origin = request.headers.origin;
    if (origin === undefined || request.method === 'GET' || request.method === 'HEAD') return;
    if (!isAllowedOrigin(request, origin)) {
      throw new HttpError(403, 'origin-not-allowed', `Origin ${origin} is not in WELCOMED_ORIGINS`);
    }
  });

  await app.register(cors, {
    delegator: (request, callback) => {
      const origin = request.headers.origin;
      callback(null, {
        // true reflects the request's Origin; false sends no CORS headers at all.
        origin: origin !== undefined && isAllowedOrigin(request, origin),
        methods: ['POST'],
        allowedHeaders: ['Content-Type'],
        exposedHeaders: ['Retry-After'],
        credentials: false,
        maxAge: 600,
        strictPreflight: false,
      });
    },
  });

  const rateKey = randomBytes(32);
  await app.register(rateLimit, {
    global: false,
    max: limit.max,
    timeWindow: limit.timeWindow,
    keyGenerator: (request) => {
      const address = request.ip ?? '';
      return createHmac('sha256', rateKey)
        .update(address === '' ? '' : normalizeIP(address)) // IPv6: the /64 is one client
        .digest('base64url');
    },
    errorResponseBuilder: (_request, context) =>
      new HttpError(429, 'rate-limited', `Too many requests from this client; try again in ${context.after}.`),
  });

  registerDashboard(app);

  await app.register(async (api) => {
    // Scoped to these routes: JSON and text/plain bodies are both parsed as JSON, strictly.
    api.removeContentTypeParser(['application/json', 'text/plain']);
    api.addContentTypeParser(
      ['application/json', 'text/plain'],
      { parseAs: 'string', bodyLimit: BODY_LIMIT },
      /** @param {FastifyRequest} _request @param {string | Buffer} body */
      async (_request, body) => parsePayload(String(body)),
    );

    /** @param {FastifyRequest} request @param {FastifyReply} reply */
    const requireAdmin = async (request, reply) => {
      const header = request.headers.authorization ?? '';
      const match = /^Bearer +(\S+) *$/i.exec(header);
      if (match && timingSafeEqual(sha256(match[1]), adminDigest)) return;
      reply.header('WWW-Authenticate', match ? 'Bearer realm="welcomed", error="invalid_token"' : 'Bearer realm="welcomed"');
      throw new HttpError(401, 'unauthorized', 'Send the admin token as Authorization: Bearer <token>.');
    };

    // Admin routes: the token check, behind a per-client limit of their own (generous for the
    // dashboard, a wall for anyone guessing tokens).
    // The limit runs first, so wrong tokens count too.
    const adminRoute = { onRequest: [app.rateLimit({ max: ADMIN_RATE_LIMIT, timeWindow: 60_000 }), requireAdmin] };

    /** @param {string} allow */
    const methodNotAllowed = (allow) =>
      /** @param {FastifyRequest} request @param {FastifyReply} reply */
      async (request, reply) => {
        reply.header('Allow', allow);
        throw new HttpError(405, 'method-not-allowed', `${request.method} is not allowed here; use ${allow}.`);
      };
    const refuse = async () => {};

    api.post('/api/responses', { bodyLimit: BODY_LIMIT, config: { rateLimit: {} } }, async (request, reply) => {
      const body = request.body;
      if (body === undefined || body === null || body === '') {
        throw new HttpError(400, 'empty-body', 'The request body is empty; send the response as JSON.');
      }
      if (!validateResponse(body)) {
        const details = describeSchemaErrors(validateResponse.errors ?? []);
        const shown = details.slice(0, MAX_DETAILS);
        const first = details[0];
        throw new HttpError(
          422,
          'invalid-response',
          `The response does not match schema welcomed/1: ${first ? `${first.path || 'the body'} ${first.message}` : 'invalid'}` +
            `${details.length > 1 ? ` (and ${details.length - 1} more problem${details.length > 2 ? 's' : ''})` : ''}.`,
          shown,
        );
      }
      const response = /** @type {WelcomedResponse} */ (body);
      // Spam gets the same reply as anything else: a bot must not learn what gave it away.
      const spam = isSpam(response, minAnswerMs);
      const { redacted, pii } = redactFreeText(response, redact);
      const { status } = store.upsertResponse(redacted, new Date(), { spam, pii });
      if (status === 'conflict') {
        throw new HttpError(
          409,
          'change-mismatch',
          `Response ${response.id} is already stored for a different change; a new answer needs a new id.`,
        );
      }
      reply.code(status === 'created' ? 201 : 200);
      return { id: response.id, status };
    });

    api.get('/api/responses', adminRoute, async (request, reply) => {
      const { format, change, limit, spam } = readListQuery(/** @type {Record<string, unknown>} */ (request.query));
      if (format === 'csv') {
        reply
          .type('text/csv; charset=utf-8')
          .header('Content-Disposition', 'attachment; filename="welcomed-responses.csv"');
        return reply.send(toCsv(store.iterateResponses({ change, limit, spam })));
      }
      return store.listResponses({ change, limit: limit ?? DEFAULT_LIST_LIMIT, spam });
    });

    // Results with small cells suppressed (summary.js; README "Reading the results").
    api.get('/api/summary', adminRoute, async (request) => {
      const { change } = readSummaryQuery(/** @type {Record<string, unknown>} */ (request.query));
      if (change === undefined) return summarizeChanges(store.countAnswersByChange());
      const comments = store.recentComments(change, COMMENT_LIMIT);
      const summary = summarizeChange(change, store.iterateSummaryRows(change), { comments });
      if (summary === null) throw new HttpError(404, 'not-found', `No responses to change ${change} are stored.`);
      return summary;
    });
    api.route({
      method: ['POST', 'PUT', 'PATCH', 'DELETE'],
      url: '/api/summary',
      onRequest: methodNotAllowed('GET, HEAD'),
      handler: refuse,
    });

    api.delete('/api/responses/:id', adminRoute, async (request, reply) => {
      const { id } = /** @type {{ id: string }} */ (request.params);
      if (!store.deleteResponse(id)) {
        throw new HttpError(404, 'not-found', `No response with id ${id} is stored.`);
      }
      return reply.code(204).send();
    });

    api.route({
      method: ['PUT', 'PATCH', 'DELETE'],
      url: '/api/responses',
      onRequest: methodNotAllowed('GET, HEAD, POST, OPTIONS'),
      handler: refuse,
    });
    api.route({
      method: ['GET', 'POST', 'PUT', 'PATCH'],
      url: '/api/responses/:id',
      onRequest: methodNotAllowed('DELETE, OPTIONS'),
      exposeHeadRoute: false,
      handler: refuse,
    });
  });
}

/** Content-Security-Policy of the dashboard page (README "Reading the results"). */
export const DASHBOARD_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "connect-src 'self'",
  "img-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "require-trusted-types-for 'script'",
  'trusted-types lit-html',
].join('; ');

/** The dashboard's files, as the receiver's build writes them (receiver/dist/dashboard/). */
const DASHBOARD_FILES = {
  '/dashboard': { url: new URL('./dist/dashboard/index.html', import.meta.url), type: 'text/html; charset=utf-8' },
  '/dashboard/dashboard.css': { url: new URL('./dist/dashboard/dashboard.css', import.meta.url), type: 'text/css; charset=utf-8' },
  '/dashboard/favicon.svg': { url: new URL('./dist/dashboard/favicon.svg', import.meta.url), type: 'image/svg+xml' },
  '/dashboard/dashboard.js': {
    url: new URL('./dist/dashboard/dashboard.js', import.meta.url),
    type: 'text/javascript; charset=utf-8',
  },
};

/**
 * The dashboard (receiver/dashboard/): public files holding no data. The page asks for the admin
 * token and sends it with each request to /api/summary and /api/responses.
 * @param {FastifyInstance} app
 */
function registerDashboard(app) {
  for (const [path, { url, type }] of Object.entries(DASHBOARD_FILES)) {
    app.get(path, async (_request, reply) => {
      let body;
      try {
        body = await readFile(url);
      } catch {
        throw new HttpError(404, 'not-found', `${path} is missing: run npm run build first.`);
      }
      reply
        .type(type)
        .header('Cache-Control', 'no-cache')
        .header('Content-Security-Policy', DASHBOARD_CSP)
        .header('Referrer-Policy', 'no-referrer');
      return reply.send(body);
    });
  }
}

/**
 * Starts a receiver from settings (see settings.js): creates it, lets the caller register more
 * routes, listens, prints where it listens (and the admin token once, if it was generated), and
 * closes cleanly on SIGINT/SIGTERM.
 * @param {import('./settings.js').Settings} settings
 * @param {{ beforeListen?: (app: FastifyInstance) => Promise<void> | void,
 *   print?: (line: string) => void, handleSignals?: boolean,
 *   logger?: ReceiverOptions['logger'], rateLimit?: ReceiverOptions['rateLimit'] }} [hooks]
 * @returns {Promise<{ app: FastifyInstance, url: string }>}
 */
export async function startReceiver(settings, hooks = {}) {
  const { beforeListen, print = console.log, handleSignals = true } = hooks;
  const app = await createReceiver({
    dbPath: settings.dbPath,
    origins: settings.origins,
    adminToken: settings.adminToken,
    contactDays: settings.contactDays,
    trustProxy: settings.trustProxy,
    minAnswerMs: settings.minAnswerMs ?? DEFAULT_MIN_ANSWER_MS,
    logger: hooks.logger,
    rateLimit: hooks.rateLimit ?? { max: settings.rateLimit ?? DEFAULT_RATE_LIMIT, timeWindow: 60_000 },
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
  print(`Welcomed receiver listening on ${url} (database: ${settings.dbPath})`);
  print(`Responses: POST ${url}/api/responses from ${['this origin', ...settings.origins].join(', ')}`);
  if (settings.adminTokenGenerated) {
    print(`Admin token, generated for this run (set WELCOMED_ADMIN_TOKEN to keep one): ${settings.adminToken}`);
  }
  if (handleSignals) {
    /** @param {NodeJS.Signals} signal */
    const shutdown = (signal) => {
      process.off('SIGINT', shutdown);
      process.off('SIGTERM', shutdown);
      print(`${signal} received: closing the receiver.`);
      setTimeout(() => process.exit(1), 10_000).unref();
      app.close().then(
        () => process.exit(0),
        (error) => {
          console.error(error);
          process.exit(1);
        },
      );
    };
    process.on('SIGINT', shutdown);
    process.on('SIGTERM', shutdown);
  }
  return { app, url };
}

/** @param {string} host */
function urlHost(host) {
  if (host === '0.0.0.0') return '127.0.0.1';
  if (host === '::') return '[::1]';
  return host.includes(':') ? `[${host}]` : host;
}

/** @param {string} text */
function sha256(text) {
  return createHash('sha256').update(text, 'utf8').digest();
}

/**
 * Parses a body as JSON: 400 for an empty or malformed body, 422 for a forbidden key.
 * @param {string} text
 * @returns {unknown}
 */
export function parsePayload(text) {
  const json = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (json.trim() === '') {
    throw new HttpError(400, 'empty-body', 'The request body is empty; send the response as JSON.');
  }
  let value;
  try {
    value = JSON.parse(json);
  } catch {
    throw new HttpError(400, 'malformed-json', 'The request body is not valid JSON.');
  }
  const forbidden = inspectKeysAndText(value, SURROGATE_ESCAPE.test(json));
  if (forbidden) {
    throw new HttpError(
      422,
      'forbidden-key',
      `The response contains the key "${forbidden.key}", which is not allowed anywhere in a response.`,
      [{ path: forbidden.path, message: 'is a forbidden key' }],
    );
  }
  return value;
}

/**
 * Finds a `__proto__`, `constructor` or `prototype` key at any depth (iteratively: no stack
 * overflow on deep nesting). With `wellFormText`, also replaces each unpaired surrogate in the
 * string values with U+FFFD, in place, as UTF-8 storage would otherwise do unpredictably.
 * @param {unknown} root
 * @param {boolean} wellFormText
 * @returns {{ key: string, path: string } | undefined}
 */
function inspectKeysAndText(root, wellFormText) {
  /** @type {[unknown, string][]} */
  const pending = [[root, '']];
  while (pending.length > 0) {
    const [value, path] = /** @type {[unknown, string]} */ (pending.pop());
    if (value === null || typeof value !== 'object') continue;
    const object = /** @type {Record<string, unknown>} */ (value);
    for (const key of Object.keys(object)) {
      const childPath = `${path}/${escapePointer(key)}`;
      if (FORBIDDEN_KEYS.has(key)) return { key, path: childPath };
      const child = object[key];
      if (typeof child === 'string') {
        if (wellFormText) object[key] = child.replace(LONE_SURROGATE, '\uFFFD');
      } else {
        pending.push([child, childPath]);
      }
    }
  }
  return undefined;
}

/**
 * Spam: a filled honeypot, or an answer given sooner after the prompt appeared than a person
 * could read it. A response without `shownForMs` (an older widget, another client) is judged
 * on the honeypot alone.
 * @param {WelcomedResponse} response
 * @param {number} minAnswerMs 0: no minimum
 */
export function isSpam(response, minAnswerMs) {
  if (typeof response.honeypot === 'string' && response.honeypot.length > 0) return true;
  return minAnswerMs > 0 && typeof response.shownForMs === 'number' && response.shownForMs < minAnswerMs;
}

/**
 * Redacts the free text of a response (its `comment`, and the text answers to extra questions)
 * with the widget's own rules; `panel` holds contact details given with consent and is kept.
 * @param {WelcomedResponse} response
 * @param {(text: string) => string} redact
 * @returns {{ redacted: WelcomedResponse, pii: boolean }} a copy; `pii`: something was redacted
 */
export function redactFreeText(response, redact) {
  let pii = false;
  /** @param {string} text @param {number} limit */
  const clean = (text, limit) => {
    const redacted = redact(text);
    if (redacted === text) return text;
    pii = true;
    return withinLimit(redacted, limit);
  };
  const redacted = { ...response };
  if (typeof response.comment === 'string') redacted.comment = clean(response.comment, TEXT_LIMIT);
  if (response.answers !== undefined) {
    redacted.answers = Object.fromEntries(
      Object.entries(response.answers).map(([question, answer]) => [
        question,
        typeof answer === 'string' ? clean(answer, TEXT_LIMIT) : answer.map((item) => clean(item, ITEM_LIMIT)),
      ]),
    );
  }
  return { redacted, pii };
}

/** The schema's limits on free text and on each item of a multiple answer, in code points. */
/** Requests a minute one client may make to the admin routes (JSON, CSV, summary, erasure). */
export const ADMIN_RATE_LIMIT = 120;

const TEXT_LIMIT = responseSchema.properties.comment.maxLength;
const ITEM_LIMIT = responseSchema.properties.answers.additionalProperties.oneOf[1].items.maxLength;

/**
 * A marker can be longer than what it replaced, so redacted text may outgrow the schema's
 * limit: cut it back, in code points as the schema counts, never leaving half a marker.
 * @param {string} text
 * @param {number} limit
 */
export function withinLimit(text, limit) {
  const characters = Array.from(text);
  if (characters.length <= limit) return text;
  return characters.slice(0, limit).join('').replace(/\s*\[[a-z-]*$/, '');
}

/** @param {string} key */
function escapePointer(key) {
  return key.replaceAll('~', '~0').replaceAll('/', '~1');
}

/**
 * Turns ajv errors into `{ path, message }` details naming the field.
 * @param {import('ajv').ErrorObject[]} errors
 */
function describeSchemaErrors(errors) {
  /** @type {{ path: string, message: string }[]} */
  const details = [];
  const seen = new Set();
  for (const error of errors) {
    let path = error.instancePath;
    let message;
    const params = /** @type {Record<string, any>} */ (error.params);
    if (error.propertyName !== undefined) {
      if (error.keyword === 'propertyNames') continue; // summary of the error just reported
      path += `/${escapePointer(error.propertyName)}`;
      message = 'is not a valid question id (1 to 50 characters of A-Z a-z 0-9 . _ -)';
    } else if (error.schemaPath.includes('/oneOf/')) {
      continue; // each branch's failure; the oneOf error itself explains
    } else {
      switch (error.keyword) {
        case 'required':
          path += `/${escapePointer(params.missingProperty)}`;
          message = 'is required';
          break;
        case 'additionalProperties':
          path += `/${escapePointer(params.additionalProperty)}`;
          message = 'is not allowed';
          break;
        case 'enum':
          message = `must be one of ${params.allowedValues.join(', ')}`;
          break;
        case 'const':
          message = `must be ${JSON.stringify(params.allowedValue)}`;
          break;
        case 'oneOf':
          message = 'must be a text or a list of texts';
          break;
        case 'pattern':
        case 'format':
          message = HINTS[path] ?? error.message ?? 'is not valid';
          break;
        default:
          message = error.message ?? 'is not valid';
      }
    }
    const key = `${path}\u0000${message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    details.push({ path, message });
  }
  return details;
}

/**
 * @param {Record<string, unknown>} query
 * @returns {{ format: 'json' | 'csv', change?: string, limit?: number, spam: import('./store.js').SpamFilter }}
 */
function readListQuery(query) {
  const { format = 'json', change, limit, spam = 'include' } = query;
  if (format !== 'json' && format !== 'csv') {
    throw new HttpError(400, 'bad-query', 'format must be json or csv.');
  }
  if (spam !== 'include' && spam !== 'exclude' && spam !== 'only') {
    throw new HttpError(400, 'bad-query', 'spam must be include, exclude or only.');
  }
  if (change !== undefined && (typeof change !== 'string' || !CHANGE_PATTERN.test(change))) {
    throw new HttpError(400, 'bad-query', 'change must be one change id: 1 to 100 characters of A-Z a-z 0-9 . _ : -');
  }
  let count;
  if (limit !== undefined) {
    count = typeof limit === 'string' && /^\d{1,6}$/.test(limit) ? Number(limit) : NaN;
    if (!(count >= 1 && count <= MAX_LIST_LIMIT)) {
      throw new HttpError(400, 'bad-query', `limit must be a whole number from 1 to ${MAX_LIST_LIMIT}.`);
    }
  }
  return { format, change, limit: count, spam };
}

/**
 * @param {Record<string, unknown>} query
 * @returns {{ change?: string }}
 */
function readSummaryQuery(query) {
  const { change } = query;
  if (change !== undefined && (typeof change !== 'string' || !CHANGE_PATTERN.test(change))) {
    throw new HttpError(400, 'bad-query', 'change must be one change id: 1 to 100 characters of A-Z a-z 0-9 . _ : -');
  }
  return { change };
}

/** CSV columns: the payload's fields, nested objects flattened, in a stable order. */
export const CSV_COLUMNS = [
  'id',
  'change',
  'answer',
  'comment',
  'answers',
  'about.ageBand',
  'about.disabled',
  'about.disabilityImpact',
  'about.ethnicGroup',
  'panel.name',
  'panel.email',
  'panel.phone',
  'panel.consent',
  'locale',
  'page',
  'answeredAt',
  'receivedAt',
  'widget',
  'schema',
  'spam',
  'pii',
];

/**
 * Streams responses as CSV (UTF-8 with a byte-order mark, so spreadsheet programs read Welsh
 * and other non-ASCII text correctly), header row first.
 * @param {Iterable<StoredResponse>} responses
 */
function toCsv(responses) {
  function* records() {
    yield CSV_COLUMNS;
    for (const response of responses) {
      /** @type {Record<string, unknown>} */
      const flat = {
        ...response,
        answers: response.answers === undefined ? undefined : JSON.stringify(response.answers),
      };
      for (const group of /** @type {const} */ (['about', 'panel'])) {
        for (const [key, value] of Object.entries(response[group] ?? {})) flat[`${group}.${key}`] = value;
      }
      yield CSV_COLUMNS.map((column) => neutraliseFormula(flat[column]));
    }
  }
  return Readable.from(records()).pipe(stringify({ bom: true, record_delimiter: 'windows' }));
}

/**
 * A cell a spreadsheet could run as a formula gets a leading apostrophe: one starting with
 * an equals, plus, minus or at sign, a tab or a carriage return.
 * @param {unknown} value
 * @returns {string}
 */
export function neutraliseFormula(value) {
  if (value === undefined || value === null) return '';
  const text = String(value);
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/**
 * @param {unknown} error
 * @returns {{ statusCode: number, body: { error: string, message: string, details?: { path: string, message: string }[] } }}
 */
function describeError(error) {
  if (error instanceof HttpError) {
    const body = { error: error.code, message: error.message };
    return { statusCode: error.statusCode, body: error.details ? { ...body, details: error.details } : body };
  }
  const { code, statusCode } = /** @type {{ code?: unknown, statusCode?: unknown }} */ (error ?? {});
  switch (code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return {
        statusCode: 413,
        body: { error: 'body-too-large', message: `The request body is larger than ${BODY_LIMIT / 1024} KiB.` },
      };
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return {
        statusCode: 415,
        body: {
          error: 'unsupported-media-type',
          message: 'Send the response with Content-Type application/json or text/plain.',
        },
      };
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return { statusCode: 400, body: { error: 'empty-body', message: 'The request body is empty; send the response as JSON.' } };
    default:
  }
  if (typeof statusCode === 'number' && statusCode >= 400 && statusCode < 500) {
    return {
      statusCode,
      body: { error: CLIENT_ERROR_CODES[statusCode] ?? 'bad-request', message: 'The request could not be handled.' },
    };
  }
  return {
    statusCode: 500,
    body: { error: 'internal-error', message: 'The receiver could not handle this request; please try again later.' },
  };
}

const CLIENT_ERROR_CODES = /** @type {Record<number, string>} */ ({
  400: 'bad-request',
  404: 'not-found',
  408: 'request-timeout',
  411: 'length-required',
  413: 'body-too-large',
  415: 'unsupported-media-type',
  429: 'rate-limited',
  431: 'headers-too-large',
});

/**
 * Logger options that never log addresses or query strings.
 * @param {ReceiverOptions['logger']} logger
 * @returns {false | Record<string, unknown>}
 */
function loggerOptions(logger) {
  if (!logger) return false;
  const base = typeof logger === 'object' ? logger : {};
  return {
    ...base,
    serializers: {
      .../** @type {Record<string, unknown>} */ (base.serializers ?? {}),
      /** @param {{ method?: string, url?: string }} request */
      req: (request) => ({ method: request.method, url: (request.url ?? '').split('?')[0] }),
    },
  };
}
