// How the dashboard asks the receiver's admin API for results. What the API returns is typed by
// the receiver itself (src/summary/types.ts), and the answers, groups and token rule come from
// the same modules the receiver uses.
import type { Suppressed } from '../src/summary/types.js';

export { ABOUT_FIELDS, ANSWERS, type AboutField, type Answer } from 'welcomed/contract';
export { TOKEN_PATTERN } from '../src/admin-token.js';
export type {
  ChangeItem,
  ChangeSummary,
  GroupCell,
  Interval,
  Overview,
  SuppressedChange,
  WeekCell,
} from '../src/summary/types.js';

/** True for a cell, change or summary that carries no figures. */
export function isSuppressed(cell: object): cell is Suppressed {
  return (cell as Partial<Suppressed>).suppressed === true;
}

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
    throw new ApiError('unauthorized', 'The access token was not accepted. Check it and enter it again.');
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
