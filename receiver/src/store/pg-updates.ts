// The update methods of the Store on PostgreSQL (store/updates.ts). Receivers sharing the database
// number a change's versions in turn: each insert holds a transaction-scoped advisory lock on the
// change, so two editors publishing at once get versions n and n + 1, never one failure.
import type pg from 'pg';
import { iso } from './pg-time.js';
import { toUpdateVersion, type UpdateRow, type UpdateStore } from './updates.js';

/** Migration 6 ("You said, we did"): the versions of each change's update, as SQLite's version 7. */
export const PG_UPDATES_SCHEMA = `
  CREATE TABLE change_updates (
    change       text NOT NULL,
    version      integer NOT NULL,
    kind         text NOT NULL CHECK (kind IN ('published', 'withdrawn')),
    status       text,
    update_date  text,
    -- json, not jsonb: it keeps the locales in the order the editor wrote them.
    texts        json NOT NULL,
    show_figures boolean NOT NULL DEFAULT false,
    published_by text NOT NULL,
    created_at   timestamptz NOT NULL,
    PRIMARY KEY (change, version)
  );`;

const COLUMNS = `change, version, kind, status, update_date, texts, show_figures, published_by, ${iso('created_at')} AS created_at`;

/** The update methods of the Store on the PostgreSQL pool `pool`. */
export function pgUpdates(pool: pg.Pool): UpdateStore {
  return {
    async addUpdateVersion(change, version, now = new Date()) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        await client.query("SELECT pg_advisory_xact_lock(hashtext('welcomed-update:' || $1))", [change]);
        const { rows } = await client.query<UpdateRow>(
          `INSERT INTO change_updates (change, version, kind, status, update_date, texts, show_figures, published_by, created_at)
           SELECT $1, COALESCE(MAX(version), 0) + 1, $2, $3, $4, $5, $6, $7, $8 FROM change_updates WHERE change = $1
           RETURNING ${COLUMNS}`,
          [change, version.kind, version.status ?? null, version.date ?? null, JSON.stringify(version.texts), version.showFigures, version.publishedBy, now.toISOString()],
        );
        await client.query('COMMIT');
        return toUpdateVersion(rows[0]!);
      } catch (error) {
        await client.query('ROLLBACK');
        throw error;
      } finally {
        client.release();
      }
    },
    async importUpdateVersions(versions) {
      if (versions.length === 0) return 0;
      // One statement, so one transaction: each row as it is, those already stored left alone.
      const { rowCount } = await pool.query(
        `INSERT INTO change_updates (change, version, kind, status, update_date, texts, show_figures, published_by, created_at)
         SELECT * FROM unnest($1::text[], $2::int[], $3::text[], $4::text[], $5::text[], $6::json[], $7::boolean[], $8::text[], $9::timestamptz[])
         ON CONFLICT (change, version) DO NOTHING`,
        [
          versions.map((version) => version.change),
          versions.map((version) => version.version),
          versions.map((version) => version.kind),
          versions.map((version) => version.status ?? null),
          versions.map((version) => version.date ?? null),
          versions.map((version) => JSON.stringify(version.texts)),
          versions.map((version) => version.showFigures),
          versions.map((version) => version.publishedBy),
          versions.map((version) => version.createdAt),
        ],
      );
      return rowCount ?? 0;
    },
    async listUpdateVersions(change) {
      const { rows } = await pool.query<UpdateRow>(`SELECT ${COLUMNS} FROM change_updates WHERE change = $1 ORDER BY version`, [change]);
      return rows.map(toUpdateVersion);
    },
    async latestUpdateVersions() {
      const { rows } = await pool.query<UpdateRow>(
        `SELECT DISTINCT ON (change) ${COLUMNS} FROM change_updates ORDER BY change, version DESC`,
      );
      return rows.map(toUpdateVersion);
    },
    async changeLocales(change) {
      const { rows } = await pool.query<{ locale: string }>(
        'SELECT DISTINCT locale FROM responses WHERE change = $1 AND NOT spam ORDER BY locale',
        [change],
      );
      return rows.map((row) => row.locale);
    },
  };
}
