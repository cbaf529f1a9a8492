// The Store on PostgreSQL (the `pg` client, a connection pool): for several receivers sharing
// one database behind a load balancer, on a server that people who run PostgreSQL already back
// up and fail over.
//
// Every write is one statement or one transaction, so receivers sharing the database never need
// to coordinate: the upsert is a single INSERT … ON CONFLICT whose WHERE clause refuses a
// response stored for another change, so two receivers getting the same id at once store it
// once. Lists read page by page (keyset pagination), holding no connection between pages.
import pg from 'pg';
import type { WelcomedResponse } from 'welcomed/contract';
import { ABOUT_FIELDS } from 'welcomed/contract';
import { sameSecretHash } from '../authorship.js';
import { weekStart } from '../summary/cells.js';
import { DAY_MS } from '../summary/time.js';
import type { SummaryComment } from '../summary/types.js';
import { pgAccess } from './pg-access.js';
import { pgImpressions } from './pg-impressions.js';
import { pgRecords } from './pg-records.js';
import { migrate } from './pg-schema.js';
import { pgUpdates } from './pg-updates.js';
import { iso } from './pg-time.js';
import {
  ABOUT_COLUMN,
  cellColumns,
  newestPages,
  toCounts,
  toResponse,
  toSummaryCounts,
  type CellRow,
  type Cursor,
  type StoredRow,
} from './rows.js';
import type { ListOptions, SpamFilter, Store, StoredResponse } from './store.js';

/** A row of `responses` joined with its contact details: JSON columns come back parsed. */
type ResponseRow = StoredRow & { seq: string };

/** Options of the PostgreSQL store. */
export interface PgStoreOptions {
  /** `postgres://user:password@host:port/database` (libpq forms and `?sslmode=` accepted). */
  connectionString: string;
  /** Most connections this receiver opens (default 10). */
  poolSize?: number;
}

/** The Store on PostgreSQL, with the pool it uses. */
export interface PgStore extends Store {
  readonly pool: pg.Pool;
}

/**
 * Connects to PostgreSQL and brings its tables to this receiver's version (see pg-schema.ts).
 * Rejects with the server's reason when it cannot connect, without a stack of pool internals.
 */
export async function openPgStore(options: PgStoreOptions): Promise<PgStore> {
  const pool = new pg.Pool({
    connectionString: options.connectionString,
    max: options.poolSize ?? 10,
    // A receiver that cannot reach its database must say so at start, not hang.
    connectionTimeoutMillis: 10_000,
    application_name: 'welcomed-receiver',
  });
  // An idle connection the server dropped must not crash the process: the pool replaces it.
  pool.on('error', () => undefined);
  try {
    const client = await pool.connect();
    try {
      await migrate(client);
    } finally {
      client.release();
    }
  } catch (error) {
    await pool.end();
    throw new Error(`PostgreSQL (WELCOMED_DATABASE_URL): ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }

  const columns = `r.id, r.seq, r.change, r.answer, r.comment, r.answers, r.about, r.locale, r.page,
    r.answered_at, r.widget, ${iso('r.received_at')} AS received_at, r.spam, r.pii,
    c.name AS contact_name, c.email AS contact_email, c.phone AS contact_phone,
    ${iso('c.consent_at')} AS contact_consent_at
    FROM responses r LEFT JOIN contacts c ON c.response_id = r.id`;
  const spamConditions: Record<SpamFilter, string[]> = { include: [], exclude: ['NOT r.spam'], only: ['r.spam'] };

  /** One page of a list, newest first, after `cursor`. */
  const readListPage = async (
    filters: { change?: string; changes?: readonly string[]; spam: SpamFilter },
    size: number,
    cursor: Cursor | undefined,
  ): Promise<ResponseRow[]> => {
    const values: unknown[] = [];
    const conditions = [...spamConditions[filters.spam]];
    if (filters.change !== undefined) conditions.push(`r.change = $${values.push(filters.change)}`);
    if (filters.changes !== undefined) conditions.push(`r.change = ANY($${values.push(filters.changes)}::text[])`);
    if (cursor) {
      const at = `$${values.push(cursor.at)}::timestamptz`;
      const seq = `$${values.push(cursor.seq)}::bigint`;
      // A row comparison, which the index on (received_at DESC, seq DESC) answers as a range: the
      // same condition written with OR made every page scan from the newest row (quadratic).
      conditions.push(`(r.received_at, r.seq) < (${at}, ${seq})`);
    }
    const where = conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : '';
    const limit = `$${values.push(size)}`;
    const { rows } = await pool.query<ResponseRow>(
      `SELECT ${columns} ${where} ORDER BY r.received_at DESC, r.seq DESC LIMIT ${limit}`,
      values,
    );
    return rows;
  };

  async function* iterateResponses(options: ListOptions = {}): AsyncGenerator<StoredResponse> {
    const { change, changes, limit = Infinity, spam = 'include', pageSize = 500 } = options;
    if (!Object.hasOwn(spamConditions, spam)) throw new RangeError('spam must be include, exclude or only');
    for await (const row of newestPages(pageSize, limit, (size, cursor) => readListPage({ change, changes, spam }, size, cursor))) {
      yield toResponse(row);
    }
  }

  return {
    pool,
    async upsertResponse(response: WelcomedResponse, now = new Date(), flags = {}) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const received = now.toISOString();
        const cells = cellColumns(response.about, response.answeredAt, received);
        // One statement decides: a new id is inserted; a known id of the same change, stored with
        // no secret or with this send's, is updated (missing optional fields keep their stored
        // values, flags only ever get set, the first secret stays); any other known id fails the
        // WHERE of DO UPDATE (its row is still locked), so no row comes back, and nothing changes.
        const { rows } = await client.query<{ inserted: boolean; received_at: string; week_start: string }>(
          `INSERT INTO responses (id, change, answer, comment, answers, about, locale, page, answered_at,
                                  widget, received_at, updated_at, spam, pii, secret_hash, week_start,
                                  ${ABOUT_FIELDS.map((field) => ABOUT_COLUMN[field]).join(', ')})
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11, $12, $13, $14, $15, $16, $17, $18, $19)
           ON CONFLICT (id) DO UPDATE SET
             answer = EXCLUDED.answer,
             comment = COALESCE(EXCLUDED.comment, responses.comment),
             answers = COALESCE(EXCLUDED.answers, responses.answers),
             about = COALESCE(EXCLUDED.about, responses.about),
             locale = EXCLUDED.locale,
             page = EXCLUDED.page,
             answered_at = EXCLUDED.answered_at,
             widget = EXCLUDED.widget,
             updated_at = EXCLUDED.updated_at,
             spam = responses.spam OR EXCLUDED.spam,
             pii = responses.pii OR EXCLUDED.pii,
             secret_hash = COALESCE(responses.secret_hash, EXCLUDED.secret_hash),
             week_start = EXCLUDED.week_start,
             ${ABOUT_FIELDS.map((field) => {
               const column = ABOUT_COLUMN[field];
               return `${column} = CASE WHEN EXCLUDED.about IS NULL THEN responses.${column} ELSE EXCLUDED.${column} END`;
             }).join(',\n             ')}
           WHERE responses.change = EXCLUDED.change
             AND (responses.secret_hash IS NULL OR responses.secret_hash = EXCLUDED.secret_hash)
           RETURNING (xmax = 0) AS inserted, ${iso('received_at')} AS received_at, week_start::text AS week_start`,
          [
            response.id,
            response.change,
            response.answer,
            response.comment ?? null,
            response.answers === undefined ? null : JSON.stringify(response.answers),
            response.about === undefined ? null : JSON.stringify(response.about),
            response.locale,
            response.page,
            response.answeredAt,
            response.widget,
            received,
            flags.spam === true,
            flags.pii === true,
            flags.secretHash ?? null,
            cells.week_start,
            ...ABOUT_FIELDS.map((field) => cells[ABOUT_COLUMN[field]]),
          ],
        );
        const written = rows[0];
        if (!written) {
          // Why nothing changed, in the order SQLite's store decides it: a secret this send did
          // not prove first (then nothing is told), else another change.
          const { rows: stored } = await client.query<{ secret_hash: string | null }>(
            'SELECT secret_hash FROM responses WHERE id = $1',
            [response.id],
          );
          await client.query('ROLLBACK');
          const hash = stored[0]?.secret_hash;
          return { status: hash && !sameSecretHash(hash, flags.secretHash) ? 'ignored' : 'conflict' };
        }
        // An update counts in the week of its first receipt, which only the row knew. The row
        // is locked by this transaction, so nobody else can change it meanwhile.
        const week = written.inserted ? cells.week_start : weekStart(response.answeredAt, written.received_at);
        if (week !== written.week_start) {
          await client.query('UPDATE responses SET week_start = $2 WHERE id = $1', [response.id, week]);
        }
        if (response.panel) {
          await client.query(
            `INSERT INTO contacts (response_id, name, email, phone, consent_at, created_at)
             VALUES ($1, $2, $3, $4, $5, $5)
             ON CONFLICT (response_id) DO UPDATE SET
               name = EXCLUDED.name, email = EXCLUDED.email, phone = EXCLUDED.phone`,
            [response.id, response.panel.name ?? null, response.panel.email ?? null, response.panel.phone ?? null, now.toISOString()],
          );
        }
        await client.query('COMMIT');
        return { status: written.inserted ? 'created' : 'updated' };
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    async countAnswers({ change, includeSpam = false } = {}) {
      const conditions = [...(includeSpam ? [] : ['NOT spam']), ...(change === undefined ? [] : ['change = $1'])];
      const where = conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : '';
      const { rows } = await pool.query<{ answer: string; count: number }>(
        `SELECT answer, count(*)::int AS count FROM responses ${where} GROUP BY answer`,
        change === undefined ? [] : [change],
      );
      return toCounts(rows);
    },
    async countAnswersByChange() {
      const { rows } = await pool.query<{ change: string; answer: string; count: number }>(
        'SELECT change, answer, count(*)::int AS count FROM responses WHERE NOT spam GROUP BY change, answer ORDER BY change',
      );
      const byChange = new Map<string, { answer: string; count: number }[]>();
      for (const row of rows) {
        const list = byChange.get(row.change);
        if (list) list.push(row);
        else byChange.set(row.change, [row]);
      }
      return [...byChange].map(([change, list]) => ({ change, answers: toCounts(list) }));
    },
    async countSummary(change) {
      // One read-only transaction at REPEATABLE READ: every cell is counted from one snapshot,
      // so the breakdowns add up to the same total even while responses arrive.
      const client = await pool.connect();
      try {
        await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
        const weeks = await client.query<CellRow>(
          `SELECT week_start::text AS cell, answer, count(*)::int AS count FROM responses
           WHERE change = $1 AND NOT spam GROUP BY week_start, answer`,
          [change],
        );
        const groups: Record<string, CellRow[]> = {};
        for (const field of ABOUT_FIELDS) {
          const column = ABOUT_COLUMN[field];
          const { rows } = await client.query<CellRow>(
            `SELECT ${column} AS cell, answer, count(*)::int AS count FROM responses
             WHERE change = $1 AND NOT spam AND ${column} IS NOT NULL GROUP BY ${column}, answer`,
            [change],
          );
          groups[field] = rows;
        }
        await client.query('COMMIT');
        return toSummaryCounts(weeks.rows, groups as Record<(typeof ABOUT_FIELDS)[number], CellRow[]>);
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    async recentComments(change, limit) {
      const { rows } = await pool.query<{ answer: string; comment: string; answered_at: string; received_at: string }>(
        // The same conditions as the partial index responses_comments, so that it is used.
        `SELECT answer, comment, answered_at, ${iso('received_at')} AS received_at FROM responses
         WHERE change = $1 AND NOT spam AND comment IS NOT NULL AND btrim(comment) <> ''
         ORDER BY responses.received_at DESC, seq DESC LIMIT $2`,
        [change, limit],
      );
      return rows.map(
        (row): SummaryComment => ({ answer: row.answer, comment: row.comment, answeredAt: row.answered_at, receivedAt: row.received_at }),
      );
    },
    iterateResponses,
    async listResponses(options) {
      const responses: StoredResponse[] = [];
      for await (const response of iterateResponses(options)) responses.push(response);
      return responses;
    },
    async getResponse(id) {
      const { rows } = await pool.query<ResponseRow>(`SELECT ${columns} WHERE r.id = $1`, [id]);
      return rows[0] && toResponse(rows[0]);
    },
    async deleteResponse(id) {
      // Contact details go with the response (ON DELETE CASCADE).
      const { rowCount } = await pool.query('DELETE FROM responses WHERE id = $1', [id]);
      return (rowCount ?? 0) > 0;
    },
    async deleteExpiredContacts(days, now = new Date()) {
      if (!Number.isFinite(days) || days < 0) throw new RangeError('days must be a number ≥ 0');
      const cutoff = new Date(now.getTime() - days * DAY_MS).toISOString();
      const { rowCount } = await pool.query('DELETE FROM contacts WHERE created_at < $1', [cutoff]);
      return rowCount ?? 0;
    },
    ...pgRecords(pool),
    ...pgAccess(pool),
    ...pgImpressions(pool),
    ...pgUpdates(pool),
    async close() {
      if (!pool.ended) await pool.end();
    },
  };
}
