// The options of createReceiver, their defaults, and the checks that turn a wrong option into
// a clear Error before anything is opened.
import type { FastifyServerOptions } from 'fastify';
import { checkAdminToken } from './admin-token.js';
import { checkDatabaseUrl } from './database-url.js';
import { parseOrigins } from './origins.js';
import type { DatabaseOptions } from './store/open.js';
import type { FormOptions } from './respond/options.js';
import { MIN_CELL } from './summary/suppression.js';

/** A rate limit: `max` requests per client per `timeWindow` (ms, or e.g. `'1 minute'`). */
export interface RateLimit {
  max: number;
  timeWindow: number | string;
}

/**

 * How long a client may take, in milliseconds, before its connection is closed (a slow or
 * stalled request is answered 408 first). Without these, Node and Fastify wait for ever.
 */
export interface Timeouts {
  /** From the connection (or the end of the last request) to the end of the headers. */
  headersMs: number;
  /** From the connection (or the end of the last request) to the end of the body. */
  requestMs: number;
  /** With nothing sent either way while a request is being read or answered. */
  idleMs: number;
}

/**
 * What createReceiver is given; `formKeys` and `changes` are the no-JavaScript form's (FormOptions,
 * checked by respond/options.ts).
 */
export interface ReceiverOptions extends FormOptions {
  /** SQLite file (created with its folder if missing); `:memory:` for throw-away receivers. */
  dbPath?: string;
  /** PostgreSQL instead of SQLite: `postgres://user:password@host:5432/database`. */
  databaseUrl?: string;
  /** Most connections to PostgreSQL this receiver opens (default 10). */
  databasePoolSize?: number;
  /** Origins, besides the receiver's own, allowed to POST responses. */
  origins?: readonly string[];
  /**
   * The receiver's own origin as browsers reach it (`https://feedback.example.gov.uk`), allowed to
   * POST. Unset: same-origin requests are recognised by `Sec-Fetch-Site: same-origin` instead,
   * never by the Host header.
   */
  publicOrigin?: string;
  /** Bearer token for the admin endpoints (at least 16 token characters). */
  adminToken: string;
  /** POSTs allowed per client per window (default 30 per minute). */
  rateLimit?: RateLimit;
  /** A response with `shownForMs` below this is flagged as spam (default 1500; 0 turns the check off). */
  minAnswerMs?: number;
  /** Days panel contact details are kept (default 365). */
  contactDays?: number;
  /** Days audit-trail entries are kept (default 730). */
  auditDays?: number;
  /**
   * Fastify `trustProxy`: set it when behind a reverse proxy, so the rate limit sees clients
   * rather than the proxy (default false).
   */
  trustProxy?: boolean | number | string;
  /**
   * Fastify/pino logger options (default off). Request logs are reduced to method and path:
   * no addresses, no query strings.
   */
  logger?: boolean | Record<string, unknown>;
  /** Default DEFAULT_TIMEOUTS; each may be given alone. */
  timeouts?: Partial<Timeouts>;
  /**
   * Smallest number of responses a published figure may describe (default 10, MIN_CELL). Only for
   * trying the receiver out with a handful of answers (the end-to-end tests use 1): lowering it
   * publishes small numbers. No environment variable sets it.
   */
  minimumCell?: number;
}

/** The options once checked, with every default filled in. */
export interface ResolvedOptions {
  database: DatabaseOptions;
  allowedOrigins: ReadonlySet<string>;
  publicOrigin: string | undefined;
  adminToken: string;
  rateLimit: RateLimit;
  minAnswerMs: number;
  contactDays: number;
  auditDays: number;
  trustProxy: boolean | number | string;
  logger: FastifyServerOptions['logger'];
  timeouts: Timeouts;
  minimumCell: number;
}

/** Default of `minAnswerMs` (`WELCOMED_MIN_ANSWER_MS`). */
export const DEFAULT_MIN_ANSWER_MS = 1500;
/** Default POSTs per client per minute (`WELCOMED_RATE_LIMIT`). */
export const DEFAULT_RATE_LIMIT = 30;
/** Default of `databasePoolSize` (`WELCOMED_DATABASE_POOL`). */
export const DEFAULT_DATABASE_POOL = 10;
/** Default of `auditDays` (`WELCOMED_AUDIT_DAYS`). */
export const DEFAULT_AUDIT_DAYS = 730;
/** Default of `contactDays` (`WELCOMED_CONTACT_DAYS`). */
export const DEFAULT_CONTACT_DAYS = 365;
/**
 * Default timeouts: a response's body is at most 16 KiB, which even a poor mobile connection
 * sends in a few seconds, so 10 s for the headers and 30 s for the whole request leave room,
 * and a client stalling on purpose holds a socket for 30 s at most.
 */
export const DEFAULT_TIMEOUTS: Readonly<Timeouts> = Object.freeze({ headersMs: 10_000, requestMs: 30_000, idleMs: 30_000 });
/** The window every rate limit counts in, in milliseconds. */
export const RATE_WINDOW_MS = 60_000;

/** Checks `options` and fills in the defaults; throws an Error naming the first wrong option. */
export function resolveOptions(options: ReceiverOptions): ResolvedOptions {
  const database = resolveDatabase(options);
  const adminToken = checkAdminToken(options.adminToken, 'adminToken');
  const allowedOrigins = new Set(parseOrigins(options.origins ?? [], 'origins'));
  const publicOrigin = options.publicOrigin === undefined ? undefined : parseOrigins([options.publicOrigin], 'publicOrigin')[0];
  const contactDays = options.contactDays ?? DEFAULT_CONTACT_DAYS;
  if (!Number.isFinite(contactDays) || contactDays < 1) {
    throw new Error('createReceiver: contactDays must be a number of days ≥ 1.');
  }
  const auditDays = options.auditDays ?? DEFAULT_AUDIT_DAYS;
  if (!Number.isFinite(auditDays) || auditDays < 1) {
    throw new Error('createReceiver: auditDays must be a number of days ≥ 1.');
  }
  const rateLimit = options.rateLimit ?? { max: DEFAULT_RATE_LIMIT, timeWindow: RATE_WINDOW_MS };
  if (!Number.isInteger(rateLimit.max) || rateLimit.max < 1) {
    throw new Error('createReceiver: rateLimit.max must be a whole number ≥ 1.');
  }
  const minAnswerMs = options.minAnswerMs ?? DEFAULT_MIN_ANSWER_MS;
  if (!Number.isInteger(minAnswerMs) || minAnswerMs < 0) {
    throw new Error('createReceiver: minAnswerMs must be a whole number of milliseconds ≥ 0.');
  }
  const timeouts = { ...DEFAULT_TIMEOUTS, ...options.timeouts };
  for (const [name, value] of Object.entries(timeouts)) {
    if (!Number.isInteger(value) || value < 1) throw new Error(`createReceiver: timeouts.${name} must be a whole number of milliseconds ≥ 1.`);
  }
  const minimumCell = options.minimumCell ?? MIN_CELL;
  if (!Number.isInteger(minimumCell) || minimumCell < 1) throw new Error('createReceiver: minimumCell must be a whole number ≥ 1.');
  if (timeouts.headersMs > timeouts.requestMs) {
    throw new Error('createReceiver: timeouts.headersMs must not be longer than timeouts.requestMs.');
  }
  return {
    database,
    allowedOrigins,
    publicOrigin,
    adminToken,
    rateLimit,
    minAnswerMs,
    contactDays,
    auditDays,
    trustProxy: options.trustProxy ?? false,
    logger: loggerOptions(options.logger),
    timeouts,
    minimumCell,
  };
}

/** `dbPath` for SQLite or `databaseUrl` for PostgreSQL: exactly one. */
function resolveDatabase(options: ReceiverOptions): DatabaseOptions {
  const { dbPath, databaseUrl, databasePoolSize = DEFAULT_DATABASE_POOL } = options ?? {};
  if (databaseUrl !== undefined) {
    if (dbPath !== undefined) throw new Error('createReceiver: give dbPath (SQLite) or databaseUrl (PostgreSQL), not both.');
    if (typeof databaseUrl !== 'string') throw new Error('createReceiver: databaseUrl must be a string.');
    if (!Number.isInteger(databasePoolSize) || databasePoolSize < 1) {
      throw new Error('createReceiver: databasePoolSize must be a whole number ≥ 1.');
    }
    return { databaseUrl: checkDatabaseUrl(databaseUrl, 'createReceiver: databaseUrl'), poolSize: databasePoolSize };
  }
  if (typeof dbPath !== 'string' || dbPath === '') {
    throw new Error('createReceiver: dbPath (the SQLite file) or databaseUrl (PostgreSQL) is required.');
  }
  return { dbPath };
}

/** Logger options that never log addresses or query strings. */
function loggerOptions(logger: ReceiverOptions['logger']): FastifyServerOptions['logger'] {
  if (!logger) return false;
  const base = typeof logger === 'object' ? logger : {};
  return {
    ...base,
    serializers: {
      ...(base.serializers ?? {}),
      req: (request: { method?: string; url?: string }) => ({ method: request.method, url: (request.url ?? '').split('?')[0] }),
    },
  };
}
