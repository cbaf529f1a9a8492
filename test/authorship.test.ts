// Proof of authorship, from the page's side: the widget makes a secret with each response and
// sends it with every send, but the page's other scripts never see it — not in the bubbling,
// composed welcomed-* events, not in localStorage once delivered — so a script that learns an id
// from them cannot change the response on the real receiver. (The receiver's rules:
// receiver/test/authorship.test.js.)
import { expect, fixtureCleanup } from '@open-wc/testing';
import '../src/index.js';
import type { WelcomedResponse } from '../src/contract/response.js';
import type { WelcomedPrompt } from '../src/element/welcomed-prompt.js';
import {
  part,
  planFaults,
  promptOnPage,
  proxyEndpoint,
  realDelay,
  receiverEndpoint,
  storedResponses,
  uniqueChange,
  waitFor,
} from './support/helpers.js';

const WELCOMED_EVENTS = ['welcomed-answer', 'welcomed-submit', 'welcomed-delivered', 'welcomed-queued', 'welcomed-error'];

/** Every welcomed-* event that reaches the document, as any script on the page would see it. */
function listenLikeAPageScript(): { events: CustomEvent[]; stop: () => void } {
  const events: CustomEvent[] = [];
  const record = (event: Event) => events.push(event as CustomEvent);
  for (const type of WELCOMED_EVENTS) document.addEventListener(type, record);
  return { events, stop: () => WELCOMED_EVENTS.forEach((type) => document.removeEventListener(type, record)) };
}

const queueEntries = () =>
  Object.keys(localStorage)
    .filter((key) => key.startsWith('welcomed:queue:'))
    .map((key) => JSON.parse(localStorage.getItem(key)!) as { response: WelcomedResponse; secret?: string });

beforeEach(() => localStorage.clear());
afterEach(async () => {
  await planFaults([]);
  fixtureCleanup();
  localStorage.clear();
});

describe('proof of authorship', () => {
  it('keeps the secret out of every event and out of storage once delivered, and a script that knows the id cannot change the response', async () => {
    const change = uniqueChange('authorship');
    const page = listenLikeAPageScript();
    // The first send fails, so the answer waits in the queue where the test can look at it.
    await planFaults([{ status: 503 }]);
    const element: WelcomedPrompt = await promptOnPage({ endpoint: await proxyEndpoint(), change, 'follow-up': 'comment' });
    // As long as a person takes to read the question, so the answer is not judged a bot's: a
    // forged send must not be able to set the spam flag.
    await realDelay(1600);
    part<HTMLButtonElement>(element, 'button[data-answer="yes"]').click();
    await waitFor(() => page.events.some((event) => event.type === 'welcomed-queued'), 'the failed first send');

    const [waiting] = queueEntries();
    expect(typeof waiting?.secret, 'the queued entry holds a secret').to.equal('string');
    const secret = waiting!.secret!;
    expect(/^[0-9a-f-]{36}$/.test(secret), secret).to.equal(true);
    expect(secret).not.to.equal(waiting!.response.id);
    expect(waiting!.response).not.to.have.property('secret');

    // The comment step, sent with the same secret once the connection is back.
    const textarea = await waitFor(() => element.shadowRoot!.querySelector('textarea'), 'the comment step');
    textarea.value = 'Much quicker than phoning.';
    textarea.dispatchEvent(new Event('input'));
    part<HTMLButtonElement>(element, 'button[type="submit"]').click();
    window.dispatchEvent(new Event('online'));
    const stored = await waitFor(async () => (await storedResponses(change)).find((row) => row.comment), 'the comment, stored');
    expect(stored.answer).to.equal('yes');
    expect(stored).not.to.have.property('spam');
    await waitFor(() => queueEntries().length === 0, 'an empty queue');

    const answer = page.events.find((event) => event.type === 'welcomed-answer')!;
    const id = (answer.detail as WelcomedResponse).id;
    expect(page.events.filter((event) => event.type === 'welcomed-submit')).to.have.length(1);
    for (const event of page.events) {
      expect(event.bubbles && event.composed, event.type).to.equal(true);
      expect(JSON.stringify(event.detail), event.type).not.to.contain(secret);
    }
    expect(JSON.stringify({ ...localStorage })).not.to.contain(secret);
    page.stop();

    // A page script with the id, posting straight to the receiver (an allowed origin).
    for (const forged of [
      { ...(answer.detail as WelcomedResponse), answer: 'no', comment: 'Forged.' },
      { ...(answer.detail as WelcomedResponse), answer: 'no', secret: crypto.randomUUID() },
      { ...(answer.detail as WelcomedResponse), honeypot: 'mark it as spam' },
    ]) {
      const reply = await fetch(await receiverEndpoint(), {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(forged),
      });
      expect(reply.status).to.equal(201);
      expect(await reply.json()).to.deep.equal({ id });
    }
    const [after] = await storedResponses(change);
    expect(after!.answer).to.equal('yes');
    expect(after!.comment).to.equal('Much quicker than phoning.');
    expect(after).not.to.have.property('spam');
  });
});
