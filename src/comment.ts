import { redact } from './redact.js';
import { COMMENT_MAX_LENGTH } from './response.js';

/**
 * Characters left before the comment limit (negative when over), counted in code points as
 * the schema counts them, so an emoji is one.
 */
export function remainingCharacters(draft: string): number {
  return COMMENT_MAX_LENGTH - Array.from(draft).length;
}

/**
 * Redacts a comment and keeps it within the limit (the element has already asked the user
 * to shorten a comment over it). A marker can be longer than what it replaced, so the cut
 * comes after redaction, counts code points as the schema does, and never splits a marker.
 */
export function cleanComment(text: string): string {
  const redacted = Array.from(redact(text.trim()));
  if (redacted.length <= COMMENT_MAX_LENGTH) return redacted.join('');
  // Half a marker ("[pho") would read as garbage: drop it.
  return redacted.slice(0, COMMENT_MAX_LENGTH).join('').replace(/\s*\[[a-z-]*$/, '');
}
