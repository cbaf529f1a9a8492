// What the no-JavaScript form asks about a change: its description, its question and its
// choices. Either from the registry of changes (WELCOMED_CHANGES, a JSON file the receiver's
// operator writes), or, when there is no registry, from the query string of the link the web team
// puts inside <welcomed-prompt> — the same values as the element's attributes, checked as
// strictly (the contract's CHANGE_PATTERN and ANSWERS), with every text bounded.
import { ANSWERS, CHANGE_PATTERN, LOCALE_PATTERN, type Answer } from 'welcomed/contract';

/** Longest description, in characters (code points). */
export const DESCRIPTION_MAX_LENGTH = 300;
/** Longest question, in characters (code points). */
export const QUESTION_MAX_LENGTH = 200;
/** Most changes a registry may hold. */
export const REGISTRY_MAX_CHANGES = 10_000;
/** The answers offered when none are configured, as the element's `choices` default. */
export const DEFAULT_CHOICES: readonly Answer[] = ['yes', 'no'];

/** Text in one language, or by locale (`{ "en": "…", "cy": "…" }`). */
export type LocalizedText = string | Readonly<Record<string, string>>;

/** One change of the registry, as its JSON file gives it. */
export interface ChangeDefinition {
  /** One sentence saying what changed. */
  description?: LocalizedText;
  /** Replaces the default question. */
  question?: LocalizedText;
  /** Space-separated answers from `yes partly no unsure` (default `yes no`). */
  choices?: string;
}

/** The registry: the only changes the form asks about, by change id. */
export type ChangeRegistry = ReadonlyMap<string, ChangeDefinition>;

/** A text as the form shows it, and the locale it is written in when that is known. */
export interface ShownText {
  text: string;
  /** Set when the text is in another locale than the page (a registry without this locale). */
  lang?: string;
}

/** What the form asks about one change, checked. */
export interface ChangeConfig {
  change: string;
  description?: ShownText;
  /** The web team's question; absent, the form asks the default one (message `question`). */
  question?: ShownText;
  choices: Answer[];
  /** The query parameters that carry this configuration, for the form's own address. */
  query: [string, string][];
}

/** Why a change cannot be asked about: `unknown` (404) or a wrong link (400), with the reason. */
export type ConfigProblem = { status: 400 | 404; reason: string };

/** The query parameters the form reads; any other is ignored, as the element ignores other attributes. */
export const FORM_PARAMETERS = ['lang', 'description', 'question', 'choices', 'return'] as const;

/** C0 and C1 controls, and the bidirectional overrides and isolates that could reorder text on the page. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const FORBIDDEN_CHARACTERS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

/** A check's verdict: the value, or what is wrong with it, worded to follow its name. */
type Checked<T> = { ok: true; value: T } | { ok: false; reason: string };

/**
 * Checks a text for the form: one line once white space is collapsed (line breaks and tabs
 * become spaces), 1 to `max` characters, no control or bidirectional-override characters.
 */
export function checkText(value: string, max: number): Checked<string> {
  const text = value.replace(/[\t\n\r]+/g, ' ').replace(/ {2,}/g, ' ').trim();
  if (FORBIDDEN_CHARACTERS.test(text)) return { ok: false, reason: 'holds control characters.' };
  const length = [...text].length;
  if (length === 0) return { ok: false, reason: 'is empty.' };
  if (length > max) return { ok: false, reason: `is longer than ${max} characters.` };
  return { ok: true, value: text };
}

/** Checks `choices` as the element does: words from ANSWERS, at least one, repeats dropped. */
export function checkChoices(value: string): Checked<Answer[]> {
  const choices: Answer[] = [];
  for (const word of value.trim().split(/\s+/).filter(Boolean)) {
    if (!(ANSWERS as readonly string[]).includes(word)) {
      return { ok: false, reason: `has "${word.slice(0, 20)}", which is not one of ${ANSWERS.join(', ')}.` };
    }
    if (!choices.includes(word as Answer)) choices.push(word as Answer);
  }
  if (choices.length === 0) return { ok: false, reason: `is empty: give at least one of ${ANSWERS.join(', ')}.` };
  return { ok: true, value: choices };
}

/**
 * The configuration of `change` from the link's query string (no registry): `description`,
 * `question` and `choices`, each at most once. Other parameters are ignored.
 */
export function configFromQuery(change: string, query: URLSearchParams): { ok: true; config: ChangeConfig } | { ok: false; problem: ConfigProblem } {
  const wrong = (reason: string) => ({ ok: false as const, problem: { status: 400 as const, reason } });
  if (!CHANGE_PATTERN.test(change)) return { ok: false, problem: { status: 404, reason: 'the change id is not valid.' } };
  for (const name of FORM_PARAMETERS) {
    if (query.getAll(name).length > 1) return wrong(`${name} is given more than once.`);
  }
  const config: ChangeConfig = { change, choices: [...DEFAULT_CHOICES], query: [] };
  const description = query.get('description');
  if (description !== null) {
    const checked = checkText(description, DESCRIPTION_MAX_LENGTH);
    if (!checked.ok) return wrong(`description ${checked.reason}`);
    config.description = { text: checked.value };
    config.query.push(['description', checked.value]);
  }
  const question = query.get('question');
  if (question !== null) {
    const checked = checkText(question, QUESTION_MAX_LENGTH);
    if (!checked.ok) return wrong(`question ${checked.reason}`);
    config.question = { text: checked.value };
    config.query.push(['question', checked.value]);
  }
  const choices = query.get('choices');
  if (choices !== null) {
    const checked = checkChoices(choices);
    if (!checked.ok) return wrong(`choices ${checked.reason}`);
    config.choices = checked.value;
    config.query.push(['choices', checked.value.join(' ')]);
  }
  return { ok: true, config };
}

/**
 * The configuration of `change` from the registry, its texts in `locale` where the registry has
 * them (else its language, else English, else the first given). A change the registry lacks is
 * unknown (404); the link's own texts are never used.
 */
export function configFromRegistry(
  registry: ChangeRegistry,
  change: string,
  locale: string,
): { ok: true; config: ChangeConfig } | { ok: false; problem: ConfigProblem } {
  const definition = CHANGE_PATTERN.test(change) ? registry.get(change) : undefined;
  if (!definition) return { ok: false, problem: { status: 404, reason: `${change.slice(0, 100)} is not in the registry.` } };
  const config: ChangeConfig = {
    change,
    // Checked when the registry was read.
    choices: definition.choices === undefined ? [...DEFAULT_CHOICES] : (checkChoices(definition.choices) as { value: Answer[] }).value,
    query: [],
  };
  if (definition.description !== undefined) config.description = pickText(definition.description, locale);
  if (definition.question !== undefined) config.question = pickText(definition.question, locale);
  return { ok: true, config };
}

/** A registry text in `locale`, else its language, else English, else the first given. */
function pickText(text: LocalizedText, locale: string): ShownText {
  if (typeof text === 'string') return { text };
  const language = locale.split('-')[0]!;
  const found = [locale, language, 'en'].find((tag) => Object.hasOwn(text, tag)) ?? Object.keys(text)[0]!;
  return found === locale || found === language ? { text: text[found]! } : { text: text[found]!, lang: found };
}

/**
 * Reads a registry from its JSON (`{ "<change>": { "description"?, "question"?, "choices"? } }`),
 * checking every change as the query string is checked. Throws an Error naming `name` and the
 * first thing that is wrong.
 */
export function parseRegistry(json: unknown, name = 'changes'): ChangeRegistry {
  const fail = (where: string, what: string): never => {
    throw new Error(`${name}: ${where} ${what}`);
  };
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    return fail('the registry', 'must be a JSON object of changes by id, e.g. { "garden-waste-online-2026": { "description": "…" } }.');
  }
  const entries = Object.entries(json);
  if (entries.length > REGISTRY_MAX_CHANGES) fail('the registry', `holds more than ${REGISTRY_MAX_CHANGES} changes.`);
  const registry = new Map<string, ChangeDefinition>();
  for (const [change, value] of entries) {
    if (!CHANGE_PATTERN.test(change)) fail(`"${change.slice(0, 100)}"`, 'is not a change id: use 1 to 100 of A-Z a-z 0-9 . _ : -');
    if (typeof value !== 'object' || value === null || Array.isArray(value)) fail(change, 'must be an object with description, question and/or choices.');
    const definition: ChangeDefinition = {};
    for (const [key, field] of Object.entries(value as Record<string, unknown>)) {
      if (key === 'choices') {
        if (typeof field !== 'string') fail(`${change}.choices`, 'must be a string such as "yes partly no unsure".');
        const checked = checkChoices(field as string);
        if (!checked.ok) fail(`${change}.choices`, checked.reason);
        definition.choices = field as string;
      } else if (key === 'description' || key === 'question') {
        definition[key] = parseLocalizedText(field, `${change}.${key}`, key === 'description' ? DESCRIPTION_MAX_LENGTH : QUESTION_MAX_LENGTH, fail);
      } else {
        fail(`${change}.${key.slice(0, 50)}`, 'is not known: a change has description, question and choices.');
      }
    }
    registry.set(change, definition);
  }
  return registry;
}

function parseLocalizedText(field: unknown, where: string, max: number, fail: (where: string, what: string) => never): LocalizedText {
  const one = (value: unknown, at: string): string => {
    if (typeof value !== 'string') fail(at, 'must be text.');
    const checked = checkText(value as string, max);
    return checked.ok ? checked.value : fail(at, checked.reason);
  };
  if (typeof field === 'string') return one(field, where);
  if (typeof field !== 'object' || field === null || Array.isArray(field) || Object.keys(field).length === 0) {
    return fail(where, 'must be text, or text by locale such as { "en": "…", "cy": "…" }.');
  }
  const byLocale: Record<string, string> = {};
  for (const [locale, value] of Object.entries(field)) {
    if (!LOCALE_PATTERN.test(locale)) fail(`${where}.${locale.slice(0, 20)}`, 'is not a locale such as en or cy.');
    byLocale[locale] = one(value, `${where}.${locale}`);
  }
  return byLocale;
}
