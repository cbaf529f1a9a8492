// Sending the view counts (`welcomed-impression/1`): each view is held in memory only — never in
// localStorage — and sent in a batch: when the page is hidden or left (with keepalive, from the
// same page-lifecycle handlers as answers), when the resident answers (with the answer), or after
// VIEWS_BATCH_MS. Always as text/plain, a simple request with no CORS preflight, so that a
// keepalive send on leaving is one request. A failed send is not retried: a count is an estimate.
import { WIDGET_VERSION } from '../contract/version.js';
import { IMPRESSION_SCHEMA_VERSION, IMPRESSIONS_MAX_COUNT, impressionsEndpoint, type Impression } from '../contract/impression.js';

/** How long a view waits for others to go with it, in milliseconds. */
export const VIEWS_BATCH_MS = 30_000;

/** Views waiting, by the impressions endpoint they go to. */
const waiting = new Map<string, Impression[]>();
let timer: ReturnType<typeof setTimeout> | undefined;

/** Counts one view of `change` in `locale`, for the receiver at `endpoint` (the answers' URL). */
export function countView(endpoint: string, change: string, locale: string): void {
  const url = impressionsEndpoint(endpoint);
  const views = waiting.get(url) ?? [];
  views.push({ change, locale, day: new Date().toISOString().slice(0, 10) });
  waiting.set(url, views);
  timer ??= setTimeout(() => sendViews(false), VIEWS_BATCH_MS);
}

/**
 * Sends every waiting view now, at most IMPRESSIONS_MAX_COUNT a request. Each request starts
 * before this returns (a page being hidden may never run again).
 */
export function sendViews(keepalive: boolean): void {
  clearTimeout(timer);
  timer = undefined;
  for (const [url, views] of waiting) {
    waiting.delete(url);
    while (views.length) {
      fetch(url, {
        method: 'POST',
        body: JSON.stringify({ schema: IMPRESSION_SCHEMA_VERSION, widget: WIDGET_VERSION, impressions: views.splice(0, IMPRESSIONS_MAX_COUNT) }),
        headers: { 'Content-Type': 'text/plain;charset=UTF-8' },
        credentials: 'omit',
        mode: 'cors',
        cache: 'no-store',
        referrerPolicy: 'no-referrer',
        keepalive,
      }).catch(() => undefined);
    }
  }
}
