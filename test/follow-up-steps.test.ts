// The about-you and panel steps in real Chromium, sending to the real receiver: what they ask,
// axe in every state, keyboard, the conditional disability question, and the consent rules
// (nothing in `panel` without the box ticked; contact details stored as given, not redacted).
import { expect, fixtureCleanup } from '@open-wc/testing';
import '../src/index.js';
import { EMAIL_PATTERN, PHONE_PATTERN } from '../src/contract/panel.js';
import type { WelcomedResponse } from '../src/contract/response.js';
import type { WelcomedPrompt } from '../src/element/welcomed-prompt.js';
import {
  deepActiveElement,
  expectAccessible,
  part,
  promptOnPage,
  realDelay,
  receiverEndpoint,
  receiverRequests,
  sendKeys,
  storedResponses,
  uniqueChange,
  waitFor,
  type StoredResponse,
} from './support/helpers.js';

type Schema = { properties: { about: { properties: Record<string, { enum: string[] }> }; panel: { properties: Record<string, { pattern: string }> } } };

let endpoint = '';
// The payload's JSON Schema, as the build ships it (dist/response.schema.json).
let schema: Schema;
before(async () => {
  endpoint = await receiverEndpoint();
  schema = (await (await fetch('/dist/response.schema.json')).json()) as Schema;
});
beforeEach(() => localStorage.clear());
afterEach(() => fixtureCleanup());

const text = (element: Element | null | undefined) => element?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

function promptWith(change: string, attributes: Record<string, string>): Promise<WelcomedPrompt> {
  return promptOnPage({ endpoint, change, ...attributes });
}

/** Answers "Yes" and waits for the first follow-up step's heading to have focus. */
async function answerYes(element: WelcomedPrompt): Promise<void> {
  part<HTMLButtonElement>(element, 'button[data-answer="yes"]').click();
  await waitFor(() => element.shadowRoot!.querySelector('form'), 'the follow-up step');
  await element.updateComplete;
}

const heading = (element: WelcomedPrompt) => text(element.shadowRoot!.querySelector('h2'));
const legends = (element: WelcomedPrompt) => [...element.shadowRoot!.querySelectorAll('form legend')].map(text);
const optionLabels = (element: WelcomedPrompt, name: string) =>
  [...element.shadowRoot!.querySelectorAll<HTMLInputElement>(`input[name="${name}"]`)].map((input) =>
    text(element.shadowRoot!.querySelector(`label[for="${input.id}"]`)),
  );

/** Focuses a control in the prompt and presses keys, as a keyboard user would. */
async function press(element: WelcomedPrompt, selector: string, ...keys: string[]): Promise<void> {
  part(element, selector).focus();
  for (const key of keys) await sendKeys({ press: key });
  await element.updateComplete;
}

async function type(element: WelcomedPrompt, selector: string, value: string): Promise<void> {
  part(element, selector).focus();
  await sendKeys({ type: value });
  await element.updateComplete;
}

/** The stored row once `ready` is true of it. */
async function storedWhen(change: string, ready: (row: StoredResponse) => boolean, what: string): Promise<StoredResponse> {
  return waitFor(async () => (await storedResponses(change)).find(ready), what);
}

describe('the about-you step', () => {
  it('asks the harmonised questions, each with "Prefer not to say", with a reason and the privacy notice', async () => {
    const element = await promptWith(uniqueChange('about'), { 'follow-up': 'about-you', 'privacy-url': '/privacy-notice' });
    await answerYes(element);
    expect(heading(element)).to.equal('Help us check this change works for everyone');
    expect(deepActiveElement()).to.equal(element.shadowRoot!.querySelector('h2'));
    expect(text(part(element, '.intro .hint'))).to.match(/^These questions are optional\./);
    const link = part<HTMLAnchorElement>(element, 'a[part="privacy-link"]');
    expect(link.href).to.equal(new URL('/privacy-notice', location.href).href);
    expect(link.target).to.equal('_blank');
    expect(link.rel).to.equal('noopener noreferrer');
    expect(text(link)).to.equal('How we use your information (opens in new tab)');

    expect(legends(element)).to.deep.equal([
      'What is your age? (optional)',
      'Do you have any physical or mental health conditions or illnesses lasting or expected to last 12 months or more? (optional)',
      'What is your ethnic group? (optional)',
    ]);
    expect(optionLabels(element, 'about-ageBand')).to.deep.equal([
      'Under 18',
      '18 to 24',
      '25 to 34',
      '35 to 44',
      '45 to 54',
      '55 to 64',
      '65 to 74',
      '75 or over',
      'Prefer not to say',
    ]);
    expect(optionLabels(element, 'about-disabled')).to.deep.equal(['Yes', 'No', 'Prefer not to say']);
    expect(optionLabels(element, 'about-ethnicGroup')).to.deep.equal([
      'Asian, Asian British or Asian Welsh',
      'Black, Black British, Black Welsh, Caribbean or African',
      'Mixed or Multiple ethnic groups',
      'White',
      'Other ethnic group',
      'Prefer not to say',
    ]);
    // Every value offered is one the payload's schema accepts.
    const about = schema.properties.about.properties;
    const values = (name: string) => [...element.shadowRoot!.querySelectorAll<HTMLInputElement>(`input[name="${name}"]`)].map((input) => input.value);
    expect(values('about-ageBand')).to.deep.equal(about.ageBand!.enum);
    expect(values('about-disabled')).to.deep.equal(about.disabled!.enum);
    expect(values('about-ethnicGroup')).to.deep.equal(about.ethnicGroup!.enum);
    await expectAccessible(element);
  });

  it('asks about day-to-day activities only after "Yes", by keyboard, and stores the answers in about', async () => {
    const change = uniqueChange('about-keys');
    const element = await promptWith(change, { 'follow-up': 'about-you', 'privacy-url': 'https://example.gov.uk/privacy' });
    await answerYes(element);
    expect(element.shadowRoot!.querySelector('input[name="about-disabilityImpact"]')).to.equal(null);

    // Arrow keys move through a radio group and select as they go.
    await press(element, '#about-ageBand-0', 'ArrowDown', 'ArrowDown', 'ArrowDown', 'ArrowDown', 'ArrowDown', 'ArrowDown');
    expect(part<HTMLInputElement>(element, '#about-ageBand-6').checked).to.equal(true);
    await press(element, '#about-disabled-0', 'Space');
    expect(legends(element)[2]).to.equal(
      'Do any of your conditions or illnesses reduce your ability to carry out day-to-day activities? (optional)',
    );
    expect(optionLabels(element, 'about-disabilityImpact')).to.deep.equal(['Yes, a lot', 'Yes, a little', 'Not at all', 'Prefer not to say']);
    // It follows the question it depends on, so Tab reaches it next.
    await sendKeys({ press: 'Tab' });
    expect(deepActiveElement()?.getAttribute('name')).to.equal('about-disabilityImpact');
    await sendKeys({ press: 'Space' });
    await sendKeys({ press: 'ArrowDown' });
    await element.updateComplete;
    await expectAccessible(element);
    await press(element, '#about-ethnicGroup-5', 'Space');

    const submitted = new Promise<CustomEvent<WelcomedResponse>>((resolve) =>
      element.addEventListener('welcomed-submit', resolve as EventListener, { once: true }),
    );
    await press(element, 'button[type="submit"]', 'Enter');
    const expected = { ageBand: '65-74', disabled: 'yes', disabilityImpact: 'a-little', ethnicGroup: 'prefer-not-to-say' };
    expect((await submitted).detail.about).to.deep.equal(expected);
    await waitFor(() => element.shadowRoot!.querySelector('.thanks'), 'the thank-you');
    expect(deepActiveElement()).to.equal(element.shadowRoot!.querySelector('.thanks h2'));
    const row = await storedWhen(change, (stored) => stored.about !== undefined, 'the about answers stored');
    expect(row.about).to.deep.equal(expected);
    expect(row.answer).to.equal('yes');
  });

  it('does not send how a condition affects someone who then says they have none', async () => {
    const change = uniqueChange('about-changed');
    const element = await promptWith(change, { 'follow-up': 'about-you', 'privacy-url': '/privacy' });
    await answerYes(element);
    await press(element, '#about-disabled-0', 'Space');
    await press(element, '#about-disabilityImpact-0', 'Space');
    await press(element, '#about-disabled-0', 'ArrowDown');
    expect(element.shadowRoot!.querySelector('input[name="about-disabilityImpact"]')).to.equal(null);
    await press(element, 'button[type="submit"]', 'Enter');
    const row = await storedWhen(change, (stored) => stored.about !== undefined, 'the about answers stored');
    expect(row.about).to.deep.equal({ disabled: 'no' });
  });

  it('sends nothing more when nothing is chosen, and is skipped without a privacy notice', async () => {
    const change = uniqueChange('about-empty');
    const element = await promptWith(change, { 'follow-up': 'about-you', 'privacy-url': '/privacy' });
    await answerYes(element);
    await press(element, 'button[type="submit"]', 'Enter');
    await waitFor(() => element.shadowRoot!.querySelector('.thanks'), 'the thank-you');
    await storedWhen(change, () => true, 'the answer stored');
    await realDelay(300);
    const [row] = await storedResponses(change);
    expect(row!.about).to.equal(undefined);

    const warnings: string[] = [];
    const original = console.warn;
    console.warn = (...args: unknown[]) => warnings.push(String(args[0]));
    try {
      const without = await promptWith(uniqueChange('about-no-notice'), { 'follow-up': 'about-you panel' });
      part<HTMLButtonElement>(without, 'button[data-answer="yes"]').click();
      await waitFor(() => without.shadowRoot!.querySelector('.thanks'), 'the thank-you');
    } finally {
      console.warn = original;
    }
    expect(warnings).to.deep.equal([
      '<welcomed-prompt> the `about-you` step needs `privacy-url` (your privacy notice), so it is skipped.',
      '<welcomed-prompt> the `panel` step needs `privacy-url` (your privacy notice), so it is skipped.',
    ]);
  });
});

describe('the panel step', () => {
  it('asks for a name, an e-mail address or phone number, and consent, linked to the privacy notice', async () => {
    const element = await promptWith(uniqueChange('panel'), { 'follow-up': 'panel', 'privacy-url': '/privacy' });
    await answerYes(element);
    expect(heading(element)).to.equal('Would you like to help shape this service?');
    const root = element.shadowRoot!;
    expect(text(root.querySelector('label[for="panel-name"]'))).to.equal('Your name');
    expect(legends(element)).to.deep.equal(['How can we contact you?']);
    expect(part<HTMLInputElement>(element, '#panel-email').type).to.equal('email');
    expect(part<HTMLInputElement>(element, '#panel-email').autocomplete).to.equal('email');
    expect(part<HTMLInputElement>(element, '#panel-phone').type).to.equal('tel');
    expect(part<HTMLInputElement>(element, '#panel-name').autocomplete).to.equal('name');
    const consent = part<HTMLInputElement>(element, '#panel-consent');
    expect(consent.type).to.equal('checkbox');
    expect(consent.checked).to.equal(false);
    expect(text(root.querySelector('label[for="panel-consent"]'))).to.equal('I agree to be contacted about helping to shape this service');
    expect(consent.getAttribute('aria-describedby')).to.equal('panel-consent-hint');
    expect(part<HTMLAnchorElement>(element, 'a[part="privacy-link"]').target).to.equal('_blank');
    await expectAccessible(element);
  });

  it('sends nothing typed without consent: Send shows the error, Skip moves on', async () => {
    const change = uniqueChange('panel-no-consent');
    const element = await promptWith(change, { 'follow-up': 'panel', 'privacy-url': '/privacy' });
    let submits = 0;
    element.addEventListener('welcomed-submit', () => submits++);
    await answerYes(element);
    await type(element, '#panel-name', 'A Resident');
    await type(element, '#panel-email', 'resident@example.org');
    await press(element, 'button[type="submit"]', 'Enter');

    const summary = part(element, '.error-summary');
    expect(deepActiveElement()).to.equal(summary);
    expect([...summary.querySelectorAll('a')].map(text)).to.deep.equal(['Select the box if you agree to be contacted, or choose Skip']);
    expect(text(part(element, '#panel-consent-error'))).to.equal('Error: Select the box if you agree to be contacted, or choose Skip');
    expect(part(element, '#panel-consent').getAttribute('aria-describedby')).to.equal('panel-consent-error panel-consent-hint');
    await expectAccessible(element);
    expect(submits).to.equal(0);

    // The error's link takes focus to the checkbox.
    summary.querySelector('a')!.click();
    expect(deepActiveElement()).to.equal(part(element, '#panel-consent'));

    await press(element, 'button[part="skip"]', 'Enter');
    await waitFor(() => element.shadowRoot!.querySelector('.thanks'), 'the thank-you');
    expect(submits).to.equal(0);
    await storedWhen(change, () => true, 'the answer stored');
    await realDelay(300);
    const rows = await storedResponses(change);
    expect(rows).to.have.length(1);
    expect(rows[0]!.panel).to.equal(undefined);
    expect(JSON.stringify(rows[0])).not.to.contain('resident@example.org');
  });

  it('checks the details once consent is given, then stores them apart as given (not redacted)', async () => {
    const change = uniqueChange('panel-consent');
    const element = await promptWith(change, { 'follow-up': 'panel', 'privacy-url': '/privacy' });
    await answerYes(element);
    await press(element, '#panel-consent', 'Space');
    expect(part<HTMLInputElement>(element, '#panel-consent').checked).to.equal(true);
    await press(element, 'button[type="submit"]', 'Enter');
    let summary = part(element, '.error-summary');
    expect([...summary.querySelectorAll('a')].map(text)).to.deep.equal(['Enter your name', 'Enter an email address or a phone number']);
    expect(part(element, '#panel-name').getAttribute('aria-invalid')).to.equal('true');
    await expectAccessible(element);

    await type(element, '#panel-name', 'A Resident');
    await type(element, '#panel-email', 'not an address');
    await type(element, '#panel-phone', '0161 496 0000 ext. 5');
    await press(element, 'button[type="submit"]', 'Enter');
    summary = part(element, '.error-summary');
    expect([...summary.querySelectorAll('a')].map(text)).to.deep.equal([
      'Enter an email address in the correct format, like name@example.com',
      'Enter a phone number, like \u206601632 960 001\u2069 or \u2066+44 7700 900 982\u2069',
    ]);
    expect(deepActiveElement()).to.equal(summary);

    part<HTMLInputElement>(element, '#panel-email').select();
    await sendKeys({ type: ' resident@example.org ' });
    part<HTMLInputElement>(element, '#panel-phone').select();
    await sendKeys({ type: '+44 161 496 0000' });
    const submitted = new Promise<CustomEvent<WelcomedResponse>>((resolve) =>
      element.addEventListener('welcomed-submit', resolve as EventListener, { once: true }),
    );
    await press(element, 'button[type="submit"]', 'Enter');
    const panel = { name: 'A Resident', email: 'resident@example.org', phone: '+44 161 496 0000', consent: true };
    expect((await submitted).detail.panel).to.deep.equal(panel);
    await waitFor(() => element.shadowRoot!.querySelector('.thanks'), 'the thank-you');
    const row = await storedWhen(change, (stored) => stored.panel !== undefined, 'the contact details stored');
    expect(row.panel).to.deep.equal(panel);
  });

  it('checks e-mail addresses and phone numbers with the schema’s own patterns', () => {
    const panel = schema.properties.panel.properties;
    expect(EMAIL_PATTERN.source).to.equal(panel.email!.pattern);
    expect(PHONE_PATTERN.source).to.equal(panel.phone!.pattern);
  });
});

describe('every follow-up step in turn', () => {
  it('goes comment → about you → panel in the order given, re-sending the whole response each time', async () => {
    const change = uniqueChange('all-steps');
    const element = await promptWith(change, { 'follow-up': 'comment about-you panel', 'privacy-url': '/privacy' });
    const submits: WelcomedResponse[] = [];
    element.addEventListener('welcomed-submit', (event) => submits.push(event.detail));
    await answerYes(element);
    expect(heading(element)).to.equal('Thank you. Tell us more if you want to');
    await type(element, '#comment', 'Quicker than phoning. Call me on 07700 900982');
    await press(element, 'button[type="submit"]', 'Enter');

    await waitFor(() => heading(element) === 'Help us check this change works for everyone', 'the about-you step');
    await element.updateComplete;
    expect(deepActiveElement()).to.equal(element.shadowRoot!.querySelector('h2'));
    await press(element, '#about-ageBand-7', 'Space');
    await press(element, 'button[type="submit"]', 'Enter');

    await waitFor(() => heading(element) === 'Would you like to help shape this service?', 'the panel step');
    await element.updateComplete;
    expect(deepActiveElement()).to.equal(element.shadowRoot!.querySelector('h2'));
    await type(element, '#panel-name', 'A Resident');
    await type(element, '#panel-phone', '07700 900982');
    await press(element, '#panel-consent', 'Space');
    await press(element, 'button[type="submit"]', 'Enter');
    await waitFor(() => element.shadowRoot!.querySelector('.thanks'), 'the thank-you');

    expect(submits.map((response) => Object.keys(response).filter((key) => ['comment', 'about', 'panel'].includes(key)))).to.deep.equal([
      ['comment'],
      ['comment', 'about'],
      ['comment', 'about', 'panel'],
    ]);
    expect(new Set(submits.map((response) => response.id)).size).to.equal(1);
    const row = await storedWhen(change, (stored) => stored.panel !== undefined, 'the whole response stored');
    // The comment is redacted; the number given for contact, with consent, is not.
    expect(row.comment).to.equal('Quicker than phoning. Call me on [phone]');
    expect(row.about).to.deep.equal({ ageBand: '75-plus' });
    expect(row.panel).to.deep.equal({ name: 'A Resident', phone: '07700 900982', consent: true });
    expect(await storedResponses(change)).to.have.length(1);
  });
});

describe('the comment step', () => {
  it('adds nothing for a comment of only spaces: the submit carries no comment and nothing is re-sent', async () => {
    const change = uniqueChange('blank-comment');
    const element = await promptWith(change, {});
    await answerYes(element);
    await storedWhen(change, () => true, 'the answer stored');
    const before = (await receiverRequests()).filter((request) => request.method === 'POST').length;
    const submitted = new Promise<CustomEvent<WelcomedResponse>>((resolve) =>
      element.addEventListener('welcomed-submit', resolve as EventListener, { once: true }),
    );
    await type(element, '#comment', '   ');
    await press(element, 'button[type="submit"]', 'Enter');
    expect((await submitted).detail).to.not.have.property('comment');
    await waitFor(() => element.shadowRoot!.querySelector('.thanks'), 'the thank-you');
    await realDelay(300);
    expect((await receiverRequests()).filter((request) => request.method === 'POST').length).to.equal(before);
  });
});

describe('a language change while a step is on screen', () => {
  // In this file's page no translation has been loaded yet, so both parts of Welsh are fetched now.
  it('fetches the follow-up steps\u2019 words in the new language and re-renders the step', async () => {
    const element = await promptWith(uniqueChange('lang-change'), { 'follow-up': 'panel', 'privacy-url': '/privacy' });
    await answerYes(element);
    expect(heading(element)).to.equal('Would you like to help shape this service?');
    element.lang = 'cy';
    await waitFor(() => element.shadowRoot!.querySelector('section[lang="cy"]'), 'the Welsh prompt');
    const welsh = (await import('../src/generated/locales/cy-follow-up.js')).templates as unknown as Record<string, string>;
    await waitFor(() => heading(element) === welsh['panel.heading'], 'the Welsh panel heading');
    expect(text(element.shadowRoot!.querySelector('label[for="panel-name"]'))).to.equal(welsh['panel.name']);
  });
});
