// The form token: what the no-JavaScript form carries instead of the widget's timer, and what
// makes a response sent twice one response. Stateless, with no cookie: the form page holds
//
//   <response id>.<issued at, ms since 1970, base 36>.<HMAC-SHA-256 of both and the change, base64url>
//
// - The response id (a UUID v4) is chosen when the form is shown, so every send of that form
//   (a double click, a resend after an error) upserts the same stored response.
// - The time it was issued gives the time to answer, judged like the widget's `shownForMs`, and
//   an age after which the form must be sent again (the answer is kept on the page).
// - The MAC, under a key only receivers know (WELCOMED_FORM_KEY), means an id, a time or a change
//   cannot be made up or moved; several receivers behind one address share the key, and a list
//   of keys lets a new key sign while the old one still verifies what it signed.
import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import { ID_PATTERN } from 'welcomed/contract';

/** How long a form may stay open before it must be sent again: 24 hours. */
export const FORM_TOKEN_MAX_AGE_MS = 24 * 60 * 60 * 1000;

/** How far ahead of this receiver's clock another receiver's clock may be: 5 minutes. */
export const FORM_TOKEN_CLOCK_SKEW_MS = 5 * 60 * 1000;

/** What checking a token found. */
export type TokenCheck =
  | { ok: true; id: string; issuedAt: number }
  /** Genuine, but older than FORM_TOKEN_MAX_AGE_MS: the form is shown again with the same id. */
  | { ok: false; reason: 'expired'; id: string }
  /** Missing, malformed, or not signed by any of the keys. */
  | { ok: false; reason: 'invalid' };

const TOKEN_FORMAT = /^([0-9a-f-]{36})\.([0-9a-z]{1,11})\.([A-Za-z0-9_-]{43})$/;

/** Issues and checks form tokens with `keys`: the first signs, every one verifies. */
export class FormTokens {
  readonly #keys: readonly Buffer[];

  constructor(keys: readonly string[]) {
    if (keys.length === 0) throw new Error('FormTokens needs at least one key.');
    this.#keys = keys.map((key) => Buffer.from(key, 'utf8'));
  }

  /** A token for a form about `change` shown at `now` (ms), for response `id` (default: a new one). */
  issue(change: string, now: number, id: string = randomUUID()): string {
    const issuedAt = Math.floor(now).toString(36);
    return `${id}.${issuedAt}.${this.#mac(this.#keys[0]!, change, id, issuedAt).toString('base64url')}`;
  }

  /** Checks a token sent back with a form about `change` at `now` (ms). */
  verify(token: unknown, change: string, now: number): TokenCheck {
    const match = typeof token === 'string' ? TOKEN_FORMAT.exec(token) : null;
    if (!match) return { ok: false, reason: 'invalid' };
    const [, id, issuedAtText, macText] = match as unknown as [string, string, string, string];
    const mac = Buffer.from(macText, 'base64url');
    const genuine = this.#keys.some((key) => timingSafeEqual(mac, this.#mac(key, change, id, issuedAtText)));
    const issuedAt = parseInt(issuedAtText, 36);
    if (!genuine || !ID_PATTERN.test(id) || issuedAt > now + FORM_TOKEN_CLOCK_SKEW_MS) return { ok: false, reason: 'invalid' };
    if (now - issuedAt > FORM_TOKEN_MAX_AGE_MS) return { ok: false, reason: 'expired', id };
    return { ok: true, id, issuedAt };
  }

  #mac(key: Buffer, change: string, id: string, issuedAt: string): Buffer {
    // Fields joined by a character none of them may contain, so no two sets of fields sign alike.
    return createHmac('sha256', key).update(`welcomed-form/1\n${change}\n${id}\n${issuedAt}`).digest();
  }
}
