// Impressions on PostgreSQL: daily counts in `impressions`, added to with one upsert per batch.
import type pg from 'pg';
import type { ImpressionStore } from './impressions.js';

/** The impression methods of the Store on the PostgreSQL pool `pool`. */
export function pgImpressions(pool: pg.Pool): ImpressionStore {
  return {
    async addImpressions(counts) {
      if (counts.length === 0) return;
      await pool.query(
        `INSERT INTO impressions (change, day, locale, count)
         SELECT change, day::date, locale, sum(count)
         FROM unnest($1::text[], $2::text[], $3::text[], $4::bigint[]) AS v(change, day, locale, count)
         GROUP BY change, day, locale
         ON CONFLICT (change, day, locale) DO UPDATE SET count = impressions.count + excluded.count`,
        [counts.map((c) => c.change), counts.map((c) => c.day), counts.map((c) => c.locale), counts.map((c) => c.count)],
      );
    },
    async exportImpressions() {
      const { rows } = await pool.query<{ change: string; day: string; locale: string; count: string }>(
        `SELECT change, to_char(day, 'YYYY-MM-DD') AS day, locale, count FROM impressions ORDER BY change, day, locale`,
      );
      return rows.map((row) => ({ ...row, count: Number(row.count) }));
    },
    async importImpressions(counts) {
      if (counts.length === 0) return 0;
      const { rowCount } = await pool.query(
        `INSERT INTO impressions (change, day, locale, count)
         SELECT * FROM unnest($1::text[], $2::date[], $3::text[], $4::bigint[])
         ON CONFLICT (change, day, locale) DO NOTHING`,
        [counts.map((c) => c.change), counts.map((c) => c.day), counts.map((c) => c.locale), counts.map((c) => c.count)],
      );
      return rowCount ?? 0;
    },
    async countImpressions(change) {
      const { rows } = await pool.query<{ day: string; count: string }>(
        `SELECT to_char(day, 'YYYY-MM-DD') AS day, sum(count) AS count FROM impressions
         WHERE change = $1 GROUP BY day ORDER BY day`,
        [change],
      );
      return rows.map((row) => ({ day: row.day, count: Number(row.count) }));
    },
  };
}
