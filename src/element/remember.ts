import { safeLocalStorage } from '../delivery/storage.js';

const DAY_MS = 24 * 60 * 60_000;

function rememberKey(endpoint: string, change: string): string {
  return `welcomed:answered:${endpoint}|${change}`;
}

/** Whether this browser answered about `change` within the last `days` days. */
export function answeredRecently(endpoint: string, change: string, days: number, now: number = Date.now()): boolean {
  if (days <= 0) return false;
  try {
    const answeredAt = Number(safeLocalStorage()?.getItem(rememberKey(endpoint, change)));
    return Number.isFinite(answeredAt) && answeredAt > 0 && now - answeredAt < days * DAY_MS;
  } catch {
    return false;
  }
}

/** Notes that this browser answered about `change`: called only after the user answers. */
export function rememberAnswer(endpoint: string, change: string, days: number, now: number = Date.now()): void {
  if (days <= 0) return;
  try {
    safeLocalStorage()?.setItem(rememberKey(endpoint, change), String(now));
  } catch {
    // Blocked storage only means the question may be asked again.
  }
}
