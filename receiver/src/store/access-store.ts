// What the receiver keeps about access: the tokens it issued (as hashes) and the audit trail.
// Part of every Store (store.ts); sqlite-access.ts and pg-access.ts implement it.
import type { Role } from '../access/roles.js';

/** A token as stored: never the token itself, only its SHA-256. */
export interface TokenRecord {
  /** SHA-256 of the token, in hex. */
  hash: string;
  label: string;
  /** Change-id patterns (access/roles.ts). */
  scopes: string[];
  role: Role;
  createdAt: string;
  lastUsedAt: string | null;
  expiresAt: string | null;
  revokedAt: string | null;
}

/** What the audit trail records of one event: never the data itself. */
export interface AuditEntry {
  /** When, ISO 8601. */
  at: string;
  /** Who: the token's label, `(WELCOMED_ADMIN_TOKEN)`, `(command line)` or `(unknown token)`. */
  actor: string;
  /** The actor's role, when known. */
  role: Role | null;
  /** What: see AUDIT_ACTIONS (access/audit.ts). */
  action: string;
  /** The actor's scope, as patterns separated by spaces (`*`: everything), when known. */
  scope: string | null;
  /** What it was about: a change id, a response id, a token's label or a route. */
  target: string | null;
  /** How many rows it read, wrote or erased, when that applies. */
  rows: number | null;
  /** `ok`, or why it was refused or failed. */
  outcome: string;
}

/** An audit entry as read back, numbered in the order written. */
export interface StoredAuditEntry extends AuditEntry {
  seq: number;
}

export interface AccessStore {
  /** Stores a new token; rejects with an Error when a token not revoked has that label. */
  createToken(token: Omit<TokenRecord, 'lastUsedAt' | 'revokedAt'>): Promise<void>;
  /** The token with this hash, revoked or expired ones too. */
  findToken(hash: string): Promise<TokenRecord | undefined>;
  /** Records that the token was used at `now` (written at most once a minute per token). */
  touchToken(hash: string, now: Date): Promise<void>;
  /** Every token, revoked ones too, oldest first. */
  listTokens(): Promise<TokenRecord[]>;
  /** Revokes the token not yet revoked with this label; resolves with whether there was one. */
  revokeToken(label: string, now: Date): Promise<boolean>;
  /** Adds an entry to the audit trail. */
  appendAudit(entry: AuditEntry): Promise<void>;
  /** Audit entries, newest first, at most `limit`. */
  listAudit(options: { limit: number }): Promise<StoredAuditEntry[]>;
  /** Deletes audit entries older than `cutoff`; resolves with how many. */
  deleteAuditBefore(cutoff: Date): Promise<number>;
  /** Every change id with a stored response (spam included), sorted. */
  listChangeIds(): Promise<string[]>;
}

/** createToken's rejection when a token not revoked has the label. */
export class LabelTakenError extends Error {
  constructor(label: string) {
    super(`a token labelled "${label}" is in use: revoke it first, or choose another label.`);
    this.name = 'LabelTakenError';
  }
}
