// Free-text redaction: pure functions, no DOM, no dependencies, so the widget and the receiver
// share one definition of "personal data in a comment".
//
// None of the patterns uses lookbehind: a regular expression the browser cannot parse would stop
// the whole widget from loading, and Safari before 16.4 (still on many older iPhones) rejects it.
// A pattern that must not start just after a letter or digit consumes the character before
// instead, and keeps what it is looking for in a lookahead (see findRedactions); a rule about
// what comes before a number reads it with substring() in code (see findNumbers).
//
// The "u" flag: patterns that use \p{…} need it (Safari 11.1+), and with it "i" makes the long
// s (U+017F) and the Kelvin sign (U+212A) match s and k, which the NI and postcode rule refuses.
// The patterns never see a character that "u" would read differently in another way: they run on
// the normalised view, where digits, spaces and dashes are ASCII.
//
// Redacting twice must give what redacting once gave, so a rule that looks at a neighbour of a
// number reads a marker's "[" or "]" as the letter or digit it replaced (see GLUED_BEFORE).
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
 * UTF-16 offsets into the text as given. Every kind must stand apart from neighbouring letters
 * and digits; where two overlap, the one that starts first wins, then the longer.
 *
 * The patterns read a normalised view of the text, so that one rule covers every way of typing
 * the same characters: NFKC (full-width letters, digits, `＠` and `．` are ASCII; `½` is
 * `1⁄2`); every decimal digit (`\p{Nd}`: Arabic, Urdu, Devanagari, Bengali, Gurmukhi,
 * Gujarati, Thai, Tamil… and mathematical digits) is its ASCII digit; every space separator
 * (`\p{Zs}`: no-break, thin, figure U+2007, ideographic U+3000…) is a space; every dash
 * (`\p{Pd}`) and the minus sign U+2212 is `-`; the ideographic full stop `。` is `.`; and
 * invisible format characters (`\p{Cf}`: zero-width space, joiner and non-joiner, word joiner,
 * soft hyphen, byte order mark, direction marks and isolates) are skipped. Offsets map back to
 * the text as typed: a stretch covers the invisible characters inside it, not those around it.
 * The Kelvin sign and the long s are not read as K and s.
 *
 * Numbers may be grouped by spaces, line breaks (⏎ below), brackets, `-`, `.`, `/` or `_` (at
 * most one of each but spaces between two groups, at most six characters between two groups, at
 * most six groups).
 *
 * - `email`: `local@domain.tld`, with dots, plus-tags, hyphens, subdomains, any case and
 *   non-Latin letters. Up to two spaces or line breaks may stand on either side of the `@`
 *   (`jo.bloggs @ example.org`) when the domain has real dots and ends in a common top-level
 *   domain (`com`, `org`, `uk`, `cymru`…): `thanks @jo.smith` is a mention. Obfuscated forms
 *   are found when they cannot be ordinary prose: `name [at] example [dot] com` (any of
 *   `[] () {} <>`, any case), and the plain word `at`, as in `jo.bloggs at example dot com` or
 *   `jo.bloggs at example.org`, only when the name has a letter and a `.`, `_`, `+` or digit and
 *   the last part is a common top-level domain. `jo at example dot com` is not found: it cannot
 *   be told apart from "worked at a dot com company". Nor is a name with a spelt-out dot
 *   (`jo dot bloggs at example dot com`) or a space before a dot (`jo@example .org`).
 * - `phone`: UK numbers of 11 digits starting `0` (10 for `01…` and `080…`) in at most four
 *   groups, the first of at least three digits and none of one digit — so `01-02-2026` stays a
 *   date (`(020) 7946 0018`, `07700-900-123`, `07700.900.123`, `07700/900/123`, `07700_900_123`,
 *   `07700⏎900123`); `+44`, `0044` or plain `44` forms with or without `(0)`; and other `+`
 *   numbers of 8–15 digits grouped by spacing, dashes or brackets only (`00` before another
 *   country code is not recognised). Short numbers (`999`, `111`, `101`), numbers missing their
 *   leading `0`, a leading `0` standing alone (`0 7700 900123`), commas between groups
 *   (`07700,900,123`), and letters typed for digits (`O77OO`) are not phone numbers. Numbers
 *   starting `03`, `08` and `09` are redacted too, though they are usually an organisation's.
 * - `ni-number`: two letters, six digits and a letter A–D, with one separator allowed before
 *   each digit and before the letter (`QQ 12 34 56 C`, `qq123456c`, `QQ-12-34-56-C`,
 *   `QQ.12.34.56.C`, `QQ/12/34/56/C`). The prefix is deliberately not checked against HMRC's
 *   rules: residents copy the `QQ` example or mistype a letter, and hiding a number that was
 *   never issued costs nothing. To keep prose like "at 123456 a" as it is, the letters must be
 *   capitals, or the number written without separators, or its digits in pairs
 *   (`qq 12 34 56 c`). Without the suffix letter (`QQ 12 34 56`, `qq123456`), the letters must
 *   be capitals or the number written without separators, and the prefix one HMRC issues (first
 *   letter not D F I Q U V, second not D F I O Q U V, not BG GB KN NK NT TN ZZ) or `QQ`: so
 *   `PO-884213` and `SU 123 456` stay, but `RP 123456` is taken for one.
 * - `nhs-number`: ten digits grouped 3-3-4 (`943 476 5919`, `943.476.5919`) whatever the check
 *   digit, since a mistyped NHS number is still one; ungrouped or in other groups of two digits
 *   or more (`9434 765 919`, `94347 65919`, `40 10 23 21 37`) only with a valid modulus-11 check
 *   digit; and just after the word `NHS` (`NHS no: 943 476 591 9`), in any grouping whatever
 *   the check digit. Ten digits that are a UK phone number are `phone`.
 * - `card`: 13–19 digits not starting `0`, unbroken, in groups of three or more digits
 *   (4-4-4-4, Amex 4-6-5, Diners 4-6-4…) or in fours with a shorter last group, passing the Luhn
 *   check. Four groups of four are a card even when the Luhn check fails (residents mistype),
 *   unless they are years (`2023 2024 2025 2026`).
 * - `postcode`: every UK format (`SW1A 1AA`, `M1 1AE`, `B33 8TH`, `CR2 6XH`, `DN55 1PT`,
 *   `EC1A 1BB`, `W1A 0AX`, `GIR 0AA`), any case, with nothing or up to three spaces, line breaks,
 *   `-`, `.`, `/` or `_` between the halves (`SW1A-1AA`, `SW1A/1AA`, `SW1A⏎1AA`). An outward code
 *   on its own (`SW1A`, `M25`) is not redacted: it names a district, not an address. Lower-case
 *   ordinals after a code (`B1 2nd floor`, `M6 4th junction`) are prose, not postcodes. A letter
 *   O typed for a zero (`W1A OAX`) or a split in the wrong place (`SW1 A1AA`) is not found.
 *
 * Numbers joined to letters, to currency signs, to thousands separators (`REF07700900123`,
 * `£1,200`), to a colon and digits (`09:30`), or after a letter and a `-` or `/`
 * (`GW-2026-004512`, `INV/2026/000417`) are parts of something else and are left; the digits
 * after a decimal point (`3.14159265358979`) may continue a number but never start one.
 * Numbers and postcodes written with spaces between every character, or in words, are not found.
 */
export function findRedactions(text: string): Redaction[] {
  // The patterns read a normalised copy of the text (see readAs); `from` and `to` give, for each
  // of its code units, where the character it came from starts and ends in the text.
  let view = '';
  const from: number[] = [];
  const to: number[] = [];
  let index = 0;
  for (const character of text) {
    const next = index + character.length;
    // The Kelvin sign and the long s are left as they are: NFKC would make them K and s.
    for (const part of /[\u017F\u212A]/.test(character) ? character : character.normalize('NFKC')) {
      const read = readAs(part);
      view += read;
      for (let unit = 0; unit < read.length; unit++) {
        from.push(index);
        to.push(next);
      }
    }
    index = next;
  }
  const candidates: Redaction[] = [];
  // In EMAIL and NI_NUMBER_OR_POSTCODE, group 1 is the character before a token (empty at the
  // start of the text) and group 2, in a lookahead, the token. As only the character before is
  // consumed, the next search starts inside the token: a token that loses to an overlapping one
  // must not hide another that starts inside it ("0018 [dot] jo [at] example…"), which would
  // otherwise be found only by a second redaction of the output.
  const scan = (pattern: RegExp, classify: (match: RegExpExecArray) => RedactionKind | false) => {
    for (const match of view.matchAll(pattern)) {
      const start = match.index + match[1].length;
      const kind = classify(match);
      if (kind) candidates.push({ kind, start, end: start + match[2].length });
    }
  };
  scan(
    EMAIL,
    ([, , , name, plainAt]) =>
      // "worked at a dot com company" is prose: with a plain-word "at", the name must have a
      // letter and a dot, underscore, plus or digit, which English words do not.
      (!plainAt || /^(?=.*\p{L}).*[\d._+[({<]/u.test(name)) && 'email',
  );
  scan(NI_NUMBER_OR_POSTCODE, ([, , token, niLetters, suffix]) =>
    // With the "u" flag, "i" lets the long s (U+017F) and the Kelvin sign (U+212A) pass for
    // S and K. They are not, and the codes are ASCII.
    !/[\u017F\u212A]/.test(token) &&
    (niLetters
      ? // Capitals, nothing between letters and digits, or digits in pairs before a suffix
        // letter keep prose like "at 123456 a" out; without the suffix letter, the prefix must
        // be one HMRC issues, or the example QQ.
        (/^[^\W_]+$/.test(token) || /[A-Z]{2}/.test(niLetters) || (!!suffix && /\d\d\W\d\d\W\d\d/.test(token))) &&
        (!!suffix || NI_PREFIX.test(niLetters)) &&
        'ni-number'
      : !/(?:1st|2nd|3rd|[04-9]th)$/.test(token) && 'postcode'),
  );
  findNumbers(view, candidates);
  let coveredUpTo = 0;
  return (
    candidates
      // The leftmost candidate wins, and of two that start together the longer one:
      // 07700900123@example.org is one e-mail address, not a phone number followed by text.
      .sort((first, second) => first.start - second.start || second.end - first.end)
      .filter((candidate) => candidate.start >= coveredUpTo && (coveredUpTo = candidate.end))
      .map(({ kind, start, end }) => ({ kind, start: from[start]!, end: to[end - 1]! }))
  );
}

/**
 * How the patterns read one code point of NFKC-normalised text: every decimal digit as its
 * ASCII digit, every space separator as a space, every dash and the minus sign as "-", the
 * ideographic full stop as ".", and invisible format characters (zero-width spaces and
 * joiners, the word joiner, the soft hyphen, the byte order mark, direction marks) as nothing.
 */
function readAs(character: string): string {
  if (character < '\x80') return character;
  if (/\p{Nd}/u.test(character)) {
    // Decimal digits come in runs of ten, 0 to 9 (a Unicode stability guarantee), some runs
    // next to each other: the digit's value is its distance from the run's start, modulo 10.
    const code = character.codePointAt(0)!;
    let start = code;
    while (/\p{Nd}/u.test(String.fromCodePoint(start - 1))) start--;
    return String((code - start) % 10);
  }
  return /\p{Zs}/u.test(character)
    ? ' '
    : /[\p{Pd}\u2212]/u.test(character)
      ? '-'
      : character == '\u3002'
        ? '.'
        : /\p{Cf}/u.test(character)
          ? ''
          : character;
}

// E-mail ---------------------------------------------------------------------------------------

const raw = String.raw;
// The patterns read normalised text (see readAs), where every space separator is a space.
const SPACES = '[ \t]{0,2}';
const SPACE = '[ \t]{1,2}';

// A word in brackets or between spaces: `jo [at] example [dot] org`, `jo.bloggs at example dot org`.
const BRACKETED_AT = raw`${SPACES}[\[({<]${SPACES}at${SPACES}[\])}>]${SPACES}`;
const BRACKETED_DOT = BRACKETED_AT.replace('at', 'dot');
const SPACED_DOT = SPACE + 'dot' + SPACE;

// Bounded repeats keep each attempt short; 64 is the longest local part RFC 5321 allows.
const LOCAL_WORD = raw`[\p{L}\p{N}][\p{L}\p{N}\p{M}_%+'-]{0,63}`;
const DOMAIN_LABEL = raw`[\p{L}\p{N}](?:[\p{L}\p{N}\p{M}-]{0,61}[\p{L}\p{N}\p{M}])?`;
const DOT = raw`(?:\.|${BRACKETED_DOT})`;
// Top-level domains that people give out; a plain-word "dot" is believed only before one of them.
// None is the start of another, so their order does not matter.
const COMMON_TOP_LEVEL_DOMAIN = '(?:com|org|net|info|biz|edu|gov|nhs|ac|uk|scot|wales|cymru|london|ie|eu|pl|ro|pt|es|pk|bd|io|me)';

// Groups: 1 the character before, 2 the address, 3 its name (local part), 4 a plain-word "at".
// Up to two spaces or line breaks may stand on either side of an "@" ("jo.bloggs @ example.org")
// when the domain has only real dots and ends in a common top-level domain: "thanks @jo.smith"
// is a mention.
// The character before is consumed rather than checked in code: started inside a long run like
// "a.a.a.a…" the name would be re-read from every position, which is quadratic. An apostrophe
// may come before an address ('jo@example.org'); a dot, plus or hyphen may not. The constraints
// live in the pattern rather than in code so that, when the longest reading breaks one, the next
// longest is tried. example.org, example [dot] org, example dot org: the last dot decides what
// may follow it. After a plain-word "at", the domain must end in a common top-level domain; that
// "see it at gov.uk" names a website is left to the test of the name in findRedactions.
const EMAIL = RegExp(
  raw`(^|[^\p{L}\p{N}\p{M}.%+-])(?=((${LOCAL_WORD}(?:${DOT}${LOCAL_WORD})*)` +
    raw`(?:(?:@|${BRACKETED_AT})(?:${DOMAIN_LABEL}(?:${DOT}|${SPACED_DOT}))*${DOMAIN_LABEL}` +
    raw`(?:${DOT}(?:\p{L}[\p{L}\p{M}]{1,62}|xn--[a-z0-9-]{1,59})|${SPACED_DOT}${COMMON_TOP_LEVEL_DOMAIN})` +
    raw`|(?:\s{1,2}@\s{0,2}|@\s{1,2})(?:${DOMAIN_LABEL}\.)+${COMMON_TOP_LEVEL_DOMAIN}` +
    raw`|(${SPACE}at${SPACE})(?:${DOMAIN_LABEL}(?:${DOT}|${SPACED_DOT}))+${COMMON_TOP_LEVEL_DOMAIN}))` +
    raw`(?![\p{L}\p{N}\p{M}_-]))`,
  'giu',
);

// National Insurance number and postcode ---------------------------------------------------------

// One pattern for both: they never start at the same place. Groups: 1 the character before,
// 2 the token, 3 an NI number's letters, 4 its suffix letter. An NI number may have one space,
// line break, dash, dot, slash or underscore before each digit and before the suffix; a postcode
// up to three of them between its halves. Postcode letters are those each position may hold in
// the Royal Mail formats A9, A99, AA9, AA99, A9A and AA9A, then GIR 0AA.
const NI_NUMBER_OR_POSTCODE =
  /(^|[^\p{L}\p{N}\p{M}])(?=(([A-Z]{2})(?:[\s./_-]?\d){6}(?:[\s./_-]?([A-D]))?|GIR[\s./_-]{0,3}0AA|[A-PR-UWYZ](?:[A-HK-Y]?\d\d?|\d[A-HJKPSTUW]|[A-HK-Y]\d[ABEHMNPRVWXY])[\s./_-]{0,3}\d[ABD-HJLNP-UW-Z]{2})(?![\p{L}\p{N}\p{M}]))/giu;
// Prefixes HMRC issues: first letter not D F I Q U V, second not D F I O Q U V, and not BG GB
// KN NK NT TN ZZ; and QQ, the prefix of examples, which residents copy.
const NI_PREFIX = /^(?!BG|GB|KN|NK|NT|TN|ZZ)[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z]$|^QQ$/i;

// Phone, card and NHS numbers ------------------------------------------------------------------

// Matches each digit group, with the "+" before it; group 1 is the longest number starting
// there: up to six groups joined by spacing and line breaks, brackets, dashes, dots, slashes and
// underscores, at most one of each of those but spacing, six characters at most between two
// groups. Only the first group can follow a "+": "+" never joins two groups.
const NUMBER = /(?=(\+?\d+(?:(?!\D*([-./_()])\D*\2)[\s()./_-]{1,6}\d+){0,5}))\+?\d+/g;

// Seen by each pattern, a digit group and up to five characters before or after it. Digits
// glued to a letter or currency sign belong to a code or amount (REF07700900123, £45); after a
// letter and a dash or slash, to a reference (GW-2026-004512, INV/2026/000417); beside a colon
// and digits, to a time (09:30); in a thousands group (£1,200,000: one to three digits, a comma,
// then groups of exactly three), to an amount. No number has more than 19 digits. The "(?!\d)"s
// keep the group's own digits from counting as what comes before or after it. What redaction
// leaves must read the same way again: a marker's "[" or "]" counts as the letter or digit it
// replaced.
const GLUED_BEFORE = /(?:(?!\d)[\p{L}\p{N}\p{M}\p{Sc}]|[\p{L}\]][-/]|[\d\]]:)\d+$|(?:(?:^|\D)\d{1,3}|\]),\d{3}$/u;
const GLUED_AFTER = /^\d+(?!\d)(?:[\p{L}\p{N}\p{M}]|:[\d[])|^\d{1,3},(?:\d{3}(?![\p{L}\p{N}\p{M}])|\[)|^\d{20}/u;

// 0, then 10 more digits; or 9 more for the few 01 areas and 080 freephone numbers that have them.
const UK_NATIONAL = raw`(?:[1-9]\d\d|1\d|80)\d{7}$`;
const NATIONAL_PHONE = RegExp('^0' + UK_NATIONAL);
// +44, 0044 and 44 with or without the "(0)" people write.
const INTERNATIONAL_PHONE = RegExp(raw`^(?:\+|00)?440?${UK_NATIONAL}`);

/** Adds the phone, card and NHS numbers in the (normalised) text to `found`. */
function findNumbers(text: string, found: Redaction[]): void {
  // Groups glued to something else, or too long to be any number, are hidden from NUMBER.
  const masked = text.replace(/\d+/g, (group, start: number) =>
    GLUED_BEFORE.test(text.substring(start - 5, start + group.length)) ||
    GLUED_AFTER.test(text.slice(start, start + group.length + 5))
      ? '#'.repeat(group.length)
      : group,
  );
  // The longest number starting at each group, found by dropping the last group until one fits:
  // "2026 07700 900123" holds a phone number after a year, and "07700 900123 01632 960001"
  // holds two. findRedactions drops the overlaps. A group after a digit and a dot is the
  // fraction of a decimal ("3.14159265358979"): it may continue a number, never start one.
  for (const { 1: longest, index } of masked.matchAll(NUMBER)) {
    if (/[\d\]]\.$/.test(text.substring(index - 2, index))) continue;
    // Ten digits just after the word "NHS" ("NHS number: 943 476 591 9") are an NHS number in
    // any grouping, whatever the check digit; not after an "[nhs-number]" marker, nor after
    // another marker that stands where digits were.
    const afterNhs = /nhs[^\d\]]{0,12}$/i.test(text.substring(index - 15, index));
    for (let number = longest; number; number = number.replace(/\D*\d+$/, '')) {
      const kind = classifyNumber(number, afterNhs);
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

/**
 * Names the kind of number that digit groups written this way (ASCII digits) are, if any;
 * `afterNhs`: the word "NHS" comes just before.
 */
function classifyNumber(number: string, afterNhs: boolean): RedactionKind | false {
  const digits = number.replace(/[^+\d]/g, '');
  // Real UK groupings start with a dialling code of three or more digits and never split to
  // single digits; dates and times ("01-02-2026 09:30") do not.
  // Other "+" numbers of 8–15 digits (E.164), grouped by spacing, dashes and brackets only:
  // "+26/11/2026" is not one.
  if (
    INTERNATIONAL_PHONE.test(digits) ||
    (/^\+(?!44)[1-9]\d{7,14}$/.test(digits) && !/[./_]/.test(number)) ||
    (/^\d{3,}(?:\D+\d\d+){0,3}$/.test(number) && NATIONAL_PHONE.test(digits))
  ) {
    return 'phone';
  }
  // Brackets belong to phone numbers only.
  if (/[+()]/.test(number)) return false;
  if (
    /^[1-9]\d{12,18}$/.test(digits) &&
    // Unbroken, in groups of three or more (4-4-4-4, Amex 4-6-5, Diners 4-6-4…), or in fours
    // with a shorter last group. No card number starts 19 or 20: "2023 2024 2025 2026" is a
    // list of years, whatever Luhn says.
    /^(?!(?:(?:19|20)\d\d(?:\D+|$))+$)(?:\d{3,}(?:\D+\d{3,})*|(?:\d{4}\D+)+\d{1,4})$/.test(number) &&
    // Luhn: every second digit from the right is doubled and the product's digits summed, which
    // for a product under 19 is one more than (product - 1) % 9, and 0 for 0. Four groups of
    // four are a card even when the check fails (residents mistype).
    ([...digits].reverse().reduce((total, digit, index) => total + ((+digit * (1 + (index % 2)) - 1) % 9) + 1, 0) % 10 == 0 ||
      /^\d{4}(?:\D+\d{4}){3}$/.test(number))
  ) {
    return 'card';
  }
  // Grouped 3-3-4, ten digits are an NHS number whatever the check digit; ungrouped, or in any
  // other groups of two digits or more, only with a valid one. NHS modulus 11: weighted 10 down to
  // 1 the digits must sum to a multiple of 11, so a check digit that would have to be 10 is never
  // valid.
  return (
    digits.length == 10 &&
    (/^\d{3}\D+\d{3}\D+\d{4}$/.test(number) ||
      afterNhs ||
      (/^\d\d+(?:\D+\d\d+)*$/.test(number) &&
        [...digits].reverse().reduce((total, digit, index) => total + +digit * (index + 1), 0) % 11 == 0)) &&
    'nhs-number'
  );
}
