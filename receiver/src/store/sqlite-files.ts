// The files SQLite needs beside the database, checked before SQLite opens them. In WAL mode
// SQLite reads and writes the database, its write-ahead log (`-wal`) and its shared-memory index
// (`-shm`, memory-mapped), and creates the last two in the database's folder. A file it cannot
// write made it fail with "attempt to write a readonly database", or, with an unwritable `-shm`,
// take the process down with a bus error and nothing logged; this says which file, and why.
import { accessSync, constants, existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname } from 'node:path';

/** The files SQLite keeps beside a database in WAL mode (and the rollback journal, if left over). */
export const DATABASE_FILE_SUFFIXES = ['', '-wal', '-shm', '-journal'] as const;

/**
 * Creates the database's folder if needed, then checks that this process may create files in
 * it and read and write each of the database's files that exist. Throws an Error naming the
 * folder or file, its owner and mode, and what to do. Skipped for `:memory:` and `file:` URIs.
 */
export function checkDatabaseFiles(dbPath: string): void {
  if (dbPath === ':memory:' || dbPath.startsWith('file:')) return;
  const folder = dirname(dbPath);
  try {
    mkdirSync(folder, { recursive: true });
  } catch (error) {
    throw new Error(
      `The database folder ${folder} cannot be created (${(error as NodeJS.ErrnoException).code ?? String(error)}): ` +
        'create it for the user the receiver runs as, or set WELCOMED_DB to a file in a folder that user can write.',
      { cause: error },
    );
  }
  if (!allowed(folder, constants.W_OK | constants.X_OK)) {
    throw new Error(
      `The database folder ${folder} is not writable by the user the receiver runs as (${describe(folder)}): SQLite ` +
        `creates the database's -wal and -shm files there. Give the folder to that user (chown), or set WELCOMED_DB ` +
        'to a file in a folder it can write.',
    );
  }
  for (const suffix of DATABASE_FILE_SUFFIXES) {
    const file = `${dbPath}${suffix}`;
    if (!existsSync(file) || allowed(file, constants.R_OK | constants.W_OK)) continue;
    throw new Error(
      `The database file ${file} is not readable and writable by the user the receiver runs as (${describe(file)}): ` +
        'SQLite must read and write the database and its -wal and -shm files. Give them to that user (chown), ' +
        'for example after restoring a backup as root.',
    );
  }
}

function allowed(path: string, mode: number): boolean {
  try {
    accessSync(path, mode);
    return true;
  } catch {
    return false;
  }
}

/** "owned by user 0, mode 0644; the receiver runs as user 65534". */
function describe(path: string): string {
  const { uid, mode } = statSync(path);
  const self = typeof process.getuid === 'function' ? `; the receiver runs as user ${process.getuid()}` : '';
  return `owned by user ${uid}, mode ${(mode & 0o777).toString(8).padStart(4, '0')}${self}`;
}
