// What the first bundle needs of the queue (src/delivery/queue.ts, which comes with the delivery
// part): writing an answer to it at once, as the user answers, so that it survives the page
// closing before the delivery code has loaded; and knowing whether anything waits, to load that
// code for a retry. The delivery part then queues the same response again (ResponseQueue.put,
// which also keeps the queue within its bound). Both write the entry of delivery/queue-entry.ts.
import type { WelcomedResponse } from '../contract/response.js';
import { queueEntry, queuePrefix, type QueuedResponse } from '../delivery/queue-entry.js';
import type { Transport } from '../delivery/send.js';
import { safeLocalStorage } from '../delivery/storage.js';

/**
 * Writes `response` to this device's queue for `endpoint` as ResponseQueue.put does: a new entry,
 * or the waiting one with this id updated (keeping its attempts and, when none is given, its
 * secret). Blocked or full storage: the delivery part keeps it in memory once loaded.
 */
export function stashResponse(endpoint: string, response: WelcomedResponse, transport: Transport, secret?: string): void {
  const key = queuePrefix(endpoint) + response.id;
  try {
    const storage = safeLocalStorage();
    const existing = JSON.parse(storage?.getItem(key) || 'null') as QueuedResponse | null;
    storage?.setItem(key, JSON.stringify(queueEntry(existing, response, transport, Date.now(), secret)));
  } catch {
    // The delivery part queues it again, in memory if need be.
  }
}

/** Whether any response waits in this device's queue for `endpoint`. */
export function hasQueued(endpoint: string): boolean {
  try {
    const storage = safeLocalStorage();
    for (let index = 0; storage && index < storage.length; index += 1) {
      if (storage.key(index)?.startsWith(queuePrefix(endpoint))) return true;
    }
  } catch {
    // Blocked storage: nothing waits there.
  }
  return false;
}
