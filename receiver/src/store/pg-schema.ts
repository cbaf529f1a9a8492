// The PostgreSQL tables, and the versioned migrations that bring a database to them. Every
// receiver runs them at start; an advisory lock held for the migration's transaction makes
// receivers that start at once take turns, so each step runs exactly once.
import type { ClientBase } from 'pg';
import { ABOUT_FIELDS } from 'welcomed/contract';
import { ACCESS_MIGRATION_SQL } from './pg-access.js';
import { PG_UPDATES_SCHEMA } from './pg-updates.js';
import { iso } from './pg-time.js';
import { ABOUT_COLUMN, cellColumns } from './rows.js';

/** One step of the schema: applied in order, each in the same transaction as its version row. */
interface Migration {
  version: number;
  description: string;
  /** SQL to run first. */
  sql: string;
  /** Then, for what SQL alone cannot do: filling new columns with the receiver's own code. */
  fill?: (client: ClientBase) => Promise<void>;
  /** Then more SQL (e.g. indexes, faster to build once the rows are filled). */
  after?: string;
}

const ABOUT_COLUMNS = Object.values(ABOUT_COLUMN);
/** Rows filled per statement by migration 3. */
const FILL_BATCH = 5000;

/** Every migration, oldest first. Never edit one that has shipped: add the next. */
const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: 'responses and panel contact details',
    sql: `
      CREATE TABLE responses (
        id          text PRIMARY KEY,
        seq         bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
        change      text NOT NULL,
        answer      text NOT NULL,
        comment     text,
        -- json, not jsonb: it keeps the keys in the order the client sent them.
        answers     json,
        about       json,
        locale      text NOT NULL,
        page        text NOT NULL,
        -- As the client sent it (any RFC 3339 form the schema accepts), so it comes back unchanged.
        answered_at text NOT NULL,
        widget      text NOT NULL,
        received_at timestamptz NOT NULL,
        updated_at  timestamptz NOT NULL,
        spam        boolean NOT NULL DEFAULT false,
        pii         boolean NOT NULL DEFAULT false
      );
      CREATE INDEX responses_newest ON responses (received_at DESC, seq DESC);
      CREATE INDEX responses_change_newest ON responses (change, received_at DESC, seq DESC);
      CREATE INDEX responses_counted ON responses (change, answer) WHERE NOT spam;

      CREATE TABLE contacts (
        response_id text PRIMARY KEY REFERENCES responses (id) ON DELETE CASCADE,
        name        text,
        email       text,
        phone       text,
        consent_at  timestamptz NOT NULL,
        created_at  timestamptz NOT NULL
      );
      CREATE INDEX contacts_created ON contacts (created_at);`,
  },
  {
    version: 2,
    // As SQLite's version 3: the SHA-256 of the secret a response was first stored with, in hex
    // (authorship.ts); rows stored before have none, and stay open to any sender.
    description: 'proof of authorship: the hash of each response\'s secret',
    sql: 'ALTER TABLE responses ADD COLUMN secret_hash text;',
  },
  {
    version: 3,
    // As SQLite's version 4 (sqlite-schema.ts): the summary's cells as plain columns written with each
    // response, so that a summary is GROUP BY over partial indexes holding only counted rows.
    description: 'the summary cells as columns (week, equality groups) and their indexes',
    sql: `
      ALTER TABLE responses ADD COLUMN week_start date,
        ${ABOUT_COLUMNS.map((column) => `ADD COLUMN ${column} text`).join(',\n        ')};`,
    fill: fillCellColumns,
    after: `
      CREATE INDEX responses_weeks ON responses (change, week_start, answer) WHERE NOT spam;
      ${ABOUT_COLUMNS.map(
        (column) => `CREATE INDEX responses_${column} ON responses (change, ${column}, answer) WHERE NOT spam AND ${column} IS NOT NULL;`,
      ).join('\n      ')}
      CREATE INDEX responses_comments ON responses (change, received_at DESC, seq DESC)
        WHERE NOT spam AND comment IS NOT NULL AND btrim(comment) <> '';`,
  },
  {
    version: 4,
    // As SQLite's version 5 (sqlite-access.ts).
    description: 'access tokens (their hashes) and the audit trail',
    sql: ACCESS_MIGRATION_SQL,
  },
  {
    version: 5,
    // As SQLite's version 6: views of the prompt, one row per change, UTC day and locale, never
    // one per view (store/impressions.ts).
    description: 'impressions: daily counts of views of the prompt',
    sql: `
      CREATE TABLE impressions (
        change text NOT NULL,
        day    date NOT NULL,
        locale text NOT NULL,
        count  bigint NOT NULL CHECK (count >= 0),
        PRIMARY KEY (change, day, locale)
      );`,
  },
  {
    version: 6,
    // As SQLite's version 7 (sqlite-updates.ts): "You said, we did", every version of each change's update.
    description: 'the versions of each change\'s "You said, we did" update',
    sql: PG_UPDATES_SCHEMA,
  },
];

/**
 * Fills the cell columns of rows stored before migration 3 with the code that fills them for new
 * responses (summary/cells.ts), a batch at a time.
 */
async function fillCellColumns(client: ClientBase): Promise<void> {
  for (;;) {
    const { rows } = await client.query<{ id: string; about: unknown; answered_at: string; received_at: string }>(
      `SELECT id, about, answered_at, ${iso('received_at')} AS received_at
       FROM responses WHERE week_start IS NULL LIMIT ${FILL_BATCH}`,
    );
    if (rows.length === 0) return;
    const cells = rows.map((row) => cellColumns(row.about, row.answered_at, row.received_at));
    await client.query(
      `UPDATE responses r SET week_start = v.week_start::date,
         ${ABOUT_COLUMNS.map((column) => `${column} = v.${column}`).join(', ')}
       FROM unnest($1::text[], $2::text[], ${ABOUT_COLUMNS.map((_, index) => `$${index + 3}::text[]`).join(', ')})
         AS v(id, week_start, ${ABOUT_COLUMNS.join(', ')})
       WHERE r.id = v.id`,
      [
        rows.map((row) => row.id),
        cells.map((cell) => cell.week_start),
        ...ABOUT_FIELDS.map((field) => cells.map((cell) => cell[ABOUT_COLUMN[field]])),
      ],
    );
  }
}

/** The schema version this receiver writes. */
export const PG_SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;

/** Any number, the same in every receiver: the key of the advisory lock migrations hold. */
const MIGRATION_LOCK = 0x77656c63; // "welc"

/**
 * Brings the database to PG_SCHEMA_VERSION (or to `target`, for tests of an upgrade). Throws
 * when the database is newer than this receiver (a newer receiver migrated it: run that one).
 */
export async function migrate(client: ClientBase, target = PG_SCHEMA_VERSION): Promise<void> {
  await client.query('BEGIN');
  try {
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await client.query(`CREATE TABLE IF NOT EXISTS welcomed_migrations (
      version     integer PRIMARY KEY,
      description text NOT NULL,
      applied_at  timestamptz NOT NULL DEFAULT now()
    )`);
    const { rows } = await client.query<{ version: number | null }>('SELECT max(version) AS version FROM welcomed_migrations');
    const current = rows[0]?.version ?? 0;
    if (current > PG_SCHEMA_VERSION) {
      throw new Error(
        `The database has schema version ${current}, newer than this receiver (${PG_SCHEMA_VERSION}): run the newer receiver.`,
      );
    }
    for (const migration of MIGRATIONS) {
      if (migration.version <= current || migration.version > target) continue;
      await client.query(migration.sql);
      if (migration.fill) await migration.fill(client);
      if (migration.after) await client.query(migration.after);
      await client.query('INSERT INTO welcomed_migrations (version, description) VALUES ($1, $2)', [
        migration.version,
        migration.description,
      ]);
    }
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  }
}
