// The AccessStore on PostgreSQL: migration 4 (access tokens and the audit trail) and the methods
// that read and write them.
import type pg from 'pg';
import type { Role } from '../access/roles.js';
import { LabelTakenError, type AccessStore, type StoredAuditEntry, type TokenRecord } from './access-store.js';
import { iso } from './pg-time.js';

/**
 * Migration 4, as SQLite's version 5 (sqlite-access.ts): access tokens (only their SHA-256; a
 * label is unique among tokens not revoked) and the audit trail (never the data itself).
 */
export const ACCESS_MIGRATION_SQL = `
  CREATE TABLE access_tokens (
    hash         text PRIMARY KEY,
    label        text NOT NULL,
    scopes       text[] NOT NULL,
    role         text NOT NULL CHECK (role IN ('viewer', 'analyst', 'manager', 'admin')),
    created_at   timestamptz NOT NULL,
    last_used_at timestamptz,
    expires_at   timestamptz,
    revoked_at   timestamptz
  );
  CREATE UNIQUE INDEX access_tokens_label ON access_tokens (label) WHERE revoked_at IS NULL;

  CREATE TABLE audit_log (
    seq     bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at      timestamptz NOT NULL,
    actor   text NOT NULL,
    role    text,
    action  text NOT NULL,
    scope   text,
    target  text,
    rows    integer,
    outcome text NOT NULL
  );
  CREATE INDEX audit_log_at ON audit_log (at);`;

const TOKEN_COLUMNS = `hash, label, scopes, role, ${iso('created_at')} AS "createdAt", ${iso('last_used_at')} AS "lastUsedAt",
  ${iso('expires_at')} AS "expiresAt", ${iso('revoked_at')} AS "revokedAt"`;

/** The AccessStore methods on a pool whose database is at migration 4 or later. */
export function pgAccess(pool: pg.Pool): AccessStore {
  return {
    async createToken(token) {
      try {
        await pool.query(
          'INSERT INTO access_tokens (hash, label, scopes, role, created_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6)',
          [token.hash, token.label, token.scopes, token.role, token.createdAt, token.expiresAt],
        );
      } catch (error) {
        if ((error as { code?: unknown }).code === '23505') {
          throw new LabelTakenError(token.label);
        }
        throw error;
      }
    },
    async findToken(hash) {
      const { rows } = await pool.query<TokenRecord>(`SELECT ${TOKEN_COLUMNS} FROM access_tokens WHERE hash = $1`, [hash]);
      return rows[0];
    },
    async touchToken(hash, now) {
      await pool.query(
        `UPDATE access_tokens SET last_used_at = $2
         WHERE hash = $1 AND (last_used_at IS NULL OR last_used_at < $2::timestamptz - interval '1 minute')`,
        [hash, now.toISOString()],
      );
    },
    async listTokens() {
      const { rows } = await pool.query<TokenRecord>(`SELECT ${TOKEN_COLUMNS} FROM access_tokens ORDER BY created_at, label`);
      return rows;
    },
    async revokeToken(label, now) {
      const { rowCount } = await pool.query('UPDATE access_tokens SET revoked_at = $2 WHERE label = $1 AND revoked_at IS NULL', [
        label,
        now.toISOString(),
      ]);
      return (rowCount ?? 0) > 0;
    },
    async appendAudit(entry) {
      await pool.query(
        'INSERT INTO audit_log (at, actor, role, action, scope, target, rows, outcome) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)',
        [entry.at, entry.actor, entry.role, entry.action, entry.scope, entry.target, entry.rows, entry.outcome],
      );
    },
    async listAudit({ limit }) {
      const { rows } = await pool.query<StoredAuditEntry & { seq: string }>(
        `SELECT seq, ${iso('at')} AS at, actor, role, action, scope, target, rows, outcome
         FROM audit_log ORDER BY seq DESC LIMIT $1`,
        [limit],
      );
      return rows.map((row) => ({ ...row, seq: Number(row.seq), role: row.role as Role | null }));
    },
    async deleteAuditBefore(cutoff) {
      const { rowCount } = await pool.query('DELETE FROM audit_log WHERE at < $1', [cutoff.toISOString()]);
      return rowCount ?? 0;
    },
    async listChangeIds() {
      const { rows } = await pool.query<{ change: string }>('SELECT DISTINCT change COLLATE "C" AS change FROM responses ORDER BY 1');
      return rows.map((row) => row.change);
    },
  };
}
