// The audit trail's vocabulary, and how an entry is made safe to keep: every text is bounded and
// stripped of control characters, so nothing an attacker sends can forge a line or fill the disk.
// An entry never holds the data itself: no comment, no contact detail, no token.
import type { Readable } from 'node:stream';
import { hardenedCsv } from '../csv.js';
import type { AuditEntry, StoredAuditEntry } from '../store/access-store.js';
import type { Role } from './roles.js';

/** What the trail records. */
export const AUDIT_ACTIONS = [
  /** A token was accepted by GET /api/access (the dashboard's sign-in). */
  'sign-in',
  /** Answers were read as JSON or CSV (`rows`: how many). */
  'export',
  /** Contact details were read (`rows`: how many responses had them). */
  'contact-read',
  /** A response was erased (`target`: its id). */
  'erasure',
  'token-create',
  'token-revoke',
  /** A "You said, we did" reply was published or edited (`target`: the change; `outcome`: its version). */
  'publish',
  /** A published reply was withdrawn (`target`: the change; `outcome`: the withdrawal's version). */
  'withdraw',
  /** A token was refused: unknown, expired, revoked, or its role too low (`outcome` says which). */
  'refused',
] as const;

export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** Who the bootstrap token (WELCOMED_ADMIN_TOKEN), the command line and unknown tokens are in the trail. */
export const BOOTSTRAP_ACTOR = '(WELCOMED_ADMIN_TOKEN)';
export const COMMAND_LINE_ACTOR = '(command line)';
export const UNKNOWN_ACTOR = '(unknown token)';

/** Longest text of any field of an entry. */
const MAX_FIELD = 200;

/** `text` as a field of the trail: control characters and line breaks replaced, at most MAX_FIELD characters. */
export function auditText(text: string | null | undefined): string | null {
  if (text === null || text === undefined) return null;
  // eslint-disable-next-line no-control-regex -- removing them is the point
  const clean = text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, '\uFFFD');
  return clean.length > MAX_FIELD ? `${clean.slice(0, MAX_FIELD - 1)}…` : clean;
}

/** An entry made safe to store (see auditText), at `now`. */
export function auditEntry(
  fields: { actor: string; role?: Role | null; action: AuditAction; scope?: readonly string[] | null; target?: string | null; rows?: number | null; outcome?: string },
  now = new Date(),
): AuditEntry {
  return {
    at: now.toISOString(),
    actor: auditText(fields.actor) ?? UNKNOWN_ACTOR,
    role: fields.role ?? null,
    action: fields.action,
    scope: auditText(fields.scope ? fields.scope.join(' ') : null),
    target: auditText(fields.target),
    rows: fields.rows ?? null,
    outcome: auditText(fields.outcome ?? 'ok') ?? 'ok',
  };
}

/** Default of WELCOMED_AUDIT_DAYS: how long entries are kept (two years). */
export const DEFAULT_AUDIT_DAYS = 730;

/** The CSV's columns, in order. */
export const AUDIT_CSV_COLUMNS = ['seq', 'at', 'actor', 'role', 'action', 'scope', 'target', 'rows', 'outcome'] as const;

/** The entries as CSV, hardened as the responses' export is (csv.ts). */
export function auditCsv(entries: readonly StoredAuditEntry[]): Readable {
  return hardenedCsv([AUDIT_CSV_COLUMNS, ...entries.map((entry) => AUDIT_CSV_COLUMNS.map((column) => entry[column]))]);
}
