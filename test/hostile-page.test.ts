// A hostile host page: global CSS that restyles everything, another library using Lit and
// @lit/localize, and the widget's script loaded twice (module and classic). Uses the built
// bundles, as a web team would (run `npm run build` first; `npm test` does).
import { expect } from '@open-wc/testing';
import { localization } from './support/other-library.js';
import { receiverEndpoint, storedResponses, uniqueChange, waitFor } from './support/helpers.js';

function loadClassic(src: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.src = src;
    script.onload = () => resolve();
    script.onerror = () => reject(new Error(`could not load ${src}`));
    document.head.append(script);
  });
}

describe('on a hostile host page', () => {
  it('renders, submits and adds no global of its own, beside another @lit/localize user, loaded twice', async () => {
    const globalsBefore = new Set(Object.keys(window));
    const errors: string[] = [];
    window.addEventListener('error', (event) => errors.push(event.message));

    const style = document.createElement('style');
    style.textContent = `
      * { box-sizing: content-box !important; margin: 7px; line-height: 0.9; letter-spacing: 0.1em; }
      button { display: none !important; background: red; color: red; }
      fieldset, legend, textarea { display: none !important; }
      section { border: 10px solid red; }
      [role="status"] { display: none; }
    `;
    document.head.append(style);
    document.body.append(document.createElement('other-widget'));

    await import(/* @vite-ignore */ `${location.origin}/dist/welcomed.js`);
    await loadClassic('/dist/welcomed.classic.js');
    await localization.setLocale('fr');

    const endpoint = await receiverEndpoint();
    const change = uniqueChange('hostile');
    const prompt = document.createElement('welcomed-prompt');
    prompt.setAttribute('endpoint', endpoint);
    prompt.setAttribute('change', change);
    prompt.setAttribute('follow-up', '');
    document.body.append(prompt);

    const yes = await waitFor(() => prompt.shadowRoot?.querySelector<HTMLButtonElement>('button[data-answer="yes"]'), 'the prompt');
    const box = yes.getBoundingClientRect();
    expect(box.height, 'the host page CSS does not reach the answer buttons').to.be.at.least(44);
    expect(getComputedStyle(yes).display).to.not.equal('none');
    yes.click();
    const stored = await waitFor(async () => (await storedResponses(change))[0], 'the answer to be stored');
    expect(stored.answer).to.equal('yes');

    const other = document.querySelector('other-widget')!;
    await waitFor(() => other.shadowRoot?.textContent?.includes('Bonjour'), 'the other library to switch to French');
    expect(errors).to.deep.equal([]);

    // Lit keeps its own version registry on window; the widget itself adds nothing.
    const litRegistries = new Set(['litHtmlVersions', 'litElementVersions', 'reactiveElementVersions', 'litPropertyMetadata']);
    const added = Object.keys(window).filter((key) => !globalsBefore.has(key) && !litRegistries.has(key));
    expect(added).to.deep.equal([]);
  });
});
