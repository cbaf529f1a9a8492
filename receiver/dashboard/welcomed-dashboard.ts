// <welcomed-dashboard>: the service owner's view of the results. Asks for an access token, keeps
// it in this element's memory only (no cookie, no localStorage or sessionStorage: it is gone
// when the page is reloaded or closed), and sends it as `Authorization: Bearer` to
// /api/summary and /api/responses. Every figure comes from /api/summary, where small cells are
// already suppressed; this element only shows them, and only what the token's role allows
// (/api/access; access.ts), with the audit trail for admins (welcomed-audit-trail.ts).
import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { customElement, query, state } from 'lit/decorators.js';
import {
  ABOUT_FIELDS,
  ANSWERS,
  ApiError,
  TOKEN_PATTERN,
  getJson,
  isSuppressed,
  request,
  type ChangeSummary,
  type GroupCell,
  type Overview,
  type SuppressedChange,
  type WeekCell,
} from './api.js';
import { accessSummary, downloadSection, roleAllows, type AccessInfo } from './access.js';
import { weeklyChart } from './chart.js';
import './welcomed-audit-trail.js';
import { differencesStyles, groupDifferencesSection } from './group-differences.js';
import { responseRateSection } from './response-rate.js';
import { ANSWER_LABELS, count, groupCaption, groupLabel, longDate, mediumDate, percent, range } from './format.js';
import { styles } from './styles.js';
import './updates-panel.js';

interface Problem {
  /** Shown in the error summary. */
  message: string;
  /** Also shown beside the token field, which the summary links to. */
  field?: boolean;
}

@customElement('welcomed-dashboard')
export class WelcomedDashboard extends LitElement {
  static override styles = [styles, differencesStyles];

  /** The access token, once accepted. Memory only. */
  private token = '';
  /** An element to focus after the next render. */
  private focusAfterRender: string | undefined;

  @state() private overview: Overview | undefined;
  @state() private access: AccessInfo | undefined;
  @state() private selected: string | undefined;
  @state() private summary: ChangeSummary | SuppressedChange | undefined;
  @state() private problem: Problem | undefined;
  @state() private busy = false;
  @state() private status = '';

  @query('#token') private tokenInput!: HTMLInputElement;

  protected override render(): TemplateResult {
    const signedIn = this.overview !== undefined;
    return html`
      <header class="header">
        <div class="width header-row">
          <span class="service">Welcomed results</span>
          ${signedIn
            ? html`<button class="header-button" type="button" @click=${this.signOut}>Forget the token</button>`
            : nothing}
        </div>
      </header>
      <main class="width main">
        ${this.renderProblem()} ${signedIn ? this.renderResults() : this.renderSignIn()}
        <p class="visually-hidden" role="status">${this.status}</p>
      </main>
    `;
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    if (this.focusAfterRender) {
      this.renderRoot.querySelector<HTMLElement>(this.focusAfterRender)?.focus();
      this.focusAfterRender = undefined;
    }
  }

  private renderProblem() {
    if (!this.problem) return nothing;
    return html`<div class="error-summary" role="alert" tabindex="-1" aria-labelledby="error-summary-title">
      <h2 class="error-summary-title" id="error-summary-title">There is a problem</h2>
      <ul class="error-summary-list">
        <li>
          ${this.problem.field
            ? html`<a href="#token" @click=${this.focusToken}>${this.problem.message}</a>`
            : this.problem.message}
        </li>
      </ul>
    </div>`;
  }

  private renderSignIn() {
    const error = this.problem?.field ? this.problem.message : undefined;
    return html`
      <h1 class="heading-l">See what people said</h1>
      <p class="body">Enter your access token to see, for each change, the share of people who welcomed it.</p>
      <form novalidate @submit=${this.signIn}>
        <div class="form-group ${error ? 'form-group-error' : ''}">
          <label class="label" for="token">Access token</label>
          <div class="hint" id="token-hint">
            A token from <code>token create</code>, the receiver's <code>WELCOMED_ADMIN_TOKEN</code>, or the token it printed when it started. This page keeps it
            in memory only, with no cookie or browser storage, and forgets it when you reload or close the page.
          </div>
          ${error
            ? html`<p class="error-message" id="token-error"><span class="visually-hidden">Error:</span> ${error}</p>`
            : nothing}
          <input
            class="input ${error ? 'input-error' : ''}"
            id="token"
            name="token"
            type="password"
            autocomplete="off"
            spellcheck="false"
            autocapitalize="none"
            aria-describedby="token-hint${error ? ' token-error' : ''}"
          />
        </div>
        <button class="button" type="submit" ?disabled=${this.busy}>Show results</button>
      </form>
    `;
  }

  private renderResults() {
    const overview = this.overview as Overview;
    const access = this.access as AccessInfo;
    return html`
      <h1 class="heading-l" id="results-heading" tabindex="-1">Results</h1>
      ${accessSummary(access)}
      <p class="body">
        The welcomed share is the share of people who answered "yes" to whether the change was welcomed, among everyone
        who answered. The range after it is its 95% confidence interval. Responses flagged as spam are left out.
        Figures about fewer than ${overview.minimumCell} responses are suppressed.
      </p>
      <h2 class="heading-m">Changes</h2>
      ${overview.changes.length === 0
        ? html`<p class="body">No responses yet.</p>`
        : html`<ul class="changes">
            ${overview.changes.map(
              (item) => html`<li class="change-item">
                <button
                  class="link-button"
                  type="button"
                  aria-current=${item.change === this.selected ? 'true' : nothing}
                  @click=${() => this.select(item.change)}
                >
                  ${item.change}
                </button>
                <span class="change-meta">
                  ${isSuppressed(item)
                    ? `Suppressed: fewer than ${overview.minimumCell} responses`
                    : `${count(item.responses)} responses, ${percent(item.welcomed.share)} said yes (${range(item.welcomed)})`}
                </span>
              </li>`,
            )}
          </ul>`}
      ${this.selected === undefined ? nothing : this.renderChange(this.selected)}
      ${roleAllows(access.role, 'manager') ? html`<welcomed-updates .token=${this.token}></welcomed-updates>` : nothing}
      ${roleAllows(access.role, 'admin') ? html`<welcomed-audit-trail .token=${this.token}></welcomed-audit-trail>` : nothing}
    `;
  }

  private renderChange(change: string) {
    const summary = this.summary?.change === change ? this.summary : undefined;
    return html`<section class="change" aria-labelledby="change-heading">
      <h2 class="heading-l change-heading" id="change-heading" tabindex="-1">${change}</h2>
      ${summary === undefined
        ? html`<p class="body">${this.busy ? 'Loading the results…' : 'The results could not be loaded.'}</p>`
        : isSuppressed(summary)
          ? html`<p class="inset">
              Fewer than ${summary.minimumCell} people have answered about this change so far, so its results are
              suppressed. They are shown once ${summary.minimumCell} have answered.
            </p>`
          : this.renderSummary(summary)}
      ${downloadSection(this.access as AccessInfo, change, this.download)}
    </section>`;
  }

  private renderSummary(summary: ChangeSummary) {
    const min = summary.minimumCell;
    return html`
      <p class="headline"><span class="headline-figure">${percent(summary.welcomed.share)}</span> said yes</p>
      <p class="body">
        95% confidence interval: ${range(summary.welcomed)}, from ${count(summary.responses)} responses. A further
        ${percent(summary.partly.share)} (${range(summary.partly)}) said partly.
      </p>
      <table class="table">
        <caption class="caption">Answers</caption>
        <thead>
          <tr>
            <th scope="col">Answer</th>
            <th scope="col" class="numeric">Responses</th>
            <th scope="col" class="numeric">Share</th>
          </tr>
        </thead>
        <tbody>
          ${ANSWERS.map(
            (answer) => html`<tr>
              <th scope="row">${ANSWER_LABELS[answer]}</th>
              <td class="numeric">${count(summary.answers[answer])}</td>
              <td class="numeric">${percent(summary.answers[answer] / summary.responses)}</td>
            </tr>`,
          )}
        </tbody>
      </table>
      ${responseRateSection(summary)}

      <h3 class="heading-m">Over time</h3>
      <p class="body">The share who said yes each week (weeks start on Monday, UTC), with its 95% confidence interval.</p>
      <figure class="figure">
        ${weeklyChart(summary.weeks, 'weekly-chart')}
        <figcaption class="hint">
          Dots: the share who said yes. Bars: its 95% confidence interval. A week without a dot is suppressed.
        </figcaption>
      </figure>
      <details class="details">
        <summary class="details-summary">Show the weekly figures as a table</summary>
        <div class="details-text">${this.renderWeeksTable(summary.weeks)}</div>
      </details>

      <h3 class="heading-m">By group</h3>
      <p class="body">
        From the optional equality questions. "Suppressed" means fewer than ${min} responses, or hidden as well so that
        a smaller group cannot be worked out by taking the others from the total. A question asked only after an answer
        to another counts only those who gave that answer.
      </p>
      ${ABOUT_FIELDS.map((field) => this.renderGroupTable(groupCaption(summary, field), summary.groups[field]))}
      ${groupDifferencesSection(summary)}

      <h3 class="heading-m">Recent comments</h3>
      ${summary.comments.length === 0
        ? html`<p class="body">No comments yet.</p>`
        : html`<p class="body">The newest ${summary.comments.length}, with personal details such as phone numbers removed.</p>
            <ul class="comments">
              ${summary.comments.map(
                (comment) => html`<li class="comment">
                  <blockquote class="comment-text">${comment.comment}</blockquote>
                  <p class="comment-meta">Answered ${ANSWER_LABELS[comment.answer] ?? comment.answer}, ${longDate(comment.date)}</p>
                </li>`,
              )}
            </ul>`}
    `;
  }

  private renderWeeksTable(weeks: readonly WeekCell[]) {
    return html`<table class="table">
      <caption class="caption">Share who said yes, by week</caption>
      <thead>
        <tr>
          <th scope="col">Week starting</th>
          <th scope="col" class="numeric">Responses</th>
          <th scope="col" class="numeric">Said yes (95% interval)</th>
        </tr>
      </thead>
      <tbody>
        ${weeks.map(
          (week) => html`<tr>
            <th scope="row">${mediumDate(week.start)}</th>
            ${this.renderCell(week)}
          </tr>`,
        )}
      </tbody>
    </table>`;
  }

  private renderGroupTable(caption: string, groups: readonly GroupCell[]) {
    return html`<table class="table">
      <caption class="caption">${caption}</caption>
      <thead>
        <tr>
          <th scope="col">Group</th>
          <th scope="col" class="numeric">Responses</th>
          <th scope="col" class="numeric">Said yes (95% interval)</th>
        </tr>
      </thead>
      <tbody>
        ${groups.map(
          (group) => html`<tr>
            <th scope="row">${groupLabel(group.group)}</th>
            ${this.renderCell(group)}
          </tr>`,
        )}
      </tbody>
    </table>`;
  }

  private renderCell(cell: WeekCell | GroupCell) {
    if (isSuppressed(cell)) return html`<td class="suppressed" colspan="2">Suppressed</td>`;
    return html`<td class="numeric">${count(cell.responses)}</td>
      <td class="numeric">${percent(cell.welcomed.share)} <span class="range">(${range(cell.welcomed)})</span></td>`;
  }

  private focusToken(event: Event) {
    event.preventDefault();
    this.tokenInput?.focus();
  }

  private async signIn(event: SubmitEvent) {
    event.preventDefault();
    if (this.busy) return;
    const token = this.tokenInput.value.trim();
    if (token === '') return this.fail({ message: 'Enter the access token', field: true });
    if (!TOKEN_PATTERN.test(token)) {
      return this.fail({
        message: 'The access token can only contain letters, numbers and the characters - . _ ~ + / and = at the end',
        field: true,
      });
    }
    this.busy = true;
    this.status = 'Checking the token…';
    try {
      const [overview, access] = await Promise.all([getJson<Overview>('/api/summary', token), getJson<AccessInfo>('/api/access', token)]);
      this.token = token;
      this.access = access;
      this.overview = overview;
      this.problem = undefined;
      this.status = `Signed in. ${overview.changes.length} ${overview.changes.length === 1 ? 'change' : 'changes'}.`;
      this.focusAfterRender = '#results-heading';
      const first = overview.changes.find((item) => !isSuppressed(item)) ?? overview.changes[0];
      this.busy = false;
      if (first) await this.select(first.change, false);
    } catch (error) {
      this.handle(error);
    } finally {
      this.busy = false;
    }
  }

  private signOut() {
    this.token = '';
    this.overview = undefined;
    this.access = undefined;
    this.summary = undefined;
    this.selected = undefined;
    this.problem = undefined;
    this.status = 'The token has been forgotten.';
    this.focusAfterRender = '#token';
  }

  private async select(change: string, moveFocus = true) {
    this.selected = change;
    this.busy = true;
    this.status = `Loading the results for ${change}…`;
    try {
      const summary = await getJson<ChangeSummary | SuppressedChange>(
        `/api/summary?change=${encodeURIComponent(change)}`,
        this.token,
      );
      if (this.selected !== change) return; // another change was picked meanwhile
      this.summary = summary;
      this.problem = undefined;
      this.status = `Showing the results for ${change}.`;
      if (moveFocus) this.focusAfterRender = '#change-heading';
    } catch (error) {
      if (this.selected === change) this.handle(error);
    } finally {
      if (this.selected === change) this.busy = false;
    }
  }

  private async download(event: MouseEvent) {
    event.preventDefault();
    const link = event.currentTarget as HTMLAnchorElement;
    const name = link.getAttribute('download') ?? 'welcomed.csv';
    this.status = `Preparing ${name}…`;
    try {
      const response = await request(link.getAttribute('href') ?? '', this.token);
      const blob = await response.blob();
      const url = URL.createObjectURL(blob);
      const file = document.createElement('a');
      file.href = url;
      file.download = name;
      file.hidden = true;
      this.renderRoot.appendChild(file);
      file.click();
      file.remove();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
      this.status = `Downloaded ${name} (${Math.max(1, Math.round(blob.size / 1024))} KB).`;
    } catch (error) {
      this.handle(error);
    }
  }

  private handle(error: unknown) {
    if (error instanceof ApiError && error.kind === 'unauthorized') {
      const signedIn = this.overview !== undefined;
      this.signOut();
      this.fail({
        message: signedIn
          ? 'The access token is no longer accepted. Enter the current token'
          : 'The access token was not accepted. Check it and enter it again',
        field: true,
      });
      return;
    }
    this.fail({ message: error instanceof ApiError ? error.message : 'Something went wrong. Try again.' });
  }

  private fail(problem: Problem) {
    this.problem = problem;
    this.status = '';
    this.focusAfterRender = '.error-summary';
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'welcomed-dashboard': WelcomedDashboard;
  }
}

