// The JSON Schema of GET /api/summary's query string, with the message of its 400.
import { CHANGE_MESSAGE, changeParameter } from './query.js';

/** `GET /api/summary?change=`: one change, or every change when absent. */
export interface SummaryQuery {
  change?: string;
}

export const summaryQuery = {
  type: 'object',
  properties: { change: changeParameter },
} as const;

export const summaryQueryMessages = { change: CHANGE_MESSAGE };
