// When a response counts as given, and the ISO weeks the summary groups responses by (UTC).

/** Milliseconds in a day. */
export const DAY_MS = 24 * 60 * 60 * 1000;
/** Milliseconds in a week. */
export const WEEK_MS = 7 * DAY_MS;
/** A response's week is that of `answeredAt` unless the device clock was clearly wrong. */
const TRUST_AHEAD_MS = DAY_MS;
const TRUST_BEHIND_MS = 180 * DAY_MS;

/**
 * Milliseconds since the epoch for an RFC 3339 date-time as the schema accepts it (`T`, `t`
 * or a space; `Z`, `z`, `±hh`, `±hhmm` or `±hh:mm`; a leap second counts as :59), else NaN.
 */
export function parseTimestamp(text: string): number {
  const match = /^(\d{4})-(\d\d)-(\d\d)[Tt\s](\d\d):(\d\d):(\d\d)(?:\.(\d+))?(?:[Zz]|([+-])(\d\d)(?::?(\d\d))?)$/.exec(
    String(text),
  );
  if (!match) return Number.NaN;
  const [, year, month, day, hour, minute, second, fraction = '', sign, offsetHours, offsetMinutes = '0'] = match;
  const utc = Date.UTC(
    Number(year),
    Number(month) - 1,
    Number(day),
    Number(hour),
    Number(minute),
    Math.min(59, Number(second)),
    Number(fraction.slice(0, 3).padEnd(3, '0')),
  );
  const offset = sign === undefined ? 0 : (sign === '-' ? -1 : 1) * (Number(offsetHours) * 60 + Number(offsetMinutes)) * 60_000;
  return utc - offset;
}

/**
 * When a response counts as given, in ms since the epoch: `answeredAt` (the device's clock,
 * right even when the answer waited offline), unless it is more than a day after the receiver
 * got it or more than 180 days before — a device clock that is plainly wrong — then
 * `receivedAt` (the receiver's clock).
 */
export function effectiveTime(answeredAt: string, receivedAt: string): number {
  const answered = parseTimestamp(answeredAt);
  const received = parseTimestamp(receivedAt);
  if (Number.isNaN(received)) return answered;
  if (Number.isNaN(answered) || answered > received + TRUST_AHEAD_MS || answered < received - TRUST_BEHIND_MS) {
    return received;
  }
  return answered;
}

/**
 * The ISO 8601 week (weeks start on Monday; week 1 holds the year's first Thursday) of an
 * instant, in UTC: e.g. `{ week: '2026-W48', start: '2026-11-23' }`.
 */
export function isoWeek(time: number): { week: string; start: string } {
  const monday = mondayOf(time);
  const thursday = new Date(monday + 3 * DAY_MS);
  const year = thursday.getUTCFullYear();
  const week = Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / WEEK_MS) + 1;
  return { week: `${year}-W${String(week).padStart(2, '0')}`, start: isoDate(monday) };
}

/** Midnight UTC of the Monday starting the week of `time`. */
export function mondayOf(time: number): number {
  const day = Math.floor(time / DAY_MS) * DAY_MS;
  const weekday = (new Date(day).getUTCDay() + 6) % 7; // Monday 0 … Sunday 6
  return day - weekday * DAY_MS;
}

/** The UTC day of `time`, as `YYYY-MM-DD`. */
export function isoDate(time: number): string {
  return new Date(time).toISOString().slice(0, 10);
}
