// The SQLite tables, and the upgrade of an older file to them. The version is kept in
// `PRAGMA user_version`.
import type { Database } from 'better-sqlite3';
import { aboutGroups, weekStart } from '../summary/cells.js';
import { ABOUT_COLUMN } from './rows.js';
import { ACCESS_SCHEMA } from './sqlite-access.js';
import { UPDATES_SCHEMA } from './sqlite-updates.js';

/** Current schema version. */
export const DATABASE_VERSION = 7;

const ABOUT_COLUMNS = Object.values(ABOUT_COLUMN);

/**
 * The indexes a summary reads: weeks with answers, each equality question's answered groups (a
 * response that skipped one is not in its index), and the newest comments.
 */
const SUMMARY_INDEXES = `
CREATE INDEX IF NOT EXISTS responses_weeks ON responses (change, week_start, answer) WHERE spam = 0;
${ABOUT_COLUMNS.map(
  (column) =>
    `CREATE INDEX IF NOT EXISTS responses_${column} ON responses (change, ${column}, answer) WHERE spam = 0 AND ${column} IS NOT NULL;`,
).join('\n')}
CREATE INDEX IF NOT EXISTS responses_comments ON responses (change, received_at DESC, seq DESC)
  WHERE spam = 0 AND comment IS NOT NULL AND trim(comment) <> '';`;

// The summary's cells (summary/cells.ts) are plain columns, written with each response, so that
// a change's summary is a few GROUP BY queries over partial indexes that hold only the rows
// counted (never spam): reading 1,000,000 responses into JavaScript took seconds.
const SCHEMA = `
CREATE TABLE IF NOT EXISTS responses (
  id          TEXT PRIMARY KEY,
  seq         INTEGER NOT NULL UNIQUE,
  change      TEXT NOT NULL,
  answer      TEXT NOT NULL,
  comment     TEXT,
  answers     TEXT,
  about       TEXT,
  locale      TEXT NOT NULL,
  page        TEXT NOT NULL,
  answered_at TEXT NOT NULL,
  widget      TEXT NOT NULL,
  received_at TEXT NOT NULL,
  updated_at  TEXT NOT NULL,
  spam        INTEGER NOT NULL DEFAULT 0 CHECK (spam IN (0, 1)),
  pii         INTEGER NOT NULL DEFAULT 0 CHECK (pii IN (0, 1)),
  secret_hash TEXT,
  week_start  TEXT,
  about_age_band          TEXT,
  about_disabled          TEXT,
  about_disability_impact TEXT,
  about_ethnic_group      TEXT
) STRICT;
CREATE INDEX IF NOT EXISTS responses_newest ON responses (received_at DESC, seq DESC);
CREATE INDEX IF NOT EXISTS responses_change_newest ON responses (change, received_at DESC, seq DESC);
CREATE INDEX IF NOT EXISTS responses_counted ON responses (change, answer) WHERE spam = 0;
${SUMMARY_INDEXES}

CREATE TABLE IF NOT EXISTS contacts (
  response_id TEXT PRIMARY KEY REFERENCES responses (id) ON DELETE CASCADE,
  name        TEXT,
  email       TEXT,
  phone       TEXT,
  consent_at  TEXT NOT NULL,
  created_at  TEXT NOT NULL
) STRICT;
CREATE INDEX IF NOT EXISTS contacts_created ON contacts (created_at);
`;


/** Version 1 (before the spam and pii flags) to version 2: existing rows are neither. */
const MIGRATE_1_TO_2 = `
ALTER TABLE responses ADD COLUMN spam INTEGER NOT NULL DEFAULT 0 CHECK (spam IN (0, 1));
ALTER TABLE responses ADD COLUMN pii INTEGER NOT NULL DEFAULT 0 CHECK (pii IN (0, 1));
`;

/** Version 3 to 4: the summary's cells as columns, filled for the rows already stored. */
function migrate3To4(db: Database): void {
  db.exec(`
    ALTER TABLE responses ADD COLUMN week_start TEXT;
    ${ABOUT_COLUMNS.map((column) => `ALTER TABLE responses ADD COLUMN ${column} TEXT;`).join('\n')}
  `);
  // Filled by the same code that fills them for new responses, registered for this connection.
  db.function('welcomed_week_start', { deterministic: true }, (answeredAt, receivedAt) =>
    weekStart(String(answeredAt), String(receivedAt)),
  );
  db.function('welcomed_about_group', { deterministic: true }, (about, field) =>
    about === null ? null : aboutGroups(JSON.parse(String(about)))[field as keyof typeof ABOUT_COLUMN],
  );
  db.exec(`UPDATE responses SET week_start = welcomed_week_start(answered_at, received_at),
    ${Object.entries(ABOUT_COLUMN)
      .map(([field, column]) => `${column} = welcomed_about_group(about, '${field}')`)
      .join(',\n    ')}`);
}

/**
 * Version 2 to version 3 (proof of authorship): the SHA-256 of the secret a response was first
 * stored with, in hex; existing rows have none, and stay open to any sender as before.
 */
const MIGRATE_2_TO_3 = `
ALTER TABLE responses ADD COLUMN secret_hash TEXT;
`;

/**
 * Version 5 to 6 (and every new file): the views of the prompt, counted per change, UTC day and
 * locale — one row per day, never one per view (store/impressions.ts).
 */
const IMPRESSIONS_SCHEMA = `
CREATE TABLE IF NOT EXISTS impressions (
  change TEXT NOT NULL,
  day    TEXT NOT NULL,
  locale TEXT NOT NULL,
  count  INTEGER NOT NULL CHECK (count >= 0),
  PRIMARY KEY (change, day, locale)
) STRICT, WITHOUT ROWID;
`;

/** How long a process starting beside others waits for one of them to switch a new file to WAL. */
const WAL_SWITCH_WAIT_MS = 5000;

/**
 * Puts the file in WAL mode. When several processes open one new file at once, each reads it
 * (a shared lock) and then needs it alone to switch it: SQLite sees that waiting could deadlock,
 * so it answers SQLITE_BUSY at once instead of calling the busy handler, and a receiver starting
 * beside another failed with "database is locked" (npm test saw it). So wait a little and ask
 * again: by then another has switched it, and asking changes nothing.
 */
function useWal(db: Database): void {
  const deadline = Date.now() + WAL_SWITCH_WAIT_MS;
  for (;;) {
    try {
      db.pragma('journal_mode = WAL');
      return;
    } catch (error) {
      if ((error as { code?: unknown }).code !== 'SQLITE_BUSY' || Date.now() > deadline) throw error;
      // A synchronous pause (the store opens synchronously): 20 ms, once per try.
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 20);
    }
  }
}

/**
 * Sets the connection's pragmas and brings the file's tables to DATABASE_VERSION, creating them
 * in a new file. Throws when the file is newer than this receiver.
 */
export function prepareDatabase(db: Database, dbPath: string): void {
  db.pragma('busy_timeout = 5000');
  useWal(db);
  db.pragma('foreign_keys = ON');
  // Erased responses and expired contact details are overwritten, not just unlinked.
  db.pragma('secure_delete = ON');
  db.transaction(() => {
    // Read inside the write transaction: another process may be upgrading the same file.
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version > DATABASE_VERSION) {
      throw new Error(
        `The database ${dbPath} has schema version ${version}, newer than this receiver (${DATABASE_VERSION}).`,
      );
    }
    if (version === DATABASE_VERSION) return;
    if (version === 1) db.exec(MIGRATE_1_TO_2);
    if (version === 1 || version === 2) db.exec(MIGRATE_2_TO_3);
    if (version >= 1 && version <= 3) migrate3To4(db);
    db.exec(SCHEMA);
    // Version 5: access tokens and the audit trail (sqlite-access.ts).
    db.exec(ACCESS_SCHEMA);
    // Version 6: the daily counts of views.
    db.exec(IMPRESSIONS_SCHEMA);
    // Version 7 ("You said, we did"; sqlite-updates.ts): a new table, created in new files alike.
    db.exec(UPDATES_SCHEMA);
    db.pragma(`user_version = ${DATABASE_VERSION}`);
  }).immediate();
}
