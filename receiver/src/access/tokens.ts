// Access tokens as the receiver keeps them: generated (256 random bits), shown once, stored only
// as their SHA-256. A slow password hash would protect guessable secrets; these cannot be guessed
// (2^256 of them), so a fast hash loses nothing and lets the receiver find a token by its hash.
import { createHash, randomBytes } from 'node:crypto';
import { DAY_MS } from '../summary/time.js';

/** A new token: 32 random bytes, base64url (43 characters, ~256 bits). */
export function generateToken(): string {
  return randomBytes(32).toString('base64url');
}

/** The token's SHA-256, in hex: all the database ever holds of it. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** Longest expiry a token may be given, in days (ten years). */
export const MAX_EXPIRY_DAYS = 3650;

/** When a token given `days` days from `now` expires; throws for anything but 1 to MAX_EXPIRY_DAYS whole days. */
export function expiryAfter(days: number, now: Date): Date {
  if (!Number.isInteger(days) || days < 1 || days > MAX_EXPIRY_DAYS) {
    throw new Error(`an expiry must be a whole number of days from 1 to ${MAX_EXPIRY_DAYS}.`);
  }
  return new Date(now.getTime() + days * DAY_MS);
}

/** `90d` (or `90`) as 90; throws with what an expiry may be otherwise. */
export function parseExpiryDays(text: string): number {
  const match = /^(\d{1,4})d?$/.exec(text.trim());
  const days = match ? Number(match[1]) : NaN;
  if (!(days >= 1 && days <= MAX_EXPIRY_DAYS)) {
    throw new Error(`--expires must be a number of days such as 90d, from 1d to ${MAX_EXPIRY_DAYS}d, not "${text}".`);
  }
  return days;
}

/** What a label may be: a name people read, 1 to 80 letters, digits, spaces and . , ' & ( ) _ - */
export const LABEL_PATTERN = /^[\p{L}\p{N}][\p{L}\p{N} .,'&()_-]{0,79}$/u;
export const LABEL_RULE = "1 to 80 letters, digits, spaces and . , ' & ( ) _ - (starting with a letter or digit)";

/** `label` trimmed, checked; throws with what a label may be otherwise. */
export function checkLabel(label: unknown): string {
  const text = typeof label === 'string' ? label.trim() : '';
  if (!LABEL_PATTERN.test(text)) throw new Error(`a label must be ${LABEL_RULE}.`);
  return text;
}
