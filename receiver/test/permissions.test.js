// @ts-check
// A database the receiver's user cannot write — its folder, the file, its -wal or its -shm —
// stops the receiver at start with one line naming the file, exit code 1, never a crash.
//
// File permissions do not apply to root, and CI runs as root: there the receiver is started as
// the unprivileged user `nobody` (runuser, or setpriv), with the files owned by root. Run by any
// other user, the receiver runs as that user and the files are made read-only instead.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { openSqliteStore } from 'welcomed-receiver';
import { POSTGRES_URL, TOKEN } from './helpers.js';

const MAIN = fileURLToPath(new URL('../dist/main.js', import.meta.url));
const NOBODY = 65534;
const asRoot = process.getuid?.() === 0;

/** How to run a command as `nobody` when this is root: runuser, else setpriv; none: null. */
function dropPrivileges() {
  if (!asRoot) return [];
  if (spawnSync('runuser', ['--help'], { stdio: 'ignore' }).status === 0) return ['runuser', '-u', 'nobody', '--'];
  if (spawnSync('setpriv', ['--help'], { stdio: 'ignore' }).status === 0) {
    return ['setpriv', `--reuid=${NOBODY}`, `--regid=${NOBODY}`, '--clear-groups', '--'];
  }
  return null;
}
const prefix = dropPrivileges();

/** The receiver's user may write `path`. */
function giveToReceiver(/** @type {string} */ path) {
  if (asRoot) chownSync(path, NOBODY, NOBODY);
}

/** The receiver's user may read but not write `path` (a root-owned file, or a read-only one). */
function takeFromReceiver(/** @type {string} */ path, /** @type {boolean} */ folder = false) {
  if (asRoot) {
    chownSync(path, 0, 0);
    chmodSync(path, folder ? 0o755 : 0o644);
  } else {
    chmodSync(path, folder ? 0o555 : 0o444);
  }
}

/**
 * A folder holding a receiver's database with its -wal and -shm files, as a receiver that was
 * killed mid-run (or a backup copied back) leaves them; every file the receiver's to write.
 * @param {import('node:test').TestContext} t
 */
async function databaseFolder(t) {
  const root = mkdtempSync(join(tmpdir(), 'welcomed-perm-'));
  // mkdtemp makes it private to its owner; nobody must get in.
  chmodSync(root, 0o755);
  t.after(() => {
    chmodSync(root, 0o755);
    for (const name of readdirSync(root)) chmodSync(join(root, name), 0o755);
    rmSync(root, { recursive: true, force: true });
  });
  const folder = join(root, 'data');
  mkdirSync(folder);
  const dbPath = join(folder, 'welcomed.db');
  (await openSqliteStore(dbPath)).close();
  const db = new Database(dbPath);
  db.prepare('UPDATE responses SET answer = answer').run();
  db.exec('CREATE TEMP TABLE keep_open (x)');
  // Copied while the connection is open: its -wal and -shm exist now, and go when it closes.
  copyFileSync(`${dbPath}-wal`, join(root, 'wal'));
  copyFileSync(`${dbPath}-shm`, join(root, 'shm'));
  db.close();
  copyFileSync(join(root, 'wal'), `${dbPath}-wal`);
  copyFileSync(join(root, 'shm'), `${dbPath}-shm`);
  for (const path of [folder, dbPath, `${dbPath}-wal`, `${dbPath}-shm`]) giveToReceiver(path);
  return { folder, dbPath };
}

/**
 * Runs the receiver's command line as its user until it exits (or for `ms`, then stops it).
 * @param {string} dbPath
 */
function runReceiver(dbPath, ms = 8000) {
  const command = [...(prefix ?? []), process.execPath, MAIN];
  const child = spawn(command[0], command.slice(1), {
    env: { PATH: process.env.PATH ?? '', PORT: '0', WELCOMED_DB: dbPath, WELCOMED_ADMIN_TOKEN: TOKEN },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk) => {
    stdout += chunk;
    if (/listening on/.test(stdout)) child.kill('SIGTERM');
  });
  child.stderr.setEncoding('utf8').on('data', (chunk) => (stderr += chunk));
  const timer = setTimeout(() => child.kill('SIGKILL'), ms);
  return new Promise((resolve) =>
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    }),
  );
}

// SQLite's own files: on PostgreSQL the server owns them, and the receiver never touches them.
const skip = POSTGRES_URL
  ? 'SQLite files: SQLite only'
  : prefix === null
    ? 'root, and neither runuser nor setpriv to drop privileges'
    : false;

test('(SQLite) a receiver whose files are all its own starts (the control case)', { skip }, async (t) => {
  const { dbPath } = await databaseFolder(t);
  const run = /** @type {{ code: number, stdout: string, stderr: string }} */ (await runReceiver(dbPath));
  assert.match(run.stdout, /listening on/, run.stderr);
  // (runuser says "Session terminated" when the test stops it.)
  assert.doesNotMatch(run.stderr, /welcomed receiver:/);
});

for (const [what, pick, folder] of /** @type {[string, (paths: { folder: string, dbPath: string }) => string, boolean][]} */ ([
  ['an unwritable -shm file', ({ dbPath }) => `${dbPath}-shm`, false],
  ['an unwritable -wal file', ({ dbPath }) => `${dbPath}-wal`, false],
  ['an unwritable database file', ({ dbPath }) => dbPath, false],
  ['an unwritable database folder', ({ folder }) => folder, true],
])) {
  test(`(SQLite) ${what} stops the receiver at start with one line naming it, not a crash`, { skip }, async (t) => {
    const paths = await databaseFolder(t);
    const culprit = pick(paths);
    takeFromReceiver(culprit, folder);
    const run = /** @type {{ code: number, signal: string | null, stdout: string, stderr: string }} */ (
      await runReceiver(paths.dbPath)
    );
    assert.equal(run.signal, null, `killed by ${run.signal}: ${run.stderr}`);
    assert.equal(run.code, 1, run.stdout + run.stderr);
    assert.equal(run.stdout, '');
    const lines = run.stderr.trim().split('\n');
    assert.equal(lines.length, 1, run.stderr);
    assert.match(lines[0], /^welcomed receiver: The database (folder|file) /);
    assert.ok(lines[0].includes(`${culprit} is not`), lines[0]);
    assert.match(lines[0], /chown/);
  });
}
