// Free-text redaction: pure functions, no DOM, no dependencies, so the widget and the receiver
// share one definition of "personal data in a comment".
//
// None of the patterns uses lookbehind: a regular expression the browser cannot parse would stop
// the whole widget from loading, and Safari before 16.4 (still on many older iPhones) rejects it.
// A pattern that must not start just after a letter or digit consumes the character before
// instead, and keeps what it is looking for in a lookahead (see findRedactions).
//
// The widget's size budget is tight and this is its largest module, so the patterns are written
// compactly; comments cost nothing (the minifier drops them), pattern source and code do.

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
  let redacted = '';
  let copiedUpTo = 0;
  for (const { kind, start, end } of findRedactions(text)) {
    redacted += text.slice(copiedUpTo, start) + `[${kind}]`;
    copiedUpTo = end;
  }
  return redacted + text.slice(copiedUpTo);
}

/**
 * Redacts text, then keeps it within `limit` code points, as the schema counts them (an emoji
 * is one). A marker can be longer than what it replaced, so redacted text may outgrow the
 * limit: the cut comes after redaction, and never leaves half a marker (`[pho`), which would
 * read as garbage.
 */
export function redactWithin(text: string, limit: number): string {
  const characters = Array.from(redact(text));
  if (characters.length <= limit) return characters.join('');
  return characters.slice(0, limit).join('').replace(/\s*\[[a-z-]*$/, '');
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
  const candidates: Redaction[] = [];
  // In EMAIL and NI_NUMBER_OR_POSTCODE, group 1 is the character before a token (empty at the
  // start of the text) and group 2, in a lookahead, the token. As only the character before is
  // consumed, the next search starts inside the token: a token that loses to an overlapping one
  // must not hide another that starts inside it ("0018 [dot] jo [at] example…"), which would
  // otherwise be found only by a second redaction of the output.
  const scan = (pattern: RegExp, classify: (match: RegExpExecArray) => RedactionKind | false) => {
    for (const match of text.matchAll(pattern)) {
      const start = match.index + match[1].length;
      const kind = classify(match);
      if (kind) candidates.push({ kind, start, end: start + match[2].length });
    }
  };
  scan(EMAIL, (match) =>
    // "worked at a dot com company" is prose: with a plain-word "at", the name must have a
    // letter and a dot, underscore, plus or digit, which English words do not.
    (!match[4] || /^(?=.*\p{L}).*[\d._+[({<]/u.test(match[3])) && 'email',
  );
  scan(NI_NUMBER_OR_POSTCODE, ([, , token, niLetters]) =>
    // With the "u" flag, "i" lets the long s (U+017F) and the Kelvin sign (U+212A) pass for
    // S and K. They are not, and the codes are ASCII.
    !/[\u017F\u212A]/.test(token) &&
    (niLetters
      ? // Capitals, or no spaces, keep prose like "at 123456 a" out.
        (token.length == 9 || /[A-Z]{2}/.test(niLetters)) && 'ni-number'
      : !/(?:1st|2nd|3rd|[04-9]th)$/.test(token) && 'postcode'),
  );
  findNumbers(text, candidates);
  let coveredUpTo = 0;
  return (
    candidates
      // The leftmost candidate wins, and of two that start together the longer one:
      // 07700900123@example.org is one e-mail address, not a phone number followed by text.
      .sort((first, second) => first.start - second.start || second.end - first.end)
      .filter((candidate) => candidate.start >= coveredUpTo && (coveredUpTo = candidate.end))
  );
}

// E-mail ---------------------------------------------------------------------------------------

const raw = String.raw;
const SPACES = '[ \t\xA0]{0,2}';
const SPACE = '[ \t\xA0]{1,2}';

// A word in brackets or between spaces: `jo [at] example [dot] org`, `jo.bloggs at example dot org`.
const BRACKETED_AT = raw`${SPACES}[\[({<]${SPACES}at${SPACES}[\])}>]${SPACES}`;
const BRACKETED_DOT = BRACKETED_AT.replace('at', 'dot');
const SPACED_DOT = SPACE + 'dot' + SPACE;

// Bounded repeats keep each attempt short; 64 is the longest local part RFC 5321 allows.
const LOCAL_WORD = raw`[\p{L}\p{N}_][\p{L}\p{N}\p{M}_%+'-]{0,63}`;
const DOMAIN_LABEL = raw`[\p{L}\p{N}](?:[\p{L}\p{N}\p{M}-]{0,61}[\p{L}\p{N}\p{M}])?`;
const DOT = raw`(?:\.|${BRACKETED_DOT})`;
// Top-level domains that people give out; a plain-word "dot" is believed only before one of them.
// None is the start of another, so their order does not matter.
const COMMON_TOP_LEVEL_DOMAIN = '(?:com|org|net|info|biz|edu|gov|nhs|ac|uk|scot|wales|cymru|london|ie|eu|pl|ro|pt|es|pk|bd|io|me)';

// Groups: 1 the character before, 2 the address, 3 its name (local part), 4 a plain-word "at".
// The character before is consumed rather than checked in code: started inside a long run like
// "a.a.a.a…" the name would be re-read from every position, which is quadratic. An apostrophe
// may come before an address ('jo@example.org'); a dot, plus or hyphen may not. The constraints
// live in the pattern rather than in code so that, when the longest reading breaks one, the next
// longest is tried. example.org, example [dot] org, example dot org: the last dot decides what
// may follow it. After a plain-word "at", every dot must be spelt out too: "see it at gov.uk"
// names a website.
const EMAIL = RegExp(
  raw`(^|[^\p{L}\p{N}\p{M}_.%+-])(?=((${LOCAL_WORD}(?:${DOT}${LOCAL_WORD})*)` +
    raw`(?:(?:@|${BRACKETED_AT})(?:${DOMAIN_LABEL}(?:${DOT}|${SPACED_DOT}))*${DOMAIN_LABEL}` +
    raw`(?:${DOT}(?:\p{L}[\p{L}\p{M}]{1,62}|xn--[a-z0-9-]{1,59})|${SPACED_DOT}${COMMON_TOP_LEVEL_DOMAIN})` +
    raw`|(${SPACE}at${SPACE})(?:${DOMAIN_LABEL}(?:${BRACKETED_DOT}|${SPACED_DOT}))+${COMMON_TOP_LEVEL_DOMAIN}))` +
    raw`(?![\p{L}\p{N}\p{M}_-]))`,
  'giu',
);

// National Insurance number and postcode ---------------------------------------------------------

// One pattern for both: they never start at the same place. Groups: 1 the character before,
// 2 the token, 3 an NI number's letters. Postcode letters are those each position may hold in
// the Royal Mail formats A9, A99, AA9, AA99, A9A and AA9A, then GIR 0AA.
const NI_NUMBER_OR_POSTCODE =
  /(^|[^\p{L}\p{N}\p{M}_])(?=(([A-Z]{2})(?:[ \xA0-]?\d){6}[ \xA0-]?[A-D]|GIR[ \xA0]{0,2}0AA|[A-PR-UWYZ](?:[A-HK-Y]?\d\d?|\d[A-HJKPSTUW]|[A-HK-Y]\d[ABEHMNPRVWXY])[ \xA0]{0,2}\d[ABD-HJLNP-UW-Z]{2})(?![\p{L}\p{N}\p{M}_]))/giu;

// Phone, card and NHS numbers ------------------------------------------------------------------

// Matches each digit group, with the "+" before it; group 1 is the longest number starting
// there: up to six groups joined by spacing (including the no-break and thin spaces and the
// invisible direction marks right-to-left text puts around numbers), at most one dash and at
// most one of each bracket, six characters at most between two groups. Only the first group can
// follow a "+": "+" never joins two groups.
const NUMBER = /(?=(\+?\d+(?:(?!\D*([-()])\D*\2)[ \t\xA0\u2009\u202F\u200E\u200F\u2066-\u2069()-]{1,6}\d+){0,5}))\+?\d+/g;

// Seen by each pattern, a digit group and up to five characters before or after it. Digits
// glued to a letter, currency sign or decimal point belong to a code, amount or decimal; so do
// those in a thousands group (£1,200,000): one to three digits, a comma, then groups of exactly
// three. No number has more than 19 digits. The "(?!\d)"s keep the group's own digits from
// counting as what comes before or after it.
const GLUED_BEFORE = /(?:(?!\d)[\p{L}\p{N}\p{M}_\p{Sc}]|\p{Nd}\.)\d+$|(?:^|\P{Nd})\p{Nd}{1,3},\d{3}$/u;
const GLUED_AFTER = /^\d+(?!\d)(?:[\p{L}\p{N}\p{M}_]|\.\p{Nd})|^\d{1,3},\p{Nd}{3}(?![\p{L}\p{N}\p{M}_])|^\d{20}/u;

// 0, then 10 more digits; or 9 more for the few 01 areas and 080 freephone numbers that have them.
const UK_NATIONAL = raw`(?:[1-9]\d\d|1\d|80)\d{7}$`;
const NATIONAL_PHONE = RegExp('^0' + UK_NATIONAL);
// +44 and 0044 with or without the "(0)" people write; other "+" numbers of 8–15 digits (E.164).
const INTERNATIONAL_PHONE = RegExp(raw`^(?:\+|00)440?${UK_NATIONAL}|^\+(?!44)[1-9]\d{7,14}$`);

/** Adds the phone, card and NHS numbers in the text to `found`. */
function findNumbers(text: string, found: Redaction[]): void {
  // Decimal digits residents may type: ASCII, Arabic-Indic, Extended Arabic-Indic (Urdu),
  // Devanagari, Bengali, Gurmukhi (Panjabi), Gujarati and full-width, read as ASCII. Every zero
  // is 0 modulo 16 except the Indic ones (U+0800–U+0FFF), which are 6. Dashes become "-". Each
  // is one code unit and so is its replacement, so offsets do not change.
  const ascii = text.replace(
    /[\u0660-\u0669\u06F0-\u06F9\u0966-\u096F\u09E6-\u09EF\u0A66-\u0A6F\u0AE6-\u0AEF\uFF10-\uFF19\u2010-\u2013]/g,
    (character) => {
      const code = character.charCodeAt(0);
      return code >> 4 == 0x201 ? '-' : ((code >> 11 == 1 ? code + 10 : code) % 16) + '';
    },
  );
  // Groups glued to something else, or too long to be any number, are hidden from NUMBER.
  const masked = ascii.replace(/\d+/g, (group, start: number) =>
    GLUED_BEFORE.test(ascii.substring(start - 5, start + group.length)) ||
    GLUED_AFTER.test(ascii.slice(start, start + group.length + 5))
      ? '_'.repeat(group.length)
      : group,
  );
  // The longest number starting at each group, found by dropping the last group until one fits:
  // "2026 07700 900123" holds a phone number after a year, and "07700 900123 01632 960001"
  // holds two. findRedactions drops the overlaps.
  for (const { 1: longest, index } of masked.matchAll(NUMBER)) {
    for (let number = longest; number; number = number.replace(/\D*\d+$/, '')) {
      const kind = classifyNumber(number);
      if (kind) {
        // Widened to a bracket whose partner is inside it: "(020) 7946 0018".
        const end = index + number.length;
        const unclosed = number.split('(').length - number.split(')').length;
        found.push({
          kind,
          start: index - +(unclosed < 0 && masked[index - 1] == '('),
          end: end + +(unclosed > 0 && masked[end] == ')'),
        });
        break;
      }
    }
  }
}

/** Names the kind of number that digit groups written this way (ASCII digits) are, if any. */
function classifyNumber(number: string): RedactionKind | false {
  const digits = number.replace(/[^+\d]/g, '');
  // Real UK groupings start with a dialling code of three or more digits and never split to
  // single digits; dates and times ("01-02-2026 09:30") do not.
  if (
    INTERNATIONAL_PHONE.test(digits) ||
    (/^\d{3,}(?:\D+\d\d+){0,3}$/.test(number) && NATIONAL_PHONE.test(digits))
  ) {
    return 'phone';
  }
  // Brackets belong to phone numbers only.
  if (/[+()]/.test(number)) return false;
  if (
    /^[1-9]\d{12,18}$/.test(digits) &&
    // Unbroken, in fours, 4-6-5 or 4-6-4. No card number starts 19 or 20: "2023 2024 2025 2026"
    // is a list of years, whatever Luhn says.
    /^(?!(?:(?:19|20)\d\d(?:\D+|$))+$)(?:\d+|(?:\d{4}\D+)+\d{1,4}|\d{4}\D+\d{6}\D+\d{4,5})$/.test(number) &&
    // Luhn: every second digit from the right is doubled and the product's digits summed, which
    // for a product under 19 is one more than (product - 1) % 9, and 0 for 0. Four groups of
    // four are a card even when the check fails (residents mistype).
    ([...digits].reverse().reduce((total, digit, index) => total + ((+digit * (1 + (index % 2)) - 1) % 9) + 1, 0) % 10 == 0 ||
      /^\d{4}(?:\D+\d{4}){3}$/.test(number))
  ) {
    return 'card';
  }
  // NHS modulus 11, for ten ungrouped digits: weighted 10 down to 1 they must sum to a multiple
  // of 11, so a check digit that would have to be 10 is never valid.
  return (
    (/^\d{3}\D+\d{3}\D+\d{4}$/.test(number) ||
      (/^\d{10}$/.test(number) &&
        [...digits].reverse().reduce((total, digit, index) => total + +digit * (index + 1), 0) % 11 == 0)) &&
    'nhs-number'
  );
}
