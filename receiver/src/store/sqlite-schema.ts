// The SQLite tables, and the upgrade of an older file to them. The version is kept in
// `PRAGMA user_version`.
import type { Database } from 'better-sqlite3';

/** Current schema version. */
export const DATABASE_VERSION = 3;

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
  secret_hash TEXT
) STRICT;
CREATE INDEX IF NOT EXISTS responses_newest ON responses (received_at DESC, seq DESC);
CREATE INDEX IF NOT EXISTS responses_change_newest ON responses (change, received_at DESC, seq DESC);
CREATE INDEX IF NOT EXISTS responses_counted ON responses (change, answer) WHERE spam = 0;

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

/**
 * Version 2 to version 3 (proof of authorship): the SHA-256 of the secret a response was first
 * stored with, in hex; existing rows have none, and stay open to any sender as before.
 */
const MIGRATE_2_TO_3 = `
ALTER TABLE responses ADD COLUMN secret_hash TEXT;
`;

/**
 * Sets the connection's pragmas and brings the file's tables to DATABASE_VERSION, creating them
 * in a new file. Throws when the file is newer than this receiver.
 */
export function prepareDatabase(db: Database, dbPath: string): void {
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
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
    if (version === 1) db.exec(MIGRATE_1_TO_2);
    if (version === 1 || version === 2) db.exec(MIGRATE_2_TO_3);
    db.exec(SCHEMA);
    db.pragma(`user_version = ${DATABASE_VERSION}`);
  }).immediate();
}
