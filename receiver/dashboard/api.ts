// What the receiver's admin API returns (receiver/summary.js), and how the dashboard asks for it.

export type Answer = 'yes' | 'partly' | 'no' | 'unsure';
export const ANSWERS: readonly Answer[] = ['yes', 'partly', 'no', 'unsure'];
export type GroupField = 'ageBand' | 'disabled' | 'disabilityImpact' | 'ethnicGroup';
export const GROUP_FIELDS: readonly GroupField[] = ['ageBand', 'disabled', 'disabilityImpact', 'ethnicGroup'];

/** A share and its 95% Wilson score interval, each from 0 to 1. */
export interface Interval {
  share: number;
  low: number;
  high: number;
}

/** A figure about fewer than 10 responses, or hidden so that one cannot be worked out. */
export interface Suppressed {
  suppressed: true;
}

export type Cell = { responses: number; welcomed: Interval } | Suppressed;
export type WeekCell = { week: string; start: string } & Cell;
export type GroupCell = { group: string } & Cell;
export type ChangeItem = { change: string } & Cell;

export interface Overview {
  minimumCell: number;
  changes: ChangeItem[];
}

export interface ChangeSummary {
  change: string;
  minimumCell: number;
  responses: number;
  answers: Record<Answer, number>;
  welcomed: Interval;
  partly: Interval;
  weeks: WeekCell[];
  groups: Record<GroupField, GroupCell[]>;
  comments: { date: string; answer: Answer; comment: string }[];
}

export interface SuppressedChange extends Suppressed {
  change: string;
  minimumCell: number;
}

export function isSuppressed(cell: object): cell is Suppressed {
  return (cell as Partial<Suppressed>).suppressed === true;
}

/** What an admin token may contain (RFC 6750 b64token), as the receiver checks it. */
export const TOKEN_PATTERN = /^[A-Za-z0-9\-._~+/]+=*$/;

export class ApiError extends Error {
  constructor(
    readonly kind: 'unauthorized' | 'network' | 'server',
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/**
 * GETs an admin path with the token as a bearer token. No cookies are sent or kept.
 * Throws an ApiError whose message can be shown as it is.
 */
export async function request(path: string, token: string): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(path, {
      headers: { Authorization: `Bearer ${token}` },
      credentials: 'omit',
      cache: 'no-store',
      referrerPolicy: 'no-referrer',
    });
  } catch {
    throw new ApiError(
      'network',
      'The receiver could not be reached. Check your connection and that the receiver is running, then try again.',
    );
  }
  if (response.status === 401) {
    throw new ApiError('unauthorized', 'The admin token was not accepted. Check it and enter it again.');
  }
  if (!response.ok) {
    let detail = '';
    try {
      const body = (await response.json()) as { message?: unknown };
      if (typeof body.message === 'string') detail = ` ${body.message}`;
    } catch {
      // not JSON: the status says enough
    }
    throw new ApiError('server', `The receiver could not give the results (error ${response.status}).${detail}`);
  }
  return response;
}

export async function getJson<T>(path: string, token: string): Promise<T> {
  const response = await request(path, token);
  try {
    return (await response.json()) as T;
  } catch {
    throw new ApiError('network', 'The results were cut off on the way. Try again.');
  }
}
