// The states page (/states.html): one real prompt per state, driven there by clicking, as a
// resident would, for the manual accessibility review in ACCESSIBILITY.md. An external module,
// because the demo's Content-Security-Policy allows no inline script or style.
/* global document, window, customElements, history, location */

const COMMENT = 'Much quicker than phoning.';
// One character over the 1,200 limit (counted in code points).
const TOO_LONG = 'Renewing online is much quicker than phoning. '.repeat(27).slice(0, 1201);

/**
 * Every state of issue 4, plus "refused". `attributes` are set on the prompt; `drive` clicks it
 * into the state and resolves once it is there.
 */
const STATES = [
  {
    id: 'ask',
    title: 'Ask',
    how: 'First render. Nothing is focused; the status region is there, empty.',
    drive: async () => {},
  },
  {
    id: 'follow-up',
    title: 'Follow-up (comment step)',
    how: 'After pressing "Yes". The answer is already stored.',
    drive: async (prompt) => {
      await answer(prompt);
    },
  },
  {
    id: 'error-summary',
    title: 'Error summary',
    how: 'A comment of 1,201 characters, then "Send". The text is kept.',
    drive: async (prompt) => {
      await answer(prompt);
      type(prompt, TOO_LONG);
      inPrompt(prompt, 'button[type="submit"]').click();
      await until(() => prompt.shadowRoot.querySelector('[part="error-summary"]'));
    },
  },
  {
    id: 'about-you',
    title: 'About you (equality monitoring)',
    how: 'follow-up="about-you": after "Yes", then "Yes" to the long-term condition question, which reveals the second.',
    attributes: { 'follow-up': 'about-you', 'privacy-url': '/privacy.html' },
    drive: async (prompt) => {
      await answer(prompt);
      inPrompt(prompt, '#about-disabled-0').click();
      await until(() => prompt.shadowRoot.querySelector('#about-disabilityImpact-0'));
    },
  },
  {
    id: 'panel',
    title: 'Help shape this service (panel)',
    how: 'follow-up="panel": after "Yes". Nothing typed here is sent unless the box is ticked.',
    attributes: { 'follow-up': 'panel', 'privacy-url': '/privacy.html' },
    drive: async (prompt) => {
      await answer(prompt);
    },
  },
  {
    id: 'panel-errors',
    title: 'Panel, with errors',
    how: 'The box ticked, no e-mail address or phone number, then "Send".',
    attributes: { 'follow-up': 'panel', 'privacy-url': '/privacy.html' },
    drive: async (prompt) => {
      await answer(prompt);
      inPrompt(prompt, '#panel-consent').click();
      inPrompt(prompt, 'button[type="submit"]').click();
      await until(() => prompt.shadowRoot.querySelector('[part="error-summary"]'));
    },
  },
  {
    id: 'sending',
    title: 'Sending',
    how:
      'Answered, with no follow-up: the thank-you shows at once and the status says the answer is saved ' +
      'while it is on its way. (It looks and sounds the same once delivered.)',
    attributes: { 'follow-up': '' },
    drive: async (prompt) => {
      await answer(prompt);
    },
  },
  {
    id: 'queued',
    title: 'Queued (saved, will be sent later)',
    how:
      'Answered while the endpoint cannot be reached (http://127.0.0.1:9, where nothing listens; this ' +
      "page's security policy refuses it, which the prompt treats the same as being offline).",
    attributes: { endpoint: 'http://127.0.0.1:9/api/responses', 'follow-up': '' },
    drive: async (prompt) => {
      const queued = aboutThisAnswer(prompt, 'welcomed-queued');
      await answer(prompt);
      await queued;
    },
  },
  {
    id: 'refused',
    title: 'Refused (could not be sent)',
    how: 'Answered, and the endpoint (/api/nowhere) refused it for good (404).',
    attributes: { endpoint: '/api/nowhere', 'follow-up': '' },
    drive: async (prompt) => {
      const refused = aboutThisAnswer(prompt, 'welcomed-error');
      await answer(prompt);
      await refused;
    },
  },
  {
    id: 'thank-you',
    title: 'Thank you',
    how: `After a comment ("${COMMENT}") and "Send".`,
    drive: async (prompt) => {
      await answer(prompt);
      type(prompt, COMMENT);
      inPrompt(prompt, 'button[type="submit"]').click();
      await until(() => prompt.shadowRoot.querySelector('[part="thanks"]'));
    },
  },
  {
    id: 'dismissed',
    title: 'Dismissed',
    how: 'After pressing "Not now". One line is left in the prompt\'s place.',
    drive: async (prompt) => {
      inPrompt(prompt, '[part="dismiss"]').click();
      await until(() => prompt.shadowRoot.querySelector('[part="dismissed"]'));
    },
  },
];

const settings = {
  language: document.getElementById('language'),
  dark: document.getElementById('dark'),
  narrow: document.getElementById('narrow'),
};
const list = document.getElementById('states');
const progress = document.getElementById('progress');

/** The element in the prompt's shadow root that matches `selector`. */
function inPrompt(prompt, selector) {
  const found = prompt.shadowRoot.querySelector(selector);
  if (!found) throw new Error(`no ${selector} in the prompt`);
  return found;
}

/** Resolves once `check()` is truthy (polling each animation frame), or rejects after 5 s. */
function until(check) {
  const deadline = Date.now() + 5000;
  return new Promise((resolve, reject) => {
    const poll = () => {
      const value = check();
      if (value) resolve(value);
      else if (Date.now() > deadline) reject(new Error('the prompt did not reach the state in 5 s'));
      else window.requestAnimationFrame(poll);
    };
    poll();
  });
}

/**
 * Resolves with the first `type` event about the answer this prompt is about to take: the same
 * events also report answers queued on earlier visits to this page.
 */
function aboutThisAnswer(prompt, type) {
  return new Promise((resolve) => {
    let id = '';
    prompt.addEventListener('welcomed-answer', (event) => (id = event.detail.id), { once: true });
    const listener = (event) => {
      if (!id || event.detail.id !== id) return;
      prompt.removeEventListener(type, listener);
      resolve(event);
    };
    prompt.addEventListener(type, listener);
  });
}

/** Clicks "Yes" and waits for the next step (the follow-up steps load on demand). */
async function answer(prompt) {
  inPrompt(prompt, 'button[data-answer="yes"]').click();
  await until(() => prompt.shadowRoot.querySelector('form, [part="thanks"]'));
}

/** Puts text in the comment box the way typing does: the value, then an input event. */
function type(prompt, text) {
  const textarea = inPrompt(prompt, 'textarea');
  textarea.value = text;
  textarea.dispatchEvent(new Event('input', { bubbles: true }));
}

/** What has focus, looking into shadow roots. */
function deepActiveElement() {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

/** A short description of an element for the "focus went to" line. */
function describe(element) {
  if (!element || element === document.body) return 'nothing (it stays where it was)';
  const text = element.textContent.replace(/\s+/g, ' ').trim().slice(0, 60);
  const kind = /^h[1-6]$/.test(element.localName) ? `heading (${element.localName})` : element.localName;
  return `${kind}: “${text}”`;
}

function paragraph(className, text) {
  const element = document.createElement('p');
  element.className = className;
  element.textContent = text;
  return element;
}

/** Builds one box: heading, how it was reached, the prompt, then what focus and status show. */
function card(state, language) {
  const item = document.createElement('li');
  item.className = 'state';
  const heading = document.createElement('h2');
  heading.className = 'state__title';
  heading.textContent = state.title;
  const prompt = document.createElement('welcomed-prompt');
  const attributes = {
    endpoint: '/api/responses',
    change: `demo-states-${state.id}`,
    description: 'You can now renew your garden waste permit online.',
    choices: 'yes partly no unsure',
    lang: language,
    // Ask every time: this page is reloaded again and again.
    remember: '0',
    ...state.attributes,
  };
  for (const [name, value] of Object.entries(attributes)) prompt.setAttribute(name, value);
  const fallback = document.createElement('a');
  fallback.href = '/';
  fallback.textContent = 'Tell us what you think of renewing online';
  prompt.append(fallback);
  const outcome = paragraph('state__outcome', 'Getting there…');
  item.append(heading, paragraph('state__how', state.how), prompt, outcome);
  return { item, prompt, outcome };
}

/** Applies the page colours and box width, and keeps the settings in the address to share. */
function applyLook() {
  document.body.classList.toggle('states-page--dark', settings.dark.checked);
  list.classList.toggle('states--narrow', settings.narrow.checked);
  const query = new URLSearchParams({ lang: settings.language.value });
  if (settings.dark.checked) query.set('dark', '1');
  if (settings.narrow.checked) query.set('narrow', '1');
  history.replaceState(null, '', `${location.pathname}?${query}`);
}

let generation = 0;

/** Rebuilds every box, then drives each prompt into its state, one at a time. */
async function show() {
  generation += 1;
  const mine = generation;
  const language = settings.language.value;
  // Driving the prompts moves focus; a reviewer who changed a setting gets it back after.
  const returnFocus = Object.values(settings).includes(document.activeElement) || document.activeElement?.id === 'again'
    ? document.activeElement
    : null;
  applyLook();

  progress.textContent = `Showing ${STATES.length} states…`;
  list.replaceChildren();
  const cards = STATES.map((state) => ({ state, ...card(state, language) }));
  for (const { item } of cards) list.append(item);
  await customElements.whenDefined('welcomed-prompt');

  // One at a time: each step moves focus, and the page must end with the reader's focus back here.
  for (const { state, prompt, outcome } of cards) {
    if (mine !== generation) return;
    try {
      await until(() => prompt.shadowRoot?.querySelector('[role="status"]'));
      await state.drive(prompt);
      await prompt.updateComplete;
      const focused = deepActiveElement();
      const status = prompt.shadowRoot.querySelector('[role="status"]').textContent.trim();
      outcome.textContent = `Focus went to: ${describe(prompt.shadowRoot.contains(focused) ? focused : null)}. Status region says: ${status ? `“${status}”` : 'nothing'}.`;
    } catch (error) {
      outcome.textContent = `Could not show this state: ${error.message}`;
      outcome.classList.add('state__outcome--problem');
    }
  }
  // Leave focus where the reviewer was: on the setting they changed, else on nothing, at the top.
  if (returnFocus) {
    returnFocus.focus();
  } else {
    deepActiveElement()?.blur();
    window.scrollTo(0, 0);
  }
  progress.textContent = `All ${STATES.length} states are shown.`;
}

const initial = new URLSearchParams(location.search);
if ([...settings.language.options].some((option) => option.value === initial.get('lang'))) {
  settings.language.value = initial.get('lang');
}
settings.dark.checked = initial.get('dark') === '1';
settings.narrow.checked = initial.get('narrow') === '1';

settings.language.addEventListener('change', show);
settings.dark.addEventListener('change', applyLook);
settings.narrow.addEventListener('change', applyLook);
document.getElementById('again').addEventListener('click', show);
show();
