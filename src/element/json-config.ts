import type { StringOverrides } from '../i18n/i18n.js';

/**
 * Configuration a web team can give without JavaScript, in a child
 * `<script type="application/json">` of the element: the same keys as the element's
 * properties of the same names.
 */
export interface JsonConfig {
  /** Own wording by locale then message id; see docs/guide.md, "Overriding wording". */
  strings?: StringOverrides;
  /** Extra questions, checked when the follow-up step loads (see questions.ts). */
  questions?: unknown;
}

/** What reading the JSON child found: the usable part, and what was wrong with the rest. */
export interface JsonConfigRead {
  config: JsonConfig;
  problems: string[];
}

const KNOWN_KEYS = new Set(['strings', 'questions']);

/** Reads and checks the element's JSON child, if any. Never throws: bad parts are left out and named. */
export function readJsonConfig(host: Element): JsonConfigRead {
  const script = [...host.children].find(
    (child) => child.localName === 'script' && child.getAttribute('type') === 'application/json',
  );
  if (!script) return { config: {}, problems: [] };
  let parsed: unknown;
  try {
    parsed = JSON.parse(script.textContent ?? '');
  } catch (error) {
    return { config: {}, problems: [`the JSON configuration is not valid JSON (${(error as Error).message}), so it is ignored.`] };
  }
  if (!isPlainObject(parsed)) {
    return { config: {}, problems: ['the JSON configuration must be an object, so it is ignored.'] };
  }
  const problems = Object.keys(parsed)
    .filter((key) => !KNOWN_KEYS.has(key))
    .map((key) => `the JSON configuration has an unknown key "${key.slice(0, 40)}", which is ignored.`);
  const config: JsonConfig = {};
  if ('strings' in parsed) config.strings = checkStrings(parsed.strings, problems);
  if ('questions' in parsed) config.questions = parsed.questions;
  return { config, problems };
}

/** Keeps the well-formed part of a `strings` value and names what was not. */
export function checkStrings(value: unknown, problems: string[]): StringOverrides {
  const overrides: StringOverrides = {};
  if (!isPlainObject(value)) {
    problems.push('`strings` must be an object of locales, so it is ignored.');
    return overrides;
  }
  for (const [locale, messages] of Object.entries(value)) {
    if (!isPlainObject(messages)) {
      problems.push(`\`strings.${locale.slice(0, 20)}\` must be an object of message ids to text, so it is ignored.`);
      continue;
    }
    const kept: Record<string, string> = {};
    for (const [id, text] of Object.entries(messages)) {
      if (typeof text === 'string') kept[id] = text;
      else problems.push(`\`strings.${locale.slice(0, 20)}.${id.slice(0, 40)}\` must be text, so it is ignored.`);
    }
    overrides[locale] = kept;
  }
  return overrides;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
