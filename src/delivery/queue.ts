import type { WelcomedResponse } from '../contract/response.js';
import { queueEntry, queuePrefix, type QueuedResponse } from './queue-entry.js';
import type { Transport } from './send.js';
import { safeLocalStorage } from './storage.js';

export { queuePrefix, safeLocalStorage, type QueuedResponse };

/** Most responses kept per endpoint; the oldest goes first. */
export const QUEUE_MAX_ENTRIES = 100;
/** Responses older than this are given up. */
export const QUEUE_MAX_AGE_MS = 30 * 24 * 60 * 60_000;

/**
 * The responses waiting for one endpoint. Each is kept under its own `localStorage` key, so
 * tabs writing different responses at once never overwrite each other, and survives a reload
 * or a closed tab; in memory when storage is blocked or full. Read afresh on every call,
 * because another tab may have changed it.
 */
export class ResponseQueue {
  private readonly memory = new Map<string, string>();
  private readonly prefix: string;

  constructor(
    endpoint: string,
    private storage: Storage | null = safeLocalStorage(),
  ) {
    this.prefix = queuePrefix(endpoint);
  }

  /** Every waiting response, oldest first; drops those past the age limit. */
  entries(now: number = Date.now()): QueuedResponse[] {
    const entries: QueuedResponse[] = [];
    for (const key of this.keys()) {
      const entry = parseEntry(this.getItem(key));
      if (entry && now - entry.queuedAt < QUEUE_MAX_AGE_MS) entries.push(entry);
      else this.removeItem(key);
    }
    return entries.sort((a, b) => a.queuedAt - b.queuedAt);
  }

  /** The waiting response with this id. */
  get(id: string): QueuedResponse | undefined {
    return parseEntry(this.getItem(this.prefix + id)) ?? undefined;
  }

  /**
   * Adds a response, or replaces the waiting one with the same id by this newer version (keeping
   * its secret when none is given). Returns the ids of the oldest responses dropped to stay
   * within QUEUE_MAX_ENTRIES.
   */
  put(response: WelcomedResponse, transport: Transport, now: number = Date.now(), secret?: string): string[] {
    this.setItem(this.prefix + response.id, JSON.stringify(queueEntry(this.get(response.id), response, transport, now, secret)));
    const all = this.entries(now);
    return all.slice(0, Math.max(0, all.length - QUEUE_MAX_ENTRIES)).map((old) => {
      this.removeItem(this.prefix + old.response.id);
      return old.response.id;
    });
  }

  /** Records a failed attempt and when the next may be made. */
  postpone(id: string, attempts: number, notBefore: number, retryAfter: number): void {
    const entry = this.get(id);
    if (!entry) return;
    this.setItem(this.prefix + id, JSON.stringify({ ...entry, attempts, notBefore, retryAfter }));
  }

  /** Removes a response, but only if it is still the version that was sent. */
  remove(id: string, sentBody: string): void {
    const entry = this.get(id);
    if (entry && JSON.stringify(entry.response) === sentBody) this.removeItem(this.prefix + id);
  }

  private keys(): string[] {
    const keys = new Set<string>();
    for (const key of this.memory.keys()) keys.add(key);
    try {
      const storage = this.storage;
      if (storage) {
        for (let index = 0; index < storage.length; index += 1) {
          const key = storage.key(index);
          if (key?.startsWith(this.prefix)) keys.add(key);
        }
      }
    } catch {
      // Blocked mid-session: what is in memory is all there is.
    }
    return [...keys];
  }

  private getItem(key: string): string | null {
    try {
      const stored = this.storage?.getItem(key);
      if (stored != null) return stored;
    } catch {
      // fall back to memory
    }
    return this.memory.get(key) ?? null;
  }

  private setItem(key: string, value: string): void {
    try {
      if (this.storage) {
        this.storage.setItem(key, value);
        this.memory.delete(key);
        return;
      }
    } catch {
      // Full or blocked: keep this one in memory for the life of the page.
    }
    this.memory.set(key, value);
  }

  private removeItem(key: string): void {
    this.memory.delete(key);
    try {
      this.storage?.removeItem(key);
    } catch {
      // nothing to remove from blocked storage
    }
  }
}

function parseEntry(text: string | null): QueuedResponse | null {
  if (!text) return null;
  try {
    const entry = JSON.parse(text) as Partial<QueuedResponse> | null;
    const valid =
      typeof entry?.response?.id === 'string' &&
      typeof entry.attempts === 'number' &&
      typeof entry.notBefore === 'number' &&
      typeof entry.queuedAt === 'number' &&
      (entry.transport === 'json' || entry.transport === 'simple');
    return valid ? ({ retryAfter: 0, ...entry } as QueuedResponse) : null;
  } catch {
    return null;
  }
}
