import type { WelcomedResponse } from '../contract/response.js';

/** Detail of `welcomed-delivered`. */
export interface WelcomedDeliveredDetail {
  /** Id of the response the endpoint accepted. */
  id: string;
}

/** Detail of `welcomed-queued`. */
export interface WelcomedQueuedDetail {
  /** Id of the response kept for retry. */
  id: string;
  /** Why the send failed, e.g. `network`, `timeout`, `http-503`. */
  reason: string;
}

/** Detail of `welcomed-error`. */
export interface WelcomedErrorDetail {
  /** Id of the response the endpoint rejected; absent for configuration errors. */
  id?: string;
  /** What went wrong, in English, for developers. */
  reason: string;
}

/** Detail of `welcomed-dismiss`. */
export interface WelcomedDismissDetail {
  /** Id of the response, if the user had answered before closing. */
  id?: string;
}

/** Every event the element fires, with its detail type. */
export interface WelcomedEventMap {
  'welcomed-answer': CustomEvent<WelcomedResponse>;
  'welcomed-submit': CustomEvent<WelcomedResponse>;
  'welcomed-delivered': CustomEvent<WelcomedDeliveredDetail>;
  'welcomed-queued': CustomEvent<WelcomedQueuedDetail>;
  'welcomed-error': CustomEvent<WelcomedErrorDetail>;
  'welcomed-dismiss': CustomEvent<WelcomedDismissDetail>;
}

/** Name of one of the element's events. */
export type WelcomedEventName = keyof WelcomedEventMap;

/** Detail type of the event named `K`. */
export type WelcomedEventDetail<K extends WelcomedEventName> =
  WelcomedEventMap[K] extends CustomEvent<infer D> ? D : never;

/** Dispatches one of the element's events: always bubbling and composed. */
export function dispatchWelcomedEvent<K extends WelcomedEventName>(
  target: EventTarget,
  name: K,
  detail: WelcomedEventDetail<K>,
): boolean {
  return target.dispatchEvent(new CustomEvent(name, { detail, bubbles: true, composed: true }));
}

declare global {
  // Typed `addEventListener('welcomed-answer', …)` on any element or document.
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- declaration merging needs the empty body
  interface GlobalEventHandlersEventMap extends WelcomedEventMap {}
}
