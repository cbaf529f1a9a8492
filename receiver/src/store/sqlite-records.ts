// Copying responses out of and into a SQLite store whole (migrate-store): every column, times and
// flags as stored, oldest first, in batches that are each one transaction.
import type { Database } from 'better-sqlite3';
import { cellColumns, toRecord, type RecordRow } from './rows.js';
import type { ResponseRecord, Store } from './store.js';

/** A row as SQLite gives it: JSON as text, flags as 0 or 1. */
type SqliteRecordRow = Omit<RecordRow, 'answers' | 'about' | 'spam' | 'pii'> & {
  seq: number;
  answers: string | null;
  about: string | null;
  spam: number;
  pii: number;
};

/** The record methods of the Store on the SQLite database `db`. */
export function sqliteRecords(db: Database): Pick<Store, 'exportRecords' | 'importRecords' | 'findRecords' | 'countRecords'> {
  const selectPage = db.prepare<[number, number], SqliteRecordRow>(`
    SELECT r.id, r.seq, r.change, r.answer, r.comment, r.answers, r.about, r.locale, r.page, r.answered_at,
           r.widget, r.received_at, r.updated_at, r.spam, r.pii, r.secret_hash, c.name AS contact_name, c.email AS contact_email,
           c.phone AS contact_phone, c.consent_at AS contact_consent_at, c.created_at AS contact_created_at
    FROM responses r LEFT JOIN contacts c ON c.response_id = r.id
    WHERE r.seq > ? ORDER BY r.seq LIMIT ?`);
  const insertResponse = db.prepare(`
    INSERT INTO responses (id, seq, change, answer, comment, answers, about, locale, page, answered_at, widget,
                           received_at, updated_at, spam, pii, secret_hash, week_start, about_age_band,
                           about_disabled, about_disability_impact, about_ethnic_group)
    VALUES (@id, (SELECT COALESCE(MAX(seq), 0) + 1 FROM responses), @change, @answer, @comment, @answers, @about,
            @locale, @page, @answered_at, @widget, @received_at, @updated_at, @spam, @pii, @secret_hash, @week_start,
            @about_age_band, @about_disabled, @about_disability_impact, @about_ethnic_group)
    ON CONFLICT (id) DO NOTHING`);
  const insertContact = db.prepare(`
    INSERT INTO contacts (response_id, name, email, phone, consent_at, created_at)
    VALUES (@id, @name, @email, @phone, @consent_at, @created_at)
    ON CONFLICT (response_id) DO NOTHING`);
  const selectFound = db.prepare<[string], { id: string; contact: number }>(`
    SELECT r.id, c.response_id IS NOT NULL AS contact
    FROM responses r LEFT JOIN contacts c ON c.response_id = r.id
    WHERE r.id IN (SELECT value FROM json_each(?))`);
  const countResponses = db.prepare<[], number>('SELECT COUNT(*) FROM responses').pluck();
  const countContacts = db.prepare<[], number>('SELECT COUNT(*) FROM contacts').pluck();

  const importBatch = db.transaction((records: readonly ResponseRecord[]): number => {
    let inserted = 0;
    for (const record of records) {
      const { changes } = insertResponse.run({
        id: record.id,
        change: record.change,
        answer: record.answer,
        comment: record.comment,
        answers: record.answers === null ? null : JSON.stringify(record.answers),
        about: record.about === null ? null : JSON.stringify(record.about),
        locale: record.locale,
        page: record.page,
        answered_at: record.answeredAt,
        widget: record.widget,
        received_at: record.receivedAt,
        updated_at: record.updatedAt,
        spam: record.spam ? 1 : 0,
        pii: record.pii ? 1 : 0,
        secret_hash: record.secretHash,
        ...cellColumns(record.about, record.answeredAt, record.receivedAt),
      });
      if (changes === 0) continue;
      inserted += 1;
      if (record.contact) {
        const { name, email, phone, consentAt, createdAt } = record.contact;
        insertContact.run({ id: record.id, name, email, phone, consent_at: consentAt, created_at: createdAt });
      }
    }
    return inserted;
  });

  return {
    async *exportRecords({ pageSize = 1000 } = {}) {
      let after = 0;
      for (;;) {
        const rows = selectPage.all(after, pageSize);
        for (const row of rows) {
          yield toRecord({
            ...row,
            answers: row.answers === null ? null : JSON.parse(row.answers),
            about: row.about === null ? null : JSON.parse(row.about),
            spam: row.spam === 1,
            pii: row.pii === 1,
          });
        }
        if (rows.length < pageSize) return;
        after = rows[rows.length - 1]!.seq;
      }
    },
    async importRecords(records) {
      return importBatch.immediate(records);
    },
    async findRecords(ids) {
      const found = selectFound.all(JSON.stringify(ids));
      return { responses: found.map((row) => row.id), contacts: found.filter((row) => row.contact === 1).map((row) => row.id) };
    },
    async countRecords() {
      return { responses: countResponses.get()!, contacts: countContacts.get()! };
    },
  };
}
