// Counting views in each engine (issue 17), against the real receiver: a view is counted only
// once at least half of the prompt has been on screen for a second, goes with the answer, and is
// never counted with Global Privacy Control, `count-views="off"` or outside the `sample`. (Leaving
// the page, and a tab in the background, are in test/e2e/views.test.js: a test page cannot leave.)
import { expect, fixture, fixtureCleanup, html } from '@open-wc/testing';
import '../src/index.js';
import type { WelcomedPrompt } from '../src/element/welcomed-prompt.js';
import { part, realDelay, receiverEndpoint, receiverRequests, storedResponses, uniqueChange, waitFor } from './support/helpers.js';

let endpoint = '';

before(async () => {
  endpoint = await receiverEndpoint();
});

beforeEach(() => localStorage.clear());
afterEach(() => fixtureCleanup());

/** A prompt after `spacer` pixels of page, so that it starts out of view when that is large. */
async function prompt(change: string, spacer: number, extra: Record<string, string> = {}): Promise<WelcomedPrompt> {
  const element = document.createElement('welcomed-prompt');
  element.setAttribute('endpoint', endpoint);
  element.setAttribute('change', change);
  element.setAttribute('follow-up', '');
  for (const [name, value] of Object.entries(extra)) element.setAttribute(name, value);
  const wrapper = await fixture<HTMLDivElement>(html`<div><div style="height: ${spacer}px">Service information.</div></div>`);
  wrapper.append(element);
  await element.updateComplete;
  scrollTo(0, 0);
  return element;
}

const viewPosts = async () => (await receiverRequests()).filter((request) => request.method === 'POST' && request.url === '/api/impressions').length;

/** Answers yes (the button clicked by script, wherever it is) and waits until it is stored. */
async function answer(element: WelcomedPrompt, change: string): Promise<void> {
  part<HTMLButtonElement>(element, 'button[data-answer="yes"]').click();
  await waitFor(async () => (await storedResponses(change)).length === 1, 'the answer to be stored');
  // The views, if any, leave with the answer: give them the time an answer takes.
  await realDelay(300);
}

describe('counting views', () => {
  it('counts nothing for a prompt never scrolled into view, even when it is answered', async () => {
    const change = uniqueChange('never-seen');
    const before = await viewPosts();
    const element = await prompt(change, 5000);
    await realDelay(1300);
    expect(await viewPosts()).to.equal(before, 'nothing sent before the prompt is seen');
    await answer(element, change);
    expect(await viewPosts()).to.equal(before);
  });

  it('counts one view once the prompt has been half on screen for a second, sent with the answer', async () => {
    const change = uniqueChange('seen');
    const before = await viewPosts();
    const element = await prompt(change, 5000);
    element.scrollIntoView();
    await realDelay(1400);
    expect(await viewPosts()).to.equal(before, 'batched: nothing sent while the page stays');
    await answer(element, change);
    await waitFor(async () => (await viewPosts()) === before + 1, 'the view sent with the answer');
  });

  it('does not count a prompt on screen for less than a second', async () => {
    const change = uniqueChange('brief');
    const before = await viewPosts();
    const element = await prompt(change, 5000);
    element.scrollIntoView();
    await realDelay(500);
    scrollTo(0, 0);
    await realDelay(1000);
    await answer(element, change);
    expect(await viewPosts()).to.equal(before);
  });

  it('counts nothing with count-views="off", nor when the browser sends Global Privacy Control', async () => {
    const before = await viewPosts();
    const off = uniqueChange('off');
    await answer(await waitSeen(await prompt(off, 0, { 'count-views': 'off' })), off);
    Object.defineProperty(navigator, 'globalPrivacyControl', { get: () => true, configurable: true });
    try {
      const gpc = uniqueChange('gpc');
      await answer(await waitSeen(await prompt(gpc, 0)), gpc);
    } finally {
      delete (navigator as { globalPrivacyControl?: boolean }).globalPrivacyControl;
    }
    expect(await viewPosts()).to.equal(before);
  });

  it('sample: the draw is kept for the remember period; outside the sample nothing shows, not even the fallback', async () => {
    const change = uniqueChange('sample');
    const first = await prompt(change, 0, { sample: '0.5' });
    const shown = Boolean(first.shadowRoot!.querySelector('fieldset'));
    const stored = Object.keys(localStorage).filter((key) => key.startsWith('welcomed:sample:'));
    expect(stored).to.have.length(1);
    for (let load = 0; load < 5; load++) {
      fixtureCleanup();
      const again = await prompt(change, 0, { sample: '0.5' });
      expect(Boolean(again.shadowRoot!.querySelector('fieldset'))).to.equal(shown);
    }
    fixtureCleanup();
    const none = await prompt(uniqueChange('none'), 0, { sample: '0' });
    const fallback = document.createElement('a');
    fallback.href = '/form';
    fallback.textContent = 'Tell us what you think';
    none.append(fallback);
    await none.updateComplete;
    expect(none.shadowRoot!.querySelector('fieldset')).to.equal(null);
    expect(fallback.getClientRects().length).to.equal(0, 'the fallback is not shown');
    // Every visit asked: nothing stored.
    localStorage.clear();
    await prompt(uniqueChange('all'), 0);
    expect(Object.keys(localStorage).filter((key) => key.startsWith('welcomed:sample:'))).to.have.length(0);
  });
});

/** Waits for the second on screen to pass. */
async function waitSeen(element: WelcomedPrompt): Promise<WelcomedPrompt> {
  await realDelay(1300);
  return element;
}
