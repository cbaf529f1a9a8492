// Shared helpers for the browser tests: the real receiver, polling, axe.
import 'axe-core/axe.min.js';
import { fixture, html } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import type { WelcomedResponse } from '../../src/contract/response.js';
import type { WelcomedPrompt } from '../../src/element/welcomed-prompt.js';

declare global {
  interface Window {
    axe: typeof import('axe-core');
  }
}

/** A stored response as `GET /api/responses` returns it. */
export type StoredResponse = WelcomedResponse & { receivedAt: string };

/** Where the real receiver listens (another origin than the test page). */
export async function receiverEndpoint(): Promise<string> {
  const info = await executeServerCommand<{ endpoint: string }, undefined>('receiver-info');
  return info!.endpoint;
}

/** What the receiver has stored for a change. */
export async function storedResponses(change: string): Promise<StoredResponse[]> {
  return (await executeServerCommand<StoredResponse[], { change: string }>('receiver-responses', { change })) ?? [];
}

/** Every request that reached the receiver so far. */
export async function receiverRequests(): Promise<{ method: string; url: string; origin?: string; contentType?: string }[]> {
  return (await executeServerCommand('receiver-requests')) ?? [];
}

// A failed comparison of DOM nodes (expect(element).to.equal(other)) hangs the runner while it
// serialises the error's actual and expected values (the nodes, shadow roots, the page): keep
// their description in the message, drop the values themselves.
afterEach(function () {
  const error = this.currentTest?.err as (Error & { actual?: unknown; expected?: unknown }) | undefined;
  if (error && (error.actual instanceof Node || error.expected instanceof Node)) {
    delete error.actual;
    delete error.expected;
  }
});

/** The browser engine this run's tests are in. */
export const engine: 'chromium' | 'firefox' | 'webkit' = /Firefox\//.test(navigator.userAgent)
  ? 'firefox'
  : /Chrome\//.test(navigator.userAgent)
    ? 'chromium'
    : 'webkit';

/** What a test may say to the keyboard: one key, some text, or a key held down or let go. */
export type KeyboardPayload = { press: string } | { type: string } | { down: string } | { up: string };

/**
 * Real key presses, the same in every engine (test/support/input-plugin.js): the runner's own
 * `sendKeys` lacks "Space" in Firefox and chords and repeated letters in WebKit.
 */
export async function sendKeys(payload: KeyboardPayload): Promise<void> {
  await executeServerCommand('keyboard', payload);
}

/**
 * Sets the page's viewport. WebKit's window cannot be narrower than about 450 px: it returns
 * the size it got.
 */
export async function setViewport(viewport: { width: number; height: number }): Promise<{ width: number; height: number }> {
  const got = await executeServerCommand<{ width: number; height: number } | true, typeof viewport>('viewport', viewport);
  return got === true || !got ? viewport : got;
}

/**
 * `it`, in Chromium only: for what needs Chrome's DevTools protocol (the accessibility tree,
 * emulated media features). Such tests say "(Chromium)" in their names.
 */
export const itInChromium: Mocha.TestFunction = (engine === 'chromium' ? it : it.skip) as Mocha.TestFunction;

/**
 * The accessible name the browser computed for `element` (test/support/accessible-name-plugin.js),
 * in Chromium and WebKit; Firefox over WebDriver BiDi cannot say, so use `itWhereNamesAreComputed`.
 */
export async function accessibleName(element: Element): Promise<string> {
  element.setAttribute('data-name-probe', '');
  try {
    const reply = await executeServerCommand<{ name: string | null }, undefined>('accessible-name');
    if (reply?.name == null) throw new Error(`the accessible name cannot be read in ${engine}`);
    return reply.name;
  } finally {
    element.removeAttribute('data-name-probe');
  }
}

/** `it`, where the browser can tell the tests an accessible name: Chromium and WebKit. */
export const itWhereNamesAreComputed: Mocha.TestFunction = (engine === 'firefox' ? it.skip : it) as Mocha.TestFunction;

// Captured before any test installs a fake clock, so polling keeps real time.
const realSetTimeout = globalThis.setTimeout.bind(globalThis);

/** Waits real milliseconds, whatever the test did to the clock. */
export function realDelay(ms: number): Promise<void> {
  return new Promise((resolve) => realSetTimeout(resolve, ms));
}

/** What the fault proxy in front of the receiver should do with the next POSTs. */
export type Fault = { status: number; retryAfter?: string } | { hang: true } | { reset: true };

/** The fault proxy's endpoint: it forwards to the real receiver unless told to fail. */
export async function proxyEndpoint(): Promise<string> {
  const info = await executeServerCommand<{ endpoint: string }, undefined>('proxy-info');
  return info!.endpoint;
}

/** Tells the proxy how to fail the next POSTs (then it passes them through), and clears its log. */
export async function planFaults(faults: Fault[]): Promise<void> {
  await executeServerCommand<boolean, { faults: Fault[] }>('proxy-plan', { faults });
}

/** What the proxy saw since the last plan: method and what it did (`pass`, `status-503`, …). */
export async function proxyLog(): Promise<{ method: string; fault: string }[]> {
  return (await executeServerCommand<{ method: string; fault: string }[], undefined>('proxy-log')) ?? [];
}

/** Ends requests the proxy is holding open. */
export async function releaseHangingRequests(): Promise<void> {
  await executeServerCommand<boolean, undefined>('proxy-release');
}

let counter = 0;
/** A change id no other test uses, so each test reads only its own rows. */
export function uniqueChange(label: string): string {
  counter += 1;
  return `${label}-${Date.now().toString(36)}-${counter}`;
}

/** Polls until `check` returns a truthy value, or fails after `timeoutMs`. */
export async function waitFor<T>(check: () => T | Promise<T>, what: string, timeoutMs = 5000): Promise<NonNullable<T>> {
  // performance.now(), not Date: a test may have faked the clock.
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value as NonNullable<T>;
    if (performance.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await realDelay(25);
  }
}

/**
 * A prompt with these attributes (and, if given, a JSON config child) under a heading on a fresh
 * fixture, once its question is on screen.
 */
export async function promptOnPage(attributes: Record<string, string>, jsonConfig?: unknown): Promise<WelcomedPrompt> {
  const page = await fixture<HTMLDivElement>(html`<div><h1>Garden waste</h1></div>`);
  const element = document.createElement('welcomed-prompt');
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
  if (jsonConfig !== undefined) {
    const script = document.createElement('script');
    script.type = 'application/json';
    script.textContent = JSON.stringify(jsonConfig);
    element.append(script);
  }
  page.append(element);
  await waitFor(() => element.shadowRoot?.querySelector('legend'), 'the prompt');
  return element;
}

/** The element inside the prompt's shadow root that matches `selector`. */
export function part<T extends Element = HTMLElement>(prompt: WelcomedPrompt, selector: string): T {
  const found = prompt.shadowRoot!.querySelector<T>(selector);
  if (!found) throw new Error(`no ${selector} in the prompt`);
  return found;
}

/** The element that has focus, looking into shadow roots. */
export function deepActiveElement(): Element | null {
  let active: Element | null = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

/** axe-core rule tags the project holds itself to. */
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

/** Runs axe-core on an element (and its shadow root) and fails with readable violations. */
export async function expectAccessible(element: Element): Promise<void> {
  const results = await window.axe.run(element, { runOnly: { type: 'tag', values: AXE_TAGS } });
  // A snippet of the page around a component is not a whole page: these rules judge the page.
  const pageRules = new Set(['region', 'landmark-one-main', 'page-has-heading-one']);
  const violations = results.violations.filter((violation) => !pageRules.has(violation.id));
  if (violations.length) {
    const lines = violations.map(
      (violation) =>
        `${violation.id} (${violation.impact}): ${violation.help}\n` +
        violation.nodes.map((node) => `    ${node.target.join(' ')}: ${node.failureSummary}`).join('\n'),
    );
    throw new Error(`axe-core found ${violations.length} violation(s):\n${lines.join('\n')}`);
  }
}
