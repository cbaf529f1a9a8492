import { LitElement, adoptStyles, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import type { Answer, WelcomedResponse } from '../contract/response.js';
import type { DeliveryReport } from '../delivery/delivery.js';
import type { Question } from '../follow-up/questions.js';
import {
  directionOf,
  isLocaleReady,
  loadLocale,
  matchLocale,
  requestedLanguage,
  SOURCE_LOCALE,
  withLocale,
  type StringOverrides,
} from '../i18n/i18n.js';
import { checkConfig, LOG_PREFIX, type PromptConfig } from './config.js';
import { heading } from './heading.js';
import { DeliveryController } from './delivery-controller.js';
import { dispatchWelcomedEvent } from './events.js';
import { checkStrings, readJsonConfig, type JsonConfig } from './json-config.js';
import { buildResponse, newResponseId, pageAddress } from './payload.js';
import { answeredRecently, rememberAnswer } from './remember.js';
import { inSample, watchSeen } from './views.js';
import * as strings from './strings.js';
import { styles } from './welcomed-prompt.styles.js';

/** The follow-up steps, loaded when the user answers. */
type FollowUpModule = typeof import('../follow-up/follow-up.js');
type FollowUpFlow = import('../follow-up/follow-up.js').FollowUpFlow;
type FlowHost = import('../follow-up/follow-up.js').FlowHost;
type ResponseAdditions = import('../follow-up/follow-up.js').ResponseAdditions;

/** Where the prompt is in its flow. */
type Step = 'ask' | 'follow-up' | 'thanks' | 'dismissed';

/** What the status region is saying. */
type Status = 'none' | 'answered' | 'queued' | 'rejected';

/**
 * Asks the people using a service whether a change to it was welcomed, then the follow-up steps
 * the page asks for (a comment, questions about the person, an invitation to help shape the
 * service), and posts each answer to `endpoint` as JSON (schema `welcomed/1`).
 *
 * Without JavaScript, or when the configuration is invalid, the element's own children
 * (e.g. a link to a feedback page) are shown instead.
 *
 * @fires welcomed-answer - The user picked an answer. Detail: the response (`WelcomedResponse`).
 * @fires welcomed-submit - The user sent a follow-up step (comment, about you, contact details); fired for each step sent. Detail: the whole response so far (`WelcomedResponse`), same `id`.
 * @fires welcomed-delivered - The endpoint accepted a send (2xx). Detail: `{ id }`.
 * @fires welcomed-queued - A send failed and is kept for retry; fired for each failed attempt. Detail: `{ id, reason }` (`network`, `timeout`, `http-503`, …).
 * @fires welcomed-error - Invalid configuration, the endpoint refused a response for good, or this browser's queue was full and gave up its oldest answer (`reason` starts `queue-full`). Detail: `{ id?, reason }`.
 * @fires welcomed-dismiss - The user pressed "Not now". Detail: `{ id? }`.
 *
 * @attr {boolean} updates - Shows a browser that answered within `remember` days the service's published reply to what people said ("You said, we did": its status and a link to the reply's page), instead of nothing. It costs a request before any answer, so it is off unless present: to the receiver's public JSON beside `endpoint` (`/api/responses` → `/api/changes/<change>/update`), without cookies, referrer or any id. With it, the thank-you after an answer links to the reply too; without it, no request is made (an endpoint that is not the reference receiver would answer each with a 404). Read when the prompt is configured.
 *
 * @slot - Fallback content, shown only when the prompt cannot run.
 *
 * @csspart container - The box around the whole prompt.
 * @csspart description - The sentence saying what changed.
 * @csspart question - The question (legend of the answer group).
 * @csspart answer - Each answer button.
 * @csspart dismiss - The "Not now" button.
 * @csspart heading - The heading of the comment and thank-you steps.
 * @csspart label - The comment box's label.
 * @csspart hint - The hint under the comment label.
 * @csspart comment - The comment box (textarea).
 * @csspart answer-text - The text box of an extra `text` question.
 * @csspart contact-input - Each field of the panel step (name, e-mail, phone).
 * @csspart privacy-link - The link to your privacy notice (about-you and panel steps).
 * @csspart count - The character counter.
 * @csspart error-summary - The error summary box.
 * @csspart error-message - The error message above the comment box.
 * @csspart submit - The "Send" button.
 * @csspart skip - The "Skip" button.
 * @csspart thanks - The thank-you step.
 * @csspart dismissed - The line left after the user pressed "Not now".
 * @csspart status - The status region (saved, will send later, could not send).
 *
 * @cssprop --welcomed-accent - Background of the primary button. Default `#00703c`.
 * @cssprop --welcomed-accent-text - Text on the primary button. Default `#ffffff`.
 * @cssprop --welcomed-button-background - Background of answer buttons. Default `#f3f2f1`.
 * @cssprop --welcomed-button-text - Text on answer buttons. Default `#0b0c0c`.
 * @cssprop --welcomed-background - Background of the prompt. Default `transparent` (the page's).
 * @cssprop --welcomed-border-color - Border of the prompt. Default `currentColor`.
 * @cssprop --welcomed-field-background - Background of the comment box. Default `#ffffff`.
 * @cssprop --welcomed-field-text - Text in the comment box. Default `#0b0c0c`.
 * @cssprop --welcomed-focus-color - Focus highlight. Default `#ffdd00`.
 * @cssprop --welcomed-focus-text - Text and outer ring on focus. Default `#0b0c0c`.
 * @cssprop --welcomed-error-color - Error text and borders. Default: borders `#d4351c`; text `#d4351c` mixed 30% toward the page's text colour, so it keeps 4.5:1 on light and dark pages.
 * @cssprop --welcomed-font - Font family. Default: the page's.
 * @cssprop --welcomed-radius - Corner radius. Default `0`.
 * @cssprop --welcomed-spacing - Space between parts. Default `1rem`.
 */
export class WelcomedPrompt extends LitElement {
  static override styles = styles;

  // Declared statically rather than with decorators: the same reactive properties without
  // the decorator helpers in the bundle.
  static override properties = {
    endpoint: {},
    change: {},
    description: {},
    question: {},
    choices: {},
    followUp: { attribute: 'follow-up' },
    privacyUrl: { attribute: 'privacy-url' },
    lang: {},
    remember: { type: Number },
    transport: {},
    headingLevel: { attribute: 'heading-level' },
    sample: { type: Number },
    countViews: { attribute: 'count-views' },
    strings: { attribute: false },
    step: { state: true, attribute: false },
    status: { state: true, attribute: false },
    locale: { state: true, attribute: false },
    questions: { attribute: false },
  };

  /**
   * URL the answers are POSTed to: `https:`, or `http:` only on `localhost`, `127.0.0.1` or `[::1]`.
   * May be relative to the page (e.g. `/api/responses`). Required.
   */
  endpoint = '';

  /** Identifier of the change asked about: 1–100 characters of `A-Za-z0-9._:-`. Required. */
  change = '';

  /** One sentence saying what changed, shown above the question and linked to it for screen readers. */
  description = '';

  /** Replaces the question (by default "Do you welcome this change?"). Always rendered as text. */
  question = '';

  /** Space-separated answers offered, from `yes partly no unsure` (labels "Yes", "Partly", "No", "Not sure"). */
  choices = 'yes no';

  /**
   * Space-separated steps after the answer, shown in the order given: `comment` (with any extra
   * questions), `about-you` (optional equality monitoring), `panel` (an invitation to help shape
   * the service, with consent); `""` for none. `about-you` and `panel` need `privacy-url`.
   * @attr follow-up
   */
  followUp = 'comment';

  /**
   * Your privacy notice; required by the `about-you` and `panel` steps, which link to it (opening
   * in a new tab). `http:` or `https:`, may be relative to the page.
   * @attr privacy-url
   */
  privacyUrl = '';

  /**
   * Locale; else the nearest ancestor's `lang` (across shadow roots), else `<html lang>`, else `en`.
   * `cy-GB` uses `cy`; an unknown language falls back to English with a console note.
   */
  override lang = '';

  /**
   * Days during which this browser is not asked about the same change again after answering; `0`
   * always asks. Stored in `localStorage` only after an answer.
   */
  remember = 90;

  // The "You said, we did" line, set by updates/updates.ts.
  private updateView?: TemplateResult;

  /**
   * `json` sends `Content-Type: application/json`; `simple` sends `text/plain` (no CORS preflight)
   * for endpoints that cannot answer `OPTIONS`.
   */
  transport = 'json';

  /**
   * Level of the prompt's headings, `2` to `6` (default `2`), so that they fit into your page's
   * own heading outline: e.g. `3` for a prompt inside a section headed by an `<h2>`.
   * @attr heading-level
   */
  headingLevel: number | string = 2;

  /**
   * Share of visits shown the prompt, from `0` to `1` (default `1`: every visit). Drawn once per
   * browser and change and kept in `localStorage` for the `remember` period (only when below 1),
   * so a resident sees it on every page or on none. A visit not in the sample shows nothing, not
   * even the fallback content, and counts no view. A value that is not a number below 1 asks every visit.
   */
  sample = 1;

  /**
   * `off` stops the count of views. By default, once at least half of the prompt has been on
   * screen for a second in a visible tab, one view (change, locale, UTC day, widget version; no
   * id, no page) is sent to `impressions` beside `endpoint`. Never counted when the browser sends
   * Global Privacy Control.
   * @attr count-views
   */
  countViews = 'on';

  /**
   * Your own wording, by locale then message id (see "Overriding wording" in docs/guide.md), e.g.
   * `{ cy: { question: '…' } }`. Also accepted as `"strings"` in a child
   * `<script type="application/json">`; this property wins where both set a message.
   */
  strings: StringOverrides = {};

  /**
   * Extra questions shown with the comment box: `{ id, kind: 'choice' | 'choices' | 'text',
   * label, options?, required? }`, labels as text or by locale. Also accepted as `"questions"`
   * in the JSON child (this property wins). Answers are sent in `answers`, by question id.
   * Checked when the follow-up step loads; a bad question is left out with a console error.
   */
  questions: Question[] | undefined = undefined;

  private step: Step = 'ask';
  private status: Status = 'none';
  private locale = SOURCE_LOCALE;

  private config: PromptConfig | null = null;
  private loggedProblems = new Set<string>();
  private response: WelcomedResponse | null = null;
  // Proof of authorship for this.response: kept here and in the queue, never in the response
  // the events carry, which every script on the page can read.
  private secret = '';
  private alreadyAnswered = false;
  private sampledOut = false;
  /** Stops watching for the prompt to be seen (null until watching starts: once per prompt). */
  private stopWatching: (() => void) | null = null;
  private focusAfterRender = false;
  /**
   * What the status region will say once focus has moved to the step after the answer (null:
   * no such move is pending). Said before the move, a screen reader cuts it off to read the
   * newly focused heading.
   */
  private statusAfterFocus: Status | null = null;
  /**
   * The step on screen and the one just left, in two places of the template: a step left while
   * it held focus keeps its DOM, visually hidden, until focus has moved to the next step, and
   * goes in the task after. Orca, when the focused element goes, silently takes the next thing
   * (the new heading) as its focus, and then says nothing when focus moves there.
   */
  private views: (TemplateResult | typeof nothing)[] = [nothing, nothing];
  /** Which of `views` is the step on screen. */
  private view = 0;
  private flow: FollowUpFlow | null = null;
  private jsonConfig: JsonConfig = {};
  private shownAt: number | undefined;
  private honeypot = '';
  /** The JSON child's wording with the `strings` property's on top. */
  private overrides: StringOverrides = {};
  private readonly delivery = new DeliveryController(this, (report) => this.onDeliveryReport(report));

  override connectedCallback(): void {
    super.connectedCallback();
    const read = readJsonConfig(this);
    this.jsonConfig = read.config;
    for (const problem of read.problems) this.logOnce('error', problem);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.flow?.dispose();
    this.stopWatching?.();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    const configChanged = ['endpoint', 'change', 'choices', 'followUp', 'privacyUrl', 'remember', 'transport', 'headingLevel', 'sample'].some((name) =>
      changed.has(name as keyof WelcomedPrompt),
    );
    if (configChanged || !this.hasUpdated) this.applyConfig();
    if (changed.has('lang') || !this.hasUpdated) this.applyLocale();
    if (changed.has('strings') || !this.hasUpdated) this.applyOverrides();
  }

  protected override updated(): void {
    // When the question was first on screen: how fast an answer came tells bots from people.
    if (this.shownAt === undefined && this.renderRoot.querySelector('fieldset')) {
      this.shownAt = performance.now();
      // Counted once per prompt, only once seen, and never for a browser that asks not to be tracked.
      if (!this.stopWatching && this.countViews != 'off' && !(navigator as { globalPrivacyControl?: boolean }).globalPrivacyControl) {
        this.stopWatching = watchSeen(this, () => this.delivery.countView(this.config!.change, this.locale));
      }
    }
    if (this.focusAfterRender) {
      this.focusAfterRender = false;
      // In the step on screen: the step left may still be there, with its own.
      this.renderRoot.querySelector<HTMLElement>('.step [data-focus-target]')?.focus();
      // In a task of its own: removed in the same one, Orca never hears of the focus move.
      setTimeout(() => {
        this.views[this.view ^ 1] = nothing;
        this.requestUpdate();
      });
      const status = this.statusAfterFocus;
      this.statusAfterFocus = null;
      // In a render of its own, after this one: the status change then reaches screen readers
      // after the focus change, and is read after the heading.
      if (status) queueMicrotask(() => (this.status = status));
    }
  }

  private applyConfig(): void {
    const checked = checkConfig(
      {
        endpoint: this.endpoint ?? '',
        change: this.change ?? '',
        choices: this.choices ?? '',
        followUp: this.followUp ?? '',
        privacyUrl: this.privacyUrl ?? '',
        remember: this.remember,
        transport: this.transport ?? '',
        headingLevel: this.headingLevel ?? '',
      },
      document.baseURI,
    );
    if (!checked.ok) {
      this.config = null;
      this.delivery.configure(undefined, () => false);
      this.logOnce('error', checked.error);
      dispatchWelcomedEvent(this, 'welcomed-error', { reason: checked.error });
      return;
    }
    this.config = checked.config;
    for (const warning of checked.warnings) this.logOnce('warn', warning);
    // Only read on first configuration: once answered, the thank-you stays in view.
    if (this.step === 'ask') {
      const { endpoint, change, rememberDays } = this.config;
      // `updates` is read as an attribute only (see the class's doc comment): a property costs bytes here.
      if ((this.alreadyAnswered = answeredRecently(endpoint, change, rememberDays))) this.showUpdate();
      this.sampledOut = !inSample(`${endpoint}|${change}`, this.sample, rememberDays);
    }
    this.delivery.configure(this.config.endpoint, () => this.response !== null);
  }

  /** Queues and sends a response. */
  private send(response: WelcomedResponse): void {
    this.delivery.send(response, this.config!.transport, this.secret);
  }

  private applyOverrides(): void {
    const problems: string[] = [];
    const fromProperty = checkStrings(this.strings ?? {}, problems);
    for (const problem of problems) this.logOnce('error', problem);
    const merged: StringOverrides = { ...this.jsonConfig.strings };
    for (const [locale, messages] of Object.entries(fromProperty)) merged[locale] = { ...merged[locale], ...messages };
    this.overrides = merged;
  }

  private applyLocale(): void {
    // The property first: setting `lang` from script does not change the attribute.
    const match = matchLocale(this.lang || requestedLanguage(this));
    if (match.note) this.logOnce('info', match.note);
    if (isLocaleReady(match.locale)) {
      this.locale = match.locale;
      return;
    }
    loadLocale(match.locale).then(
      () => {
        this.locale = match.locale;
      },
      (error: unknown) => {
        this.logOnce('warn', `could not load the "${match.locale}" strings (${String(error)}), so English is shown.`);
        this.locale = SOURCE_LOCALE;
      },
    );
  }

  private logOnce(level: 'error' | 'warn' | 'info', message: string): void {
    if (this.loggedProblems.has(message)) return;
    this.loggedProblems.add(message);
    console[level](`${LOG_PREFIX} ${message}`, this);
  }

  // Reports for this prompt's own response, and for responses queued on earlier page loads
  // (which only fire events: this prompt's status is about its own answer).
  private onDeliveryReport = (report: DeliveryReport): void => {
    const own = report.id === this.response?.id;
    switch (report.kind) {
      case 'delivered':
        if (own && (this.statusAfterFocus ?? this.status) === 'queued') this.announce('answered');
        dispatchWelcomedEvent(this, 'welcomed-delivered', { id: report.id });
        break;
      case 'queued':
        if (own) this.announce('queued');
        dispatchWelcomedEvent(this, 'welcomed-queued', { id: report.id, reason: report.reason });
        break;
      case 'given-up':
        // An older answer the full queue gave up: the web team must be able to see it.
        this.logOnce('warn', report.reason);
        dispatchWelcomedEvent(this, 'welcomed-error', { id: report.id, reason: report.reason });
        break;
      case 'rejected':
        if (own) this.announce('rejected');
        this.logOnce('warn', `the endpoint refused response ${report.id} (${report.reason}): ${report.message}`);
        dispatchWelcomedEvent(this, 'welcomed-error', { id: report.id, reason: `${report.reason}: ${report.message}` });
        break;
    }
  };

  /** Says `status` in the status region: now, or once focus has moved to the next step. */
  private announce(status: Status): void {
    if (this.statusAfterFocus) this.statusAfterFocus = status;
    else this.status = status;
  }

  private onAnswer(answer: Answer): void {
    const config = this.config;
    if (!config || this.response) return;
    const response = buildResponse({
      id: newResponseId(),
      change: config.change,
      answer,
      locale: this.locale,
      page: pageAddress(location.href),
      answeredAt: new Date(),
      honeypot: this.honeypot,
      shownForMs: this.shownAt === undefined ? undefined : performance.now() - this.shownAt,
    });
    this.response = response;
    // Another UUID v4: 122 random bits, made with the id.
    this.secret = newResponseId();
    this.statusAfterFocus = 'answered';
    dispatchWelcomedEvent(this, 'welcomed-answer', response);
    this.send(response);
    rememberAnswer(config.endpoint, config.change, config.rememberDays);
    this.showUpdate();
    const questions = this.questions ?? this.jsonConfig.questions;
    if (!config.followUps.length && !(Array.isArray(questions) && questions.length)) {
      this.moveTo('thanks');
      return;
    }
    import('../follow-up/follow-up.js')
      .then(async (followUp: FollowUpModule) => {
        const flow = await followUp.startFollowUp(this.flowHost(), {
          followUps: config.followUps,
          questions,
          privacyUrl: config.privacyUrl ?? '',
        });
        adoptStyles(this.renderRoot as ShadowRoot, [styles, followUp.formStyles]);
        this.flow = flow;
        if (flow.done) return this.finish();
        this.moveTo('follow-up');
      })
      .catch((error: unknown) => {
        // Offline before the steps could load: the answer is safe in the queue; skip to the end.
        this.logOnce('warn', `could not load the follow-up steps (${String(error)}), so they are skipped.`);
        this.finish();
      });
  }

  private showUpdate(): void {
    // Only where the page opted in (another endpoint than the reference receiver would answer
    // 404). The module reads what it needs of the prompt (UpdateHost) and sets updateView: the
    // least code here, where every byte is paid at first paint.
    if (this.hasAttribute('updates')) import('../updates/updates.js').then((updates) => updates.showUpdate(this as never));
  }

  /** What the follow-up flow may ask of the prompt. */
  private flowHost(): FlowHost {
    return {
      locale: () => this.locale,
      inLocale: (words) => withLocale(this.locale, words, this.overrides),
      headingLevel: () => this.config!.headingLevel,
      update: () => this.requestUpdate(),
      moveFocus: () => {
        this.focusAfterRender = true;
      },
      submit: (additions) => this.submitFollowUp(additions),
      finish: () => this.finish(),
      log: (level, message) => this.logOnce(level, message),
    };
  }

  /** Re-sends the whole response (same `id`) with what a follow-up step added. */
  private submitFollowUp(additions: ResponseAdditions): void {
    const response: WelcomedResponse = { ...this.response!, ...additions };
    this.response = response;
    dispatchWelcomedEvent(this, 'welcomed-submit', response);
    if (Object.keys(additions).length) this.send(response);
  }

  // The status region keeps what it said: the focused heading says thank you, and saying it
  // there too would have it read twice.
  private finish(): void {
    this.moveTo('thanks');
  }

  private onDismiss(): void {
    // Focus goes to the one line left in the prompt's place, so a keyboard or screen reader
    // user is not dropped at the top of the page.
    this.moveTo('dismissed');
    dispatchWelcomedEvent(this, 'welcomed-dismiss', this.response ? { id: this.response.id } : {});
  }

  private moveTo(step: Step): void {
    this.step = step;
    // Only a step that holds focus needs to stay until focus has moved (see `views`).
    if (!this.focusAfterRender && (this.renderRoot as ShadowRoot).activeElement) this.view ^= 1;
    this.focusAfterRender = true;
  }

  protected override render(): TemplateResult | typeof nothing {
    if (!this.config) return html`<slot></slot>`;
    // With `updates`, the line in its own live region (updates/updates.ts), once it is fetched.
    if (this.alreadyAnswered && !this.response) return this.updateView ?? nothing;
    if (this.sampledOut && !this.response) return nothing;
    const locale = this.locale;
    return withLocale(
      locale,
      () => html`
        <section part="container" class="prompt" lang=${locale} dir=${directionOf(locale)}>
          ${this.renderViews()}
          <p role="status" part="status" class="status">${this.statusText()}</p>
        </section>
      `,
      this.overrides,
    );
  }

  private renderViews(): TemplateResult[] {
    this.views[this.view] = this.renderStep();
    return this.views.map((view, index) => html`<div class=${index === this.view ? 'step' : 'visually-hidden'}>${view}</div>`);
  }

  private renderStep(): TemplateResult {
    switch (this.step) {
      case 'ask':
        return this.renderAsk();
      case 'follow-up':
        return this.flow!.render();
      case 'thanks':
        return this.renderThanks();
      case 'dismissed':
        return html`<p part="dismissed" class="dismissed" tabindex="-1" data-focus-target>${strings.dismissedText()}</p>`;
    }
  }

  private renderAsk(): TemplateResult {
    const config = this.config!;
    return html`
      ${this.description
        ? html`<p id="description" part="description" class="description">${this.description}</p>`
        : nothing}
      <fieldset aria-describedby=${this.description ? 'description' : nothing}>
        <legend part="question">${strings.question(this.question)}</legend>
        <div class="answers">
          ${config.choices.map(
            (answer) => html`
              <button type="button" part="answer" data-answer=${answer} @click=${() => this.onAnswer(answer)}>
                ${strings.answerLabel(answer)}
              </button>
            `,
          )}
        </div>
      </fieldset>
      <div class="trap" aria-hidden="true">
        <input
          name="website"
          tabindex="-1"
          autocomplete="off"
          @input=${(event: Event) => (this.honeypot = (event.target as HTMLInputElement).value)}
        />
      </div>
      <div class="dismiss-row">
        <button type="button" part="dismiss" class="link" @click=${this.onDismiss}>${strings.dismissLabel()}</button>
      </div>
    `;
  }

  private renderThanks(): TemplateResult {
    // Neither "thank you" nor "the team reads every answer" is true of an answer the endpoint
    // refused: the heading says it was not sent, and the status region beside it what to do.
    const refused = this.status === 'rejected';
    return html`
      <div part="thanks" class="thanks">
        ${heading(this.config!.headingLevel, refused ? strings.refusedHeading() : strings.thanksHeading(), true)}
        ${refused ? nothing : html`<p>${strings.thanksBody()}</p>${this.updateView}`}
      </div>
    `;
  }

  private statusText(): string {
    switch (this.status) {
      case 'answered':
        return strings.answerSavedStatus();
      case 'queued':
        return strings.queuedStatus();
      case 'rejected':
        return strings.rejectedStatus();
      case 'none':
        return '';
    }
  }
}

if (!customElements.get('welcomed-prompt')) customElements.define('welcomed-prompt', WelcomedPrompt);

declare global {
  interface HTMLElementTagNameMap {
    'welcomed-prompt': WelcomedPrompt;
  }
}
