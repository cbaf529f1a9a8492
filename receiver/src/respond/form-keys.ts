// The form keys' rules (WELCOMED_FORM_KEY). Nothing here needs the widget's contract, so the
// settings can be read, and a wrong key reported, before the contract is known to be built.
import { randomBytes } from 'node:crypto';

/** Fewest characters of a form key (a generated one is 43). */
export const MIN_FORM_KEY_LENGTH = 32;

/** What a form key may contain: the characters of base64, base64url and hex. */
export const FORM_KEY_PATTERN = /^[A-Za-z0-9\-._~+/]+=*$/;

/** A new random form key: 32 bytes, base64url (43 characters). */
export function generateFormKey(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * Returns `keys` when each is a usable form key (at least 32 of A-Z a-z 0-9 - . _ ~ + /, then `=`
 * padding); otherwise throws an Error naming the setting.
 */
export function checkFormKeys(keys: readonly unknown[], name = 'formKeys'): string[] {
  if (keys.length === 0) throw new Error(`${name} must hold at least one key.`);
  for (const key of keys) {
    if (typeof key !== 'string' || key.length < MIN_FORM_KEY_LENGTH || !FORM_KEY_PATTERN.test(key)) {
      throw new Error(
        `${name} must be one or more keys separated by commas, each at least ${MIN_FORM_KEY_LENGTH} characters of ` +
          `A-Z a-z 0-9 - . _ ~ + / (for example the output of: node -e "console.log(crypto.randomBytes(32).toString('base64url'))").`,
      );
    }
  }
  return keys as string[];
}
