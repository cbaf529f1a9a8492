// Receiver settings, read from the environment. `readSettings` never touches the disk or the
// network; it returns a plain object or throws an Error whose message names the variable and
// says what is expected.
//
// Hand-written rather than env-schema: its errors read "env/PORT must be integer" where ours say
// what a good value looks like, and it takes "1e3" for a port; see README.md "Settings".
import { randomBytes } from 'node:crypto';
import { isIP } from 'node:net';
import { resolve } from 'node:path';
import { checkAdminToken } from './admin-token.js';
import { checkDatabaseUrl } from './database-url.js';
import type { DatabaseOptions } from './store/open.js';
import { DEFAULT_AUDIT_DAYS, DEFAULT_CONTACT_DAYS, DEFAULT_DATABASE_POOL, DEFAULT_MIN_ANSWER_MS, DEFAULT_RATE_LIMIT } from './options.js';
import { parseOrigins } from './origins.js';
import { readFormSettings, type FormSettings } from './respond/settings.js';

/** The receiver's settings, one per environment variable; FormSettings has the form's. */
export interface Settings extends FormSettings {
  /** `PORT`, default 8080 (0 picks a free port). */
  port: number;
  /** `HOST`, default `127.0.0.1`. */
  host: string;
  /** `WELCOMED_DB`, default `data/welcomed.db`, resolved against the working directory. */
  dbPath: string;
  /** `WELCOMED_DATABASE_URL`: PostgreSQL instead of the SQLite file `dbPath`. */
  databaseUrl?: string;
  /** `WELCOMED_DATABASE_POOL`, default 10: most connections to PostgreSQL per receiver process. */
  databasePoolSize: number;
  /** `WELCOMED_ORIGINS`: normalised origins allowed to POST, besides the receiver's own. */
  origins: string[];
  /** `WELCOMED_PUBLIC_ORIGIN`: the receiver's own origin as browsers reach it, normalised; unset: undefined. */
  publicOrigin: string | undefined;
  /** `WELCOMED_ADMIN_TOKEN`, or a generated one. */
  adminToken: string;
  /** True when `adminToken` was generated (so it is printed once). */
  adminTokenGenerated: boolean;
  /** `WELCOMED_CONTACT_DAYS`, default 365. */
  contactDays: number;
  /** `WELCOMED_AUDIT_DAYS`, default 730: how long the audit trail keeps each entry. */
  auditDays: number;
  /** `WELCOMED_TRUST_PROXY`, default false. */
  trustProxy: boolean | number | string;
  /**
   * `WELCOMED_MIN_ANSWER_MS`, default 1500: a response answered sooner after the prompt was shown
   * is flagged as spam; 0 turns the check off.
   */
  minAnswerMs: number;
  /** `WELCOMED_RATE_LIMIT`, default 30: POSTs allowed per client per minute. */
  rateLimit: number;
}

/** The environment as `process.env` holds it. */
export type Environment = Record<string, string | undefined>;

/** Reads every setting from `env`; throws an Error naming the first variable that is wrong. */
export function readSettings(env: Environment = process.env): Settings {
  const generated = blank(env.WELCOMED_ADMIN_TOKEN);
  return {
    ...readFormSettings(env),
    port: readPort(env.PORT),
    host: readHost(env.HOST),
    dbPath: readDbPath(env),
    ...readDatabase(env),
    origins: parseOrigins(env.WELCOMED_ORIGINS ?? '', 'WELCOMED_ORIGINS'),
    publicOrigin: readPublicOrigin(env.WELCOMED_PUBLIC_ORIGIN),
    adminToken: generated
      ? generateAdminToken()
      : checkAdminToken(String(env.WELCOMED_ADMIN_TOKEN).trim(), 'WELCOMED_ADMIN_TOKEN'),
    adminTokenGenerated: generated,
    contactDays: readWholeNumber(env.WELCOMED_CONTACT_DAYS, {
      name: 'WELCOMED_CONTACT_DAYS',
      fallback: DEFAULT_CONTACT_DAYS,
      min: 1,
      max: 36500,
      what: 'a whole number of days from 1 to 36500',
    }),
    auditDays: readWholeNumber(env.WELCOMED_AUDIT_DAYS, {
      name: 'WELCOMED_AUDIT_DAYS',
      fallback: DEFAULT_AUDIT_DAYS,
      min: 1,
      max: 36500,
      what: 'a whole number of days from 1 to 36500',
    }),
    trustProxy: readTrustProxy(env.WELCOMED_TRUST_PROXY),
    minAnswerMs: readWholeNumber(env.WELCOMED_MIN_ANSWER_MS, {
      name: 'WELCOMED_MIN_ANSWER_MS',
      fallback: DEFAULT_MIN_ANSWER_MS,
      min: 0,
      max: 600_000,
      what: 'a whole number of milliseconds from 0 (no minimum) to 600000',
    }),
    rateLimit: readWholeNumber(env.WELCOMED_RATE_LIMIT, {
      name: 'WELCOMED_RATE_LIMIT',
      fallback: DEFAULT_RATE_LIMIT,
      min: 1,
      max: 100_000_000,
      what: 'a whole number of requests per client per minute from 1 to 100000000',
    }),
  };
}

/**
 * `WELCOMED_DB` as an absolute path: default `data/welcomed.db`, resolved against the working
 * directory. Also read on its own by the demo seed, which needs no other setting.
 */
export function readDbPath(env: Environment = process.env): string {
  return resolve(blank(env.WELCOMED_DB) ? 'data/welcomed.db' : String(env.WELCOMED_DB).trim());
}

/** The database the environment names (WELCOMED_DB or WELCOMED_DATABASE_URL), for commands that need no other setting. */
export function readDatabaseOptions(env: Environment = process.env): DatabaseOptions {
  const { databaseUrl, databasePoolSize } = readDatabase(env);
  return databaseUrl === undefined ? { dbPath: readDbPath(env) } : { databaseUrl, poolSize: Math.min(databasePoolSize, 2) };
}

/**
 * `WELCOMED_DATABASE_URL` and `WELCOMED_DATABASE_POOL`. One database per receiver: the URL
 * beside `WELCOMED_DB` would leave one of them unused, and a pool size without a URL does nothing.
 */
function readDatabase(env: Environment): { databaseUrl?: string; databasePoolSize: number } {
  const poolSize = readWholeNumber(env.WELCOMED_DATABASE_POOL, {
    name: 'WELCOMED_DATABASE_POOL',
    fallback: DEFAULT_DATABASE_POOL,
    min: 1,
    max: 1000,
    what: 'a whole number of connections from 1 to 1000',
  });
  if (blank(env.WELCOMED_DATABASE_URL)) {
    if (!blank(env.WELCOMED_DATABASE_POOL)) {
      throw new Error('WELCOMED_DATABASE_POOL is set but WELCOMED_DATABASE_URL is not: the pool is for PostgreSQL only.');
    }
    return { databasePoolSize: poolSize };
  }
  if (!blank(env.WELCOMED_DB)) {
    throw new Error('WELCOMED_DB and WELCOMED_DATABASE_URL are both set: set WELCOMED_DATABASE_URL for PostgreSQL, or WELCOMED_DB for SQLite.');
  }
  return { databaseUrl: checkDatabaseUrl(env.WELCOMED_DATABASE_URL, 'WELCOMED_DATABASE_URL'), databasePoolSize: poolSize };
}

/** 32 random bytes, base64url (43 characters). */
export function generateAdminToken(): string {
  return randomBytes(32).toString('base64url');
}

function blank(value: string | undefined): value is undefined {
  return value === undefined || value.trim() === '';
}

function readPublicOrigin(value: string | undefined): string | undefined {
  if (blank(value)) return undefined;
  const origins = parseOrigins(value, 'WELCOMED_PUBLIC_ORIGIN');
  if (origins.length !== 1) {
    throw new Error(`WELCOMED_PUBLIC_ORIGIN must be one origin, such as https://feedback.example.gov.uk, not "${value.trim()}".`);
  }
  return origins[0];
}

function readPort(value: string | undefined): number {
  if (blank(value)) return 8080;
  const text = value.trim();
  const port = Number(text);
  if (!/^\d+$/.test(text) || port > 65535) {
    throw new Error(`PORT must be a whole number from 0 to 65535 (0 picks a free port), not "${text}".`);
  }
  return port;
}

function readHost(value: string | undefined): string {
  if (blank(value)) return '127.0.0.1';
  const host = value.trim();
  if (!isIP(host) && !/^[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*$/.test(host)) {
    throw new Error(`HOST must be an IP address or a host name such as 127.0.0.1, ::1 or localhost, not "${host}".`);
  }
  return host;
}

interface WholeNumberRule {
  name: string;
  fallback: number;
  min: number;
  max: number;
  /** What a good value is, as the error message says it. */
  what: string;
}

function readWholeNumber(value: string | undefined, { name, fallback, min, max, what }: WholeNumberRule): number {
  if (blank(value)) return fallback;
  const text = value.trim();
  const number = Number(text);
  if (!/^\d{1,15}$/.test(text) || number < min || number > max) {
    throw new Error(`${name} must be ${what}, not "${text}".`);
  }
  return number;
}

/**
 * `WELCOMED_TRUST_PROXY`: unset or `false` (clients connect directly), `true` (trust every
 * proxy's X-Forwarded-For), a number of proxy hops, or a comma-separated list of proxy
 * addresses / CIDR ranges. Passed to Fastify's `trustProxy`; it decides which address the
 * per-client rate limit uses, and which host/protocol count as the receiver's own origin.
 */
function readTrustProxy(value: string | undefined): boolean | number | string {
  if (blank(value)) return false;
  const text = value.trim();
  if (/^false$/i.test(text)) return false;
  if (/^true$/i.test(text)) return true;
  if (/^\d+$/.test(text)) return Number(text);
  const parts = text.split(',').map((part) => part.trim());
  for (const part of parts) {
    const [address, bits, ...rest] = part.split('/');
    const maxBits = isIP(address) === 4 ? 32 : 128;
    if (!isIP(address) || rest.length > 0 || (bits !== undefined && !(/^\d+$/.test(bits) && Number(bits) <= maxBits))) {
      throw new Error(
        `WELCOMED_TRUST_PROXY must be true, false, a number of proxy hops, or a comma-separated list of ` +
          `proxy addresses or CIDR ranges (e.g. 10.0.0.0/8,127.0.0.1), not "${text}".`,
      );
    }
  }
  return parts.join(',');
}
