import { CHANGE_PATTERN } from '../contract/patterns.js';
import { ANSWERS, FOLLOW_UPS, type Answer, type FollowUp } from '../contract/response.js';
import type { Transport } from '../delivery/send.js';

export type { Transport };

/** Attribute values as the element holds them, before checking. */
export interface PromptAttributes {
  endpoint: string;
  change: string;
  choices: string;
  followUp: string;
  privacyUrl: string;
  remember: number;
  transport: string;
  /** A number, or the attribute's text. */
  headingLevel: number | string;
}

/** Configuration that passed every check. */
export interface PromptConfig {
  /** Absolute endpoint URL. */
  endpoint: string;
  change: string;
  choices: Answer[];
  /** Follow-up steps that will actually be shown, in order. */
  followUps: FollowUp[];
  privacyUrl: string | null;
  /** Days not to ask again after an answer; 0 = always ask. */
  rememberDays: number;
  transport: Transport;
  /** Level of the prompt's headings, 2–6. */
  headingLevel: number;
}

/** What checking the attributes found: a configuration, or the one problem that stops it. */
export type ConfigCheck =
  | { ok: true; config: PromptConfig; warnings: string[] }
  | { ok: false; error: string };

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/** Longest `remember` accepted, in days (ten years). */
export const REMEMBER_MAX_DAYS = 3650;

/** Prefix of every console message, so a web team can find them. */
export const LOG_PREFIX = '<welcomed-prompt>';

/**
 * Checks the element's attributes. Pure: `baseUrl` is the page's base URL,
 * against which a relative `endpoint` or `privacy-url` is resolved.
 */
export function checkConfig(attributes: PromptAttributes, baseUrl: string): ConfigCheck {
  const warnings: string[] = [];
  const endpoint = checkEndpoint(attributes.endpoint, baseUrl);
  if (!endpoint.ok) return endpoint;

  const change = attributes.change.trim();
  if (!change) {
    return fail('the `change` attribute is required.');
  }
  if (!CHANGE_PATTERN.test(change)) {
    return fail(
      `\`change="${printable(change)}"\` is not a valid identifier: use 1–100 of A-Z a-z 0-9 . _ : -`,
    );
  }

  const choices = checkWords(attributes.choices, ANSWERS, 'choices');
  if (!choices.ok) return choices;
  if (choices.words.length === 0) {
    return fail(`\`choices\` is empty: give at least one of ${ANSWERS.join(', ')}.`);
  }

  const followUps = checkWords(attributes.followUp, FOLLOW_UPS, 'follow-up');
  if (!followUps.ok) return followUps;

  let privacyUrl: string | null = null;
  if (attributes.privacyUrl.trim()) {
    const parsed = parseUrl(attributes.privacyUrl.trim(), baseUrl);
    if (!parsed || (parsed.protocol !== 'https:' && parsed.protocol !== 'http:')) {
      return fail(`\`privacy-url="${printable(attributes.privacyUrl)}"\` is not an http(s) URL.`);
    }
    privacyUrl = parsed.href;
  }

  // Steps that ask about the person need the privacy notice they link to.
  const shownFollowUps = followUps.words.filter((step) => {
    if (step === 'comment' || privacyUrl) return true;
    warnings.push(`the \`${step}\` step needs \`privacy-url\` (your privacy notice), so it is skipped.`);
    return false;
  });

  const rememberDays = attributes.remember;
  if (!Number.isInteger(rememberDays) || rememberDays < 0 || rememberDays > REMEMBER_MAX_DAYS) {
    return fail(`\`remember\` must be a whole number of days from 0 to ${REMEMBER_MAX_DAYS}, not "${printable(String(rememberDays))}".`);
  }

  const transport = attributes.transport.trim() || 'json';
  if (transport !== 'json' && transport !== 'simple') {
    return fail(`\`transport="${printable(transport)}"\` must be "json" or "simple".`);
  }

  const levelText = String(attributes.headingLevel).trim();
  const headingLevel = levelText ? Number(levelText) : 2;
  if (!(headingLevel >= 2 && headingLevel <= 6 && Number.isInteger(headingLevel))) {
    return fail(`\`heading-level="${printable(levelText)}"\` must be 2, 3, 4, 5 or 6.`);
  }

  return {
    ok: true,
    warnings,
    config: {
      endpoint: endpoint.url,
      change,
      choices: choices.words,
      followUps: shownFollowUps,
      privacyUrl,
      rememberDays,
      transport,
      headingLevel,
    },
  };
}

function checkEndpoint(value: string, baseUrl: string): { ok: true; url: string } | { ok: false; error: string } {
  const raw = value.trim();
  if (!raw) {
    return fail('the `endpoint` attribute is required.');
  }
  const url = parseUrl(raw, baseUrl);
  if (!url) return fail(`\`endpoint="${printable(raw)}"\` is not a valid URL.`);
  const loopback = LOOPBACK_HOSTS.has(url.hostname);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) {
    return fail(
      `\`endpoint="${printable(raw)}"\` must use https: (http: only on localhost).`,
    );
  }
  if (url.username || url.password) {
    return fail(`\`endpoint\` must not contain a user name or password.`);
  }
  return { ok: true, url: url.href };
}

function checkWords<T extends string>(
  value: string,
  vocabulary: readonly T[],
  attribute: string,
): { ok: true; words: T[] } | { ok: false; error: string } {
  const words: T[] = [];
  for (const word of value.trim().split(/\s+/).filter(Boolean)) {
    if (!(vocabulary as readonly string[]).includes(word)) {
      return fail(`\`${attribute}\` has "${printable(word)}", which is not one of: ${vocabulary.join(', ')}.`);
    }
    if (!words.includes(word as T)) words.push(word as T);
  }
  return { ok: true, words };
}

function parseUrl(value: string, baseUrl: string): URL | null {
  try {
    return new URL(value, baseUrl);
  } catch {
    return null;
  }
}

// Attribute values end up in console messages: keep them short and free of control characters.
function printable(value: string): string {
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  const clean = value.replace(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, '?');
  return clean.length > 80 ? `${clean.slice(0, 80)}…` : clean;
}

function fail(message: string): { ok: false; error: string } {
  return { ok: false, error: message };
}
