// Copying responses out of and into a PostgreSQL store whole (migrate-store): every column, times
// and flags as stored, oldest first, each batch one INSERT … SELECT FROM unnest(…) in one
// transaction.
import type pg from 'pg';
import { ABOUT_FIELDS } from 'welcomed/contract';
import { iso } from './pg-time.js';
import { ABOUT_COLUMN, cellColumns, toRecord, type RecordRow } from './rows.js';
import type { Store } from './store.js';

/** The record methods of the Store on the PostgreSQL pool `pool`. */
export function pgRecords(pool: pg.Pool): Pick<Store, 'exportRecords' | 'importRecords' | 'findRecords' | 'countRecords'> {
  const aboutColumns = ABOUT_FIELDS.map((field) => ABOUT_COLUMN[field]);
  return {
    async *exportRecords({ pageSize = 1000 } = {}) {
      let after = '0';
      for (;;) {
        const { rows } = await pool.query<RecordRow & { seq: string }>(
          `SELECT r.id, r.seq, r.change, r.answer, r.comment, r.answers, r.about, r.locale, r.page, r.answered_at,
                  r.widget, ${iso('r.received_at')} AS received_at, ${iso('r.updated_at')} AS updated_at, r.spam, r.pii,
                  r.secret_hash,
                  c.name AS contact_name, c.email AS contact_email, c.phone AS contact_phone,
                  ${iso('c.consent_at')} AS contact_consent_at, ${iso('c.created_at')} AS contact_created_at
           FROM responses r LEFT JOIN contacts c ON c.response_id = r.id
           WHERE r.seq > $1 ORDER BY r.seq LIMIT $2`,
          [after, pageSize],
        );
        for (const row of rows) yield toRecord(row);
        if (rows.length < pageSize) return;
        after = rows[rows.length - 1]!.seq;
      }
    },

    async importRecords(records) {
      if (records.length === 0) return 0;
      const cells = records.map((record) => cellColumns(record.about, record.answeredAt, record.receivedAt));
      const json = (value: unknown) => (value === null ? null : JSON.stringify(value));
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        // WITH ORDINALITY … ORDER BY: the records get their sequence numbers in the order given.
        const { rows } = await client.query<{ id: string }>(
          `INSERT INTO responses (id, change, answer, comment, answers, about, locale, page, answered_at, widget,
                                  received_at, updated_at, spam, pii, secret_hash, week_start, ${aboutColumns.join(', ')})
           SELECT id, change, answer, comment, answers, about, locale, page, answered_at, widget,
                  received_at, updated_at, spam, pii, secret_hash, week_start, ${aboutColumns.join(', ')}
           FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::json[], $6::json[], $7::text[], $8::text[],
                       $9::text[], $10::text[], $11::timestamptz[], $12::timestamptz[], $13::boolean[], $14::boolean[],
                       $15::text[], $16::date[], $17::text[], $18::text[], $19::text[], $20::text[])
             WITH ORDINALITY AS v(id, change, answer, comment, answers, about, locale, page, answered_at, widget,
                                  received_at, updated_at, spam, pii, secret_hash, week_start, ${aboutColumns.join(', ')},
                                  position)
           ORDER BY position
           ON CONFLICT (id) DO NOTHING
           RETURNING id`,
          [
            records.map((record) => record.id),
            records.map((record) => record.change),
            records.map((record) => record.answer),
            records.map((record) => record.comment),
            records.map((record) => json(record.answers)),
            records.map((record) => json(record.about)),
            records.map((record) => record.locale),
            records.map((record) => record.page),
            records.map((record) => record.answeredAt),
            records.map((record) => record.widget),
            records.map((record) => record.receivedAt),
            records.map((record) => record.updatedAt),
            records.map((record) => record.spam),
            records.map((record) => record.pii),
            records.map((record) => record.secretHash),
            cells.map((cell) => cell.week_start),
            ...aboutColumns.map((column) => cells.map((cell) => cell[column])),
          ],
        );
        const inserted = new Set(rows.map((row) => row.id));
        const contacts = records.filter((record) => record.contact !== null && inserted.has(record.id));
        if (contacts.length > 0) {
          await client.query(
            `INSERT INTO contacts (response_id, name, email, phone, consent_at, created_at)
             SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::timestamptz[], $6::timestamptz[])
             ON CONFLICT (response_id) DO NOTHING`,
            [
              contacts.map((record) => record.id),
              contacts.map((record) => record.contact!.name),
              contacts.map((record) => record.contact!.email),
              contacts.map((record) => record.contact!.phone),
              contacts.map((record) => record.contact!.consentAt),
              contacts.map((record) => record.contact!.createdAt),
            ],
          );
        }
        await client.query('COMMIT');
        return inserted.size;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },

    async findRecords(ids) {
      const { rows } = await pool.query<{ id: string; contact: boolean }>(
        `SELECT r.id, c.response_id IS NOT NULL AS contact
         FROM responses r LEFT JOIN contacts c ON c.response_id = r.id WHERE r.id = ANY($1::text[])`,
        [ids],
      );
      return { responses: rows.map((row) => row.id), contacts: rows.filter((row) => row.contact).map((row) => row.id) };
    },

    async countRecords() {
      const { rows } = await pool.query<{ responses: number; contacts: number }>(
        'SELECT (SELECT count(*) FROM responses)::int AS responses, (SELECT count(*) FROM contacts)::int AS contacts',
      );
      return rows[0]!;
    },
  };
}
