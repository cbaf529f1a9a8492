// The admin token's rules, written once: the receiver checks its setting with them and the
// dashboard (a browser bundle) checks what is typed in. No Node APIs here, so both can import it.

/** What an admin token may contain: the RFC 6750 `b64token` characters. */
export const TOKEN_PATTERN = /^[A-Za-z0-9\-._~+/]+=*$/;

/** Fewest characters an admin token may have. */
export const MIN_TOKEN_LENGTH = 16;

/**
 * Returns `token` when it is a usable admin token; otherwise throws an Error that names the
 * setting (`name`) and says what is expected.
 */
export function checkAdminToken(token: unknown, name = 'adminToken'): string {
  if (typeof token !== 'string' || token.length < MIN_TOKEN_LENGTH || !TOKEN_PATTERN.test(token)) {
    throw new Error(
      `${name} must be at least ${MIN_TOKEN_LENGTH} characters of A-Z a-z 0-9 - . _ ~ + / ` +
        `(for example the output of: node -e "console.log(crypto.randomBytes(32).toString('base64url'))"), ` +
        'or unset to have one generated at start.',
    );
  }
  return token;
}
