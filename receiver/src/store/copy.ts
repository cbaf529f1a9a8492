// Copying every response and its contact details, and the daily view counts, from one store to
// another (migrate-store), in batches, each checked as it lands: every id read from the source
// must then be in the target. Re-running it copies only what is missing, and leaves what the target already holds alone.
// Text is copied as it is, but for NUL characters (an older SQLite file may hold some, and
// PostgreSQL refuses them), which become U+FFFD as they do in new responses.
import type { ResponseRecord, Store } from './store.js';

/** What a copy did, and what the check found. */
export interface CopyReport {
  /** Responses read from the source. */
  read: number;
  /** Of those, stored into the target now. */
  copied: number;
  /** Of those, already in the target (left as they were there). */
  alreadyThere: number;
  /** Source responses with contact details. */
  contacts: number;
  /** Source ids not found in the target afterwards (at most 20 listed). */
  missing: string[];
  /** Source ids whose contact details are not in the target (at most 20 listed). */
  missingContacts: string[];
  /** Responses with NUL characters, which PostgreSQL cannot store: copied with U+FFFD instead. */
  replacedNul: number;
  /** Daily view counts read from the source, and of those stored into the target now (issue 17). */
  impressions: { read: number; copied: number };
  /** Versions of "You said, we did" replies read from the source, and of those, stored into the target now. */
  updateVersions: { read: number; copied: number };
  /** Counts in each database at the end. */
  source: { responses: number; contacts: number };
  target: { responses: number; contacts: number };
}

/** Copies `from` into `to`; `progress` hears after each batch. */
export async function copyStore(
  from: Store,
  to: Store,
  options: { batchSize?: number; progress?: (report: CopyReport) => void } = {},
): Promise<CopyReport> {
  const { batchSize = 1000, progress } = options;
  const report: CopyReport = {
    read: 0,
    copied: 0,
    alreadyThere: 0,
    contacts: 0,
    missing: [],
    missingContacts: [],
    replacedNul: 0,
    impressions: { read: 0, copied: 0 },
    updateVersions: { read: 0, copied: 0 },
    source: { responses: 0, contacts: 0 },
    target: { responses: 0, contacts: 0 },
  };
  let missing = 0;
  let missingContacts = 0;
  const copy = async (batch: ResponseRecord[]) => {
    const copied = await to.importRecords(batch);
    const found = await to.findRecords(batch.map((record) => record.id));
    const responses = new Set(found.responses);
    const contacts = new Set(found.contacts);
    for (const record of batch) {
      if (!responses.has(record.id)) {
        missing += 1;
        if (report.missing.length < 20) report.missing.push(record.id);
      } else if (record.contact && !contacts.has(record.id)) {
        missingContacts += 1;
        if (report.missingContacts.length < 20) report.missingContacts.push(record.id);
      }
    }
    report.read += batch.length;
    report.copied += copied;
    report.alreadyThere += batch.length - copied;
    report.contacts += batch.filter((record) => record.contact).length;
    progress?.(report);
  };

  let batch: ResponseRecord[] = [];
  for await (const record of from.exportRecords({ pageSize: batchSize })) {
    const storable = withoutNul(record);
    if (storable !== record) report.replacedNul += 1;
    batch.push(storable);
    if (batch.length >= batchSize) {
      await copy(batch);
      batch = [];
    }
  }
  if (batch.length > 0) await copy(batch);
  // Daily counts, a few per change and day: one batch, each (change, day, locale) copied once.
  const views = await from.exportImpressions();
  report.impressions = { read: views.length, copied: await to.importImpressions(views) };
  // The replies, change by change (a few versions each), as they are.
  for (const { change } of await from.latestUpdateVersions()) {
    const versions = await from.listUpdateVersions(change);
    report.updateVersions.read += versions.length;
    report.updateVersions.copied += await to.importUpdateVersions(versions);
  }
  report.source = await from.countRecords();
  report.target = await to.countRecords();
  if (report.missing.length < missing) report.missing.push(`… ${missing - report.missing.length} more`);
  if (report.missingContacts.length < missingContacts) {
    report.missingContacts.push(`… ${missingContacts - report.missingContacts.length} more`);
  }
  return report;
}

/**
 * The record with each NUL character in its text replaced by U+FFFD, as the receiver has stored
 * text since PostgreSQL joined SQLite (plugins/json-bodies.ts); the record itself when it has none.
 */
function withoutNul(record: ResponseRecord): ResponseRecord {
  let replaced = false;
  const clean = (value: unknown): unknown => {
    if (typeof value === 'string') {
      if (!value.includes('\u0000')) return value;
      replaced = true;
      return value.replaceAll('\u0000', '\uFFFD');
    }
    if (Array.isArray(value)) return value.map(clean);
    if (value !== null && typeof value === 'object') {
      return Object.fromEntries(Object.entries(value).map(([key, field]) => [key, clean(field)]));
    }
    return value;
  };
  const cleaned = clean(record) as ResponseRecord;
  return replaced ? cleaned : record;
}
