// "You said, we did" in the prompt (src/updates/): the service's published reply, fetched from the
// real receiver's public JSON. After an answer the thank-you links to it; a browser that answered
// before sees one line with the status and a link, announced politely — only on a page that opts
// in with `updates`, since that is a request before any answer. Accessible (axe) in each state,
// in English, Welsh and a right-to-left language.
import { expect, fixture, html } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import '../src/index.js';
import type { WelcomedPrompt } from '../src/element/welcomed-prompt.js';
import { expectAccessible, receiverEndpoint, receiverRequests, uniqueChange, waitFor } from './support/helpers.js';

const TEXTS = {
  en: { youSaid: 'People without internet could not renew online.', weDid: 'We added a phone option for people without internet.' },
  cy: { youSaid: 'Ni allai pobl heb y rhyngrwyd adnewyddu ar-lein.', weDid: 'Fe wnaethon ni ychwanegu opsiwn ffôn i bobl heb y rhyngrwyd.' },
};

async function publish(change: string, status = 'change-made'): Promise<void> {
  await executeServerCommand('receiver-publish-update', { change, status, texts: TEXTS });
}

/** Marks `change` as answered by this browser a day ago, as the prompt does after an answer. */
function answeredBefore(endpoint: string, change: string): void {
  localStorage.setItem(`welcomed:answered:${endpoint}|${change}`, String(Date.now() - 86_400_000));
}

async function returningPrompt(change: string, attributes: { updates?: boolean; lang?: string } = {}): Promise<WelcomedPrompt> {
  const endpoint = await receiverEndpoint();
  answeredBefore(endpoint, change);
  return fixture<WelcomedPrompt>(
    html`<welcomed-prompt endpoint=${endpoint} change=${change} lang=${attributes.lang ?? 'en'} ?updates=${attributes.updates}></welcomed-prompt>`,
  );
}

const line = (element: WelcomedPrompt) => element.shadowRoot!.querySelector<HTMLElement>('[part="update"]');
const updateRequests = async (change: string) => (await receiverRequests()).filter((request) => request.method === 'GET' && request.url.includes(`/changes/${change}/`));

describe('"You said, we did"', () => {
  afterEach(() => localStorage.clear());

  it('shows a returning resident the published reply in a polite live region, with its status and a link, when the page opts in', async () => {
    const change = uniqueChange('updates-returning');
    await publish(change);
    const element = await returningPrompt(change, { updates: true });
    // The live region comes with the module, before the reply: the line is then announced as it arrives in it.
    const region = await waitFor(() => element.shadowRoot!.querySelector('[role="status"]'), 'the live region');
    const shown = await waitFor(() => line(element), 'the update line');
    expect(region.isConnected && region.contains(shown), 'the same region holds the line').to.equal(true);
    expect(shown.textContent!.replace(/\s+/g, ' ').trim()).to.equal('You said, we did: Change made. Read the reply to what people said');
    const link = shown.querySelector('a')!;
    const endpoint = new URL(await receiverEndpoint());
    expect(link.href).to.equal(`${endpoint.origin}/changes/${change}?lang=en`);
    expect(element.shadowRoot!.querySelector('fieldset'), 'not asked again').to.equal(null);
    await expectAccessible(element);
    // The public JSON alone: no id, no query string.
    expect((await updateRequests(change)).map((request) => `${request.method} ${request.url}`)).to.deep.equal([
      `GET /api/changes/${change}/update`,
    ]);
  });

  it('asks for nothing, and shows nothing, to a returning resident without `updates`', async () => {
    const change = uniqueChange('updates-off');
    await publish(change);
    const element = await returningPrompt(change);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(element.shadowRoot!.querySelector('section, [role="status"], [part="update"]')).to.equal(null);
    expect(await updateRequests(change)).to.deep.equal([]);
  });

  it('shows nothing when no reply is published, or it was withdrawn', async () => {
    const change = uniqueChange('updates-none');
    const element = await returningPrompt(change, { updates: true });
    await waitFor(async () => (await updateRequests(change)).length > 0, 'the request for the update');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(line(element)).to.equal(null);
    expect(element.shadowRoot!.querySelector('[role="status"]')!.textContent!.trim()).to.equal('');
  });

  it('speaks Welsh, and right to left in Arabic', async () => {
    const change = uniqueChange('updates-cy');
    await publish(change, 'change-planned');
    const welsh = await returningPrompt(change, { updates: true, lang: 'cy' });
    // In Welsh once the prompt's Welsh words are in (the line follows the prompt's locale).
    const cy = await waitFor(() => (line(welsh)?.textContent?.includes('Dywedoch chi, fe wnaethon ni') ? line(welsh) : null), 'the Welsh line');
    expect(cy.textContent).to.include("Newid wedi'i gynllunio");
    expect(cy.getAttribute('lang')).to.equal('cy');
    expect(cy.querySelector('a')!.href).to.match(/\?lang=cy$/);
    await expectAccessible(welsh);
    const arabic = await returningPrompt(change, { updates: true, lang: 'ar' });
    const ar = await waitFor(() => (line(arabic)?.textContent?.includes('قلتم، ففعلنا') ? line(arabic) : null), 'the Arabic line');
    expect(getComputedStyle(ar).direction).to.equal('rtl');
    await expectAccessible(arabic);
  });

  it('links the thank-you to the reply after an answer, with `updates`', async () => {
    const change = uniqueChange('updates-thanks');
    await publish(change);
    const element = await fixture<WelcomedPrompt>(
      html`<welcomed-prompt endpoint=${await receiverEndpoint()} change=${change} follow-up="" updates></welcomed-prompt>`,
    );
    element.shadowRoot!.querySelector<HTMLButtonElement>('button[data-answer="yes"]')!.click();
    const shown = await waitFor(() => line(element), 'the line in the thank-you');
    expect(shown.closest('[part="thanks"]'), 'inside the thank-you').to.not.equal(null);
    expect(shown.textContent).to.include('Change made');
    await expectAccessible(element);
  });

  it('asks for nothing after an answer without `updates`', async () => {
    const change = uniqueChange('updates-thanks-off');
    await publish(change);
    const element = await fixture<WelcomedPrompt>(
      html`<welcomed-prompt endpoint=${await receiverEndpoint()} change=${change} follow-up=""></welcomed-prompt>`,
    );
    element.shadowRoot!.querySelector<HTMLButtonElement>('button[data-answer="yes"]')!.click();
    await waitFor(() => element.shadowRoot!.querySelector('[part="thanks"]'), 'the thank-you');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(line(element)).to.equal(null);
    expect(await updateRequests(change)).to.deep.equal([]);
  });
});
