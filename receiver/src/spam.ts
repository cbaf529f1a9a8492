// Spam: a filled honeypot, or an answer sooner than `minAnswerMs` after the prompt was shown.
// Such a response is accepted exactly like any other, so a bot learns nothing, and stored with
// the `spam` flag (store/store.ts).
import type { WelcomedResponse } from 'welcomed/contract';

/**
 * True when `response` looks sent by a bot: its honeypot is filled, or it was answered sooner
 * after the prompt appeared than a person could read it (`minAnswerMs`; 0: no minimum). A
 * response without `shownForMs` (an older widget, another client) is judged on the honeypot alone.
 */
export function isSpam(response: WelcomedResponse, minAnswerMs: number): boolean {
  if (typeof response.honeypot === 'string' && response.honeypot.length > 0) return true;
  return minAnswerMs > 0 && typeof response.shownForMs === 'number' && response.shownForMs < minAnswerMs;
}
