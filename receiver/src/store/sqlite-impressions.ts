// Impressions on SQLite: daily counts in `impressions`, added to with an upsert.
import type { Database } from 'better-sqlite3';
import type { DayCount, ImpressionCount, ImpressionStore } from './impressions.js';

/** The impression methods of the Store on the SQLite database `db`. */
export function sqliteImpressions(db: Database): ImpressionStore {
  const add = db.prepare<[string, string, string, number]>(`
    INSERT INTO impressions (change, day, locale, count) VALUES (?, ?, ?, ?)
    ON CONFLICT (change, day, locale) DO UPDATE SET count = count + excluded.count`);
  const byDay = db.prepare<[string], DayCount>(
    'SELECT day, SUM(count) AS count FROM impressions WHERE change = ? GROUP BY day ORDER BY day',
  );
  const all = db.prepare<[], ImpressionCount>('SELECT change, day, locale, count FROM impressions ORDER BY change, day, locale');
  const insert = db.prepare<[string, string, string, number]>(
    'INSERT INTO impressions (change, day, locale, count) VALUES (?, ?, ?, ?) ON CONFLICT (change, day, locale) DO NOTHING',
  );
  const importAll = db.transaction((counts: readonly ImpressionCount[]) =>
    counts.reduce((stored, { change, day, locale, count }) => stored + insert.run(change, day, locale, count).changes, 0),
  );
  const addAll = db.transaction((counts: readonly ImpressionCount[]) => {
    for (const { change, day, locale, count } of counts) add.run(change, day, locale, count);
  });
  return {
    async addImpressions(counts) {
      addAll.immediate(counts);
    },
    async countImpressions(change) {
      return byDay.all(change);
    },
    async exportImpressions() {
      return all.all();
    },
    async importImpressions(counts) {
      return importAll.immediate(counts);
    },
  };
}
