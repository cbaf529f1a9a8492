import { expect, fixture, fixtureCleanup, html } from '@open-wc/testing';
import '../src/index.js';
import type { WelcomedPrompt } from '../src/element/welcomed-prompt.js';
import type { WelcomedResponse } from '../src/contract/response.js';
import {
  deepActiveElement,
  expectAccessible,
  part,
  receiverEndpoint,
  receiverRequests,
  sendKeys,
  storedResponses,
  uniqueChange,
  waitFor,
} from './support/helpers.js';

let endpoint = '';

before(async () => {
  endpoint = await receiverEndpoint();
});

beforeEach(() => localStorage.clear());
afterEach(() => fixtureCleanup());

async function prompt(change: string, extra: Record<string, string> = {}): Promise<WelcomedPrompt> {
  const element = document.createElement('welcomed-prompt');
  element.setAttribute('endpoint', endpoint);
  element.setAttribute('change', change);
  for (const [name, value] of Object.entries(extra)) element.setAttribute(name, value);
  const wrapper = await fixture<HTMLDivElement>(html`<div><h1>Garden waste</h1></div>`);
  wrapper.append(element);
  await element.updateComplete;
  return element;
}

function answerButton(element: WelcomedPrompt, answer: string): HTMLButtonElement {
  return part<HTMLButtonElement>(element, `button[data-answer="${answer}"]`);
}

/** Answers, then waits for the comment step (loaded on demand) to render. */
async function answerThenComment(element: WelcomedPrompt, answer: string): Promise<HTMLTextAreaElement> {
  answerButton(element, answer).click();
  return waitFor(() => element.shadowRoot!.querySelector('textarea'), 'the comment step');
}

describe('asking', () => {
  it('shows the description, the question as the legend of the answers, and a status region', async () => {
    const element = await prompt(uniqueChange('ask'), {
      description: 'You can now renew your garden waste permit online.',
      choices: 'yes partly no unsure',
    });
    const fieldset = part(element, 'fieldset');
    expect(part(element, 'legend').textContent?.trim()).to.equal('Do you welcome this change?');
    expect(fieldset.getAttribute('aria-describedby')).to.equal('description');
    expect(part(element, '#description').textContent).to.equal('You can now renew your garden waste permit online.');
    const labels = [...fieldset.querySelectorAll('button')].map((button) => button.textContent?.trim());
    expect(labels).to.deep.equal(['Yes', 'Partly', 'No', 'Not sure']);
    expect(part(element, '[role="status"]').textContent?.trim()).to.equal('');
  });

  it('uses the question attribute when given, as text', async () => {
    const element = await prompt(uniqueChange('question'), { question: 'Is <b>online booking</b> better?' });
    const legend = part(element, 'legend');
    expect(legend.textContent?.trim()).to.equal('Is <b>online booking</b> better?');
    expect(legend.querySelector('b')).to.equal(null);
  });

  it('takes no focus when it first renders', async () => {
    await prompt(uniqueChange('focus'));
    expect(document.activeElement).to.equal(document.body);
  });

  it('is accessible when asking', async () => {
    const element = await prompt(uniqueChange('axe-ask'), { description: 'Bins are now collected fortnightly.' });
    await expectAccessible(element);
  });

  it('makes no request of any kind before the user answers', async () => {
    const before = (await receiverRequests()).length;
    const resourcesBefore = performance.getEntriesByType('resource').length;
    const element = await prompt(uniqueChange('quiet'), { choices: 'yes partly no unsure' });
    element.lang = 'en-GB';
    await element.updateComplete;
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect((await receiverRequests()).length).to.equal(before);
    expect(performance.getEntriesByType('resource').length).to.equal(resourcesBefore);
    expect(document.cookie).to.equal('');
  });
});

describe('configuration errors', () => {
  const cases: [string, Record<string, string>, RegExp][] = [
    ['no endpoint', { endpoint: '' }, /`endpoint` attribute is required/],
    ['a plain-http endpoint off localhost', { endpoint: 'http://feedback.example.gov.uk/api' }, /must use https:/],
    ['a javascript: endpoint', { endpoint: 'javascript:alert(1)' }, /must use https:/],
    ['no change', { change: '' }, /`change` attribute is required/],
    ['a change with spaces', { change: 'bins online' }, /not a valid identifier/],
    ['an unknown choice', { choices: 'yes maybe' }, /"maybe", which is not one of: yes, partly, no, unsure/],
    ['an unknown follow-up', { 'follow-up': 'survey' }, /"survey", which is not one of/],
    ['a privacy notice that is not a web page', { 'follow-up': 'about-you', 'privacy-url': 'javascript:alert(1)' }, /`privacy-url="javascript:alert\(1\)"` is not an http\(s\) URL/],
    ['a negative remember', { remember: '-1' }, /`remember` must be a whole number/],
    ['an unknown transport', { transport: 'beacon' }, /transport="beacon"` must be "json" or "simple"/],
    ['a heading level of 7', { 'heading-level': '7' }, /`heading-level="7"` must be 2, 3, 4, 5 or 6/],
    ['a heading level of 1', { 'heading-level': '1' }, /`heading-level="1"` must be 2, 3, 4, 5 or 6/],
    ['a heading level that is not a number', { 'heading-level': 'h3' }, /`heading-level="h3"` must be 2, 3, 4, 5 or 6/],
    ['a heading level that is not whole', { 'heading-level': '2.5' }, /`heading-level="2.5"` must be 2, 3, 4, 5 or 6/],
  ];
  for (const [name, attributes, message] of cases) {
    it(`shows only the fallback and logs one console error for ${name}`, async () => {
      const logged: string[] = [];
      const errors: string[] = [];
      const original = console.error;
      console.error = (...args: unknown[]) => {
        logged.push(String(args[0]));
      };
      const onError = (event: CustomEvent<{ reason: string }>) => errors.push(event.detail.reason);
      document.addEventListener('welcomed-error', onError);
      try {
        const wrapper = await fixture<HTMLDivElement>(html`<div></div>`);
        const element = document.createElement('welcomed-prompt');
        element.setAttribute('endpoint', endpoint);
        element.setAttribute('change', 'valid-change');
        for (const [attribute, value] of Object.entries(attributes)) element.setAttribute(attribute, value);
        const fallback = document.createElement('a');
        fallback.href = '/feedback';
        fallback.textContent = 'Tell us what you think';
        element.append(fallback);
        wrapper.append(element);
        await element.updateComplete;
        element.description = 'changed, to re-render';
        await element.updateComplete;

        const slot = part<HTMLSlotElement>(element, 'slot');
        expect(slot.assignedElements()).to.deep.equal([fallback]);
        expect(fallback.getBoundingClientRect().height).to.be.greaterThan(0);
        expect(element.shadowRoot!.querySelector('button')).to.equal(null);
        expect(logged).to.have.length(1);
        expect(logged[0]).to.match(/^<welcomed-prompt> /);
        expect(logged[0]).to.match(message);
        expect(errors).to.have.length(1);
      } finally {
        console.error = original;
        document.removeEventListener('welcomed-error', onError);
      }
    });
  }

  it('accepts an http endpoint on localhost and a relative endpoint', async () => {
    const element = await prompt(uniqueChange('local'), { endpoint: '/api/responses' });
    expect(element.shadowRoot!.querySelector('button[data-answer="yes"]')).to.not.equal(null);
  });
});

describe('answering and commenting', () => {
  it('stores the answer, then the redacted comment on the same response, driven by the keyboard', async () => {
    const change = uniqueChange('flow');
    const element = await prompt(change, { description: 'You can now renew online.' });
    const events: { type: string; detail: unknown }[] = [];
    for (const type of ['welcomed-answer', 'welcomed-submit', 'welcomed-delivered']) {
      document.addEventListener(type, (event) => events.push({ type, detail: (event as CustomEvent).detail }));
    }

    await sendKeys({ press: 'Tab' });
    expect(deepActiveElement()).to.equal(answerButton(element, 'yes'));
    await sendKeys({ press: 'Enter' });
    const heading = await waitFor(() => element.shadowRoot!.querySelector('h2'), 'the comment step');
    expect(heading.textContent?.trim()).to.equal('Thank you. Tell us more if you want to');
    expect(deepActiveElement()).to.equal(heading);
    expect(part(element, '[role="status"]').textContent?.trim()).to.equal('Your answer has been saved.');

    const answered = events.find((event) => event.type === 'welcomed-answer')!.detail as WelcomedResponse;
    expect(answered.schema).to.equal('welcomed/1');
    expect(answered.answer).to.equal('yes');
    expect(answered.change).to.equal(change);
    expect(answered.id).to.match(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(answered.page).to.equal(`${location.origin}${location.pathname}`);
    expect(location.search).to.not.equal('', 'the test page URL has a query that must not be sent');

    expect(answered.shownForMs).to.be.a('number').and.at.least(0);
    expect(answered).to.not.have.property('honeypot');
    const first = await waitFor(async () => (await storedResponses(change))[0], 'the answer to be stored');
    expect(first.answer).to.equal('yes');
    expect(first.comment).to.equal(undefined);

    await sendKeys({ press: 'Tab' });
    expect(deepActiveElement()).to.equal(part(element, 'textarea'));
    await sendKeys({ type: 'Quicker than phoning. Email me at jo.bloggs+bins@example.org or ring 07700 900123.' });
    await sendKeys({ press: 'Tab' });
    expect(deepActiveElement()).to.equal(part(element, 'button[type="submit"]'));
    await sendKeys({ press: 'Enter' });
    await element.updateComplete;

    const thanks = part(element, '.thanks h2');
    expect(thanks.textContent?.trim()).to.equal('Thank you for your feedback');
    expect(deepActiveElement()).to.equal(thanks);

    const submitted = events.find((event) => event.type === 'welcomed-submit')!.detail as WelcomedResponse;
    expect(submitted.id).to.equal(answered.id);
    expect(submitted.comment).to.equal('Quicker than phoning. Email me at [email] or ring [phone].');

    const stored = await waitFor(async () => {
      const rows = await storedResponses(change);
      return rows.length === 1 && rows[0]!.comment ? rows : undefined;
    }, 'the comment to be stored');
    expect(stored).to.have.length(1);
    expect(stored[0]!.id).to.equal(answered.id);
    expect(stored[0]!.comment).to.equal('Quicker than phoning. Email me at [email] or ring [phone].');
    expect(stored[0]!.page).to.not.contain('?');
    await waitFor(() => events.filter((event) => event.type === 'welcomed-delivered').length === 2, 'two deliveries');
  });

  it('sends text/plain with transport="simple", and the receiver stores it', async () => {
    const change = uniqueChange('simple');
    const element = await prompt(change, { transport: 'simple', 'follow-up': '' });
    answerButton(element, 'no').click();
    const stored = await waitFor(async () => (await storedResponses(change))[0], 'the answer to be stored');
    expect(stored.answer).to.equal('no');
    const posts = (await receiverRequests()).filter((request) => request.method === 'POST');
    expect(posts.at(-1)!.contentType).to.match(/^text\/plain/);
    expect(posts.at(-1)!.origin).to.equal(location.origin);
  });

  it('goes straight to the thank-you when follow-up is empty', async () => {
    const element = await prompt(uniqueChange('none'), { 'follow-up': '' });
    answerButton(element, 'yes').click();
    await element.updateComplete;
    expect(element.shadowRoot!.querySelector('textarea')).to.equal(null);
    expect(deepActiveElement()).to.equal(part(element, '.thanks h2'));
    await expectAccessible(element);
  });

  it('is accessible in the comment step', async () => {
    const element = await prompt(uniqueChange('axe-comment'));
    await answerThenComment(element, 'yes');
    await expectAccessible(element);
  });

  it('counts the characters left, in words a screen reader can say', async () => {
    const element = await prompt(uniqueChange('count'));
    await answerThenComment(element, 'yes');
    const count = part(element, '#comment-count');
    expect(count.textContent?.trim()).to.equal('You have 1,200 characters remaining');
    part(element, 'textarea').focus();
    await sendKeys({ type: 'Hello' });
    await element.updateComplete;
    expect(count.textContent?.trim()).to.equal('You have 1,195 characters remaining');
    // The box is described by the limit, which does not change as the resident types; the count
    // is told through a polite region once typing pauses (see the accessibility tests).
    const textarea = part<HTMLTextAreaElement>(element, 'textarea');
    expect(textarea.getAttribute('aria-describedby')).to.equal('comment-hint comment-limit');
    expect(part(element, '#comment-limit').textContent?.trim()).to.equal('Your comment must be 1,200 characters or fewer');
  });

  it('shows an error summary for a comment that is too long, keeps the text, and sends once fixed', async () => {
    const change = uniqueChange('too-long');
    const element = await prompt(change, { choices: 'yes partly no' });
    const textarea = await answerThenComment(element, 'partly');
    const longText = 'a'.repeat(1201);
    textarea.value = longText;
    textarea.dispatchEvent(new Event('input'));
    await element.updateComplete;
    expect(part(element, '#comment-count').textContent?.trim()).to.equal('You have 1 character too many');
    part<HTMLButtonElement>(element, 'button[type="submit"]').click();
    await element.updateComplete;

    const summary = part(element, '.error-summary');
    expect(deepActiveElement()).to.equal(summary);
    expect(summary.textContent).to.contain('There is a problem');
    expect(summary.querySelector('a')!.textContent?.trim()).to.equal('Your comment must be 1,200 characters or fewer');
    expect(textarea.value).to.equal(longText);
    expect(textarea.getAttribute('aria-invalid')).to.equal('true');
    expect(textarea.getAttribute('aria-describedby')).to.contain('comment-error');
    await expectAccessible(element);

    summary.querySelector('a')!.click();
    expect(deepActiveElement()).to.equal(textarea);

    textarea.value = 'a'.repeat(1200);
    textarea.dispatchEvent(new Event('input'));
    part<HTMLButtonElement>(element, 'button[type="submit"]').click();
    // The step left goes once focus has moved on to the thank-you (in the next task, for Orca).
    await waitFor(() => !element.shadowRoot!.querySelector('.error-summary'), 'the error summary to go');
    const stored = await waitFor(async () => (await storedResponses(change)).find((row) => row.comment), 'the comment');
    expect(stored.comment).to.have.length(1200);
  });

  it('lets the user skip the comment', async () => {
    const element = await prompt(uniqueChange('skip'));
    await answerThenComment(element, 'yes');
    part<HTMLButtonElement>(element, 'button[part="skip"]').click();
    await element.updateComplete;
    expect(deepActiveElement()).to.equal(part(element, '.thanks h2'));
  });
});

describe('telling bots from people', () => {
  it('sends what filled the hidden bot-trap field, which no keyboard reaches', async () => {
    const element = await prompt(uniqueChange('trap'), { 'follow-up': '' });
    const trap = part<HTMLInputElement>(element, '.trap input');
    expect(trap.tabIndex).to.equal(-1);
    expect(trap.closest('[aria-hidden="true"]')).to.not.equal(null);
    trap.value = 'http://spam.example';
    trap.dispatchEvent(new Event('input'));
    const answered = new Promise<CustomEvent<WelcomedResponse>>((resolve) =>
      element.addEventListener('welcomed-answer', resolve as EventListener, { once: true }),
    );
    answerButton(element, 'yes').click();
    expect((await answered).detail.honeypot).to.equal('http://spam.example');
  });
});

describe('dismissing and remembering', () => {
  it('hides the question when dismissed, leaves one focused line, and fires welcomed-dismiss', async () => {
    const element = await prompt(uniqueChange('dismiss'));
    let detail: unknown;
    element.addEventListener('welcomed-dismiss', (event) => (detail = event.detail));
    part<HTMLButtonElement>(element, 'button[part="dismiss"]').click();
    await element.updateComplete;
    expect(detail).to.deep.equal({});
    // The question goes once focus has moved on (in the next task, for Orca).
    await waitFor(() => !element.shadowRoot!.querySelector('fieldset'), 'the question to go');
    const line = part(element, '[part="dismissed"]');
    expect(line.textContent?.trim()).to.equal('You have hidden this question.');
    expect(deepActiveElement()).to.equal(line);
    await expectAccessible(element);
  });

  it('does not ask again about a change this browser answered, unless remember is 0', async () => {
    const change = uniqueChange('remember');
    const first = await prompt(change, { 'follow-up': '' });
    answerButton(first, 'yes').click();
    await first.updateComplete;
    const again = await prompt(change);
    expect(again.shadowRoot!.querySelector('section')).to.equal(null);
    const always = await prompt(change, { remember: '0' });
    expect(always.shadowRoot!.querySelector('button[data-answer="yes"]')).to.not.equal(null);
  });
});

describe('delivery outcomes', () => {
  it('says the answer is saved and will be sent later when the endpoint is unavailable', async () => {
    const element = await prompt(uniqueChange('queued'), {
      endpoint: `${location.origin}/fault/503?retry-after=3600`,
      'follow-up': '',
    });
    const queued = new Promise<CustomEvent>((resolve) => element.addEventListener('welcomed-queued', resolve, { once: true }));
    answerButton(element, 'yes').click();
    const event = await queued;
    expect(event.detail.reason).to.equal('http-503');
    expect(event.bubbles && event.composed).to.equal(true);
    await element.updateComplete;
    expect(part(element, '[role="status"]').textContent?.trim()).to.equal(
      'Your answer is saved on this device and will be sent when the connection is back.',
    );
    await expectAccessible(element);
  });

  it('tells the user plainly when the endpoint refuses, and warns with the server message as text', async () => {
    const warnings: string[] = [];
    const original = console.warn;
    console.warn = (...args: unknown[]) => warnings.push(String(args[0]));
    try {
      const message = encodeURIComponent('<img src=x onerror="window.hacked=1">Bad change');
      const element = await prompt(uniqueChange('rejected'), {
        endpoint: `${location.origin}/fault/422?message=${message}`,
        'follow-up': '',
      });
      const rejected = new Promise<CustomEvent>((resolve) => element.addEventListener('welcomed-error', resolve, { once: true }));
      answerButton(element, 'yes').click();
      const event = await rejected;
      expect(event.detail.reason).to.contain('http-422');
      await element.updateComplete;
      expect(part(element, '[role="status"]').textContent?.trim()).to.match(/^Sorry, your answer could not be sent/);
      expect(warnings.join('\n')).to.contain('<img src=x onerror="window.hacked=1">Bad change');
      expect(element.shadowRoot!.querySelector('img')).to.equal(null);
      expect((window as { hacked?: number }).hacked).to.equal(undefined);
    } finally {
      console.warn = original;
    }
  });
});

describe('packaging', () => {
  it('keeps the widget version equal to package.json', async () => {
    const { WIDGET_VERSION } = await import('../src/contract/version.js');
    const pkg = (await (await fetch('/package.json')).json()) as { version: string };
    expect(WIDGET_VERSION).to.equal(pkg.version);
  });

  it('registers once, without errors, when the built module and classic script are loaded on the same page', async () => {
    const before = customElements.get('welcomed-prompt');
    const errors: string[] = [];
    const onError = (event: ErrorEvent) => errors.push(event.message);
    window.addEventListener('error', onError);
    try {
      await import(/* @vite-ignore */ `${location.origin}/dist/welcomed.js`);
      await new Promise<void>((resolve, reject) => {
        const script = document.createElement('script');
        script.src = '/dist/welcomed.classic.js';
        script.onload = () => resolve();
        script.onerror = () => reject(new Error('could not load dist/welcomed.classic.js (run npm run build)'));
        document.head.append(script);
      });
      expect(errors).to.deep.equal([]);
      expect(customElements.get('welcomed-prompt')).to.equal(before);
      expect(Object.keys(window).filter((key) => key.toLowerCase().includes('welcomed'))).to.deep.equal([]);
    } finally {
      window.removeEventListener('error', onError);
    }
  });
});
