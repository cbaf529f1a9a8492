// What the receiver needs from storage, as types only. store/sqlite-store.ts implements it on
// SQLite; another database can implement it too, and the routes will not know the difference.
// Every method returns a Promise (streams are AsyncIterables), as a networked database's client
// must, even where the implementation is synchronous underneath.
//
// Answers and panel contact details are kept apart, so contact details can be deleted after the
// retention period without touching the answers. Nothing about the sender's connection is stored.
//
// Two flags sit beside each answer: `spam` (judged sent by a bot: kept, shown to admins, left out
// of every count) and `pii` (the receiver found personal data in its free text and redacted it).
// What led to the spam flag is not kept: the honeypot's text (which could be a resident's own
// details, typed or autofilled into a field they could not see) and the time to answer are read
// once and dropped. Both flags are sticky: once set for an id, later sends do not clear them.
import type { Answer, WelcomedResponse } from 'welcomed/contract';
import type { SummaryComment, SummaryCounts } from '../summary/types.js';
import type { AccessStore } from './access-store.js';
import type { ImpressionStore } from './impressions.js';
import type { UpdateStore } from './updates.js';

/**
 * A stored response: the payload's own fields (without `honeypot` and `shownForMs`), when the
 * receiver first got it, and `spam: true` / `pii: true` when those flags are set (absent when not).
 */
export type StoredResponse = Omit<WelcomedResponse, 'honeypot' | 'shownForMs' | 'secret'> & {
  receivedAt: string;
  spam?: true;
  pii?: true;
};

/** What the receiver judged about a response as it arrived, and the proof its send carried. */
export interface ResponseFlags {
  /** The response was judged sent by a bot. */
  spam?: boolean;
  /** The receiver redacted personal data from its free text. */
  pii?: boolean;
  /** SHA-256, in hex, of the secret the send carried (authorship.ts); absent when it had none. */
  secretHash?: string;
}

/** Which responses to list: `include` spam too (the default), `exclude` it, or `only` spam. */
export type SpamFilter = 'include' | 'exclude' | 'only';

/**
 * What upsertResponse did. `conflict`: the id is stored for another change, and the send may know
 * it (it proved authorship, or the response has no secret); nothing was written. `ignored`: the
 * response is stored with a secret this send did not prove; nothing was written.
 */
export type UpsertStatus = 'created' | 'updated' | 'conflict' | 'ignored';

export interface ListOptions {
  /** Only responses to this change. */
  change?: string;
  /** Only responses to these changes (with `change`: to it, if it is one of them). */
  changes?: readonly string[];
  /** At most this many (default: all). */
  limit?: number;
  /** Default `include`. */
  spam?: SpamFilter;
  /** Rows read from the database per query (default 500). */
  pageSize?: number;
}

export interface CountOptions {
  /** Only responses to this change (default: every change). */
  change?: string;
  /** Count spam too (default false: summaries never do). */
  includeSpam?: boolean;
}

/** How many responses gave each answer; every answer is present, 0 when none. */
export type AnswerCounts = Record<Answer, number>;

/**
 * Everything stored about one response, as migrate-store copies it from one database to another:
 * what the API shows, plus what it does not (when the response was last updated, when its
 * contact details were given and stored).
 */
export interface ResponseRecord {
  id: string;
  change: string;
  answer: string;
  comment: string | null;
  answers: Record<string, string | string[]> | null;
  about: Record<string, string> | null;
  locale: string;
  page: string;
  answeredAt: string;
  widget: string;
  receivedAt: string;
  updatedAt: string;
  spam: boolean;
  pii: boolean;
  /** SHA-256 of the response's secret (authorship.ts), copied so that only its author can still change it. */
  secretHash: string | null;
  contact: { name: string | null; email: string | null; phone: string | null; consentAt: string; createdAt: string } | null;
}

/**
 * Where responses are kept, who may read them (AccessStore), the daily counts of views
 * (ImpressionStore), and the updates published about each change (UpdateStore).
 */
export interface Store extends AccessStore, ImpressionStore, UpdateStore {
  /**
   * Stores a response, or updates the stored one with the same id. Optional fields missing from
   * a later send keep their stored values (sends of one response only ever add fields, and may
   * arrive out of order), and so do flags already set. `honeypot`, `shownForMs` and `secret` are
   * ignored: pass what they mean in `flags`.
   *
   * Authorship: a response is stored with `flags.secretHash` when it has one. Once stored with a
   * hash, only a send with the same hash changes it (or learns of a `conflict`); any other is
   * `ignored`. A response stored without a hash is open to any send, as before secrets existed,
   * until a send carries one: that hash is kept from then on.
   */
  upsertResponse(response: WelcomedResponse, now?: Date, flags?: ResponseFlags): Promise<{ status: UpsertStatus }>;
  /** How many stored responses gave each answer, spam left out unless `includeSpam`. */
  countAnswers(options?: CountOptions): Promise<AnswerCounts>;
  /** Non-spam answer counts of every change that has any, by change id. */
  countAnswersByChange(): Promise<{ change: string; answers: AnswerCounts }[]>;
  /** Responses, newest first. Rejects with a RangeError for an unknown spam filter. */
  listResponses(options?: ListOptions): Promise<StoredResponse[]>;
  /**
   * Responses, newest first, read page by page: nothing stays open between pages, so writes can
   * interleave with a slow consumer.
   */
  iterateResponses(options?: ListOptions): AsyncIterable<StoredResponse>;
  getResponse(id: string): Promise<StoredResponse | undefined>;
  /**
   * Removes the response and its contact details from every query at once; false when there was
   * none. What stays on disk is each database's own: SQLite overwrites the rows and empties its
   * write-ahead log, leaving no copy in its files (journals and logs included); PostgreSQL has no
   * secure delete and keeps the bytes until VACUUM and its own write-ahead log let them go
   * (SECURITY.md, "What is not defended").
   */
  deleteResponse(id: string): Promise<boolean>;
  /**
   * Deletes contact details stored more than `days` days before `now`, with what is left on disk
   * as for deleteResponse; resolves with how many.
   */
  deleteExpiredContacts(days: number, now?: Date): Promise<number>;
  /**
   * The non-spam responses to `change` counted per cell of its summary (answers, weeks, each
   * equality question's groups), by the database, from one snapshot.
   */
  countSummary(change: string): Promise<SummaryCounts>;
  /** The newest non-spam responses to `change` with a comment, newest first. */
  recentComments(change: string, limit: number): Promise<SummaryComment[]>;

  // Moving data between databases (migrate-store).
  /** Every stored response with its contact details, oldest first, read page by page. */
  exportRecords(options?: { pageSize?: number }): AsyncIterable<ResponseRecord>;
  /**
   * Stores each record whose id is not stored yet, as it is (times and flags included), in one
   * transaction; records whose id is stored are left alone. Resolves with how many were stored.
   */
  importRecords(records: readonly ResponseRecord[]): Promise<number>;
  /** Which of `ids` are stored, and which of those have contact details. */
  findRecords(ids: readonly string[]): Promise<{ responses: string[]; contacts: string[] }>;
  /** How many responses and contact details are stored. */
  countRecords(): Promise<{ responses: number; contacts: number }>;
  close(): Promise<void>;
}
