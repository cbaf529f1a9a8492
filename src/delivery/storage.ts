/** `localStorage`, or null where the browser blocks it (privacy settings, sandboxed frames). */
export function safeLocalStorage(): Storage | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null;
  }
}
