// "You said, we did" in the dashboard: which changes still await a reply, and the form a manager
// writes one with (in English and Welsh), edits (each send a new version) and withdraws. A module
// of its own, `<welcomed-updates>`, given the token the dashboard holds in memory. GOV.UK patterns:
// an error summary naming each problem and linking to its field, labels and hints, radios.
import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { UpdateStatus, UpdateVersion } from '../src/store/updates.js';
import { getJson } from './api.js';
import { styles } from './styles.js';

/** GET /api/updates. */
interface UpdatesList {
  awaitingThreshold: number;
  awaiting: number;
  changes: { change: string; responses: number | null; update: { version: number; state: string; status: UpdateStatus | null } | null }[];
}

const STATUS_LABELS: Record<UpdateStatus, string> = {
  listening: 'Listening',
  'change-planned': 'Change planned',
  'change-made': 'Change made',
  'no-change': 'No change, because…',
};
const LOCALES = [
  ['en', 'English'],
  ['cy', 'Welsh (Cymraeg)'],
] as const;
const FIELDS = ['youSaid', 'weDid', 'reason'] as const;
const FIELD_LABELS = { youSaid: 'You said', weDid: 'We did / We will', reason: 'Why there will be no change' };

/**
 * A field's id in the form, from the API's JSON pointer: `/texts/cy/weDid` → `cy-weDid`, a whole
 * language (`/texts/cy`) → its first field, `/date` → `date`.
 */
const fieldId = (path: string) =>
  /^\/texts\/[^/]+$/.test(path) ? `${path.slice(7)}-youSaid` : path.replace(/^\/texts\//, '').replaceAll('/', '-').replace(/^-/, '') || 'status';

@customElement('welcomed-updates')
export class WelcomedUpdates extends LitElement {
  static override styles = [
    styles,
    // GOV.UK's secondary button (withdrawing is not the main action) and radios' spacing.
    css`
      .button-secondary {
        color: #0b0c0c;
        background: #f3f2f1;
        box-shadow: 0 2px 0 #929191;
        margin-inline-start: 15px;
      }
      .button-secondary:hover {
        background: #dbdad9;
      }
      .radio {
        margin: 0 0 10px;
      }
      .radio input,
      .form-group > input[type='checkbox'] {
        width: 24px;
        height: 24px;
        margin-inline-end: 8px;
        vertical-align: middle;
      }
    `,
  ];

  /** The admin token, held in memory by the dashboard. */
  @property({ attribute: false }) token = '';

  @state() private list: UpdatesList | undefined;
  @state() private change = '';
  @state() private errors: { path: string; message: string }[] = [];
  @state() private status = '';
  @state() private latest: UpdateVersion | undefined;
  @state() private welshRequired = false;

  protected override updated(changed: PropertyValues<this>): void {
    if (changed.has('token') && this.token) void this.refresh();
  }

  private async refresh(): Promise<void> {
    this.list = await getJson<UpdatesList>('/api/updates', this.token);
  }

  private async choose(change: string): Promise<void> {
    this.change = change;
    this.errors = [];
    const { versions, welshRequired } = await getJson<{ versions: UpdateVersion[]; welshRequired: boolean }>(
      `/api/changes/${encodeURIComponent(change)}/updates`,
      this.token,
    );
    this.latest = versions.at(-1)?.kind === 'published' ? versions.at(-1) : undefined;
    this.welshRequired = welshRequired;
  }

  private async send(method: 'POST' | 'DELETE', body?: object): Promise<Response> {
    const path = `/api/changes/${encodeURIComponent(this.change)}/${method === 'POST' ? 'updates' : 'update'}`;
    return fetch(path, {
      method,
      headers: { Authorization: `Bearer ${this.token}`, ...(body && { 'Content-Type': 'application/json' }) },
      body: body && JSON.stringify(body),
      credentials: 'omit',
      cache: 'no-store',
      referrerPolicy: 'no-referrer',
    });
  }

  private async publish(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const form = new FormData(event.target as HTMLFormElement);
    const status = String(form.get('status') ?? '');
    const texts: Record<string, Record<string, string>> = {};
    for (const [locale] of LOCALES) {
      for (const field of FIELDS) {
        const value = String(form.get(`${locale}-${field}`) ?? '').trim();
        if (value) (texts[locale] ??= {})[field] = value;
      }
    }
    const reply = await this.send('POST', {
      status,
      date: String(form.get('date') ?? ''),
      texts,
      showFigures: form.get('showFigures') === 'on',
      publishedBy: String(form.get('publishedBy') ?? ''),
    });
    const body = (await reply.json()) as { message?: string; details?: { path: string; message: string }[] };
    if (reply.status === 201) {
      this.errors = [];
      await Promise.all([this.refresh(), this.choose(this.change)]);
      // Said once the list shows it.
      this.status = `Published version ${(body as UpdateVersion).version} of the reply about ${this.change}.`;
      return;
    }
    this.errors = body.details?.length ? body.details : [{ path: '/status', message: body.message ?? `Error ${reply.status}` }];
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('.error-summary')?.focus();
  }

  // A fragment link does not reach into a shadow root: focus the field it names.
  private focusField(event: Event): void {
    event.preventDefault();
    const id = (event.currentTarget as HTMLAnchorElement).hash.slice(1);
    this.renderRoot.querySelector<HTMLElement>(`#${CSS.escape(id)}`)?.focus();
  }

  private async withdraw(): Promise<void> {
    const reply = await this.send('DELETE');
    await Promise.all([this.refresh(), this.choose(this.change)]);
    this.status = reply.ok ? `Withdrew the reply about ${this.change}.` : `The reply could not be withdrawn (error ${reply.status}).`;
  }

  protected override render() {
    if (!this.list) return nothing;
    const { awaiting, awaitingThreshold } = this.list;
    return html`<section aria-labelledby="updates-heading">
      <h2 class="heading-m" id="updates-heading">You said, we did</h2>
      <p class="body" id="awaiting">
        ${awaiting === 1 ? '1 change' : `${awaiting} changes`} with ${awaitingThreshold}+ responses
        ${awaiting === 1 ? 'has' : 'have'} no published update.
      </p>
      <ul class="changes">
        ${this.list.changes.map(
          (item) => html`<li class="change-item update-item">
            <button class="link-button" type="button" aria-current=${item.change === this.change ? 'true' : nothing} @click=${() => this.choose(item.change)}>
              ${item.change}
            </button>
            <span class="change-meta">
              ${item.responses === null ? 'fewer than 10 responses' : `${item.responses} responses`},
              ${item.update === null
                ? 'no reply yet'
                : item.update.state === 'withdrawn'
                  ? 'reply withdrawn'
                  : `${STATUS_LABELS[item.update.status!]} (version ${item.update.version})`}
            </span>
          </li>`,
        )}
      </ul>
      <p role="status" class="body">${this.status}</p>
      ${this.change ? this.renderForm() : nothing}
    </section>`;
  }

  private renderForm() {
    const latest = this.latest;
    const errorOf = (id: string) => this.errors.find((error) => fieldId(error.path) === id)?.message;
    const textField = (locale: string, language: string, field: (typeof FIELDS)[number]) => {
      const id = `${locale}-${field}`;
      const error = errorOf(id);
      return html`<div class="form-group ${error ? 'form-group-error' : ''}">
        <label class="label" for=${id}>${FIELD_LABELS[field]} (${language})</label>
        ${error ? html`<p class="error-message" id="${id}-error"><span class="visually-hidden">Error:</span> ${error}</p>` : nothing}
        <textarea class="input" id=${id} name=${id} rows="3" aria-describedby=${error ? `${id}-error` : nothing} .value=${latest?.texts[locale]?.[field] ?? ''}></textarea>
      </div>`;
    };
    return html`<form novalidate @submit=${this.publish} aria-labelledby="form-heading">
      <h3 class="heading-s" id="form-heading" tabindex="-1">Reply about ${this.change}</h3>
      ${this.errors.length
        ? html`<div class="error-summary" role="alert" tabindex="-1" aria-labelledby="updates-error-title">
            <h4 class="error-summary-title" id="updates-error-title">There is a problem</h4>
            <ul class="error-summary-list">
              ${this.errors.map((error) => html`<li><a href="#${fieldId(error.path)}" @click=${this.focusField}>${error.path} ${error.message}</a></li>`)}
            </ul>
          </div>`
        : nothing}
      <p class="hint">
        ${latest ? `Sending makes version ${latest.version + 1}; the public keeps seeing earlier versions in the history.` : 'Nothing is published yet.'}
        ${this.welshRequired ? 'This change is asked about in Welsh, so the reply must be in Welsh too.' : ''}
      </p>
      <fieldset class="form-group">
        <legend class="label">Status</legend>
        ${(Object.keys(STATUS_LABELS) as UpdateStatus[]).map(
          (status, index) => html`<div class="radio">
            <input type="radio" name="status" id=${index === 0 ? 'status' : `status-${status}`} value=${status} .checked=${(latest?.status ?? 'listening') === status} />
            <label for=${index === 0 ? 'status' : `status-${status}`}>${STATUS_LABELS[status]}</label>
          </div>`,
        )}
      </fieldset>
      <div class="form-group">
        <label class="label" for="date">Date</label>
        <input class="input" id="date" name="date" type="date" .value=${latest?.date ?? new Date().toISOString().slice(0, 10)} />
      </div>
      ${LOCALES.map(([locale, language]) => FIELDS.map((field) => textField(locale, language, field)))}
      <div class="form-group">
        <input type="checkbox" id="showFigures" name="showFigures" .checked=${latest?.showFigures ?? false} />
        <label for="showFigures">Show the headline figures (share welcomed, number of people) on the public page</label>
      </div>
      <div class="form-group">
        <label class="label" for="publishedBy">Published by (a team's name; managers only see it)</label>
        <input class="input" id="publishedBy" name="publishedBy" .value=${latest?.publishedBy ?? ''} />
      </div>
      <button class="button" type="submit">Publish</button>
      ${latest ? html`<button class="button button-secondary" type="button" @click=${this.withdraw}>Withdraw the reply</button>` : nothing}
      <p class="body"><a class="link" href="/changes/${encodeURIComponent(this.change)}">Open the public page</a></p>
    </form>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'welcomed-updates': WelcomedUpdates;
  }
}
