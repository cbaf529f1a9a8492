// Which Store a receiver opens: SQLite (a file, the default) or PostgreSQL (a URL), and how that
// database is named in what the receiver prints — never with its password.
import { hidePassword } from '../database-url.js';
import { openPgStore } from './pg-store.js';
import { openSqliteStore } from './sqlite-store.js';
import type { Store } from './store.js';

/** A SQLite file, or a PostgreSQL URL with the pool's size. */
export type DatabaseOptions = { dbPath: string } | { databaseUrl: string; poolSize?: number };

/** Opens the database, bringing its tables to this receiver's version. */
export async function openStore(database: DatabaseOptions): Promise<Store> {
  return 'databaseUrl' in database
    ? openPgStore({ connectionString: database.databaseUrl, poolSize: database.poolSize })
    : openSqliteStore(database.dbPath);
}

/** `SQLite <path>` or `PostgreSQL <url without password>`. */
export function describeDatabase(database: DatabaseOptions): string {
  return 'databaseUrl' in database ? `PostgreSQL ${hidePassword(database.databaseUrl)}` : `SQLite ${database.dbPath}`;
}
