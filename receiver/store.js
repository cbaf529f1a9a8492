// @ts-check
/**
 * SQLite storage for the reference receiver (better-sqlite3, WAL mode).
 *
 * Answers live in `responses`; contact details given for the panel live apart, in `contacts`,
 * so they can be deleted after the retention period without touching the answers. No column
 * holds an IP address or anything else about the sender's connection.
 *
 * Two flags sit beside each answer: `spam` (the receiver judged it sent by a bot: kept, shown to
 * admins, left out of every count) and `pii` (the receiver found personal data in its free text
 * and redacted it). What led to the spam flag is not kept: the honeypot's text (which could be a
 * resident's own details, typed or autofilled into a field they could not see) and the time to
 * answer are read once and dropped. Both flags are sticky: once set for an id, later sends of the
 * same response do not clear them.
 *
 * All methods are synchronous (better-sqlite3 is), so each one runs without interleaving in
 * this process; writes that read first run in `BEGIN IMMEDIATE` transactions so that several
 * processes sharing one file stay correct too.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';

/** Current schema version, kept in `PRAGMA user_version`. */
const SCHEMA_VERSION = 2;

/** The answers `countAnswers` counts, in the schema's order. */
export const ANSWERS = /** @type {const} */ (['yes', 'partly', 'no', 'unsure']);

const SCHEMA = `
CREATE TABLE IF NOT EXISTS responses (
  id          TEXT PRIMARY KEY,
  seq         INTEGER NOT NULL UNIQUE,
  change      TEXT NOT NULL,
  answer      TEXT NOT NULL,
  comment     TEXT,
  answers     TEXT,
  about       TEXT,
  locale      TEXT NOT NULL,
  page        TEXT NOT NULL,
  answered_at TEXT NOT NULL,
  widget      TEXT NOT NULL,
  received_at TEXT NOT NULL,
  updated_at  TEXT NOT NULL,
  spam        INTEGER NOT NULL DEFAULT 0 CHECK (spam IN (0, 1)),
  pii         INTEGER NOT NULL DEFAULT 0 CHECK (pii IN (0, 1))
) STRICT;
CREATE INDEX IF NOT EXISTS responses_newest ON responses (received_at DESC, seq DESC);
CREATE INDEX IF NOT EXISTS responses_change_newest ON responses (change, received_at DESC, seq DESC);
CREATE INDEX IF NOT EXISTS responses_counted ON responses (change, answer) WHERE spam = 0;

CREATE TABLE IF NOT EXISTS contacts (
  response_id TEXT PRIMARY KEY REFERENCES responses (id) ON DELETE CASCADE,
  name        TEXT,
  email       TEXT,
  phone       TEXT,
  consent_at  TEXT NOT NULL,
  created_at  TEXT NOT NULL
) STRICT;
CREATE INDEX IF NOT EXISTS contacts_created ON contacts (created_at);
`;

/** Version 1 (before the spam and pii flags) to version 2: existing rows are neither. */
const MIGRATE_1_TO_2 = `
ALTER TABLE responses ADD COLUMN spam INTEGER NOT NULL DEFAULT 0 CHECK (spam IN (0, 1));
ALTER TABLE responses ADD COLUMN pii INTEGER NOT NULL DEFAULT 0 CHECK (pii IN (0, 1));
`;

/**
 * A response as POSTed (schema `welcomed/1`), already validated against the JSON Schema.
 * @typedef {object} WelcomedResponse
 * @property {'welcomed/1'} schema
 * @property {string} id
 * @property {string} change
 * @property {'yes' | 'partly' | 'no' | 'unsure'} answer
 * @property {string} [comment]
 * @property {Record<string, string | string[]>} [answers]
 * @property {{ ageBand?: string, disabled?: string, disabilityImpact?: string, ethnicGroup?: string }} [about]
 * @property {{ name?: string, email?: string, phone?: string, consent: true }} [panel]
 * @property {string} locale
 * @property {string} page
 * @property {string} answeredAt
 * @property {string} widget
 * @property {string} [honeypot] read by the receiver to flag spam; never stored
 * @property {number} [shownForMs] read by the receiver to flag spam; never stored
 */

/**
 * A stored response: the payload's own fields (without `honeypot` and `shownForMs`), when the
 * receiver first got it, and `spam: true` / `pii: true` when those flags are set (absent when not).
 * @typedef {Omit<WelcomedResponse, 'honeypot' | 'shownForMs'> & { receivedAt: string, spam?: true, pii?: true }} StoredResponse
 */

/**
 * @typedef {object} ResponseFlags
 * @property {boolean} [spam] the response was judged sent by a bot
 * @property {boolean} [pii] the receiver redacted personal data from its free text
 */

/** @typedef {'include' | 'exclude' | 'only'} SpamFilter */

/**
 * @typedef {object} ResponseRow
 * @property {string} id
 * @property {number} seq
 * @property {string} change
 * @property {string} answer
 * @property {string | null} comment
 * @property {string | null} answers
 * @property {string | null} about
 * @property {string} locale
 * @property {string} page
 * @property {string} answered_at
 * @property {string} widget
 * @property {string} received_at
 * @property {number} spam
 * @property {number} pii
 * @property {string | null} contact_name
 * @property {string | null} contact_email
 * @property {string | null} contact_phone
 * @property {string | null} contact_consent_at
 */

/**
 * @typedef {object} ListOptions
 * @property {string} [change] only responses to this change
 * @property {number} [limit] at most this many (default: all)
 * @property {SpamFilter} [spam] `include` (default) lists spam too, `exclude` leaves it out,
 *   `only` lists nothing else
 * @property {number} [pageSize] rows read from SQLite per query (default 500)
 */

/**
 * @typedef {object} CountOptions
 * @property {string} [change] only responses to this change (default: every change)
 * @property {boolean} [includeSpam] count spam too (default false: summaries never do)
 */

/** @typedef {Record<typeof ANSWERS[number], number>} AnswerCounts */

/**
 * @typedef {object} Store
 * @property {(response: WelcomedResponse, now?: Date, flags?: ResponseFlags) => { status: 'created' | 'updated' | 'conflict' }} upsertResponse
 *   Stores a response, or updates the stored one with the same id. Optional fields missing from
 *   a later send keep their stored values (sends of one response only ever add fields, and may
 *   arrive out of order), and so do flags already set. `conflict`: the id is stored for another
 *   change; nothing was written. `honeypot` and `shownForMs` are ignored: pass what they mean in
 *   `flags`.
 * @property {(options?: CountOptions) => AnswerCounts} countAnswers
 *   how many stored responses gave each answer (every answer present, 0 when none), spam left
 *   out unless `includeSpam`
 * @property {(options?: ListOptions) => StoredResponse[]} listResponses newest first
 * @property {(options?: ListOptions) => Generator<StoredResponse>} iterateResponses
 *   newest first, read page by page (no statement stays open between pages, so writes can
 *   interleave with a slow consumer)
 * @property {(id: string) => StoredResponse | undefined} getResponse
 * @property {(id: string) => boolean} deleteResponse removes the response and its contact details
 * @property {(days: number, now?: Date) => number} deleteExpiredContacts
 *   deletes contact details stored more than `days` days before `now`; returns how many
 * @property {() => { change: string, answers: AnswerCounts }[]} countAnswersByChange
 *   non-spam answer counts of every change that has any, by change id
 * @property {(change: string) => Generator<import('./summary.js').SummaryRow>} iterateSummaryRows
 *   the answer, `about`, `answeredAt` and `receivedAt` of each non-spam response to `change`
 * @property {(change: string, limit: number) => import('./summary.js').SummaryComment[]} recentComments
 *   the newest non-spam responses to `change` with a comment, newest first
 * @property {() => void} close
 * @property {string} path
 */

/**
 * Opens (creating if needed) the SQLite database at `dbPath` and its schema. The folder is
 * created too. `:memory:` works for throw-away stores.
 * @param {string} dbPath
 * @returns {Store}
 */
export function openStore(dbPath) {
  if (dbPath !== ':memory:' && !dbPath.startsWith('file:')) {
    mkdirSync(dirname(dbPath), { recursive: true });
  }
  const db = new Database(dbPath);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    // Erased responses and expired contact details are overwritten, not just unlinked.
    db.pragma('secure_delete = ON');
    db.transaction(() => {
      // Read inside the write transaction: another process may be upgrading the same file.
      const version = /** @type {number} */ (db.pragma('user_version', { simple: true }));
      if (version > SCHEMA_VERSION) {
        throw new Error(
          `The database ${dbPath} has schema version ${version}, newer than this receiver (${SCHEMA_VERSION}).`,
        );
      }
      if (version === 1) db.exec(MIGRATE_1_TO_2);
      db.exec(SCHEMA);
      db.pragma(`user_version = ${SCHEMA_VERSION}`);
    }).immediate();
  } catch (error) {
    db.close();
    throw error;
  }

  const selectChange = db.prepare('SELECT change FROM responses WHERE id = ?').pluck();
  const insertResponse = db.prepare(`
    INSERT INTO responses (id, seq, change, answer, comment, answers, about, locale, page,
                           answered_at, widget, received_at, updated_at, spam, pii)
    VALUES (@id, (SELECT COALESCE(MAX(seq), 0) + 1 FROM responses), @change, @answer, @comment,
            @answers, @about, @locale, @page, @answered_at, @widget, @now, @now, @spam, @pii)`);
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
      pii = MAX(pii, @pii)
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
  const order = 'ORDER BY r.received_at DESC, r.seq DESC LIMIT @limit';
  const after = '(r.received_at < @at OR (r.received_at = @at AND r.seq < @seq))';
  const spamConditions = { include: [], exclude: ['r.spam = 0'], only: ['r.spam = 1'] };
  /** @type {Map<string, import('better-sqlite3').Statement>} */
  const pageStatements = new Map();
  /**
   * The query for one page: prepared once per combination of filters.
   * @param {boolean} ofChange @param {SpamFilter} spam @param {boolean} next after a cursor
   */
  const pageStatement = (ofChange, spam, next) => {
    const key = `${ofChange} ${spam} ${next}`;
    let statement = pageStatements.get(key);
    if (!statement) {
      const conditions = [...(ofChange ? ['r.change = @change'] : []), ...spamConditions[spam], ...(next ? [after] : [])];
      const where = conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : '';
      statement = db.prepare(`SELECT ${columns} ${where} ${order}`);
      pageStatements.set(key, statement);
    }
    return statement;
  };
  const selectOne = db.prepare(`SELECT ${columns} WHERE r.id = ?`);
  const countStatements = {
    all: db.prepare('SELECT answer, COUNT(*) AS count FROM responses WHERE spam = 0 GROUP BY answer'),
    allWithSpam: db.prepare('SELECT answer, COUNT(*) AS count FROM responses GROUP BY answer'),
    ofChange: db.prepare('SELECT answer, COUNT(*) AS count FROM responses WHERE change = ? AND spam = 0 GROUP BY answer'),
    ofChangeWithSpam: db.prepare('SELECT answer, COUNT(*) AS count FROM responses WHERE change = ? GROUP BY answer'),
  };

  // For summaries: spam is never counted.
  const countByChange = db.prepare(
    'SELECT change, answer, COUNT(*) AS count FROM responses WHERE spam = 0 GROUP BY change, answer ORDER BY change',
  );
  const selectSummaryRows = db.prepare(
    'SELECT answer, about, answered_at, received_at FROM responses WHERE change = ? AND spam = 0',
  );
  const selectComments = db.prepare(`
    SELECT answer, comment, answered_at, received_at FROM responses
    WHERE change = ? AND spam = 0 AND comment IS NOT NULL AND TRIM(comment) <> ''
    ORDER BY received_at DESC, seq DESC LIMIT ?`);

  const upsert = db.transaction(
    /**
     * @param {WelcomedResponse} response
     * @param {string} now
     * @param {ResponseFlags} flags
     * @returns {'created' | 'updated' | 'conflict'}
     */
    (response, now, flags) => {
      const storedChange = selectChange.get(response.id);
      if (storedChange !== undefined && storedChange !== response.change) return 'conflict';
      const params = {
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
      };
      if (storedChange === undefined) insertResponse.run(params);
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
      return storedChange === undefined ? 'created' : 'updated';
    },
  );

  const erase = db.transaction(
    /** @param {string} id */
    (id) => {
      deleteContactById.run(id);
      return deleteById.run(id).changes > 0;
    },
  );

  /**
   * @param {ListOptions} [options]
   * @returns {Generator<StoredResponse>}
   */
  function* iterateResponses(options = {}) {
    const { change, limit = Infinity, spam = 'include', pageSize = 500 } = options;
    if (!Object.hasOwn(spamConditions, spam)) throw new RangeError('spam must be include, exclude or only');
    let remaining = limit;
    /** @type {{ at: string, seq: number } | undefined} */
    let cursor;
    while (remaining > 0) {
      const size = Math.min(pageSize, remaining);
      const statement = pageStatement(change !== undefined, spam, cursor !== undefined);
      const rows = /** @type {ResponseRow[]} */ (statement.all({ limit: size, change, ...cursor }));
      for (const row of rows) yield toResponse(row);
      remaining -= rows.length;
      if (rows.length < size) return;
      const last = rows[rows.length - 1];
      cursor = { at: last.received_at, seq: last.seq };
    }
  }

  return {
    path: dbPath,
    upsertResponse(response, now = new Date(), flags = {}) {
      return { status: upsert.immediate(response, now.toISOString(), flags) };
    },
    countAnswers({ change, includeSpam = false } = {}) {
      const rows = /** @type {{ answer: string, count: number }[]} */ (
        change === undefined
          ? (includeSpam ? countStatements.allWithSpam : countStatements.all).all()
          : (includeSpam ? countStatements.ofChangeWithSpam : countStatements.ofChange).all(change)
      );
      const counts = /** @type {AnswerCounts} */ (Object.fromEntries(ANSWERS.map((answer) => [answer, 0])));
      for (const { answer, count } of rows) {
        if (Object.hasOwn(counts, answer)) counts[/** @type {keyof AnswerCounts} */ (answer)] = count;
      }
      return counts;
    },
    countAnswersByChange() {
      const rows = /** @type {{ change: string, answer: string, count: number }[]} */ (countByChange.all());
      /** @type {Map<string, AnswerCounts>} */
      const byChange = new Map();
      for (const { change, answer, count } of rows) {
        let counts = byChange.get(change);
        if (!counts) {
          counts = /** @type {AnswerCounts} */ (Object.fromEntries(ANSWERS.map((name) => [name, 0])));
          byChange.set(change, counts);
        }
        if (Object.hasOwn(counts, answer)) counts[/** @type {keyof AnswerCounts} */ (answer)] = count;
      }
      return [...byChange].map(([change, answers]) => ({ change, answers }));
    },
    *iterateSummaryRows(change) {
      const rows = /** @type {IterableIterator<{ answer: string, about: string | null, answered_at: string, received_at: string }>} */ (
        selectSummaryRows.iterate(change)
      );
      for (const row of rows) {
        yield {
          answer: row.answer,
          about: row.about === null ? null : JSON.parse(row.about),
          answeredAt: row.answered_at,
          receivedAt: row.received_at,
        };
      }
    },
    recentComments(change, limit) {
      const rows = /** @type {{ answer: string, comment: string, answered_at: string, received_at: string }[]} */ (
        selectComments.all(change, limit)
      );
      return rows.map((row) => ({
        answer: row.answer,
        comment: row.comment,
        answeredAt: row.answered_at,
        receivedAt: row.received_at,
      }));
    },
    iterateResponses,
    listResponses(options) {
      return [...iterateResponses(options)];
    },
    getResponse(id) {
      const row = /** @type {ResponseRow | undefined} */ (selectOne.get(id));
      return row && toResponse(row);
    },
    deleteResponse(id) {
      return erase.immediate(id);
    },
    deleteExpiredContacts(days, now = new Date()) {
      if (!Number.isFinite(days) || days < 0) throw new RangeError('days must be a number ≥ 0');
      const cutoff = new Date(now.getTime() - days * 24 * 60 * 60 * 1000).toISOString();
      return deleteContactsBefore.run(cutoff).changes;
    },
    close() {
      if (db.open) db.close();
    },
  };
}

/**
 * Builds the API shape of a row, keeping the payload's field order, then `receivedAt`.
 * @param {ResponseRow} row
 * @returns {StoredResponse}
 */
function toResponse(row) {
  /** @type {Record<string, unknown>} */
  const response = { schema: 'welcomed/1', id: row.id, change: row.change, answer: row.answer };
  if (row.comment !== null) response.comment = row.comment;
  if (row.answers !== null) response.answers = JSON.parse(row.answers);
  if (row.about !== null) response.about = JSON.parse(row.about);
  if (row.contact_consent_at !== null) {
    /** @type {Record<string, unknown>} */
    const panel = {};
    if (row.contact_name !== null) panel.name = row.contact_name;
    if (row.contact_email !== null) panel.email = row.contact_email;
    if (row.contact_phone !== null) panel.phone = row.contact_phone;
    panel.consent = true;
    response.panel = panel;
  }
  response.locale = row.locale;
  response.page = row.page;
  response.answeredAt = row.answered_at;
  response.widget = row.widget;
  response.receivedAt = row.received_at;
  if (row.spam) response.spam = true;
  if (row.pii) response.pii = true;
  return /** @type {StoredResponse} */ (response);
}
