// The delivery promise, proved against real failures: a real proxy in front of the real
// receiver fails the way each test asks (status codes, Retry-After, hangs, resets). Only the
// clock is faked, so backoff and timeouts can be stepped through.
import { expect, fixture, fixtureCleanup, html } from '@open-wc/testing';
import sinon from 'sinon';
import '../src/index.js';
import { Delivery, deliveryFor, KEEPALIVE_BUDGET_BYTES, watchPageLifecycle } from '../src/delivery/delivery.js';
import { QUEUE_MAX_AGE_MS, QUEUE_MAX_ENTRIES, ResponseQueue } from '../src/delivery/queue.js';
import { sendResponse } from '../src/delivery/send.js';
import { buildResponse, newResponseId } from '../src/element/payload.js';
import type { WelcomedResponse } from '../src/contract/response.js';
import type { WelcomedPrompt } from '../src/element/welcomed-prompt.js';
import {
  part,
  planFaults,
  proxyEndpoint,
  proxyLog,
  realDelay,
  receiverEndpoint,
  releaseHangingRequests,
  storedResponses,
  uniqueChange,
  waitFor,
  type Fault,
} from './support/helpers.js';

let endpoint = '';
let clock: sinon.SinonFakeTimers | undefined;

before(async () => {
  endpoint = await proxyEndpoint();
});

beforeEach(() => localStorage.clear());

afterEach(async () => {
  clock?.restore();
  clock = undefined;
  await releaseHangingRequests();
  await planFaults([]);
  fixtureCleanup();
  localStorage.clear();
});

function fakeClock(): sinon.SinonFakeTimers {
  // Only timers and Date: performance.now() stays real for the tests' own polling.
  clock = sinon.useFakeTimers({ now: Date.now(), toFake: ['setTimeout', 'clearTimeout', 'Date'] });
  return clock;
}

/** Lets real network work happen while the fake clock stands still. */
async function settle(ms = 150): Promise<void> {
  await realDelay(ms);
}

/** Waits (in real time) until the delivery has set its retry timer on the fake clock. */
async function retryTimerSet(): Promise<void> {
  await waitFor(() => clock!.countTimers() > 0, 'the retry timer');
}

async function answeredPrompt(change: string, faults: Fault[]): Promise<{ element: WelcomedPrompt; events: CustomEvent[] }> {
  await planFaults(faults);
  const element = await fixture<WelcomedPrompt>(html`
    <welcomed-prompt endpoint=${endpoint} change=${change} follow-up=""></welcomed-prompt>
  `);
  const events: CustomEvent[] = [];
  for (const type of ['welcomed-answer', 'welcomed-delivered', 'welcomed-queued', 'welcomed-error']) {
    element.addEventListener(type, (event) => events.push(event as CustomEvent));
  }
  part<HTMLButtonElement>(element, 'button[data-answer="yes"]').click();
  return { element, events };
}

const posts = async () => (await proxyLog()).filter((entry) => entry.method === 'POST');
const queuedKeys = () => Object.keys(localStorage).filter((key) => key.startsWith('welcomed:queue:'));
const named = (events: CustomEvent[], type: string) => events.filter((event) => event.type === type);

describe('delivery: what leaves the browser', () => {
  it('sends the page address with personal data in its path redacted', async () => {
    const change = uniqueChange('page-path');
    const page = `${location.origin}/bin-day/SW1A%201AA/jo.bloggs@example.org/week-2`;
    const response = buildResponse({ id: newResponseId(), change, answer: 'yes', locale: 'en', page, answeredAt: new Date() });
    const outcome = await sendResponse(await receiverEndpoint(), response, { transport: 'json' });
    expect(outcome.kind).to.equal('delivered');
    const [stored] = await storedResponses(change);
    expect(stored!.page).to.equal(`${location.origin}/bin-day/[postcode]/[email]/week-2`);
    expect(response.page, 'the response itself, as queued, is not changed').to.equal(page);
  });
});

describe('delivery: failures that are retried', () => {
  const retryable: [string, Fault, string][] = [
    ['a 500', { status: 500 }, 'http-500'],
    ['a 502', { status: 502 }, 'http-502'],
    ['a 408', { status: 408 }, 'http-408'],
    ['a connection reset', { reset: true }, 'network'],
  ];
  for (const [name, fault, reason] of retryable) {
    it(`keeps the answer after ${name}, says so, and delivers it on the backoff retry`, async () => {
      const change = uniqueChange('retry');
      fakeClock();
      const { element, events } = await answeredPrompt(change, [fault]);
      await waitFor(() => named(events, 'welcomed-queued').length === 1, 'welcomed-queued');
      expect(named(events, 'welcomed-queued')[0]!.detail.reason).to.equal(reason);
      await element.updateComplete;
      expect(part(element, '[role="status"]').textContent?.trim()).to.equal(
        'Your answer is saved on this device and will be sent when the connection is back.',
      );
      expect(queuedKeys()).to.have.length(1);
      await retryTimerSet();

      // Full jitter: the first retry comes within the 2 s base.
      await clock!.tickAsync(2_000);
      await waitFor(() => named(events, 'welcomed-delivered').length === 1, 'welcomed-delivered');
      expect(named(events, 'welcomed-delivered')[0]!.detail.id).to.equal(named(events, 'welcomed-answer')[0]!.detail.id);
      expect((await storedResponses(change)).length).to.equal(1);
      expect(queuedKeys()).to.deep.equal([]);
      expect((await posts()).map((entry) => entry.fault)).to.deep.equal([fault && 'status' in fault ? `status-${fault.status}` : 'reset', 'pass']);
    });
  }

  it('gives up waiting after 10 s and retries a request that hangs', async () => {
    const change = uniqueChange('hang');
    fakeClock();
    const { events } = await answeredPrompt(change, [{ hang: true }]);
    await waitFor(async () => (await posts()).length === 1, 'the hanging POST to reach the proxy');
    await clock!.tickAsync(9_900);
    await settle();
    expect(named(events, 'welcomed-queued')).to.have.length(0);
    await clock!.tickAsync(200);
    await waitFor(() => named(events, 'welcomed-queued').length === 1, 'the timeout');
    expect(named(events, 'welcomed-queued')[0]!.detail.reason).to.equal('timeout');
    await retryTimerSet();
    await clock!.tickAsync(2_000);
    await waitFor(() => named(events, 'welcomed-delivered').length === 1, 'delivery after the timeout');
    expect((await storedResponses(change)).length).to.equal(1);
  });

  it('never retries before a Retry-After given in seconds', async () => {
    const change = uniqueChange('retry-after');
    fakeClock();
    const { events } = await answeredPrompt(change, [{ status: 503, retryAfter: '120' }]);
    await waitFor(() => named(events, 'welcomed-queued').length === 1, 'welcomed-queued');
    await clock!.tickAsync(119_000);
    window.dispatchEvent(new Event('online'));
    await settle();
    expect(await posts()).to.have.length(1);
    await clock!.tickAsync(3_000);
    await waitFor(() => named(events, 'welcomed-delivered').length === 1, 'delivery after Retry-After');
    expect((await storedResponses(change)).length).to.equal(1);
  });

  it('never retries before a Retry-After given as an HTTP date, after a 429', async () => {
    const change = uniqueChange('retry-date');
    const startedAt = Date.now();
    fakeClock();
    const retryAt = new Date(startedAt + 60_000).toUTCString();
    const { events } = await answeredPrompt(change, [{ status: 429, retryAfter: retryAt }]);
    await waitFor(() => named(events, 'welcomed-queued').length === 1, 'welcomed-queued');
    expect(named(events, 'welcomed-queued')[0]!.detail.reason).to.equal('http-429');
    await clock!.tickAsync(55_000);
    await settle();
    expect(await posts()).to.have.length(1);
    await clock!.tickAsync(10_000);
    await waitFor(() => named(events, 'welcomed-delivered').length === 1, 'delivery after the date');
  });

  it('backs off exponentially while the endpoint keeps failing, each wait within its ceiling', async () => {
    const change = uniqueChange('backoff');
    fakeClock();
    const failures: Fault[] = Array.from({ length: 5 }, () => ({ status: 503 }));
    const { events } = await answeredPrompt(change, failures);
    for (let attempt = 1; attempt <= 5; attempt += 1) {
      await waitFor(() => named(events, 'welcomed-queued').length === attempt, `failure ${attempt}`);
      await retryTimerSet();
      // Step the fake clock a little at a time, so a retry in flight is not timed out by the
      // clock rushing past it, until the retry reaches the proxy.
      const failedAt = Date.now();
      const ceiling = 2_000 * 2 ** (attempt - 1);
      while ((await posts()).length === attempt && Date.now() - failedAt <= ceiling) {
        await clock!.tickAsync(250);
        await settle(20);
      }
      expect(Date.now() - failedAt, `wait before retry ${attempt}`).to.be.at.most(ceiling + 250);
    }
    await waitFor(() => named(events, 'welcomed-delivered').length === 1, 'delivery after five failures');
    expect((await posts()).length).to.equal(6);
    expect((await storedResponses(change)).length).to.equal(1);
  });

  it('retries at once when the connection comes back, without waiting for the backoff', async () => {
    const change = uniqueChange('online');
    fakeClock();
    const { events } = await answeredPrompt(change, [{ reset: true }]);
    await waitFor(() => named(events, 'welcomed-queued').length === 1, 'welcomed-queued');
    window.dispatchEvent(new Event('online'));
    await waitFor(() => named(events, 'welcomed-delivered').length === 1, 'delivery on online');
  });

  it('sends at once when the page is hidden, and when it is restored from the back/forward cache', async () => {
    const change = uniqueChange('pagehide');
    fakeClock();
    const { events } = await answeredPrompt(change, [{ reset: true }, { reset: true }]);
    await waitFor(() => named(events, 'welcomed-queued').length === 1, 'welcomed-queued');
    window.dispatchEvent(new PageTransitionEvent('pagehide', { persisted: true }));
    await waitFor(() => named(events, 'welcomed-queued').length === 2, 'the send on pagehide');
    window.dispatchEvent(new PageTransitionEvent('pageshow', { persisted: true }));
    await waitFor(() => named(events, 'welcomed-delivered').length === 1, 'delivery on pageshow');
  });
});

describe('delivery: when the page is closing', () => {
  it('sends with keepalive only as much as the 64 KiB keepalive budget allows', async () => {
    const change = uniqueChange('budget');
    const queue = new ResponseQueue(endpoint);
    // 25 responses of about 3.7 KB each (1,200 three-byte characters), all waiting on backoff.
    const comment = 'ŵ'.repeat(400) + '€'.repeat(400) + 'ŷ'.repeat(400);
    for (let index = 0; index < 25; index += 1) {
      const response = {
        ...buildResponse({ id: newResponseId(), change, answer: 'yes', locale: 'cy', page: `${location.origin}/`, answeredAt: new Date() }),
        comment,
      };
      queue.put(response, 'json');
      queue.postpone(response.id, 1, Date.now() + 3_600_000, 0);
    }
    const bytes = new TextEncoder().encode(JSON.stringify(queue.entries()[0]!.response)).length;
    await planFaults([]);
    deliveryFor(endpoint);
    watchPageLifecycle();
    window.dispatchEvent(new PageTransitionEvent('pagehide', { persisted: false }));
    await settle(1_000);
    const sent = (await posts()).length;
    expect(sent).to.equal(Math.floor(KEEPALIVE_BUDGET_BYTES / bytes));
    expect((await storedResponses(change)).length).to.equal(sent);
    // The rest were left for later, not thrown at the browser to be refused.
    const left = queue.entries();
    expect(left).to.have.length(25 - sent);
    expect(left.map((entry) => entry.attempts)).to.deep.equal(left.map(() => 1));
  });
});

describe('delivery: refusals that are final', () => {
  for (const status of [400, 403, 422]) {
    it(`drops the answer after a ${status}, tells the user plainly, and warns with the server's message`, async () => {
      const warnings: string[] = [];
      const original = console.warn;
      console.warn = (...args: unknown[]) => warnings.push(String(args[0]));
      try {
        fakeClock();
        const { element, events } = await answeredPrompt(uniqueChange('final'), [{ status }]);
        await waitFor(() => named(events, 'welcomed-error').length === 1, 'welcomed-error');
        const error = named(events, 'welcomed-error')[0]!;
        expect(error.detail.id).to.equal(named(events, 'welcomed-answer')[0]!.detail.id);
        expect(error.detail.reason).to.equal(`http-${status}: Injected ${status}`);
        expect(queuedKeys()).to.deep.equal([]);
        expect(warnings.some((warning) => warning.includes(`Injected ${status}`))).to.equal(true);
        await element.updateComplete;
        expect(part(element, '[role="status"]').textContent?.trim()).to.match(/^Sorry, your answer could not be sent/);
        await clock!.tickAsync(10 * 60_000);
        await settle();
        expect(await posts()).to.have.length(1);
      } finally {
        console.warn = original;
      }
    });
  }
});

describe('delivery: answers from earlier page loads', () => {
  it('sends them when a page with a prompt for that endpoint loads, and fires welcomed-delivered', async () => {
    const change = uniqueChange('earlier');
    const earlier: WelcomedResponse = buildResponse({
      id: newResponseId(),
      change,
      answer: 'no',
      locale: 'en',
      page: `${location.origin}/bins`,
      answeredAt: new Date(Date.now() - 60_000),
    });
    // What a previous page left behind when it closed before the send went through.
    new ResponseQueue(new URL(endpoint).href).put(earlier, 'json', Date.now() - 60_000);
    await planFaults([]);
    const delivered = new Promise<CustomEvent>((resolve) => document.addEventListener('welcomed-delivered', resolve as EventListener, { once: true }));
    await fixture(html`<welcomed-prompt endpoint=${endpoint} change=${uniqueChange('other')}></welcomed-prompt>`);
    expect((await delivered).detail.id).to.equal(earlier.id);
    const stored = await storedResponses(change);
    expect(stored.map((row) => row.id)).to.deep.equal([earlier.id]);
    expect(queuedKeys()).to.deep.equal([]);
  });
});

describe('delivery: a full queue', () => {
  it(`gives up the oldest answer when ${QUEUE_MAX_ENTRIES} are waiting, and says so with welcomed-error`, async () => {
    // An endpoint of its own that always answers 503, so these sends never reach the proxy
    // the other tests count requests on.
    const down = `${location.origin}/fault/503`;
    // What this browser left behind: as many unsent answers for the endpoint as the queue keeps.
    const queue = new ResponseQueue(down);
    const waiting: string[] = [];
    for (let index = 0; index < QUEUE_MAX_ENTRIES; index += 1) {
      const earlier = buildResponse({
        id: newResponseId(),
        change: uniqueChange('full'),
        answer: 'no',
        locale: 'en',
        page: `${location.origin}/bins`,
        answeredAt: new Date(Date.now() - 60_000),
      });
      waiting.push(earlier.id);
      queue.put(earlier, 'json', Date.now() - 60_000 + index);
    }
    const warnings: string[] = [];
    const warn = console.warn;
    console.warn = (...args: unknown[]) => warnings.push(String(args[0]));
    try {
      const element = await fixture<WelcomedPrompt>(html`<welcomed-prompt endpoint=${down} change=${uniqueChange('full-new')} follow-up=""></welcomed-prompt>`);
      const events: CustomEvent[] = [];
      element.addEventListener('welcomed-error', (event) => events.push(event));
      part<HTMLButtonElement>(element, 'button[data-answer="yes"]').click();
      await waitFor(() => named(events, 'welcomed-error').length > 0, 'welcomed-error');
      const errors = named(events, 'welcomed-error');
      expect(errors.map((event) => event.detail.id)).to.deep.equal([waiting[0]]);
      expect(errors[0]!.detail.reason).to.match(/^queue-full: 100 answers were waiting/);
    } finally {
      console.warn = warn;
    }
    expect(warnings.some((line) => line.includes(`the oldest (${waiting[0]}) was given up`))).to.equal(true);
    expect(queuedKeys()).to.have.length(QUEUE_MAX_ENTRIES);
    expect(queuedKeys().some((key) => key.endsWith(waiting[0]!))).to.equal(false);
  });
});

describe('delivery: two senders, one queue', () => {
  it('never has two senders post the same response at once (Web Locks), and stores it once', async () => {
    const change = uniqueChange('tabs');
    const queue = new ResponseQueue(endpoint);
    const responses = Array.from({ length: 5 }, () =>
      buildResponse({ id: newResponseId(), change, answer: 'yes', locale: 'en', page: `${location.origin}/`, answeredAt: new Date() }),
    );
    for (const response of responses) queue.put(response, 'json');
    await planFaults([]);
    // Two Delivery objects sharing one storage and one origin's locks: as two tabs would.
    const first = new Delivery(endpoint);
    const second = new Delivery(endpoint);
    await Promise.all([first.flush('now'), second.flush('now')]);
    expect((await posts()).length).to.equal(5);
    expect((await storedResponses(change)).length).to.equal(5);
    expect(queuedKeys()).to.deep.equal([]);
  });

  it('keeps a newer version queued while an older one is in flight, and sends it after', async () => {
    const change = uniqueChange('newer');
    fakeClock();
    const element = await fixture<WelcomedPrompt>(html`
      <welcomed-prompt endpoint=${endpoint} change=${change}></welcomed-prompt>
    `);
    await planFaults([{ hang: true }]);
    part<HTMLButtonElement>(element, 'button[data-answer="yes"]').click();
    const textarea = await waitFor(() => element.shadowRoot!.querySelector('textarea'), 'the comment step');
    textarea.value = 'Sent while the answer was still on its way';
    textarea.dispatchEvent(new Event('input'));
    part<HTMLButtonElement>(element, 'button[type="submit"]').click();
    await settle();
    await clock!.tickAsync(10_000);
    await retryTimerSet();
    await clock!.tickAsync(2_000);
    const stored = await waitFor(async () => (await storedResponses(change)).find((row) => row.comment), 'the comment');
    expect(stored.comment).to.equal('Sent while the answer was still on its way');
    expect(queuedKeys()).to.deep.equal([]);
  });
});

describe('delivery: the queue', () => {
  const response = (change: string, offset = 0) =>
    buildResponse({ id: newResponseId(), change, answer: 'yes', locale: 'en', page: 'https://example.gov.uk/', answeredAt: new Date(Date.now() + offset) });

  it(`keeps at most ${QUEUE_MAX_ENTRIES} responses per endpoint, dropping the oldest`, () => {
    const queue = new ResponseQueue('https://bounded.example/api');
    const ids: string[] = [];
    for (let index = 0; index < QUEUE_MAX_ENTRIES + 5; index += 1) {
      const next = response('bounded');
      ids.push(next.id);
      queue.put(next, 'json', 1_000_000 + index);
    }
    const kept = queue.entries(1_000_000 + 200).map((entry) => entry.response.id);
    expect(kept).to.deep.equal(ids.slice(5));
  });

  it('gives up responses older than 30 days', () => {
    const queue = new ResponseQueue('https://aged.example/api');
    const now = Date.now();
    queue.put(response('old'), 'json', now - QUEUE_MAX_AGE_MS - 1);
    const fresh = response('fresh');
    queue.put(fresh, 'json', now - QUEUE_MAX_AGE_MS + 60_000);
    expect(queue.entries(now).map((entry) => entry.response.id)).to.deep.equal([fresh.id]);
  });

  it('keeps working in memory when storage is blocked', () => {
    const queue = new ResponseQueue('https://blocked.example/api', null);
    const kept = response('blocked');
    queue.put(kept, 'simple');
    expect(queue.get(kept.id)?.transport).to.equal('simple');
    expect(queuedKeys()).to.deep.equal([]);
  });

  it('keeps working in memory when storage is full', () => {
    const filler: string[] = [];
    try {
      // Fill this origin's real localStorage until the browser refuses more.
      for (let index = 0; index < 200; index += 1) {
        localStorage.setItem(`filler-${index}`, 'x'.repeat(256 * 1024));
        filler.push(`filler-${index}`);
      }
      expect.fail('localStorage never filled up');
    } catch (error) {
      if ((error as Error).name === 'AssertionError') throw error;
    }
    const queue = new ResponseQueue('https://full.example/api');
    const kept = response('full');
    queue.put(kept, 'json');
    expect(queue.entries().map((entry) => entry.response.id)).to.deep.equal([kept.id]);
    for (const key of filler) localStorage.removeItem(key);
  });
});
