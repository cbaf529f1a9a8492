// The JSON Schemas of the /api/responses routes' query strings and parameters, with the message
// each query parameter's 400 gives.
import type { SpamFilter } from '../store/store.js';
import { CHANGE_MESSAGE, changeParameter } from './query.js';

/** Default and largest `limit` of `GET /api/responses` (JSON). */
export const DEFAULT_LIST_LIMIT = 1000;
export const MAX_LIST_LIMIT = 10000;

// Every spam filter and no other: the Record type has the compiler check both ways.
const SPAM_FILTERS: Record<SpamFilter, true> = { include: true, exclude: true, only: true };

/** `GET /api/responses?format=&change=&limit=&spam=`, as validated (defaults filled in). */
export interface ListQuery {
  format: 'json' | 'csv';
  change?: string;
  limit?: number;
  spam: SpamFilter;
}

export const listQuery = {
  type: 'object',
  properties: {
    format: { enum: ['json', 'csv'], default: 'json' },
    change: changeParameter,
    limit: { type: 'integer', minimum: 1, maximum: MAX_LIST_LIMIT },
    spam: { enum: Object.keys(SPAM_FILTERS), default: 'include' },
  },
} as const;

export const listQueryMessages = {
  format: 'format must be json or csv.',
  change: CHANGE_MESSAGE,
  limit: `limit must be a whole number from 1 to ${MAX_LIST_LIMIT}.`,
  spam: 'spam must be include, exclude or only.',
};

/** `DELETE /api/responses/:id`. */
export interface IdParams {
  id: string;
}
