// The admin token's rules, written once: the receiver checks its setting with them and the
// dashboard (a browser bundle) checks what is typed in. No Node APIs here, so both can import it.
import { MIN_TOKEN_BITS, tokenStrength } from './token-strength.js';

/** What an admin token may contain: the RFC 6750 `b64token` characters. */
export const TOKEN_PATTERN = /^[A-Za-z0-9\-._~+/]+=*$/;

/** Fewest characters an admin token may have, not counting `=` padding. */
export const MIN_TOKEN_LENGTH = 16;

/** How to make a good token, as every message about a bad one says. */
export const GENERATE_TOKEN_COMMAND = `node -e "console.log(crypto.randomBytes(32).toString('base64url'))"`;

/**
 * Returns `token` when it is a usable admin token: at least MIN_TOKEN_LENGTH characters of
 * TOKEN_PATTERN, and hard to guess (at least MIN_TOKEN_BITS by `tokenStrength`, so no repeated
 * characters, runs, keyboard rows or common words standing in for randomness). Otherwise throws
 * an Error that names the setting (`name`), says what is wrong, and how to generate one.
 */
export function checkAdminToken(token: unknown, name = 'adminToken'): string {
  if (typeof token !== 'string' || !TOKEN_PATTERN.test(token) || token.replace(/=+$/, '').length < MIN_TOKEN_LENGTH) {
    throw new Error(
      `${name} must be at least ${MIN_TOKEN_LENGTH} characters of A-Z a-z 0-9 - . _ ~ + / (then any = padding) ` +
        `(for example the output of: ${GENERATE_TOKEN_COMMAND}), or unset to have one generated at start.`,
    );
  }
  const { bits, patterns } = tokenStrength(token);
  if (bits < MIN_TOKEN_BITS) {
    const why = patterns.length ? `it is made of ${listed(patterns)}, ` : '';
    throw new Error(
      `${name} is too easy to guess: ${why}worth about ${bits} bits where at least ${MIN_TOKEN_BITS} are needed. ` +
        `Use a random one, for example the output of: ${GENERATE_TOKEN_COMMAND} (or unset it to have one generated at start).`,
    );
  }
  return token;
}

/** "a, b and c". */
function listed(items: readonly string[]): string {
  return items.length < 2 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}
