// The steps after the answer, in the order of the `follow-up` attribute: the comment (with the
// web team's extra questions), the questions about you, the invitation to help shape the
// service. Loaded with a dynamic import() when the user answers (never before), so pages where
// nobody answers never pay for it; the about-you and panel steps are further modules of their
// own, fetched at the same moment and only when the page asks for them.
import { html, nothing, type TemplateResult } from 'lit';
import type { FollowUp } from '../contract/response.js';
import { heading } from '../element/heading.js';
import { followUpStrings } from '../generated/follow-up-locale-loaders.js';
import { isLocaleReady, loadLocale } from '../i18n/i18n.js';
import { errorSummary, type Problem } from './form-parts.js';
import * as strings from './form-strings.js';
import { checkQuestions, type Question } from './questions.js';
import type { FollowUpStep, ResponseAdditions, StepContext } from './step.js';

export { formStyles } from './form.styles.js';
export type { FollowUpStep, ResponseAdditions, StepContext } from './step.js';

/** What the flow asks of the prompt. */
export interface FlowHost extends Omit<StepContext, 'privacyUrl'> {
  /** Level of the prompt's headings (`heading-level`). */
  headingLevel: () => number;
  /** A new step (or the error summary) is on screen: move focus to it after the render. */
  moveFocus: () => void;
  /** Send the response with these additions (the same `id`, re-sent whole). */
  submit: (additions: ResponseAdditions) => void;
  /** No steps are left: show the thank-you. */
  finish: () => void;
  /** A console message for the web team (prefixed and shown once). */
  log: (level: 'error' | 'warn', message: string) => void;
}

type MakeStep = (context: StepContext, questions: Question[], withComment: boolean) => FollowUpStep;

// Each step is a module of its own, fetched only by pages that ask for it.
const STEPS: Record<FollowUp, () => Promise<MakeStep>> = {
  comment: () => import('./comment-step.js').then((module) => module.commentStep),
  'about-you': () => import('./about-you-step.js').then((module) => module.aboutYouStep),
  panel: () => import('./panel-step.js').then((module) => module.panelStep),
};

/** Settings the flow is started with. */
export interface FlowOptions {
  followUps: FollowUp[];
  /** The web team's extra questions, unchecked (shown with the comment, or first on their own). */
  questions: unknown;
  privacyUrl: string;
}

/**
 * Loads the configured steps (in parallel) and makes the flow. A step whose module cannot be
 * fetched (the network dropped after the answer) is left out with a console warning: the
 * answer itself is already safe in the queue.
 */
export async function startFollowUp(host: FlowHost, options: FlowOptions): Promise<FollowUpFlow> {
  const checked = checkQuestions(options.questions);
  for (const problem of checked.problems) host.log('error', problem);
  const context: StepContext = { locale: host.locale, inLocale: host.inLocale, update: host.update, privacyUrl: options.privacyUrl };
  // Extra questions without the comment box come first, on a step of their own.
  const names: FollowUp[] =
    checked.questions.length && !options.followUps.includes('comment') ? ['comment', ...options.followUps] : options.followUps;
  const [loaded] = await Promise.all([
    Promise.all(
      names.map(async (name) => {
        try {
          return (await STEPS[name]())(context, checked.questions, options.followUps.includes('comment'));
        } catch (error) {
          host.log('warn', `could not load the \`${name}\` step (${String(error)}), so it is skipped.`);
          return null;
        }
      }),
    ),
    loadStrings(host),
  ]);
  return new FollowUpFlow(host, loaded.filter((step): step is FollowUpStep => step !== null));
}

/** Loads the follow-up steps' words in the prompt's locale; English is shown if they cannot be fetched. */
async function loadStrings(host: FlowHost): Promise<void> {
  const locale = host.locale();
  try {
    await loadLocale(locale, followUpStrings);
  } catch (error) {
    host.log('warn', `could not load the "${locale}" strings of the follow-up steps (${String(error)}), so English is shown.`);
  }
}

/** Walks through the steps: renders the current one, checks it, sends what it adds, moves on. */
export class FollowUpFlow {
  private index = 0;
  /**
   * What was wrong when the current step was last sent, shown until it is sent again. Checked
   * only on Send (GOV.UK's error pattern): re-checked on every key press, the error summary
   * changed under the resident's fingers and was announced again, and disappeared
   * at the first fix, moving the field up under them.
   */
  private found: Problem[] = [];
  /** The locale `found` is worded in. */
  private foundIn = '';
  /** Locales whose words this flow has fetched (or tried to), so a failure is not retried on every render. */
  private fetchedLocales = new Set<string>();

  constructor(
    private readonly host: FlowHost,
    private readonly steps: FollowUpStep[],
  ) {}

  /** Whether there is nothing (left) to show. */
  get done(): boolean {
    return this.index >= this.steps.length;
  }

  dispose(): void {
    for (const step of this.steps) step.dispose?.();
  }

  /** Renders the current step. Call inside withLocale(). */
  render(): TemplateResult {
    // The page's language changed while a step was on screen: fetch its words, then re-render.
    const locale = this.host.locale();
    if (!isLocaleReady(locale, followUpStrings) && !this.fetchedLocales.has(locale)) {
      this.fetchedLocales.add(locale);
      void loadStrings(this.host).then(this.host.update);
    }
    const step = this.steps[this.index]!;
    // The language changed while errors were shown: say them in the new one.
    if (this.found.length && this.foundIn !== locale) this.check(step);
    const found = this.found;
    const errorFor = (field: string) => found.find((problem) => problem.field === field)?.message ?? '';
    const level = this.host.headingLevel();
    return html`
      ${found.length ? errorSummary(found, this.onErrorLink, level) : nothing}
      ${heading(level, step.heading(), !found.length)}
      ${step.intro?.() ?? nothing}
      <form novalidate @submit=${this.onSubmit}>
        ${step.fields(errorFor)}
        <div class="actions">
          <button type="submit" part="submit" class="primary">${strings.sendLabel()}</button>
          <button type="button" part="skip" class="link" @click=${this.next}>${strings.skipLabel()}</button>
        </div>
      </form>
    `;
  }

  /** Checks the step, in the prompt's locale; returns whether anything is wrong. */
  private check(step: FollowUpStep): number {
    this.foundIn = this.host.locale();
    this.found = this.host.inLocale(() => step.problems());
    return this.found.length;
  }

  private onSubmit = (event: Event): void => {
    event.preventDefault();
    const step = this.steps[this.index]!;
    if (this.check(step)) {
      this.host.moveFocus();
      this.host.update();
      return;
    }
    this.host.submit(step.collect());
    this.next();
  };

  private next = (): void => {
    this.index++;
    this.found = [];
    if (this.done) return this.host.finish();
    this.host.moveFocus();
    this.host.update();
  };

  private onErrorLink = (event: Event): void => {
    event.preventDefault();
    const field = (event.currentTarget as HTMLAnchorElement).getAttribute('href')!.slice(1);
    ((event.currentTarget as Element).getRootNode() as ShadowRoot).querySelector<HTMLElement>(`[id="${field}"]`)?.focus();
  };
}
