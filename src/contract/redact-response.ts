// Redaction of a whole response, as a receiver stores it: the free text, and the two places a
// client can put personal data that are not free text, the page address and the keys of
// `answers`. Pure functions on top of redact.ts; the widget's first bundle never imports this.
import { ANSWER_ITEM_MAX_LENGTH, COMMENT_MAX_LENGTH, PAGE_MAX_LENGTH } from './limits.js';
import { findRedactions, redactWithin, type Redaction, type RedactionKind } from './redact.js';
import type { WelcomedResponse } from './response.js';

/** Longest key of `answers` (QUESTION_ID_PATTERN): 1–50 of `A-Za-z0-9._-`. */
const ANSWER_KEY_MAX_LENGTH = 50;

/**
 * What a stretch of personal data becomes in a key of `answers`, which may hold only
 * `A-Za-z0-9._-`: `redacted-phone`, `redacted-postcode`…
 */
export function answerKeyMarker(kind: RedactionKind): string {
  return `redacted-${kind}`;
}

/**
 * Redacts a whole response before a receiver stores it, with the rules of {@link findRedactions}:
 *
 * - `comment` and every text answer (`answers` values, and each item of a multiple answer) as
 *   free text, cut back to the schema's limits (1,200 and 200 code points) without half a marker
 *   ({@link redactWithin}); text with nothing to redact is kept exactly as sent.
 * - every key of `answers` with {@link redactAnswerKey}: a key holding personal data keeps the
 *   rest of its characters, and each stretch becomes `redacted-<kind>`
 *   (`contact-07700900123` → `contact-redacted-phone`), so it still matches the schema's
 *   QUESTION_ID_PATTERN; should two keys then be the same, the later gets `-2`, `-3`….
 * - `page` with {@link redactPage}: each path segment holding personal data becomes its marker
 *   (`https://example.gov.uk/bin-day/SW1A1AA/` → `https://example.gov.uk/bin-day/[postcode]/`),
 *   so it still matches PAGE_PATTERN.
 *
 * `panel` (contact details given with consent), `change` (the page's own identifier) and the
 * other fields are returned as they were. The response is not changed: `redacted` is a copy
 * (the same object when there was nothing to redact), and `pii` says whether anything was
 * redacted. Call it on a response that has passed the schema.
 */
export function redactResponse<T extends WelcomedResponse>(response: T): { redacted: T; pii: boolean } {
  let pii = false;
  const clean = (text: string, limit: number): string => {
    if (!findRedactions(text).length) return text;
    pii = true;
    return redactWithin(text, limit);
  };
  const redacted: T = { ...response };
  if (typeof response.comment === 'string') redacted.comment = clean(response.comment, COMMENT_MAX_LENGTH);
  if (response.answers) {
    const entries = Object.entries(response.answers);
    const keys = entries.map(([key]) => redactAnswerKey(key));
    // Keys that were kept as sent keep their answers; a redacted key that would now equal
    // another key gets a number, so no answer is lost.
    const taken = new Set(keys.filter((key, index) => key === entries[index]![0]));
    redacted.answers = Object.fromEntries(
      entries.map(([key, answer], index) => {
        let newKey = keys[index]!;
        if (newKey !== key) {
          pii = true;
          for (let count = 2; taken.has(newKey); count += 1) {
            newKey = `${keys[index]!.slice(0, ANSWER_KEY_MAX_LENGTH - String(count).length - 1)}-${count}`;
          }
          taken.add(newKey);
        }
        return [
          newKey,
          typeof answer === 'string'
            ? clean(answer, COMMENT_MAX_LENGTH)
            : answer.map((item) => clean(item, ANSWER_ITEM_MAX_LENGTH)),
        ];
      }),
    );
  }
  if (typeof response.page === 'string') {
    const page = redactPage(response.page);
    if (page !== response.page) {
      pii = true;
      redacted.page = page;
    }
  }
  return pii ? { redacted, pii } : { redacted: response, pii };
}

/**
 * Redacts a key of `answers`, keeping it a valid question id (`A-Za-z0-9._-`, at most 50):
 * `-`, `.` and `_` are read as spaces, and each stretch of personal data becomes
 * `redacted-<kind>` ({@link answerKeyMarker}): `nhs_9434765919` → `nhs_redacted-nhs-number`.
 * When that is longer than 50 characters, the key is the markers alone, joined by `.`, as
 * many as fit.
 */
export function redactAnswerKey(key: string): string {
  const found = findRedactions(key.replace(/[-._]/g, ' '));
  if (!found.length) return key;
  let redacted = '';
  let copiedUpTo = 0;
  for (const { kind, start, end } of found) {
    redacted += key.slice(copiedUpTo, start) + answerKeyMarker(kind);
    copiedUpTo = end;
  }
  redacted += key.slice(copiedUpTo);
  if (redacted.length <= ANSWER_KEY_MAX_LENGTH) return redacted;
  let markers = answerKeyMarker(found[0]!.kind);
  for (const { kind } of found.slice(1)) {
    const longer = `${markers}.${answerKeyMarker(kind)}`;
    if (longer.length > ANSWER_KEY_MAX_LENGTH) break;
    markers = longer;
  }
  return markers;
}

/**
 * Redacts a page address (origin and path, as the widget sends it). Each `/`-separated part is
 * read percent-decoded, once as it is and once with `-`, `_` and `/` as spaces (so that
 * `/bin-day-SW1A1AA/` is found as well as `/bin-day/SW1A%201AA/`); a part holding personal data
 * becomes the marker of each kind found in it (`[postcode]`, `[email][phone]`), and a stretch
 * across parts (`/SW1A/1AA/`) becomes one marker in the first of them. Parts without personal
 * data are kept exactly as sent, so the address still matches PAGE_PATTERN. When markers make
 * it longer than 2,048 characters, it is cut back to its last whole part that fits.
 */
export function redactPage(page: string): string {
  const parts = page.split('/');
  const decoded = parts.map((part) => {
    try {
      return decodeURIComponent(part);
    } catch {
      return part;
    }
  });
  const path = decoded.join('/');
  const found: Redaction[] = [...findRedactions(path), ...findRedactions(path.replace(/[-_/]/g, ' '))].sort(
    (first, second) => first.start - second.start,
  );
  if (!found.length) return page;
  const kept: string[] = [];
  let start = 0;
  parts.forEach((part, index) => {
    const end = start + decoded[index]!.length;
    const inside = found.filter((stretch) => stretch.start < end && stretch.end > start);
    if (!inside.length) {
      kept.push(part);
    } else {
      // Markers for what starts here; a part wholly inside a stretch begun earlier goes.
      const kinds = new Set(inside.filter((stretch) => stretch.start >= start).map((stretch) => stretch.kind));
      if (kinds.size) kept.push([...kinds].map((kind) => `[${kind}]`).join(''));
    }
    start = end + 1;
  });
  let redacted = kept.join('/');
  while (Array.from(redacted).length > PAGE_MAX_LENGTH) redacted = redacted.slice(0, redacted.lastIndexOf('/'));
  return redacted;
}
