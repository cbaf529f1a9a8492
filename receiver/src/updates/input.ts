// What a service owner may publish as a change's update, checked: the JSON Schema Fastify runs on
// the body (a body that does not fit it is a 400), then what a schema cannot say (a 422): locales
// from the message catalogue, English always, Welsh when the change is asked in Welsh, a reason
// with "no change" and only with it, a real date, no control or bidirectional-override characters.
import { locales, sourceLocale } from 'welcomed/messages';
import { HttpError, type ErrorDetail } from '../http-errors.js';
import { UPDATE_STATUSES, type NewUpdateVersion, type UpdateText } from '../store/updates.js';

/** Longest "You said", "We did" or reason, in characters (code points). */
export const UPDATE_TEXT_MAX_LENGTH = 1000;
/** Longest "published by" label. */
export const PUBLISHED_BY_MAX_LENGTH = 100;

const text = { type: 'string', minLength: 1, maxLength: UPDATE_TEXT_MAX_LENGTH * 2 } as const;

/** The body of POST /api/changes/<change>/updates. */
export const updateBodySchema = {
  type: 'object',
  required: ['status', 'date', 'texts', 'publishedBy'],
  additionalProperties: false,
  // Fastify's Ajv drops unknown properties rather than refusing them: name the known ones, so an
  // unknown one (a contact detail, a typo) is a 400, not silently lost.
  propertyNames: { enum: ['status', 'date', 'texts', 'showFigures', 'publishedBy'] },
  properties: {
    status: { type: 'string', enum: [...UPDATE_STATUSES] },
    date: { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' },
    texts: {
      type: 'object',
      minProperties: 1,
      maxProperties: 20,
      propertyNames: { pattern: '^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$' },
      additionalProperties: {
        type: 'object',
        required: ['youSaid', 'weDid'],
        additionalProperties: false,
        propertyNames: { enum: ['youSaid', 'weDid', 'reason'] },
        properties: { youSaid: text, weDid: text, reason: text },
      },
    },
    showFigures: { type: 'boolean', default: false },
    publishedBy: { type: 'string', minLength: 1, maxLength: PUBLISHED_BY_MAX_LENGTH * 2 },
  },
} as const;

/** The body as the schema lets it through. */
export interface UpdateBody {
  status: NewUpdateVersion['status'] & string;
  date: string;
  texts: Record<string, UpdateText>;
  showFigures: boolean;
  publishedBy: string;
}

// C0 and C1 controls except tab and line breaks, and the bidirectional overrides and isolates.
// eslint-disable-next-line no-control-regex -- control characters are what this looks for
const FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/u;

/**
 * The update to store, or a 422 naming every problem. `welshRequired`: the change is asked in
 * Welsh (updates-routes.ts says how that is known), so the update must be written in Welsh too.
 */
export function checkUpdate(body: UpdateBody, welshRequired: boolean): NewUpdateVersion {
  const problems: ErrorDetail[] = [];
  const checkText = (path: string, value: string | undefined, max: number) => {
    if (value === undefined) return;
    if (value.trim() === '') problems.push({ path, message: 'must not be blank' });
    else if ([...value].length > max) problems.push({ path, message: `must be at most ${max} characters` });
    else if (FORBIDDEN.test(value)) problems.push({ path, message: 'must not hold control or bidirectional-override characters' });
  };
  const day = new Date(`${body.date}T00:00:00Z`);
  if (Number.isNaN(day.getTime()) || day.toISOString().slice(0, 10) !== body.date) {
    problems.push({ path: '/date', message: 'must be a real date, YYYY-MM-DD' });
  }
  for (const [locale, words] of Object.entries(body.texts)) {
    const at = `/texts/${locale}`;
    if (!locales.includes(locale)) problems.push({ path: at, message: `must be one of the locales the widget speaks: ${locales.join(', ')}` });
    checkText(`${at}/youSaid`, words.youSaid, UPDATE_TEXT_MAX_LENGTH);
    checkText(`${at}/weDid`, words.weDid, UPDATE_TEXT_MAX_LENGTH);
    checkText(`${at}/reason`, words.reason, UPDATE_TEXT_MAX_LENGTH);
    if (body.status === 'no-change' && words.reason === undefined) problems.push({ path: `${at}/reason`, message: 'is required with status no-change' });
    if (body.status !== 'no-change' && words.reason !== undefined) problems.push({ path: `${at}/reason`, message: 'is only for status no-change' });
  }
  if (!Object.hasOwn(body.texts, sourceLocale)) problems.push({ path: `/texts/${sourceLocale}`, message: 'is required: every update is written in English' });
  if (welshRequired && !Object.hasOwn(body.texts, 'cy')) {
    problems.push({ path: '/texts/cy', message: 'is required: this change is asked about in Welsh, so its update must be in Welsh too' });
  }
  checkText('/publishedBy', body.publishedBy, PUBLISHED_BY_MAX_LENGTH);
  if (problems.length > 0) throw new HttpError(422, 'invalid-update', 'The update cannot be published: see details.', problems);
  return {
    kind: 'published',
    status: body.status,
    date: body.date,
    texts: body.texts,
    showFigures: body.showFigures,
    publishedBy: body.publishedBy.trim(),
  };
}
