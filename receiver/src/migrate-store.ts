// `welcomed-receiver migrate-store --from <database> --to <database>`: copies every response and
// its contact details from one database to another (typically the SQLite file to PostgreSQL),
// checks each id arrived, and prints what it did. A database is a SQLite file's path or a
// postgres:// URL. Idempotent: a second run copies nothing new and checks everything again.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { checkDatabaseUrl } from './database-url.js';
import { copyStore } from './store/copy.js';
import { describeDatabase, openStore, type DatabaseOptions } from './store/open.js';

const USAGE =
  'Usage: welcomed-receiver migrate-store --from <SQLite file | postgres:// URL> --to <SQLite file | postgres:// URL> [--batch 1000]';

/** The database an argument names: a postgres:// URL, or a SQLite file (that must exist, for the source). */
function database(value: string, name: 'from' | 'to'): DatabaseOptions {
  // Anything that looks like a URL is one, and must be PostgreSQL's (never a file named "mysql:").
  if (/^postgres(ql)?:|^[a-z][a-z0-9+.-]*:\/\//i.test(value)) return { databaseUrl: checkDatabaseUrl(value, `--${name}`), poolSize: 2 };
  if (name === 'from' && !existsSync(value)) throw new Error(`--from: there is no SQLite file ${value}.`);
  return { dbPath: resolve(value) };
}

/** Runs the command with `args` (after `migrate-store`); resolves with the exit code. */
export async function migrateStore(args: string[], print: (line: string) => void = console.log): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { from: { type: 'string' }, to: { type: 'string' }, batch: { type: 'string', default: '1000' } },
    strict: true,
  });
  if (!values.from || !values.to) throw new Error(`migrate-store needs --from and --to.\n${USAGE}`);
  const batchSize = Number(values.batch);
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 50_000) throw new Error('--batch must be a whole number from 1 to 50000.');
  const from = database(values.from, 'from');
  const to = database(values.to, 'to');
  if (describeDatabase(from) === describeDatabase(to)) throw new Error('--from and --to are the same database.');

  const source = await openStore(from);
  try {
    const target = await openStore(to);
    try {
      print(`Copying from ${describeDatabase(from)} to ${describeDatabase(to)}…`);
      let printed = 0;
      const report = await copyStore(source, target, {
        batchSize,
        progress: (progress) => {
          if (progress.read - printed < 50_000) return;
          printed = progress.read;
          print(`  ${progress.read} responses read, ${progress.copied} copied`);
        },
      });
      print(
        `Read ${report.read} responses (${report.contacts} with contact details): ${report.copied} copied, ` +
          `${report.alreadyThere} already there and left as they were.`,
      );
      if (report.replacedNul > 0) {
        print(`${report.replacedNul} responses held NUL characters, which PostgreSQL cannot store: copied with U+FFFD instead.`);
      }
      print(`Read ${report.impressions.read} daily view counts: ${report.impressions.copied} copied, the others already there.`);
      print(`Read ${report.updateVersions.read} versions of "You said, we did" replies: ${report.updateVersions.copied} copied.`);
      print(`Source: ${report.source.responses} responses, ${report.source.contacts} contact details.`);
      print(`Target: ${report.target.responses} responses, ${report.target.contacts} contact details.`);
      if (report.missing.length > 0 || report.missingContacts.length > 0) {
        if (report.missing.length > 0) print(`MISSING from the target: ${report.missing.join(', ')}`);
        if (report.missingContacts.length > 0) print(`Contact details MISSING from the target: ${report.missingContacts.join(', ')}`);
        return 1;
      }
      print(`Checked: every one of the ${report.read} responses read, and their contact details, is in the target.`);
      return 0;
    } finally {
      await target.close();
    }
  } finally {
    await source.close();
  }
}
