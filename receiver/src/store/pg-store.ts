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
import { DAY_MS } from '../summary/time.js';
import type { SummaryComment, SummaryRow } from '../summary/types.js';
import { migrate } from './pg-schema.js';
import { newestPages, toCounts, toResponse, type Cursor, type StoredRow } from './rows.js';
import type { ListOptions, SpamFilter, Store, StoredResponse } from './store.js';

/** Rows read per query when a summary streams a change's responses. */
const SUMMARY_PAGE_SIZE = 2000;

/** How a timestamptz is returned: the same ISO 8601 UTC form as JavaScript's toISOString(). */
const iso = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

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
    filters: { change?: string; spam: SpamFilter },
    size: number,
    cursor: Cursor | undefined,
  ): Promise<ResponseRow[]> => {
    const values: unknown[] = [];
    const conditions = [...spamConditions[filters.spam]];
    if (filters.change !== undefined) conditions.push(`r.change = $${values.push(filters.change)}`);
    if (cursor) {
      const at = `$${values.push(cursor.at)}::timestamptz`;
      const seq = `$${values.push(cursor.seq)}::bigint`;
      conditions.push(`(r.received_at < ${at} OR (r.received_at = ${at} AND r.seq < ${seq}))`);
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
    const { change, limit = Infinity, spam = 'include', pageSize = 500 } = options;
    if (!Object.hasOwn(spamConditions, spam)) throw new RangeError('spam must be include, exclude or only');
    for await (const row of newestPages(pageSize, limit, (size, cursor) => readListPage({ change, spam }, size, cursor))) {
      yield toResponse(row);
    }
  }

  return {
    pool,
    async upsertResponse(response: WelcomedResponse, now = new Date(), flags = {}) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        // One statement decides: a new id is inserted; a known id of the same change is updated
        // (missing optional fields keep their stored values, flags only ever get set); a known
        // id of another change matches the WHERE of DO UPDATE, so no row comes back.
        const { rows } = await client.query<{ inserted: boolean }>(
          `INSERT INTO responses (id, change, answer, comment, answers, about, locale, page, answered_at,
                                  widget, received_at, updated_at, spam, pii)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11, $12, $13)
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
             pii = responses.pii OR EXCLUDED.pii
           WHERE responses.change = EXCLUDED.change
           RETURNING (xmax = 0) AS inserted`,
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
            now.toISOString(),
            flags.spam === true,
            flags.pii === true,
          ],
        );
        const written = rows[0];
        if (!written) {
          await client.query('ROLLBACK');
          return { status: 'conflict' };
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
    async *iterateSummaryRows(change) {
      const pages = newestPages(SUMMARY_PAGE_SIZE, Infinity, async (size, cursor) => {
        const values: unknown[] = [change, size];
        const after = cursor
          ? `AND (received_at < $3::timestamptz OR (received_at = $3::timestamptz AND seq < $4::bigint))`
          : '';
        if (cursor) values.push(cursor.at, cursor.seq);
        const { rows } = await pool.query<{ seq: string; answer: string; about: Record<string, string> | null; answered_at: string; received_at: string }>(
          `SELECT seq, answer, about, answered_at, ${iso('received_at')} AS received_at FROM responses
           WHERE change = $1 AND NOT spam ${after}
           ORDER BY received_at DESC, seq DESC LIMIT $2`,
          values,
        );
        return rows;
      });
      for await (const row of pages) {
        yield { answer: row.answer, about: row.about, answeredAt: row.answered_at, receivedAt: row.received_at } satisfies SummaryRow;
      }
    },
    async recentComments(change, limit) {
      const { rows } = await pool.query<{ answer: string; comment: string; answered_at: string; received_at: string }>(
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
    async close() {
      if (!pool.ended) await pool.end();
    },
  };
}
