// What the signed-in token may do, as the dashboard shows it: "Your access: viewer,
// garden-waste-*", what the role leaves out, and the download only for roles allowed it. The
// receiver refuses what a role may not do whatever this page shows (src/plugins/admin-auth.ts).
import { html, nothing } from 'lit';
import { describeAccess, roleAllows, type Role } from '../src/access/roles.js';
import { csvName } from './format.js';

export { roleAllows, type Role };

/** GET /api/access: the token's label, role, scope and expiry. */
export interface AccessInfo {
  label: string;
  role: Role;
  scopes: string[];
  expiresAt: string | null;
}

/** What each role cannot do here, in words. */
const LEFT_OUT: Record<Role, string> = {
  viewer: 'You can see the results and comments of these changes. Downloading responses and contact details need another role.',
  analyst: 'You can see the results and download responses, without contact details, for these changes.',
  manager: 'You can see the results and download responses with contact details for these changes.',
  admin: 'You can see everything and read the audit trail.',
};

/** The access line under the Results heading. */
export function accessSummary(access: AccessInfo) {
  return html`<p class="body" id="access">
      Your access: <strong>${describeAccess(access.role, access.scopes)}</strong>
      <span class="hint">(token “${access.label}”${access.expiresAt ? `, until ${access.expiresAt.slice(0, 10)}` : ''})</span>
    </p>
    <p class="hint">${LEFT_OUT[access.role]}</p>`;
}

/** A change's download section, for analysts and above; nothing for viewers. */
export function downloadSection(access: AccessInfo, change: string, onClick: (event: MouseEvent) => void) {
  if (!roleAllows(access.role, 'analyst')) return nothing;
  const contacts = roleAllows(access.role, 'manager');
  return html`<h3 class="heading-s">Download</h3>
    <p class="body">
      <a class="link" href="/api/responses?change=${encodeURIComponent(change)}&format=csv" download=${csvName(change)} @click=${onClick}
        >Download every response to this change (CSV)</a
      >
    </p>
    <p class="hint">
      The file holds each response as stored, spam included and flagged, with its equality answers and comments${contacts
        ? ' and panel contact details'
        : ''}
      and nothing suppressed. Treat it as personal data. Each download is recorded in the audit trail.
    </p>`;
}
