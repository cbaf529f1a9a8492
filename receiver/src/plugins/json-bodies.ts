// Request bodies: JSON, sent as application/json or as text/plain (the widget's "simple"
// transport, which needs no CORS preflight), both parsed as JSON, strictly. Registered inside
// the API's own context, so nothing else the app serves changes how it parses bodies.
import { BODY_MAX_BYTES } from 'welcomed/contract';
import fp from 'fastify-plugin';
import { HttpError, emptyBody, escapePointer } from '../http-errors.js';

/** Keys refused anywhere in a payload: they poison prototypes in careless consumers. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
/**
 * Characters JSON can carry (as `\uD800` or `\u0000` escapes) but the databases cannot store:
 * an unpaired UTF-16 surrogate (UTF-8, and so SQLite, would give it back as other characters) and
 * NUL (PostgreSQL's text refuses it). Both stores get U+FFFD instead, so they store the same.
 */
// eslint-disable-next-line no-control-regex -- NUL is what this looks for
const UNSTORABLE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]|\u0000/g;
/** Only a body with one of these escapes can hold such a character: the rest skip the replacing. */
const UNSTORABLE_ESCAPE = /\\u(?:[dD][89abcdefABCDEF]|0000)/;

/** Replaces the JSON and text parsers of the context it is registered in with parsePayload. */
export const jsonBodies = fp(
  async (api) => {
    api.removeContentTypeParser(['application/json', 'text/plain']);
    api.addContentTypeParser(
      ['application/json', 'text/plain'],
      { parseAs: 'string', bodyLimit: BODY_MAX_BYTES },
      async (_request: unknown, body: string | Buffer) => parsePayload(String(body)),
    );
  },
  { name: 'welcomed-json-bodies' },
);

/**
 * Parses a body as JSON: 400 for an empty or malformed body, 422 for a forbidden key. Unpaired
 * surrogates and NUL characters in its strings become U+FFFD.
 */
export function parsePayload(text: string): unknown {
  const json = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (json.trim() === '') throw emptyBody();
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    throw new HttpError(400, 'malformed-json', 'The request body is not valid JSON.');
  }
  const forbidden = inspectKeysAndText(value, UNSTORABLE_ESCAPE.test(json));
  if (forbidden) {
    throw new HttpError(
      422,
      'forbidden-key',
      `The response contains the key "${forbidden.key}", which is not allowed anywhere in a response.`,
      [{ path: forbidden.path, message: 'is a forbidden key' }],
    );
  }
  return value;
}

/**
 * Finds a `__proto__`, `constructor` or `prototype` key at any depth (iteratively: no stack
 * overflow on deep nesting). With `wellFormText`, also replaces each unpaired surrogate and NUL
 * in the string values with U+FFFD, in place, as the databases would otherwise mangle or refuse.
 */
function inspectKeysAndText(root: unknown, wellFormText: boolean): { key: string; path: string } | undefined {
  const pending: [unknown, string][] = [[root, '']];
  while (pending.length > 0) {
    const [value, path] = pending.pop()!;
    if (value === null || typeof value !== 'object') continue;
    const object = value as Record<string, unknown>;
    for (const key of Object.keys(object)) {
      const childPath = `${path}/${escapePointer(key)}`;
      if (FORBIDDEN_KEYS.has(key)) return { key, path: childPath };
      const child = object[key];
      if (typeof child === 'string') {
        if (wellFormText) object[key] = child.replace(UNSTORABLE, '\uFFFD');
      } else {
        pending.push([child, childPath]);
      }
    }
  }
  return undefined;
}
