// The PostgreSQL tables, and the versioned migrations that bring a database to them. Every
// receiver runs them at start; an advisory lock held for the migration's transaction makes
// receivers that start at once take turns, so each step runs exactly once.
import type { PoolClient } from 'pg';

/** One step of the schema: applied in order, each in the same transaction as its version row. */
interface Migration {
  version: number;
  description: string;
  sql: string;
}

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
];

/** The schema version this receiver writes. */
export const PG_SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;

/** Any number, the same in every receiver: the key of the advisory lock migrations hold. */
const MIGRATION_LOCK = 0x77656c63; // "welc"

/**
 * Brings the database to PG_SCHEMA_VERSION. Throws when the database is newer than this
 * receiver (a newer receiver migrated it: run that one).
 */
export async function migrate(client: PoolClient): Promise<void> {
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
      if (migration.version <= current) continue;
      await client.query(migration.sql);
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
