// The update methods of the Store on SQLite (store/updates.ts): versions are rows of
// `change_updates`, numbered in the same immediate transaction that stores them.
import type { Database } from 'better-sqlite3';
import { toUpdateVersion, type NewUpdateVersion, type UpdateRow, type UpdateStore, type UpdateVersion } from './updates.js';

/** Version 4 to 5 ("You said, we did"): the versions of each change's update. */
export const UPDATES_SCHEMA = `
CREATE TABLE IF NOT EXISTS change_updates (
  change       TEXT NOT NULL,
  version      INTEGER NOT NULL,
  kind         TEXT NOT NULL CHECK (kind IN ('published', 'withdrawn')),
  status       TEXT,
  update_date  TEXT,
  texts        TEXT NOT NULL,
  show_figures INTEGER NOT NULL DEFAULT 0 CHECK (show_figures IN (0, 1)),
  published_by TEXT NOT NULL,
  created_at   TEXT NOT NULL,
  PRIMARY KEY (change, version)
) STRICT;
`;

type SqliteUpdateRow = Omit<UpdateRow, 'texts' | 'show_figures'> & { texts: string; show_figures: number };

const fromSqlite = (row: SqliteUpdateRow): UpdateVersion =>
  toUpdateVersion({ ...row, texts: JSON.parse(row.texts), show_figures: row.show_figures === 1 });

/** A version as the statements' named parameters. */
const toParams = (change: string, version: NewUpdateVersion, createdAt: string, number?: number) => ({
  change,
  ...(number !== undefined && { version: number }),
  kind: version.kind,
  status: version.status ?? null,
  update_date: version.date ?? null,
  texts: JSON.stringify(version.texts),
  show_figures: version.showFigures ? 1 : 0,
  published_by: version.publishedBy,
  created_at: createdAt,
});

/** The update methods of the Store on the SQLite database `db`. */
export function sqliteUpdates(db: Database): UpdateStore {
  const insert = db.prepare<object, SqliteUpdateRow>(`
    INSERT INTO change_updates (change, version, kind, status, update_date, texts, show_figures, published_by, created_at)
    VALUES (@change, (SELECT COALESCE(MAX(version), 0) + 1 FROM change_updates WHERE change = @change), @kind,
            @status, @update_date, @texts, @show_figures, @published_by, @created_at)
    RETURNING *`);
  const selectOfChange = db.prepare<[string], SqliteUpdateRow>('SELECT * FROM change_updates WHERE change = ? ORDER BY version');
  const selectLatest = db.prepare<[], SqliteUpdateRow>(`
    SELECT u.* FROM change_updates u
    WHERE u.version = (SELECT MAX(version) FROM change_updates WHERE change = u.change) ORDER BY u.change`);
  const selectLocales = db.prepare<[string], { locale: string }>(
    'SELECT DISTINCT locale FROM responses WHERE change = ? AND spam = 0 ORDER BY locale',
  );
  const add = db.transaction((params: object) => insert.get(params)!);
  const insertAsItIs = db.prepare(`
    INSERT OR IGNORE INTO change_updates (change, version, kind, status, update_date, texts, show_figures, published_by, created_at)
    VALUES (@change, @version, @kind, @status, @update_date, @texts, @show_figures, @published_by, @created_at)`);
  const importAll = db.transaction((versions: readonly UpdateVersion[]) =>
    versions.reduce((stored, version) => stored + insertAsItIs.run(toParams(version.change, version, version.createdAt, version.version)).changes, 0),
  );
  return {
    async addUpdateVersion(change, version, now = new Date()) {
      return fromSqlite(add.immediate(toParams(change, version, now.toISOString())));
    },
    async importUpdateVersions(versions) {
      return importAll.immediate(versions);
    },
    async listUpdateVersions(change) {
      return selectOfChange.all(change).map(fromSqlite);
    },
    async latestUpdateVersions() {
      return selectLatest.all().map(fromSqlite);
    },
    async changeLocales(change) {
      return selectLocales.all(change).map((row) => row.locale);
    },
  };
}
