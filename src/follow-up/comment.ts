import { COMMENT_MAX_LENGTH } from '../contract/limits.js';
import { redactWithin } from '../contract/redact.js';

/**
 * Characters left before the comment limit (negative when over), counted in code points as
 * the schema counts them, so an emoji is one.
 */
export function remainingCharacters(draft: string): number {
  return COMMENT_MAX_LENGTH - Array.from(draft).length;
}

/**
 * Redacts a comment and keeps it within the limit (the element has already asked the user
 * to shorten a comment over it): see redactWithin.
 */
export function cleanComment(text: string): string {
  return redactWithin(text.trim(), COMMENT_MAX_LENGTH);
}
