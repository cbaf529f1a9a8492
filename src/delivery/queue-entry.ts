// How a waiting response is kept in localStorage: its key and its entry. Shared by the first
// bundle, which writes an answer at once (element/stash.ts), and the delivery part's queue
// (queue.ts), so both write the same thing.
import type { WelcomedResponse } from '../contract/response.js';
import type { Transport } from './send.js';

/** The start of the localStorage keys of the responses waiting for `endpoint`. */
export const queuePrefix = (endpoint: string): string => `welcomed:queue:${endpoint}|`;

/** A response waiting to be delivered. */
export interface QueuedResponse {
  response: WelcomedResponse;
  transport: Transport;
  /** Failed attempts so far. */
  attempts: number;
  /** Backoff: not to be retried before this time (ms since epoch), unless the page is closing. */
  notBefore: number;
  /** The server's `Retry-After`: never sent before this time. */
  retryAfter: number;
  /** When it was first queued. */
  queuedAt: number;
  /** The response's secret, sent with it (see WelcomedResponse.secret); kept apart from it. */
  secret?: string;
}

/**
 * The entry to store for `response`: a new one, or the waiting one with this id updated (keeping
 * its attempts and, when no secret is given, its secret), due at once.
 */
export function queueEntry(
  existing: QueuedResponse | null | undefined,
  response: WelcomedResponse,
  transport: Transport,
  now: number,
  secret?: string,
): QueuedResponse {
  const entry: QueuedResponse = existing
    ? { ...existing, response, transport, notBefore: now }
    : { response, transport, attempts: 0, notBefore: now, retryAfter: 0, queuedAt: now };
  entry.secret = secret ?? entry.secret;
  return entry;
}
