// How a PostgreSQL timestamptz comes back: as text in the same ISO 8601 UTC form as JavaScript's
// toISOString(), which SQLite stores, so both stores return the same strings.

/** SQL for `column` (a timestamptz) as `YYYY-MM-DDTHH:MM:SS.mmmZ`. */
export const iso = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
