// Free-text redaction: pure functions, no DOM, no dependencies, so the widget and the receiver
// share one definition of "personal data in a comment".
//
// None of the patterns uses lookbehind: a regular expression the browser cannot parse would stop
// the whole widget from loading, and Safari before 16.4 (still on many older iPhones) rejects it.
// Boundaries are checked in code instead, except for e-mail (see EMAIL).

/** The kinds of personal data that {@link redact} replaces with a `[kind]` marker. */
export type RedactionKind = 'email' | 'phone' | 'ni-number' | 'nhs-number' | 'card' | 'postcode';

/** One stretch of text that looks like personal data: `text.slice(start, end)`, in UTF-16 code units. */
export interface Redaction {
  /** What the stretch looks like; the marker `redact` puts in its place is `[${kind}]`. */
  kind: RedactionKind;
  /** Index of the first code unit. */
  start: number;
  /** Index just past the last code unit. */
  end: number;
}

/**
 * Replaces personal data in free text with markers: `[email]`, `[phone]`, `[ni-number]`,
 * `[nhs-number]`, `[card]` and `[postcode]`. What counts as each kind is listed on
 * {@link findRedactions}.
 *
 * Everything else is returned exactly as given (any script, emoji, newlines, combining marks),
 * markers are never altered, and `redact(redact(text)) === redact(text)`.
 */
export function redact(text: string): string {
  const redactions = findRedactions(text);
  if (redactions.length === 0) return text;
  let redacted = '';
  let copiedUpTo = 0;
  for (const { kind, start, end } of redactions) {
    redacted += text.slice(copiedUpTo, start) + `[${kind}]`;
    copiedUpTo = end;
  }
  return redacted + text.slice(copiedUpTo);
}

/**
 * Finds the personal data that {@link redact} replaces: non-overlapping, in text order, with
 * UTF-16 offsets. Every kind must stand apart from neighbouring letters and digits; where two
 * overlap, the one that starts first wins, then the longer.
 *
 * - `email`: `local@domain.tld`, with dots, plus-tags, hyphens, subdomains, any case and
 *   non-Latin letters. Obfuscated forms are found when they cannot be ordinary prose:
 *   `name [at] example [dot] com` (any of `[] () {} <>`, any case), and the plain words
 *   `jo.bloggs at example dot com` only when the name has a `.`, `_`, `+` or digit, every dot is
 *   spelt out and the last part is a common top-level domain. `jo at example dot com` is not
 *   found: it cannot be told apart from "worked at a dot com company".
 * - `phone`: UK numbers of 11 digits starting `0` (10 for `01…` and `080…`), grouped by spaces,
 *   hyphens or brackets (`(020) 7946 0018`, `07700-900-123`) in at most four groups, the first
 *   of at least three digits — so `01-02-2026 09:30` stays a date; `+44` or `0044` forms with or
 *   without `(0)`; and other `+` numbers of 8–15 digits (`00` before another country code is
 *   not recognised). Short numbers (`999`, `111`, `101`), numbers missing their leading `0`, and
 *   numbers grouped with dots (`07700.900.123`, too like decimals) are not phone numbers.
 * - `ni-number`: two letters, six digits and a letter A–D, spaces or hyphens allowed
 *   (`QQ 12 34 56 C`, `qq123456c`). The prefix is deliberately not checked against HMRC's rules
 *   (first letter not D F I Q U V, second not D F I O Q U V, not BG GB NK KN TN NT ZZ):
 *   residents copy the `QQ` example or mistype a letter, and hiding a number that was never
 *   issued costs nothing. To keep prose like "at 123456 a" as it is, the two letters must be
 *   capitals unless the number is written without spaces.
 * - `nhs-number`: ten digits grouped 3-3-4 (`943 476 5919`) whatever the check digit, since a
 *   mistyped NHS number is still one; ungrouped ten digits only with a valid modulus-11 check
 *   digit. Ten digits that are a UK phone number are `phone`.
 * - `card`: 13–19 digits not starting `0`, unbroken or in groups of four (the last may be
 *   shorter), or Amex 4-6-5 / Diners 4-6-4, passing the Luhn check. Four groups of four are a
 *   card even when the Luhn check fails (residents mistype), unless they are years
 *   (`2023 2024 2025 2026`).
 * - `postcode`: every UK format (`SW1A 1AA`, `M1 1AE`, `B33 8TH`, `CR2 6XH`, `DN55 1PT`,
 *   `EC1A 1BB`, `W1A 0AX`, `GIR 0AA`), any case, with or without the space. An outward code on its
 *   own (`SW1A`, `M25`) is not redacted: it names a district, not an address. Lower-case ordinals
 *   after a code (`B1 2nd floor`, `M6 4th junction`) are prose, not postcodes.
 *
 * Digits may be ASCII or from the Arabic, Urdu, Devanagari, Bengali, Gurmukhi, Gujarati or
 * full-width sets. Numbers joined to letters or to decimal or thousands separators
 * (`REF07700900123`, `3.14159265358979`, `£1,200`) are parts of something else and are left.
 */
export function findRedactions(text: string): Redaction[] {
  const candidates = [...findEmails(text), ...findNiNumbers(text), ...findPostcodes(text), ...findNumbers(text)];
  // The leftmost candidate wins, and of two that start together the longer one:
  // 07700900123@example.org is one e-mail address, not a phone number followed by text.
  candidates.sort((first, second) => first.start - second.start || second.end - first.end);
  const chosen: Redaction[] = [];
  let coveredUpTo = 0;
  for (const candidate of candidates) {
    if (candidate.start < coveredUpTo) continue;
    chosen.push(candidate);
    coveredUpTo = candidate.end;
  }
  return chosen;
}

// Characters that make a match part of a longer word or code when they touch it.
const WORD_CHARACTER = String.raw`\p{L}\p{N}\p{M}_`;
const INLINE_SPACE = String.raw`[ \t\u00A0]`;
const ENDS_WITH_WORD_CHARACTER = new RegExp(`[${WORD_CHARACTER}]$`, 'u');
const STARTS_WITH_WORD_CHARACTER = new RegExp(`^[${WORD_CHARACTER}]`, 'u');

/** Whether `text.slice(start, end)` has no letter, digit, mark or underscore touching it. */
function standsAlone(text: string, start: number, end: number): boolean {
  // Two code units each side, so that a letter outside the Basic Multilingual Plane is seen whole.
  return (
    !ENDS_WITH_WORD_CHARACTER.test(text.slice(Math.max(0, start - 2), start)) &&
    !STARTS_WITH_WORD_CHARACTER.test(text.slice(end, end + 2))
  );
}

/**
 * Runs a global pattern with a `token` group over the text, and returns a redaction of `kind`
 * for the token found at each position that `accept` (given the match and the token's start)
 * agrees to. Tokens may overlap: `findRedactions` chooses between them.
 */
function scan(
  pattern: RegExp,
  kind: RedactionKind,
  text: string,
  accept: (match: RegExpExecArray, start: number) => boolean,
): Redaction[] {
  const found: Redaction[] = [];
  pattern.lastIndex = 0;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    const token = match.groups!.token;
    const start = match.index + match[0].length - token.length;
    if (accept(match, start)) found.push({ kind, start, end: start + token.length });
    // Look again from the token's next code point, not from its end: a token that loses to an
    // overlapping one may hide another that starts inside it ("0018 [dot] jo [at] example…"),
    // and that one must be found now, not by a second redaction of the output.
    pattern.lastIndex = start + String.fromCodePoint(token.codePointAt(0)!).length;
  }
  return found;
}

// E-mail ---------------------------------------------------------------------------------------

/** A word in brackets, as in `jo [at] example [dot] org`. */
function bracketed(word: string): string {
  const space = `${INLINE_SPACE}{0,2}`;
  return String.raw`${space}[\[({<]${space}${word}${space}[\])}>]${space}`;
}

// Bounded repeats keep each attempt short; 64 is the longest local part RFC 5321 allows.
const LOCAL_WORD = String.raw`[\p{L}\p{N}_][${WORD_CHARACTER}%+'-]{0,63}`;
const LOCAL_PART = String.raw`${LOCAL_WORD}(?:(?:\.|${bracketed('dot')})${LOCAL_WORD})*`;
const DOMAIN_LABEL = String.raw`[\p{L}\p{N}](?:[\p{L}\p{N}\p{M}-]{0,61}[\p{L}\p{N}\p{M}])?`;
const TOP_LEVEL_DOMAIN = String.raw`\p{L}[\p{L}\p{M}]{1,62}|xn--[a-z0-9-]{1,59}`;
const PLAIN_WORD_AT = String.raw`${INLINE_SPACE}{1,2}at${INLINE_SPACE}{1,2}`;
const PLAIN_WORD_DOT = String.raw`${INLINE_SPACE}{1,2}dot${INLINE_SPACE}{1,2}`;
const SPELT_DOT = `${bracketed('dot')}|${PLAIN_WORD_DOT}`;
// Top-level domains that people give out; a plain-word "dot" is believed only before one of them.
const COMMON_TOP_LEVEL_DOMAIN = [
  'com', 'org', 'net', 'uk', 'gov', 'nhs', 'edu', 'ac', 'info', 'io', 'me', 'biz',
  'scot', 'wales', 'cymru', 'london', 'ie', 'eu', 'pl', 'ro', 'pt', 'es', 'pk', 'bd',
].join('|');
// example.org, example [dot] org, example dot org: the last dot decides what may follow it.
const LAST_DOT_AND_TOP_LEVEL =
  `(?:\\.|${bracketed('dot')})(?:${TOP_LEVEL_DOMAIN})|${PLAIN_WORD_DOT}(?:${COMMON_TOP_LEVEL_DOMAIN})`;
const DOMAIN = `(?:${DOMAIN_LABEL}(?:\\.|${SPELT_DOT}))*${DOMAIN_LABEL}(?:${LAST_DOT_AND_TOP_LEVEL})`;
// After a plain-word "at", every dot must be spelt out too: "see it at gov.uk" names a website.
const SPELT_DOMAIN = `(?:${DOMAIN_LABEL}(?:${SPELT_DOT}))+(?:${COMMON_TOP_LEVEL_DOMAIN})`;

// Unlike the other patterns, this one checks the character before the address itself, by
// consuming it: started inside a long run like "a.a.a.a…" the local part would be re-read from
// every position, which is quadratic. An apostrophe may come before an address
// ('jo@example.org'); a dot, plus or hyphen may not. The constraints live in the pattern rather
// than in code so that, when the longest reading breaks one, the next longest is tried.
const EMAIL = new RegExp(
  String.raw`(?:^|[^${WORD_CHARACTER}.%+-])(?<token>` +
    `(?<localPart>${LOCAL_PART})(?:(?:@|${bracketed('at')})${DOMAIN}|(?<plainWordAt>${PLAIN_WORD_AT})${SPELT_DOMAIN})` +
    String.raw`)(?![${WORD_CHARACTER}-])`,
  'giu',
);

// That boundary is costly to test at every position, so the pattern runs only on text holding
// something every address it accepts has: an @, a bracketed "at" or "dot", or a plain " dot ".
const MAY_HOLD_EMAIL = new RegExp(
  String.raw`@|[\[({<]${INLINE_SPACE}{0,2}(?:at|dot)${INLINE_SPACE}{0,2}[\])}>]|${INLINE_SPACE}dot${INLINE_SPACE}`,
  'i',
);

function findEmails(text: string): Redaction[] {
  if (!MAY_HOLD_EMAIL.test(text)) return [];
  return scan(EMAIL, 'email', text, (match) => {
    const { localPart, plainWordAt } = match.groups!;
    // "worked at a dot com company" is prose: with a plain-word "at", the name must have a
    // letter and a dot, underscore, plus or digit, which English words do not.
    return plainWordAt === undefined || (/\p{L}/u.test(localPart) && /[\d._+[({<]/u.test(localPart));
  });
}

// National Insurance number --------------------------------------------------------------------

const NI_SEPARATOR = String.raw`[ \u00A0-]?`;
const NI_NUMBER = new RegExp(
  String.raw`(?<token>(?<prefix>[A-Z]{2})${NI_SEPARATOR}\d(?:${NI_SEPARATOR}\d){5}${NI_SEPARATOR}[A-D])`,
  'gi',
);

function findNiNumbers(text: string): Redaction[] {
  return scan(NI_NUMBER, 'ni-number', text, (match, start) => {
    const { token, prefix } = match.groups!;
    // Capitals, or no spaces, keep prose like "at 123456 a" out.
    const isCompact = /^[a-z]{2}\d{6}[a-d]$/i.test(token);
    return (isCompact || /^[A-Z]{2}$/.test(prefix)) && standsAlone(text, start, start + token.length);
  });
}

// Postcode -------------------------------------------------------------------------------------

// Letters each position may hold, per the Royal Mail format: A9, A99, AA9, AA99, A9A, AA9A.
const OUTWARD_CODE = [
  '[A-PR-UWYZ][0-9][0-9]?',
  '[A-PR-UWYZ][A-HK-Y][0-9][0-9]?',
  '[A-PR-UWYZ][0-9][A-HJKPSTUW]',
  '[A-PR-UWYZ][A-HK-Y][0-9][ABEHMNPRVWXY]',
].join('|');
const INWARD_CODE = '[0-9][ABD-HJLNP-UW-Z]{2}';
const POSTCODE = new RegExp(
  String.raw`(?<token>GIR[ \u00A0]{0,2}0AA|(?:${OUTWARD_CODE})[ \u00A0]{0,2}${INWARD_CODE})`,
  'gi',
);

function findPostcodes(text: string): Redaction[] {
  return scan(POSTCODE, 'postcode', text, (match, start) => {
    const postcode = match.groups!.token;
    return !isLowerCaseOrdinal(postcode.slice(-3)) && standsAlone(text, start, start + postcode.length);
  });
}

/** Whether an inward code is written like an English ordinal: `1st`, `2nd`, `3rd`, `4th`. */
function isLowerCaseOrdinal(inwardCode: string): boolean {
  const ordinalSuffixes = ['th', 'st', 'nd', 'rd', 'th', 'th', 'th', 'th', 'th', 'th'];
  return inwardCode.slice(1) === ordinalSuffixes[Number(inwardCode[0])];
}

// Phone, card and NHS numbers ------------------------------------------------------------------

// Decimal digits residents may type: ASCII, Arabic-Indic, Extended Arabic-Indic (Urdu),
// Devanagari, Bengali, Gurmukhi (Panjabi), Gujarati and full-width.
const DIGIT_ZEROS = [0x30, 0x660, 0x6f0, 0x966, 0x9e6, 0xa66, 0xae6, 0xff10];
const DIGIT_GROUP =
  /[0-9\u0660-\u0669\u06F0-\u06F9\u0966-\u096F\u09E6-\u09EF\u0A66-\u0A6F\u0AE6-\u0AEF\uFF10-\uFF19]+/g;

// Spacing inside a number: spaces, including the no-break and thin ones, and the invisible
// direction marks that right-to-left text puts around numbers.
const NUMBER_SPACES = ' \t\u00A0\u2009\u202F\u200E\u200F\u2066\u2067\u2068\u2069';
const NUMBER_DASHES = '-\u2010\u2011\u2012\u2013';
const LONGEST_JOINER = 6;

// Glued to a letter, currency sign or decimal point, digits belong to a code, amount or decimal.
const GLUED_BEFORE = new RegExp(`(?:[${WORD_CHARACTER}\\p{Sc}]|\\p{Nd}\\.)$`, 'u');
const GLUED_AFTER = new RegExp(`^(?:[${WORD_CHARACTER}]|\\.\\p{Nd})`, 'u');
// A thousands group: one to three digits, a comma, then groups of exactly three.
const THOUSANDS_BEFORE = /(?:^|\P{Nd})\p{Nd}{1,3},$/u;
const THOUSANDS_AFTER = new RegExp(`^,\\p{Nd}{3}(?![${WORD_CHARACTER}])`, 'u');

// No candidate is longer: 19 digits is the longest card number; 6 groups is "+44 (0)20 7946 0018".
const MOST_DIGITS = 19;
const MOST_GROUPS = 6;

interface DigitGroup {
  start: number;
  end: number;
  /** The group's digits as ASCII. */
  digits: string;
}

function findNumbers(text: string): Redaction[] {
  const found: Redaction[] = [];
  for (const run of numberRuns(text)) {
    // The longest number starting at each group: "2026 07700 900123" holds a phone number after
    // a year, and "07700 900123 01632 960001" holds two. findRedactions drops the overlaps.
    for (let first = 0; first < run.length; first += 1) {
      const longest = longestNumberFrom(text, run, first);
      if (longest) found.push(longest);
    }
  }
  return found;
}

/** Splits the text's digits into runs of groups joined only by number spacing, dashes or brackets. */
function numberRuns(text: string): DigitGroup[][] {
  const runs: DigitGroup[][] = [];
  let run: DigitGroup[] = [];
  DIGIT_GROUP.lastIndex = 0;
  for (let match = DIGIT_GROUP.exec(text); match; match = DIGIT_GROUP.exec(text)) {
    const group = { start: match.index, end: match.index + match[0].length, digits: toAsciiDigits(match[0]) };
    const isGlued = isGluedToNeighbours(text, group);
    if (run.length > 0 && (isGlued || !isJoined(text, run[run.length - 1], group))) {
      runs.push(run);
      run = [];
    }
    if (!isGlued) run.push(group);
  }
  if (run.length > 0) runs.push(run);
  return runs;
}

function toAsciiDigits(digits: string): string {
  if (/^[0-9]+$/.test(digits)) return digits;
  let ascii = '';
  for (const digit of digits) {
    const code = digit.charCodeAt(0);
    const zero = DIGIT_ZEROS.find((candidate) => code >= candidate && code <= candidate + 9)!;
    ascii += String(code - zero);
  }
  return ascii;
}

/** Whether the text between two digit groups keeps them in one number: spacing, one dash, brackets. */
function isJoined(text: string, previous: DigitGroup, next: DigitGroup): boolean {
  if (next.start - previous.end > LONGEST_JOINER) return false;
  const between = text.slice(previous.end, next.start);
  let dashes = 0;
  let opening = 0;
  let closing = 0;
  for (const character of between) {
    if (NUMBER_DASHES.includes(character)) dashes += 1;
    else if (character === '(') opening += 1;
    else if (character === ')') closing += 1;
    else if (!NUMBER_SPACES.includes(character)) return false;
  }
  return dashes <= 1 && opening <= 1 && closing <= 1;
}

function isGluedToNeighbours(text: string, group: DigitGroup): boolean {
  const before = text.slice(Math.max(0, group.start - 5), group.start);
  const after = text.slice(group.end, group.end + 5);
  if (GLUED_BEFORE.test(before) || GLUED_AFTER.test(after)) return true;
  // £1,200,000: digits next to thousands commas are part of an amount.
  if (group.digits.length <= 3 && THOUSANDS_AFTER.test(after)) return true;
  return group.digits.length === 3 && THOUSANDS_BEFORE.test(before);
}

function longestNumberFrom(text: string, run: DigitGroup[], first: number): Redaction | null {
  let last = first;
  let digitCount = run[first].digits.length;
  while (
    last + 1 < run.length &&
    last + 1 - first < MOST_GROUPS &&
    digitCount + run[last + 1].digits.length <= MOST_DIGITS
  ) {
    last += 1;
    digitCount += run[last].digits.length;
  }
  // Only the first group of a run can follow a "+": "+" never joins two groups.
  const hasPlus = text[run[first].start - 1] === '+';
  for (; last >= first; last -= 1) {
    const groups = run.slice(first, last + 1);
    const joiners = groups.slice(1).map((group, index) => text.slice(groups[index].end, group.start));
    const kind = classifyNumber(groups.map((group) => group.digits), joiners, hasPlus);
    if (kind) return { kind, ...numberBounds(text, groups, hasPlus) };
  }
  return null;
}

/** Widens a number to its "+" and to a bracket whose partner is inside it: "(020) 7946 0018". */
function numberBounds(text: string, groups: DigitGroup[], hasPlus: boolean): { start: number; end: number } {
  let start = groups[0].start;
  let end = groups[groups.length - 1].end;
  const inside = text.slice(start, end);
  const unclosed = inside.split('(').length - inside.split(')').length;
  if (hasPlus) start -= 1;
  if (unclosed < 0 && text[start - 1] === '(') start -= 1;
  if (unclosed > 0 && text[end] === ')') end += 1;
  return { start, end };
}

/** Names the kind of number that digit groups written this way are, if any. */
function classifyNumber(groups: string[], joiners: string[], hasPlus: boolean): RedactionKind | null {
  const digits = groups.join('');
  if (hasPlus) return isInternationalPhoneNumber(digits) ? 'phone' : null;
  if (isUkPhoneNumber(digits, groups)) return 'phone';
  // Brackets belong to phone numbers only.
  if (joiners.some((joiner) => joiner.includes('(') || joiner.includes(')'))) return null;
  if (isCardNumber(digits, groups)) return 'card';
  if (isNhsNumber(digits, groups)) return 'nhs-number';
  return null;
}

/** Digits after a "+": +44 must be a UK number; any other country code, 8–15 digits (E.164). */
function isInternationalPhoneNumber(digits: string): boolean {
  if (digits.startsWith('44')) return isUkNationalNumber(nationalFromInternational(digits.slice(2)));
  return digits.length >= 8 && digits.length <= 15 && digits[0] !== '0';
}

function isUkPhoneNumber(digits: string, groups: string[]): boolean {
  if (digits.startsWith('0044')) {
    return groups.length <= MOST_GROUPS && isUkNationalNumber(nationalFromInternational(digits.slice(4)));
  }
  // Real groupings start with a dialling code of three or more digits, and never split to
  // single digits; dates and times ("01-02-2026 09:30") do not.
  const isPhoneGrouping =
    groups.length <= 4 && groups[0].length >= 3 && groups.every((group) => group.length >= 2);
  return isPhoneGrouping && isUkNationalNumber(digits);
}

/** After +44 or 0044, with or without the "(0)" people write: "+44 (0)20 7946 0018". */
function nationalFromInternational(afterCountryCode: string): string {
  return afterCountryCode.startsWith('0') ? afterCountryCode : `0${afterCountryCode}`;
}

/** 0 and 10 more digits; or 9 more for the few 01 areas and 080 freephone numbers that have them. */
function isUkNationalNumber(digits: string): boolean {
  return /^0(?:[1-9]\d{9}|1\d{8}|80\d{7})$/.test(digits);
}

function isCardNumber(digits: string, groups: string[]): boolean {
  if (digits.length < 13 || digits.length > MOST_DIGITS || digits[0] === '0') return false;
  const lengths = groups.map((group) => group.length).join('-');
  const inFours = groups.slice(0, -1).every((group) => group.length === 4) && groups[groups.length - 1].length <= 4;
  const isCardGrouping = groups.length === 1 || inFours || lengths === '4-6-5' || lengths === '4-6-4';
  // No card number starts 19 or 20: "2023 2024 2025 2026" is a list of years, whatever Luhn says.
  const isListOfYears = groups.every((group) => /^(?:19|20)\d\d$/.test(group));
  if (!isCardGrouping || isListOfYears) return false;
  return passesLuhnCheck(digits) || lengths === '4-4-4-4';
}

function passesLuhnCheck(digits: string): boolean {
  let total = 0;
  for (let index = 0; index < digits.length; index += 1) {
    let value = Number(digits[digits.length - 1 - index]);
    if (index % 2 === 1) {
      value *= 2;
      if (value > 9) value -= 9;
    }
    total += value;
  }
  return total % 10 === 0;
}

function isNhsNumber(digits: string, groups: string[]): boolean {
  if (digits.length !== 10) return false;
  const lengths = groups.map((group) => group.length).join('-');
  if (lengths === '3-3-4') return true;
  return groups.length === 1 && hasValidNhsCheckDigit(digits);
}

/** NHS modulus 11: weights 10 down to 2 on the first nine digits; a remainder giving 10 is never issued. */
function hasValidNhsCheckDigit(digits: string): boolean {
  let total = 0;
  for (let index = 0; index < 9; index += 1) total += Number(digits[index]) * (10 - index);
  const checkDigit = (11 - (total % 11)) % 11;
  return checkDigit !== 10 && checkDigit === Number(digits[9]);
}
