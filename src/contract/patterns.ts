// What each identifier and text field of a response must look like. The widget checks its
// configuration and the panel step's fields with these; the schema is built from them.

/** A response id: a lower-case UUID v4. */
export const ID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** A `change` identifier: 1–100 of `A-Za-z0-9._:-`. */
export const CHANGE_PATTERN = /^[A-Za-z0-9._:-]{1,100}$/;

/** An extra question's id (a key of `answers`): 1–50 of `A-Za-z0-9._-`. */
export const QUESTION_ID_PATTERN = /^[A-Za-z0-9._-]{1,50}$/;

/** A locale: a language tag such as `en`, `cy` or `pa-Arab`. */
export const LOCALE_PATTERN = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;

/** A page address: http(s), with no query string or fragment. */
export const PAGE_PATTERN = /^https?:\/\/[^?#\s]+$/;

/** A widget version: semantic versioning. */
export const VERSION_PATTERN = /^[0-9]+\.[0-9]+\.[0-9]+([-+][0-9A-Za-z.-]+)?$/;

/**
 * A response's secret: 22 to 128 of `A-Za-z0-9_-` (the widget sends a UUID v4; 22 base64url
 * characters hold 128 bits).
 */
export const SECRET_PATTERN = /^[A-Za-z0-9_-]{22,128}$/;
