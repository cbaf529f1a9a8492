// <welcomed-audit-trail>: the newest entries of the audit trail, for admins (GET /api/audit):
// who exported, read contact details, erased, changed tokens or was refused, when, and how many
// rows. Shown by <welcomed-dashboard> when the token's role is admin; fetched when asked for.
import { LitElement, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { ApiError, getJson } from './api.js';
import type { StoredAuditEntry } from '../src/store/access-store.js';
import { styles } from './styles.js';

/** How many entries the table shows; the API gives more, as JSON or CSV. */
const SHOWN = 50;

@customElement('welcomed-audit-trail')
export class WelcomedAuditTrail extends LitElement {
  static override styles = styles;

  /** The admin's token, from the dashboard's memory. */
  @property({ attribute: false }) token = '';

  @state() private entries: StoredAuditEntry[] | undefined;
  @state() private status = '';
  @state() private problem = '';

  protected override render() {
    return html`<section class="change" aria-labelledby="audit-heading">
      <h2 class="heading-m" id="audit-heading">Audit trail</h2>
      <p class="body">
        Every export, contact-detail read, erasure, token change and refused token, newest first. It never holds the
        responses themselves. The whole trail is at <code>/api/audit</code> (add <code>?format=csv</code> for a spreadsheet).
      </p>
      <button class="button" type="button" @click=${this.load}>${this.entries ? 'Refresh the audit trail' : 'Show the audit trail'}</button>
      ${this.problem ? html`<p class="error-message">${this.problem}</p>` : nothing}
      ${this.entries ? this.renderTable(this.entries) : nothing}
      <p class="visually-hidden" role="status">${this.status}</p>
    </section>`;
  }

  private renderTable(entries: readonly StoredAuditEntry[]) {
    if (entries.length === 0) return html`<p class="body">Nothing recorded yet.</p>`;
    return html`<div class="table-scroll" tabindex="0" role="region" aria-labelledby="audit-caption">
      <table class="table">
        <caption class="caption" id="audit-caption">The ${Math.min(entries.length, SHOWN)} newest entries</caption>
        <thead>
          <tr>
            <th scope="col">When (UTC)</th>
            <th scope="col">Who</th>
            <th scope="col">What</th>
            <th scope="col">Scope</th>
            <th scope="col">About</th>
            <th scope="col" class="numeric">Rows</th>
            <th scope="col">Outcome</th>
          </tr>
        </thead>
        <tbody>
          ${entries.map(
            (entry) => html`<tr>
              <td>${entry.at.slice(0, 19).replace('T', ' ')}</td>
              <th scope="row">${entry.actor}${entry.role ? html` <span class="hint">(${entry.role})</span>` : nothing}</th>
              <td>${entry.action}</td>
              <td>${entry.scope ?? ''}</td>
              <td>${entry.target ?? ''}</td>
              <td class="numeric">${entry.rows ?? ''}</td>
              <td>${entry.outcome}</td>
            </tr>`,
          )}
        </tbody>
      </table>
    </div>`;
  }

  private async load() {
    this.status = 'Loading the audit trail…';
    try {
      this.entries = await getJson<StoredAuditEntry[]>(`/api/audit?limit=${SHOWN}`, this.token);
      this.problem = '';
      this.status = `Showing the ${this.entries.length} newest audit entries.`;
    } catch (error) {
      this.problem = error instanceof ApiError ? error.message : 'The audit trail could not be loaded. Try again.';
      this.status = '';
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'welcomed-audit-trail': WelcomedAuditTrail;
  }
}
