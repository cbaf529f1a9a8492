// Proof of authorship. The widget makes a random secret with each response's id and sends it
// with every send of that response (WelcomedResponse.secret); the receiver keeps only its
// SHA-256 and lets a later send change the response only if it carries the same secret. Anyone
// who learns an id — from the page's events, the browser's storage or an export — cannot
// replace the answer, the comment or the contact details, nor mark it as spam.
import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * The hash kept for a secret: SHA-256, in hex. No salt or slow hash is needed: the widget's
 * secrets hold 122 random bits, and the schema asks any sender for at least 22 characters.
 */
export function secretHash(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

/** Whether two secret hashes are the same, compared in constant time. */
export function sameSecretHash(stored: string, given: string | undefined): boolean {
  if (given === undefined) return false;
  const a = Buffer.from(stored, 'hex');
  const b = Buffer.from(given, 'hex');
  return a.length === b.length && a.length > 0 && timingSafeEqual(a, b);
}
