// @ts-check
/**
 * Receiver settings, read from the environment. `readSettings` never touches the disk or the
 * network; it returns a plain object or throws an Error whose message names the variable and
 * says what is expected.
 */
import { randomBytes } from 'node:crypto';
import { isIP } from 'node:net';
import { resolve } from 'node:path';

/**
 * @typedef {object} Settings
 * @property {number} port `PORT`, default 8080
 * @property {string} host `HOST`, default `127.0.0.1`
 * @property {string} dbPath `WELCOMED_DB`, default `data/welcomed.db`, resolved against the cwd
 * @property {string[]} origins `WELCOMED_ORIGINS`, normalised origins allowed to POST
 * @property {string} adminToken `WELCOMED_ADMIN_TOKEN`, or a generated one
 * @property {boolean} adminTokenGenerated true when `adminToken` was generated (print it once)
 * @property {number} contactDays `WELCOMED_CONTACT_DAYS`, default 365
 * @property {boolean | number | string} trustProxy `WELCOMED_TRUST_PROXY`, default false
 * @property {number} minAnswerMs `WELCOMED_MIN_ANSWER_MS`, default 1500: a response answered
 *   sooner after the prompt was shown is flagged as spam; 0 turns the check off
 * @property {number} rateLimit `WELCOMED_RATE_LIMIT`, default 30: POSTs allowed per client per minute
 */

/** What an admin token may contain: the RFC 6750 `b64token` characters. */
const TOKEN_PATTERN = /^[A-Za-z0-9\-._~+/]+=*$/;
export const MIN_TOKEN_LENGTH = 16;
/** Defaults of the anti-spam and rate-limit settings. */
export const DEFAULT_MIN_ANSWER_MS = 1500;
export const DEFAULT_RATE_LIMIT = 30;

/**
 * @param {Record<string, string | undefined>} [env]
 * @returns {Settings}
 */
export function readSettings(env = process.env) {
  const generated = blank(env.WELCOMED_ADMIN_TOKEN);
  return {
    port: readPort(env.PORT),
    host: readHost(env.HOST),
    dbPath: resolve(blank(env.WELCOMED_DB) ? 'data/welcomed.db' : String(env.WELCOMED_DB).trim()),
    origins: parseOrigins(env.WELCOMED_ORIGINS ?? '', 'WELCOMED_ORIGINS'),
    adminToken: generated
      ? generateAdminToken()
      : checkAdminToken(String(env.WELCOMED_ADMIN_TOKEN).trim(), 'WELCOMED_ADMIN_TOKEN'),
    adminTokenGenerated: generated,
    contactDays: readContactDays(env.WELCOMED_CONTACT_DAYS),
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

/** @returns {string} 32 random bytes, base64url (43 characters) */
export function generateAdminToken() {
  return randomBytes(32).toString('base64url');
}

/**
 * @param {string} token
 * @param {string} [name] what to call it in the error message
 * @returns {string} the token
 */
export function checkAdminToken(token, name = 'adminToken') {
  if (typeof token !== 'string' || token.length < MIN_TOKEN_LENGTH || !TOKEN_PATTERN.test(token)) {
    throw new Error(
      `${name} must be at least ${MIN_TOKEN_LENGTH} characters of A-Z a-z 0-9 - . _ ~ + / ` +
        `(for example the output of: node -e "console.log(crypto.randomBytes(32).toString('base64url'))"), ` +
        'or unset to have one generated at start.',
    );
  }
  return token;
}

/**
 * Parses a comma-separated list of origins such as `https://www.example.gov.uk, http://localhost:3000`.
 * Each is trimmed and normalised (lower-case host, default port dropped, one trailing `/`
 * allowed); empty entries are ignored; duplicates are dropped.
 * @param {string | string[]} list
 * @param {string} [name] what to call it in the error message
 * @returns {string[]}
 */
export function parseOrigins(list, name = 'origins') {
  const entries = Array.isArray(list) ? list : list.split(',');
  /** @type {string[]} */
  const origins = [];
  for (const raw of entries) {
    const entry = raw.trim();
    if (entry === '') continue;
    const origin = toOrigin(entry);
    if (origin === undefined) {
      throw new Error(
        `${name}: "${entry}" is not an origin. Write each as scheme://host[:port] with http or https ` +
          'and nothing after the host (no path, query or wildcard), separated by commas, ' +
          'e.g. https://www.example.gov.uk,https://staging.example.gov.uk',
      );
    }
    if (!origins.includes(origin)) origins.push(origin);
  }
  return origins;
}

/**
 * @param {string} value
 * @returns {string | undefined} the normalised origin, or undefined if `value` is not exactly one
 */
export function toOrigin(value) {
  if (!/^https?:\/\/[^/?#\s]+\/?$/i.test(value)) return undefined;
  let url;
  try {
    url = new URL(value);
  } catch {
    return undefined;
  }
  if (url.username || url.password || url.hostname === '' || url.hostname.includes('*')) return undefined;
  return url.origin;
}

/** @param {string | undefined} value */
function blank(value) {
  return value === undefined || value.trim() === '';
}

/** @param {string | undefined} value */
function readPort(value) {
  if (blank(value)) return 8080;
  const text = String(value).trim();
  const port = Number(text);
  if (!/^\d+$/.test(text) || port > 65535) {
    throw new Error(`PORT must be a whole number from 0 to 65535 (0 picks a free port), not "${text}".`);
  }
  return port;
}

/** @param {string | undefined} value */
function readHost(value) {
  if (blank(value)) return '127.0.0.1';
  const host = String(value).trim();
  if (!isIP(host) && !/^[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*$/.test(host)) {
    throw new Error(`HOST must be an IP address or a host name such as 127.0.0.1, ::1 or localhost, not "${host}".`);
  }
  return host;
}

/** @param {string | undefined} value */
function readContactDays(value) {
  if (blank(value)) return 365;
  const text = String(value).trim();
  const days = Number(text);
  if (!/^\d+$/.test(text) || days < 1 || days > 36500) {
    throw new Error(`WELCOMED_CONTACT_DAYS must be a whole number of days from 1 to 36500, not "${text}".`);
  }
  return days;
}

/**
 * @param {string | undefined} value
 * @param {{ name: string, fallback: number, min: number, max: number, what: string }} rule
 */
function readWholeNumber(value, { name, fallback, min, max, what }) {
  if (blank(value)) return fallback;
  const text = String(value).trim();
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
 * @param {string | undefined} value
 * @returns {boolean | number | string}
 */
function readTrustProxy(value) {
  if (blank(value)) return false;
  const text = String(value).trim();
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
