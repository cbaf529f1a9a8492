// A web team's extra questions, configured without JavaScript: shown with the comment box,
// checked (required, limits), answered by keyboard, sent in `answers`, redacted, stored.
import { expect, fixtureCleanup } from '@open-wc/testing';
import '../src/index.js';
import { checkQuestions } from '../src/follow-up/questions.js';
import type { WelcomedPrompt } from '../src/element/welcomed-prompt.js';
import {
  accessibleName,
  deepActiveElement,
  expectAccessible,
  itWhereNamesAreComputed,
  part,
  promptOnPage,
  receiverEndpoint,
  sendKeys,
  storedResponses,
  uniqueChange,
  waitFor,
} from './support/helpers.js';

const QUESTIONS = [
  {
    id: 'renewed-before',
    kind: 'choice',
    label: { en: 'How did you renew before?', cy: 'Sut wnaethoch chi adnewyddu o’r blaen?' },
    options: [
      { value: 'phone', label: { en: 'By phone', cy: 'Dros y ffôn' } },
      { value: 'in-person', label: { en: 'In person', cy: 'Wyneb yn wyneb' } },
      { value: 'first-time', label: 'This is my first permit' },
    ],
    required: true,
  },
  {
    id: 'devices',
    kind: 'choices',
    label: 'What did you use?',
    options: [
      { value: 'phone', label: 'A phone' },
      { value: 'computer', label: 'A computer' },
    ],
  },
  { id: 'improve', kind: 'text', label: 'What would make it better?' },
];

let endpoint = '';
before(async () => {
  endpoint = await receiverEndpoint();
});
beforeEach(() => localStorage.clear());
afterEach(() => fixtureCleanup());

async function promptWith(change: string, questions: unknown, followUp = 'comment', lang = 'en'): Promise<WelcomedPrompt> {
  const element = await promptOnPage({ endpoint, change, 'follow-up': followUp, lang }, { questions });
  // Until its language's words have loaded, a prompt may be on screen in English.
  await waitFor(() => element.shadowRoot!.querySelector(`section[lang="${lang}"]`), `the prompt in ${lang}`);
  return element;
}

async function answerYes(element: WelcomedPrompt): Promise<void> {
  part<HTMLButtonElement>(element, 'button[data-answer="yes"]').click();
  await waitFor(() => element.shadowRoot!.querySelector('form'), 'the follow-up step');
}

describe('extra questions', () => {
  it('are asked with the comment box, checked, answered by keyboard, and stored in answers', async () => {
    const change = uniqueChange('questions');
    const element = await promptWith(change, QUESTIONS);
    await answerYes(element);
    const root = element.shadowRoot!;
    expect([...root.querySelectorAll('form legend')].map((legend) => legend.textContent?.replace(/\s+/g, ' ').trim())).to.deep.equal([
      'How did you renew before?',
      'What did you use? (optional)',
    ]);
    expect(root.querySelector('label[for="q-improve"]')!.textContent?.replace(/\s+/g, ' ').trim()).to.equal('What would make it better? (optional)');
    await expectAccessible(element);

    // Sending without the required answer: the GOV.UK error summary, linked to the first option.
    part<HTMLButtonElement>(element, 'button[type="submit"]').click();
    await element.updateComplete;
    const summary = part(element, '.error-summary');
    expect(deepActiveElement()).to.equal(summary);
    const link = summary.querySelector('a')!;
    expect(link.textContent?.trim()).to.equal('How did you renew before?: Select an answer');
    expect(link.getAttribute('href')).to.equal('#q-renewed-before-0');
    expect(part(element, 'fieldset.field--error').getAttribute('aria-describedby')).to.equal('q-renewed-before-error');
    await expectAccessible(element);
    link.click();
    expect(deepActiveElement()).to.equal(part(element, '#q-renewed-before-0'));

    // Keyboard: arrow to "In person", Tab to the checkboxes, Space on the second, type the text.
    await sendKeys({ press: 'ArrowDown' });
    expect((part<HTMLInputElement>(element, '#q-renewed-before-1')).checked).to.equal(true);
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Space' });
    await sendKeys({ press: 'Tab' });
    expect(deepActiveElement()).to.equal(part(element, '#q-improve'));
    await sendKeys({ type: 'Text me on 07700 900123' });
    part<HTMLButtonElement>(element, 'button[type="submit"]').click();
    await element.updateComplete;
    expect(element.shadowRoot!.querySelector('.thanks')).to.not.equal(null);

    const stored = await waitFor(async () => (await storedResponses(change)).find((row) => row.answers), 'the answers to be stored');
    expect(stored.answers).to.deep.equal({ 'renewed-before': 'in-person', devices: ['computer'], improve: 'Text me on [phone]' });
  });

  itWhereNamesAreComputed('are named with the space before "(optional)" (Chromium, WebKit)', async () => {
    const element = await promptWith(uniqueChange('questions-names'), QUESTIONS);
    await answerYes(element);
    const names = [];
    for (const field of element.shadowRoot!.querySelectorAll('form fieldset, #q-improve')) names.push(await accessibleName(field));
    expect(names).to.deep.equal(['How did you renew before?', 'What did you use? (optional)', 'What would make it better? (optional)']);
  });

  it('show each question in the prompt’s language, and need no comment box', async () => {
    const element = await promptWith(uniqueChange('questions-cy'), QUESTIONS.slice(0, 1), '', 'cy');
    await answerYes(element);
    expect(element.shadowRoot!.querySelector('#comment')).to.equal(null);
    expect(part(element, 'form legend').textContent).to.contain('Sut wnaethoch chi adnewyddu o’r blaen?');
    expect(part(element, 'label[for="q-renewed-before-0"]').textContent?.trim()).to.equal('Dros y ffôn');
    expect(part(element, 'label[for="q-renewed-before-2"]').textContent?.trim()).to.equal('This is my first permit');
  });

  it('leave out a bad question with one console error naming it, and keep the good ones', async () => {
    const errors: string[] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => errors.push(String(args[0]));
    try {
      const element = await promptWith(uniqueChange('bad-question'), [QUESTIONS[2], { id: 'no kind!', label: 'x' }, { id: 'x', kind: 'choice', label: 'Pick', options: [{ value: 'a', label: 'A' }] }]);
      await answerYes(element);
      expect(errors).to.deep.equal([
        '<welcomed-prompt> `questions[1]` needs an `id` of 1–50 of A-Z a-z 0-9 . _ -, so that question is left out.',
        '<welcomed-prompt> `questions[2]` needs 2–20 `options`, so that question is left out.',
      ]);
      expect(element.shadowRoot!.querySelector('#q-improve')).to.not.equal(null);
      expect(element.shadowRoot!.querySelectorAll('form fieldset')).to.have.length(0);
    } finally {
      console.error = original;
    }
  });

  it('are checked as pure data too', () => {
    expect(checkQuestions(undefined)).to.deep.equal({ questions: [], problems: [] });
    expect(checkQuestions('nope').problems).to.deep.equal(['`questions` must be an array of questions, so it is ignored.']);
    const many = Array.from({ length: 12 }, (_, index) => ({ id: `q${index}`, kind: 'text', label: 'Q' }));
    const checked = checkQuestions(many);
    expect(checked.questions).to.have.length(10);
    expect(checked.problems).to.deep.equal(['`questions` has more than 10 questions; the rest are left out.']);
    expect(checkQuestions([QUESTIONS[2], QUESTIONS[2]]).problems[0]).to.contain('repeats the id "improve"');
  });
});
