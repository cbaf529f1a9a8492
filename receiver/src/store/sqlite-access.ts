// The AccessStore on SQLite: the tables of schema version 5 (access tokens and the audit trail)
// and the methods that read and write them.
import type { Database } from 'better-sqlite3';
import type { Role } from '../access/roles.js';
import { LabelTakenError, type AccessStore, type StoredAuditEntry, type TokenRecord } from './access-store.js';

/**
 * Version 4 to 5: access tokens (only their SHA-256; a label is unique among tokens not
 * revoked) and the audit trail (who did what, when, to how many rows: never the data).
 */
export const ACCESS_SCHEMA = `
CREATE TABLE IF NOT EXISTS access_tokens (
  hash         TEXT PRIMARY KEY,
  label        TEXT NOT NULL,
  scopes       TEXT NOT NULL,
  role         TEXT NOT NULL CHECK (role IN ('viewer', 'analyst', 'manager', 'admin')),
  created_at   TEXT NOT NULL,
  last_used_at TEXT,
  expires_at   TEXT,
  revoked_at   TEXT
) STRICT;
CREATE UNIQUE INDEX IF NOT EXISTS access_tokens_label ON access_tokens (label) WHERE revoked_at IS NULL;

CREATE TABLE IF NOT EXISTS audit_log (
  seq     INTEGER PRIMARY KEY AUTOINCREMENT,
  at      TEXT NOT NULL,
  actor   TEXT NOT NULL,
  role    TEXT,
  action  TEXT NOT NULL,
  scope   TEXT,
  target  TEXT,
  rows    INTEGER,
  outcome TEXT NOT NULL
) STRICT;
CREATE INDEX IF NOT EXISTS audit_log_at ON audit_log (at);
`;

type TokenRow = {
  hash: string;
  label: string;
  scopes: string;
  role: Role;
  created_at: string;
  last_used_at: string | null;
  expires_at: string | null;
  revoked_at: string | null;
};

const toToken = (row: TokenRow): TokenRecord => ({
  hash: row.hash,
  label: row.label,
  scopes: JSON.parse(row.scopes) as string[],
  role: row.role,
  createdAt: row.created_at,
  lastUsedAt: row.last_used_at,
  expiresAt: row.expires_at,
  revokedAt: row.revoked_at,
});

/** A minute before `now`, as ISO 8601: last-used times are written at most once a minute. */
const minuteBefore = (now: Date) => new Date(now.getTime() - 60_000).toISOString();

/** The AccessStore methods on an open SQLite database (at schema version 5 or later). */
export function sqliteAccess(db: Database): AccessStore {
  const insertToken = db.prepare(`INSERT INTO access_tokens (hash, label, scopes, role, created_at, expires_at)
    VALUES (@hash, @label, @scopes, @role, @createdAt, @expiresAt)`);
  const selectToken = db.prepare<[string], TokenRow>('SELECT * FROM access_tokens WHERE hash = ?');
  const selectTokens = db.prepare<[], TokenRow>('SELECT * FROM access_tokens ORDER BY created_at, label');
  const touch = db.prepare(
    'UPDATE access_tokens SET last_used_at = @now WHERE hash = @hash AND (last_used_at IS NULL OR last_used_at < @before)',
  );
  const revoke = db.prepare('UPDATE access_tokens SET revoked_at = ? WHERE label = ? AND revoked_at IS NULL');
  const insertAudit = db.prepare(`INSERT INTO audit_log (at, actor, role, action, scope, target, rows, outcome)
    VALUES (@at, @actor, @role, @action, @scope, @target, @rows, @outcome)`);
  const selectAudit = db.prepare<[number], StoredAuditEntry>(
    'SELECT seq, at, actor, role, action, scope, target, rows, outcome FROM audit_log ORDER BY seq DESC LIMIT ?',
  );
  const deleteAudit = db.prepare('DELETE FROM audit_log WHERE at < ?');
  const selectChanges = db.prepare<[], { change: string }>('SELECT DISTINCT change FROM responses ORDER BY change');

  return {
    async createToken(token) {
      try {
        insertToken.run({ ...token, scopes: JSON.stringify(token.scopes) });
      } catch (error) {
        if ((error as { code?: unknown }).code === 'SQLITE_CONSTRAINT_UNIQUE') {
          throw new LabelTakenError(token.label);
        }
        throw error;
      }
    },
    async findToken(hash) {
      const row = selectToken.get(hash);
      return row && toToken(row);
    },
    async touchToken(hash, now) {
      touch.run({ hash, now: now.toISOString(), before: minuteBefore(now) });
    },
    async listTokens() {
      return selectTokens.all().map(toToken);
    },
    async revokeToken(label, now) {
      return revoke.run(now.toISOString(), label).changes > 0;
    },
    async appendAudit(entry) {
      insertAudit.run(entry);
    },
    async listAudit({ limit }) {
      return selectAudit.all(limit);
    },
    async deleteAuditBefore(cutoff) {
      return deleteAudit.run(cutoff.toISOString()).changes;
    },
    async listChangeIds() {
      return selectChanges.all().map((row) => row.change);
    },
  };
}
