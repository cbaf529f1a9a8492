// Decided at first paint, so kept small: whether this visit is in the `sample`, and whether the
// prompt has been seen — at least half of it on screen for a second, in a visible tab. Building
// and sending the count waits in the delivery part (src/delivery/views.ts), loaded only then.
import { safeLocalStorage } from '../delivery/storage.js';

/**
 * Whether this browser is in the sampled share `share` (0–1) of visits for `key` (endpoint and
 * change). The draw is made once and kept in localStorage for `days` days (the `remember`
 * period), so a resident sees the prompt on every page or on none; nothing is stored when every
 * visit is asked (`share` 1, or anything that is not a number below 1) or `days` is 0 (each page
 * load then draws again). The draw never leaves the browser.
 */
export function inSample(key: string, share: number, days: number, now: number = Date.now()): boolean {
  if (!(share < 1)) return true;
  const storage = safeLocalStorage();
  key = `welcomed:sample:${key}`;
  const [draw, drawnAt] = (storage?.getItem(key) ?? '').split(' ').map(Number) as [number, number];
  if (draw >= 0 && draw < 1 && now - drawnAt < days * 864e5) return draw < share;
  const fresh = Math.random();
  try {
    if (days > 0) storage?.setItem(key, `${fresh} ${now}`);
  } catch {
    // Blocked storage only means the next page draws again.
  }
  return fresh < share;
}

/**
 * Calls `seen` once `element` has been at least half in the viewport for a second while the
 * page is visible (a tab in the background never counts); returns a function that stops
 * watching. A prompt never scrolled to is never seen.
 */
export function watchSeen(element: Element, seen: () => void): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let ratio = 0;
  const check = () => {
    clearTimeout(timer);
    if (ratio >= 0.5 && !document.hidden) {
      timer = setTimeout(() => {
        stop();
        seen();
      }, 1000);
    }
  };
  const observer = new IntersectionObserver(
    (entries) => {
      for (const entry of entries) ratio = entry.intersectionRatio;
      check();
    },
    { threshold: 0.5 },
  );
  const stop = () => {
    clearTimeout(timer);
    observer.disconnect();
    document.removeEventListener('visibilitychange', check);
  };
  observer.observe(element);
  document.addEventListener('visibilitychange', check);
  return stop;
}
