// @ts-check
// A throw-away PostgreSQL server for tests and benchmarks: Debian's PostgreSQL binaries, a new
// cluster in a temporary folder, on a free port of 127.0.0.1, removed when stopped. PostgreSQL
// refuses to run as root, so as root the cluster belongs to the `postgres` user the Debian
// package creates (CI runs as root).
import { execFile, execFileSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Where PostgreSQL's server programs are: `PG_BINDIR`, else the newest /usr/lib/postgresql/<n>/bin. */
export function postgresBinaries() {
  if (process.env.PG_BINDIR) return process.env.PG_BINDIR;
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root) ? readdirSync(root).filter((name) => /^\d+$/.test(name)).sort((a, b) => Number(b) - Number(a)) : [];
  for (const version of versions) {
    const bin = join(root, version, 'bin');
    if (existsSync(join(bin, 'initdb'))) return bin;
  }
  throw new Error(
    'PostgreSQL is not installed: the PostgreSQL tests need its server programs (apt-get install -y postgresql, ' +
      'or set PG_BINDIR to the folder holding initdb and pg_ctl).',
  );
}

/** Whether the PostgreSQL server programs are installed. */
export function hasPostgres() {
  try {
    postgresBinaries();
    return true;
  } catch {
    return false;
  }
}

/**
 * Starts a new PostgreSQL cluster. Resolves with its connection URL (database `postgres`, user
 * `postgres`, no password: trust on 127.0.0.1 only), a helper to make an empty database, and `stop()`,
 * which stops the server at once and removes the folder.
 * @param {{ settings?: Record<string, string> }} [options] extra server settings (`-c name=value`)
 * @returns {Promise<{ url: string, port: number, dataDir: string, createDatabase: (name: string) => Promise<string>, stop: () => Promise<void> }>}
 */
export async function startPostgres(options = {}) {
  const bin = postgresBinaries();
  const folder = mkdtempSync(join(tmpdir(), 'welcomed-pg-'));
  const asRoot = userInfo().uid === 0;
  const owner = asRoot ? ownerIds() : undefined;
  if (owner) {
    chownSync(folder, owner.uid, owner.gid);
  }
  chmodSync(folder, 0o700);
  /** @param {string} program @param {string[]} args */
  const asOwner = (program, args) =>
    asRoot ? run('runuser', ['-u', 'postgres', '--', join(bin, program), ...args]) : run(join(bin, program), args);
  const data = join(folder, 'data');
  await asOwner('initdb', ['-D', data, '--auth=trust', '-U', 'postgres', '-E', 'UTF8', '--locale=C.UTF-8', '--no-sync']);
  const port = await freePort();
  const settings = {
    listen_addresses: '127.0.0.1',
    // Throw-away data: durability costs time and proves nothing here (the load test sets its own).
    fsync: 'off',
    synchronous_commit: 'off',
    full_page_writes: 'off',
    ...options.settings,
  };
  const serverOptions = [`-p ${port}`, `-k ${folder}`, ...Object.entries(settings).map(([name, value]) => `-c ${name}=${value}`)].join(' ');
  await asOwner('pg_ctl', ['-D', data, '-o', serverOptions, '-l', join(folder, 'server.log'), '-w', '-t', '30', 'start']);
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  let stopped = false;
  return {
    url,
    port,
    dataDir: data,
    async createDatabase(name) {
      if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`not a plain database name: ${name}`);
      await run(join(bin, 'psql'), ['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', '-q', '-c', `CREATE DATABASE ${name}`]);
      return `postgres://postgres@127.0.0.1:${port}/${name}`;
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      await asOwner('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']).catch(() => undefined);
      rmSync(folder, { recursive: true, force: true });
    },
  };
}

/** @returns {{ uid: number, gid: number }} */
function ownerIds() {
  const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
  const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
  return { uid, gid };
}

/** @returns {Promise<number>} */
function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
