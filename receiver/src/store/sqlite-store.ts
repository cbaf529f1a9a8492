// The Store on SQLite (better-sqlite3, WAL mode): one file, opened by one connection per process.
//
// better-sqlite3 is synchronous, so each method runs without interleaving in this process and its
// Promise is already settled when it returns; writes that read first run in `BEGIN IMMEDIATE`
// transactions so that several processes sharing one file stay correct too. Streams read page by
// page, so no statement stays open while a consumer awaits.
import Database, { type Statement } from 'better-sqlite3';
import { ABOUT_FIELDS, type WelcomedResponse } from 'welcomed/contract';
import { sameSecretHash } from '../authorship.js';
import { DAY_MS } from '../summary/time.js';
import type { SummaryComment } from '../summary/types.js';
import { checkDatabaseFiles } from './sqlite-files.js';
import { sqliteAccess } from './sqlite-access.js';
import { sqliteImpressions } from './sqlite-impressions.js';
import { sqliteRecords } from './sqlite-records.js';
import { prepareDatabase } from './sqlite-schema.js';
import { sqliteUpdates } from './sqlite-updates.js';
import { ABOUT_COLUMN, cellColumns, newestPages, toCounts, toResponse, toSummaryCounts, type CellRow, type StoredRow } from './rows.js';
import type { ListOptions, ResponseFlags, SpamFilter, Store, StoredResponse, UpsertStatus } from './store.js';

/** A row of `responses` joined with its contact details, as SQLite gives it: JSON as text, flags as 0 or 1. */
type ResponseRow = Omit<StoredRow, 'answers' | 'about' | 'spam' | 'pii'> & {
  seq: number;
  answers: string | null;
  about: string | null;
  spam: number;
  pii: number;
};

/** A SQLite row in the shape both stores share. */
const toStoredRow = (row: ResponseRow): StoredRow => ({
  ...row,
  answers: row.answers === null ? null : JSON.parse(row.answers),
  about: row.about === null ? null : JSON.parse(row.about),
  spam: row.spam === 1,
  pii: row.pii === 1,
});

/** The Store on SQLite, with the file's path. */
export interface SqliteStore extends Store {
  readonly path: string;
}

/**
 * Opens (creating if needed) the SQLite database at `dbPath`, with its folder and its tables.
 * `:memory:` works for throw-away stores.
 */
export async function openSqliteStore(dbPath: string): Promise<SqliteStore> {
  checkDatabaseFiles(dbPath);
  let db: Database.Database;
  try {
    db = new Database(dbPath);
  } catch (error) {
    throw explainSqliteError(error, dbPath);
  }
  try {
    prepareDatabase(db, dbPath);
  } catch (error) {
    db.close();
    throw explainSqliteError(error, dbPath);
  }

  const selectStored = db.prepare<[string], { change: string; received_at: string; secret_hash: string | null }>(
    'SELECT change, received_at, secret_hash FROM responses WHERE id = ?',
  );
  const insertResponse = db.prepare(`
    INSERT INTO responses (id, seq, change, answer, comment, answers, about, locale, page,
                           answered_at, widget, received_at, updated_at, spam, pii, secret_hash, week_start,
                           about_age_band, about_disabled, about_disability_impact, about_ethnic_group)
    VALUES (@id, (SELECT COALESCE(MAX(seq), 0) + 1 FROM responses), @change, @answer, @comment,
            @answers, @about, @locale, @page, @answered_at, @widget, @now, @now, @spam, @pii, @secret_hash,
            @week_start, @about_age_band, @about_disabled, @about_disability_impact, @about_ethnic_group)`);
  const updateResponse = db.prepare(`
    UPDATE responses SET
      answer = @answer,
      comment = COALESCE(@comment, comment),
      answers = COALESCE(@answers, answers),
      about = COALESCE(@about, about),
      locale = @locale,
      page = @page,
      answered_at = @answered_at,
      widget = @widget,
      updated_at = @now,
      spam = MAX(spam, @spam),
      pii = MAX(pii, @pii),
      secret_hash = COALESCE(secret_hash, @secret_hash),
      week_start = @week_start,
      ${ABOUT_FIELDS.map((field) => `${ABOUT_COLUMN[field]} = IIF(@about IS NULL, ${ABOUT_COLUMN[field]}, @${ABOUT_COLUMN[field]})`).join(',\n      ')}
    WHERE id = @id AND change = @change`);
  const upsertContact = db.prepare(`
    INSERT INTO contacts (response_id, name, email, phone, consent_at, created_at)
    VALUES (@id, @name, @email, @phone, @now, @now)
    ON CONFLICT (response_id) DO UPDATE SET
      name = excluded.name, email = excluded.email, phone = excluded.phone`);
  const deleteById = db.prepare('DELETE FROM responses WHERE id = ?');
  const deleteContactById = db.prepare('DELETE FROM contacts WHERE response_id = ?');
  const deleteContactsBefore = db.prepare('DELETE FROM contacts WHERE created_at < ?');

  const columns = `r.id, r.seq, r.change, r.answer, r.comment, r.answers, r.about, r.locale,
    r.page, r.answered_at, r.widget, r.received_at, r.spam, r.pii, c.name AS contact_name,
    c.email AS contact_email, c.phone AS contact_phone, c.consent_at AS contact_consent_at
    FROM responses r LEFT JOIN contacts c ON c.response_id = r.id`;
  const newestFirst = 'ORDER BY r.received_at DESC, r.seq DESC LIMIT @limit';
  // A row value, as in PostgreSQL (pg-store.ts): one range on the index (received_at DESC, seq DESC).
  const after = '(r.received_at, r.seq) < (@at, @seq)';
  const spamConditions: Record<SpamFilter, string[]> = { include: [], exclude: ['r.spam = 0'], only: ['r.spam = 1'] };
  const pageStatements = new Map<string, Statement<object, ResponseRow>>();
  /** The query for one page of a list: prepared once per combination of filters. */
  const pageStatement = (ofChange: boolean, spam: SpamFilter, next: boolean, ofChanges = false) => {
    const key = `${ofChange} ${spam} ${next} ${ofChanges}`;
    let statement = pageStatements.get(key);
    if (!statement) {
      const conditions = [
        ...(ofChange ? ['r.change = @change'] : []),
        ...(ofChanges ? ['r.change IN (SELECT value FROM json_each(@changes))'] : []),
        ...spamConditions[spam],
        ...(next ? [after] : []),
      ];
      const where = conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : '';
      statement = db.prepare<object, ResponseRow>(`SELECT ${columns} ${where} ${newestFirst}`);
      pageStatements.set(key, statement);
    }
    return statement;
  };
  const selectOne = db.prepare<[string], ResponseRow>(`SELECT ${columns} WHERE r.id = ?`);
  type CountRow = { answer: string; count: number };
  const countStatements = {
    all: db.prepare<[], CountRow>('SELECT answer, COUNT(*) AS count FROM responses WHERE spam = 0 GROUP BY answer'),
    allWithSpam: db.prepare<[], CountRow>('SELECT answer, COUNT(*) AS count FROM responses GROUP BY answer'),
    ofChange: db.prepare<[string], CountRow>(
      'SELECT answer, COUNT(*) AS count FROM responses WHERE change = ? AND spam = 0 GROUP BY answer',
    ),
    ofChangeWithSpam: db.prepare<[string], CountRow>(
      'SELECT answer, COUNT(*) AS count FROM responses WHERE change = ? GROUP BY answer',
    ),
  };

  // For summaries: spam is never counted.
  const countByChange = db.prepare<[], CountRow & { change: string }>(
    'SELECT change, answer, COUNT(*) AS count FROM responses WHERE spam = 0 GROUP BY change, answer ORDER BY change',
  );
  // A change's cells, each counted over its own partial index (sqlite-schema.ts).
  const countWeeks = db.prepare<[string], CellRow>(
    'SELECT week_start AS cell, answer, COUNT(*) AS count FROM responses WHERE change = ? AND spam = 0 GROUP BY week_start, answer',
  );
  const countGroups = Object.fromEntries(
    ABOUT_FIELDS.map((field) => {
      const column = ABOUT_COLUMN[field];
      return [
        field,
        db.prepare<[string], CellRow>(
          `SELECT ${column} AS cell, answer, COUNT(*) AS count FROM responses
           WHERE change = ? AND spam = 0 AND ${column} IS NOT NULL GROUP BY ${column}, answer`,
        ),
      ];
    }),
  ) as Record<(typeof ABOUT_FIELDS)[number], Statement<[string], CellRow>>;
  // The same conditions as the partial index responses_comments, so that it is used.
  const selectComments = db.prepare<[string, number], { answer: string; comment: string; answered_at: string; received_at: string }>(`
    SELECT answer, comment, answered_at, received_at FROM responses
    WHERE change = ? AND spam = 0 AND comment IS NOT NULL AND trim(comment) <> ''
    ORDER BY received_at DESC, seq DESC LIMIT ?`);

  const upsert = db.transaction((response: WelcomedResponse, now: string, flags: ResponseFlags): UpsertStatus => {
    const stored = selectStored.get(response.id);
    // Stored with a secret this send does not prove: nothing changes, and nothing is told.
    if (stored?.secret_hash && !sameSecretHash(stored.secret_hash, flags.secretHash)) return 'ignored';
    if (stored !== undefined && stored.change !== response.change) return 'conflict';
    const params = {
      // A response counts in its week by its first receipt, as received_at keeps.
      ...cellColumns(response.about, response.answeredAt, stored?.received_at ?? now),
      id: response.id,
      change: response.change,
      answer: response.answer,
      comment: response.comment ?? null,
      answers: response.answers === undefined ? null : JSON.stringify(response.answers),
      about: response.about === undefined ? null : JSON.stringify(response.about),
      locale: response.locale,
      page: response.page,
      answered_at: response.answeredAt,
      widget: response.widget,
      now,
      spam: flags.spam ? 1 : 0,
      pii: flags.pii ? 1 : 0,
      secret_hash: flags.secretHash ?? null,
    };
    if (stored === undefined) insertResponse.run(params);
    else updateResponse.run(params);
    if (response.panel) {
      upsertContact.run({
        id: response.id,
        name: response.panel.name ?? null,
        email: response.panel.email ?? null,
        phone: response.panel.phone ?? null,
        now,
      });
    }
    return stored === undefined ? 'created' : 'updated';
  });

  const erase = db.transaction((id: string): boolean => {
    deleteContactById.run(id);
    return deleteById.run(id).changes > 0;
  });

  /**
   * After an erasure: secure_delete has zeroed the deleted rows in the pages, but the
   * write-ahead log still holds every earlier version of those pages, erased text and all, until
   * a checkpoint reuses it — which can take hundreds of writes. Copy the log into the database
   * and truncate it to nothing now. Waits for readers in other processes (busy_timeout); if one
   * still holds an old snapshot, the log is truncated by the next erasure or checkpoint.
   */
  const forgetErasedPages = () => {
    db.pragma('wal_checkpoint(TRUNCATE)');
  };

  async function* iterateResponses(options: ListOptions = {}): AsyncGenerator<StoredResponse> {
    const { change, changes, limit = Infinity, spam = 'include', pageSize = 500 } = options;
    if (!Object.hasOwn(spamConditions, spam)) throw new RangeError('spam must be include, exclude or only');
    const inChanges = changes === undefined ? undefined : JSON.stringify(changes);
    const rows = newestPages(pageSize, limit, (size, cursor) =>
      pageStatement(change !== undefined, spam, cursor !== undefined, changes !== undefined).all({
        limit: size,
        change,
        changes: inChanges,
        ...cursor,
      }),
    );
    for await (const row of rows) yield toResponse(toStoredRow(row));
  }

  return {
    path: dbPath,
    async upsertResponse(response, now = new Date(), flags = {}) {
      return { status: upsert.immediate(response, now.toISOString(), flags) };
    },
    async countAnswers({ change, includeSpam = false } = {}) {
      const rows =
        change === undefined
          ? (includeSpam ? countStatements.allWithSpam : countStatements.all).all()
          : (includeSpam ? countStatements.ofChangeWithSpam : countStatements.ofChange).all(change);
      return toCounts(rows);
    },
    async countAnswersByChange() {
      const byChange = new Map<string, CountRow[]>();
      for (const row of countByChange.all()) {
        const rows = byChange.get(row.change);
        if (rows) rows.push(row);
        else byChange.set(row.change, [row]);
      }
      return [...byChange].map(([change, rows]) => ({ change, answers: toCounts(rows) }));
    },
    async countSummary(change) {
      // One read transaction: the cells are counted from one snapshot, so they add up.
      return db.transaction(() =>
        toSummaryCounts(
          countWeeks.all(change),
          Object.fromEntries(ABOUT_FIELDS.map((field) => [field, countGroups[field].all(change)])) as Record<
            (typeof ABOUT_FIELDS)[number],
            CellRow[]
          >,
        ),
      )();
    },
    async recentComments(change, limit) {
      return selectComments.all(change, limit).map(
        (row): SummaryComment => ({
          answer: row.answer,
          comment: row.comment,
          answeredAt: row.answered_at,
          receivedAt: row.received_at,
        }),
      );
    },
    iterateResponses,
    async listResponses(options) {
      const responses: StoredResponse[] = [];
      for await (const response of iterateResponses(options)) responses.push(response);
      return responses;
    },
    async getResponse(id) {
      const row = selectOne.get(id);
      return row && toResponse(toStoredRow(row));
    },
    async deleteResponse(id) {
      const erased = erase.immediate(id);
      if (erased) forgetErasedPages();
      return erased;
    },
    async deleteExpiredContacts(days, now = new Date()) {
      if (!Number.isFinite(days) || days < 0) throw new RangeError('days must be a number ≥ 0');
      const cutoff = new Date(now.getTime() - days * DAY_MS).toISOString();
      const deleted = deleteContactsBefore.run(cutoff).changes;
      if (deleted > 0) forgetErasedPages();
      return deleted;
    },
    ...sqliteRecords(db),
    ...sqliteAccess(db),
    ...sqliteImpressions(db),
    ...sqliteUpdates(db),
    async close() {
      if (db.open) db.close();
    },
  };
}

/** A SQLite error on opening, with the file it was about (other errors as they are). */
function explainSqliteError(error: unknown, dbPath: string): unknown {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string' || !code.startsWith('SQLITE_')) return error;
  return new Error(
    `The database ${dbPath} could not be opened for reading and writing (SQLite: ${(error as Error).message}, ${code}). ` +
      'Check that the user the receiver runs as owns the file, its -wal and -shm files and their folder, ' +
      'and that the disk has room.',
    { cause: error },
  );
}
