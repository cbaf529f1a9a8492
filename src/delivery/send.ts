import { redactPage } from '../contract/redact-response.js';
import type { WelcomedResponse } from '../contract/response.js';
import { retryAfterDelay } from './backoff.js';

/** How a response is sent: `json` (`application/json`) or `simple` (`text/plain`, no CORS preflight). */
export type Transport = 'json' | 'simple';

/** A send gives up after this long and counts as a network failure. */
export const SEND_TIMEOUT_MS = 10_000;

/** What one attempt to send a response came to. */
export type SendOutcome =
  | { kind: 'delivered'; status: number }
  | { kind: 'retry'; reason: string; retryAfterMs?: number }
  | { kind: 'rejected'; reason: string; message: string };

/** Options of one send. */
export interface SendOptions {
  transport: Transport;
  /** Lets the request outlive the page (used when the page is being hidden). */
  keepalive?: boolean;
  timeoutMs?: number;
  now?: () => number;
  /** The response's secret (proof of authorship), added to the body here and nowhere else. */
  secret?: string;
}

// Statuses worth trying again: the server may accept the same body later.
const RETRYABLE = new Set([408, 425, 429]);

/**
 * POSTs one response, its page address redacted (`…/bin-day/[postcode]/`: see redactPage).
 * Never throws: every failure is an outcome.
 */
export async function sendResponse(
  endpoint: string,
  response: WelcomedResponse,
  options: SendOptions,
): Promise<SendOutcome> {
  const controller = new AbortController();
  const timeout = setTimeout(() => controller.abort(), options.timeoutMs ?? SEND_TIMEOUT_MS);
  const now = options.now ?? Date.now;
  try {
    const reply = await fetch(endpoint, {
      method: 'POST',
      // The address is redacted here, as it leaves the browser, because the answer is queued
      // before the redaction code (loaded with this module) is there.
      // The secret joins the body only here, so the response the prompt's events carry never has it.
      body: JSON.stringify({ ...response, page: redactPage(response.page), secret: options.secret }),
      headers: { 'Content-Type': options.transport === 'simple' ? 'text/plain;charset=UTF-8' : 'application/json' },
      credentials: 'omit',
      mode: 'cors',
      cache: 'no-store',
      referrerPolicy: 'no-referrer',
      keepalive: options.keepalive ?? false,
      signal: controller.signal,
    });
    if (reply.ok) return { kind: 'delivered', status: reply.status };
    if (RETRYABLE.has(reply.status) || reply.status >= 500) {
      const retryAfterMs = retryAfterDelay(reply.headers.get('Retry-After'), now());
      return { kind: 'retry', reason: `http-${reply.status}`, ...(retryAfterMs === undefined ? {} : { retryAfterMs }) };
    }
    return { kind: 'rejected', reason: `http-${reply.status}`, message: await serverMessage(reply) };
  } catch {
    return { kind: 'retry', reason: controller.signal.aborted ? 'timeout' : 'network' };
  } finally {
    clearTimeout(timeout);
  }
}

// The receiver explains a refusal in JSON `{ message }`; other servers may send text.
// Only ever shown as text, and kept short.
async function serverMessage(reply: Response): Promise<string> {
  try {
    const text = (await reply.text()).slice(0, 2000);
    try {
      const body: unknown = JSON.parse(text);
      if (body && typeof body === 'object' && typeof (body as { message?: unknown }).message === 'string') {
        return (body as { message: string }).message.slice(0, 500);
      }
    } catch {
      // not JSON: fall through to the text itself
    }
    return text.slice(0, 500) || reply.statusText;
  } catch {
    return reply.statusText;
  }
}
