import type { WelcomedResponse } from '../contract/response.js';
import { retryDelay } from './backoff.js';
import { QUEUE_MAX_ENTRIES, ResponseQueue, type QueuedResponse } from './queue.js';
import { sendResponse, type Transport } from './send.js';
import { sendViews } from './views.js';

export { countView } from './views.js';

/** What happened to a response, told to whoever listens. */
export type DeliveryReport =
  | { kind: 'delivered'; id: string }
  | { kind: 'queued'; id: string; reason: string }
  | { kind: 'rejected'; id: string; reason: string; message: string }
  /** Given up unsent because this browser's queue for the endpoint was full (QUEUE_MAX_ENTRIES). */
  | { kind: 'given-up'; id: string; reason: string };

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
  private readonly inFlight = new Map<string, Flight>();
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
    // The views counted so far go with the answer.
    sendViews(false);
    // The queue's bound was reached (this browser has 100 answers waiting for this endpoint):
    // the oldest is given up, which the web team must be able to see.
    for (const id of this.queue.put(response, transport, undefined, secret)) {
      const reason = `queue-full: ${QUEUE_MAX_ENTRIES} answers were waiting for this endpoint, so the oldest (${id}) was given up`;
      (owner ?? this.listeners[0])?.({ kind: 'given-up', id, reason });
    }
    void this.flush('now');
  }

  /**
   * Sends what may be sent and is not already on its way. Never before a server's Retry-After.
   * - `due`: only what its backoff allows (the retry timer).
   * - `now`: ignores backoff, and another tab's earlier hold on a response (the connection is
   *   back, the page was restored or loaded).
   * - `closing`: ignores backoff and another tab's hold, and sends with keepalive, within the
   *   browser's keepalive budget, because the page is being hidden or closed and may never run
   *   again. Every request starts before this returns, without waiting for a Web Lock (which
   *   the browser could grant only once the page is gone); sends already on their way without
   *   keepalive, which die with the page, are made again with it. A second sender is harmless:
   *   receivers upsert on `id`.
   */
  async flush(mode: 'due' | 'now' | 'closing' = 'due'): Promise<void> {
    const now = Date.now();
    const closing = mode === 'closing';
    let budget = KEEPALIVE_BUDGET_BYTES - this.keepaliveBytesInFlight();
    const ready = this.queue.entries(now).filter((entry) => {
      const id = entry.response.id;
      const flight = this.inFlight.get(id);
      if ((flight && !(closing && !flight.keepalive)) || entry.retryAfter > now) return false;
      if (mode === 'due') return entry.notBefore <= now && (this.sentElsewhere.get(id) ?? 0) <= now;
      if (mode === 'now') return true;
      const bytes = byteLength(JSON.stringify(entry.response));
      if (bytes > budget) return false;
      budget -= bytes;
      return true;
    });
    await Promise.all(ready.map((entry) => this.attempt(entry, closing)));
    this.schedule();
  }

  /** Ids of the responses still waiting. */
  pendingIds(): string[] {
    return this.queue.entries().map((entry) => entry.response.id);
  }

  private async attempt(entry: QueuedResponse, keepalive: boolean): Promise<void> {
    const id = entry.response.id;
    const body = JSON.stringify(entry.response);
    const flight: Flight = { keepalive, bytes: keepalive ? byteLength(body) : 0, superseded: false };
    const earlier = this.inFlight.get(id);
    if (earlier) earlier.superseded = true;
    this.inFlight.set(id, flight);
    try {
      // Leaving: the request must start in this very task, so no lock. Otherwise another tab of
      // this site may be flushing the same queue: one sender per response (undefined: another
      // tab holds the lock).
      const sent = keepalive
        ? await this.send(entry, body, flight)
        : await withExclusiveLock(`welcomed:${this.endpoint}|${id}`, () => this.send(entry, body, flight));
      if (sent === undefined) this.sentElsewhere.set(id, Date.now() + ELSEWHERE_RECHECK_MS);
      // A newer version (the follow-up) may have been queued while this one was in flight.
      const newer = this.queue.get(id);
      if (sent && !flight.superseded && newer && JSON.stringify(newer.response) !== body) {
        this.inFlight.delete(id);
        await this.attempt(newer, keepalive);
      }
    } finally {
      if (this.inFlight.get(id) === flight) this.inFlight.delete(id);
    }
  }

  /**
   * Sends one version of a response, if it is still the one queued, and records the outcome.
   * Returns whether it is done with (delivered or refused). A send superseded by a keepalive
   * one for the same response, as the page was leaving, leaves the outcome to that one.
   */
  private async send(entry: QueuedResponse, body: string, flight: Flight): Promise<boolean> {
    const { response, transport } = entry;
    const id = response.id;
    // Re-read: another tab may have delivered it, or the user sent a newer version.
    const current = this.queue.get(id);
    if (!current || JSON.stringify(current.response) !== body) return false;
    const outcome = await sendResponse(this.endpoint, response, { transport, keepalive: flight.keepalive, secret: current.secret });
    if (flight.superseded) return outcome.kind !== 'retry';
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

/** One send of a response by this page. */
interface Flight {
  keepalive: boolean;
  /** Bytes counted against the keepalive budget while it is on its way. */
  bytes: number;
  /** Sent again with keepalive as the page was leaving: the later send reports the outcome. */
  superseded: boolean;
}

/** Resolves when the page is next hidden for good (pagehide). */
let pageHidden: Promise<void>;
let hidePage: () => void;
function awaitNextPageHide(): void {
  pageHidden = new Promise((resolve) => (hidePage = resolve));
}
awaitNextPageHide();

/**
 * Runs `task` holding a Web Lock named `name`, or returns undefined at once if another tab
 * holds it. The lock is let go when the page is hidden for good, even mid-task: a page kept in
 * the back/forward cache runs no script, so a lock it held would stop every other page of the
 * site sending that response until it came back. Where Web Locks are missing (insecure pages,
 * old browsers) it just runs: the receiver's upsert on `id` still stores a response once.
 */
async function withExclusiveLock<T>(name: string, task: () => Promise<T>): Promise<T | undefined> {
  const locks = (globalThis.navigator as Navigator | undefined)?.locks;
  if (!locks) return task();
  let running: Promise<T> | undefined;
  await locks.request(name, { ifAvailable: true }, (lock) => {
    if (!lock) return;
    running = task();
    return Promise.race([running, pageHidden]);
  });
  return running;
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
 * the back/forward cache, and flushes with keepalive when the page is hidden or closed (and
 * lets go of its Web Locks when it is hidden for good). Installed once, by the first prompt
 * that connects.
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
  addEventListener('pagehide', () => {
    sendViews(true);
    flushAll('closing');
    hidePage();
    awaitNextPageHide();
  });
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'hidden') {
      sendViews(true);
      flushAll('closing');
    }
  });
}
