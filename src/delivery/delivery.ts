import type { WelcomedResponse } from '../contract/response.js';
import { retryDelay } from './backoff.js';
import { ResponseQueue, type QueuedResponse } from './queue.js';
import { sendResponse, type Transport } from './send.js';

/** What happened to a response, told to whoever listens. */
export type DeliveryReport =
  | { kind: 'delivered'; id: string }
  | { kind: 'queued'; id: string; reason: string }
  | { kind: 'rejected'; id: string; reason: string; message: string };

/** Receives delivery reports. */
export type DeliveryListener = (report: DeliveryReport) => void;

/** Browsers refuse keepalive requests whose bodies in flight add up to more than this. */
export const KEEPALIVE_BUDGET_BYTES = 64 * 1024;

/**
 * Delivers responses to one endpoint: every response is queued first (so nothing is lost if
 * the page closes mid-send), sent, and removed only once the endpoint accepts it. One per
 * endpoint per page, shared by every prompt posting there.
 */
export class Delivery {
  private readonly queue: ResponseQueue;
  private readonly listeners: DeliveryListener[] = [];
  /** Which listener submitted which response; the rest (earlier page loads) go to the first. */
  private readonly owners = new Map<string, DeliveryListener>();
  /** Ids being sent by this page, and the bodies sent with keepalive still counted against its budget. */
  private readonly inFlight = new Map<string, { keepalive: boolean; bytes: number }>();
  /** Ids another tab was sending when this page tried, and when to look again. */
  private readonly sentElsewhere = new Map<string, number>();
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(readonly endpoint: string) {
    this.queue = new ResponseQueue(endpoint);
  }

  /** Subscribes to reports; returns the unsubscribe function. */
  listen(listener: DeliveryListener): () => void {
    this.listeners.push(listener);
    return () => {
      this.listeners.splice(this.listeners.indexOf(listener) >>> 0, 1);
      for (const [id, owner] of this.owners) if (owner === listener) this.owners.delete(id);
    };
  }

  /**
   * Queues a response (replacing an earlier version with the same id) with its secret, and tries
   * to send it now.
   */
  submit(response: WelcomedResponse, transport: Transport, owner?: DeliveryListener, secret?: string): void {
    if (owner) this.owners.set(response.id, owner);
    this.queue.put(response, transport, undefined, secret);
    void this.flush('now');
  }

  /**
   * Sends what may be sent and is not already on its way. Never before a server's Retry-After.
   * - `due`: only what its backoff allows (the retry timer).
   * - `now`: ignores backoff (the connection is back, the page was restored or loaded).
   * - `closing`: ignores backoff and sends with keepalive, within the browser's keepalive
   *   budget, because the page is being hidden or closed and may never run again.
   */
  async flush(mode: 'due' | 'now' | 'closing' = 'due'): Promise<void> {
    const now = Date.now();
    let budget = KEEPALIVE_BUDGET_BYTES - this.keepaliveBytesInFlight();
    const ready = this.queue.entries(now).filter((entry) => {
      const id = entry.response.id;
      if (this.inFlight.has(id) || entry.retryAfter > now || (this.sentElsewhere.get(id) ?? 0) > now) return false;
      if (mode === 'due') return entry.notBefore <= now;
      if (mode === 'now') return true;
      const bytes = byteLength(JSON.stringify(entry.response));
      if (bytes > budget) return false;
      budget -= bytes;
      return true;
    });
    await Promise.all(ready.map((entry) => this.attempt(entry, mode === 'closing')));
    this.schedule();
  }

  /** Ids of the responses still waiting. */
  pendingIds(): string[] {
    return this.queue.entries().map((entry) => entry.response.id);
  }

  private async attempt(entry: QueuedResponse, keepalive: boolean): Promise<void> {
    const { response, transport } = entry;
    const id = response.id;
    const body = JSON.stringify(response);
    this.inFlight.set(id, { keepalive, bytes: keepalive ? byteLength(body) : 0 });
    try {
      // Another tab of this site may be flushing the same queue: one sender per response.
      // undefined: another tab holds the lock.
      const sent = await withExclusiveLock(`welcomed:${this.endpoint}|${id}`, async () => {
        // Re-read: the other tab may have delivered it, or the user sent a newer version.
        const current = this.queue.get(id);
        if (!current || JSON.stringify(current.response) !== body) return false;
        const outcome = await sendResponse(this.endpoint, response, { transport, keepalive, secret: current.secret });
        switch (outcome.kind) {
          case 'delivered':
            this.queue.remove(id, body);
            this.report({ kind: 'delivered', id });
            break;
          case 'rejected':
            this.queue.remove(id, body);
            this.report({ kind: 'rejected', id, reason: outcome.reason, message: outcome.message });
            break;
          case 'retry': {
            const attempts = current.attempts + 1;
            const now = Date.now();
            const retryAfter = outcome.retryAfterMs === undefined ? 0 : now + outcome.retryAfterMs;
            this.queue.postpone(id, attempts, Math.max(now + retryDelay(attempts), retryAfter), retryAfter);
            this.report({ kind: 'queued', id, reason: outcome.reason });
            break;
          }
        }
        return outcome.kind !== 'retry';
      });
      if (sent === undefined) this.sentElsewhere.set(id, Date.now() + ELSEWHERE_RECHECK_MS);
      // A newer version (the follow-up) may have been queued while this one was in flight.
      const newer = this.queue.get(id);
      if (sent && newer && JSON.stringify(newer.response) !== body) {
        this.inFlight.delete(id);
        await this.attempt(newer, keepalive);
      }
    } finally {
      this.inFlight.delete(id);
    }
  }

  private keepaliveBytesInFlight(): number {
    let bytes = 0;
    for (const flight of this.inFlight.values()) bytes += flight.bytes;
    return bytes;
  }

  private schedule(): void {
    clearTimeout(this.timer);
    // What is in flight reschedules when it lands; waking for it now would spin.
    const waiting = this.queue.entries().filter((entry) => !this.inFlight.has(entry.response.id));
    const next = Math.min(
      ...waiting.map((entry) =>
        Math.max(entry.notBefore, entry.retryAfter, this.sentElsewhere.get(entry.response.id) ?? 0),
      ),
    );
    if (!Number.isFinite(next)) return;
    this.timer = setTimeout(() => void this.flush(), Math.max(0, next - Date.now()));
  }

  private report(report: DeliveryReport): void {
    const owner = this.owners.get(report.id) ?? this.listeners[0];
    if (report.kind !== 'queued') this.owners.delete(report.id);
    owner?.(report);
  }
}

/** How long to leave a response alone that another tab was sending. */
const ELSEWHERE_RECHECK_MS = 5_000;

/**
 * Runs `task` holding a Web Lock named `name`, or returns undefined at once if another tab
 * holds it. Where Web Locks are missing (insecure pages, old browsers) it just runs: the
 * receiver's upsert on `id` still stores a response once.
 */
async function withExclusiveLock<T>(name: string, task: () => Promise<T>): Promise<T | undefined> {
  const locks = (globalThis.navigator as Navigator | undefined)?.locks;
  if (!locks) return task();
  return locks.request(name, { ifAvailable: true }, (lock) => (lock ? task() : undefined));
}

function byteLength(text: string): number {
  return new TextEncoder().encode(text).length;
}

const deliveries = new Map<string, Delivery>();

/** The page's one Delivery for an endpoint. */
export function deliveryFor(endpoint: string): Delivery {
  let delivery = deliveries.get(endpoint);
  if (!delivery) {
    delivery = new Delivery(endpoint);
    deliveries.set(endpoint, delivery);
  }
  return delivery;
}

let watching = false;

/**
 * Retries every endpoint's queue when the connection comes back or the page is restored from
 * the back/forward cache, and flushes with keepalive when the page is hidden or closed.
 * Installed once, by the first prompt that connects.
 */
export function watchPageLifecycle(): void {
  if (watching) return;
  watching = true;
  const flushAll = (mode: 'now' | 'closing') => {
    for (const delivery of deliveries.values()) void delivery.flush(mode);
  };
  addEventListener('online', () => flushAll('now'));
  addEventListener('pageshow', (event) => {
    if (event.persisted) flushAll('now');
  });
  addEventListener('pagehide', () => flushAll('closing'));
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'hidden') flushAll('closing');
  });
}
