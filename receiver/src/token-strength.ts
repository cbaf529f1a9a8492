// How hard an admin token is to guess: an estimate, in bits, of what a guesser must still try
// once they try the patterns people use first — a character or chunk repeated, a run such as
// abcd or 4321, a keyboard row such as qwerty, a common word such as password (l33t spellings
// included). Each such stretch costs a few bits; every other character costs log2 of the
// alphabet its classes span. A random token scores about its true entropy (a generated one,
// about 256 bits); `0000000000000000` or `password12345678` score under 20. No Node APIs here.

/** Fewest estimated bits an admin token must have. */
export const MIN_TOKEN_BITS = 64;

/** What made a token weak, in the words an error message uses. */
export type TokenPattern = 'repeated characters' | 'a run such as abcd or 1234' | 'a keyboard row such as qwerty' | 'a common word';

/** A token's estimated strength, and the patterns that lowered it. */
export interface TokenStrength {
  bits: number;
  patterns: TokenPattern[];
}

/** Shortest stretch counted as a pattern. */
const MIN_PATTERN = 4;

const KEYBOARD_ROWS = ['1234567890', 'qwertyuiop', 'asdfghjkl', 'zxcvbnm'].flatMap((row) => [
  row,
  [...row].reverse().join(''),
]);

/** Words people put in tokens, and the first a guesser tries (compared in lower case). */
const COMMON_WORDS = [
  'password', 'passwd', 'pass', 'secret', 'token', 'bearer', 'admin', 'administrator', 'root',
  'user', 'guest', 'login', 'access', 'master', 'default', 'changeme', 'letmein', 'welcome',
  'welcomed', 'receiver', 'dashboard', 'survey', 'feedback', 'council', 'service', 'test',
  'testing', 'example', 'demo', 'local', 'localhost', 'staging', 'production', 'development',
  'qwerty', 'dragon', 'monkey', 'iloveyou', 'love', 'football', 'baseball', 'sunshine',
  'princess', 'shadow', 'superman', 'trustno', 'starwars', 'whatever', 'freedom', 'hello',
  'summer', 'winter', 'spring', 'autumn', 'london', 'england', 'wales', 'cymru', 'company',
  'computer', 'internet', 'abcd',
];

// Digits and signs read as the letters they stand for (p4ssw0rd).
const LEET: Readonly<Record<string, string>> = { 0: 'o', 1: 'i', 3: 'e', 4: 'a', 5: 's', 7: 't', 8: 'b', 9: 'g', '+': 't' };

interface Match {
  length: number;
  bits: number;
  pattern: TokenPattern;
}

/**
 * Estimates how many bits a guesser needs for `token` (its trailing `=` padding left out), and
 * names the patterns that made it weaker than its length suggests.
 */
export function tokenStrength(token: string): TokenStrength {
  const text = token.replace(/=+$/, '');
  const perCharacter = Math.log2(alphabetSize(text));
  const plain = [...text.toLowerCase()].map((character) => LEET[character] ?? character).join('');
  const patterns = new Set<TokenPattern>();
  let bits = 0;
  for (let index = 0; index < text.length; ) {
    const match = longestPattern(text, plain, index, perCharacter);
    if (match) {
      bits += match.bits;
      patterns.add(match.pattern);
      index += match.length;
    } else {
      bits += perCharacter;
      index += 1;
    }
  }
  return { bits: Math.floor(bits), patterns: [...patterns] };
}

/** The size of the alphabet `text`'s character classes span (at least 2). */
function alphabetSize(text: string): number {
  let size = 0;
  if (/[a-z]/.test(text)) size += 26;
  if (/[A-Z]/.test(text)) size += 26;
  if (/[0-9]/.test(text)) size += 10;
  if (/[^A-Za-z0-9]/.test(text)) size += 6;
  return Math.max(2, size);
}

/** The longest pattern starting at `index` (the cheapest of equals), if any. */
function longestPattern(text: string, plain: string, index: number, perCharacter: number): Match | undefined {
  const candidates: Match[] = [];

  // The text so far, repeated: "aaaa", "abab", "Summer2026Summer2026".
  for (let period = 1; period <= Math.min(index, 32); period += 1) {
    let length = 0;
    while (index + length < text.length && text[index + length] === text[index + length - period]) length += 1;
    if (length >= MIN_PATTERN) {
      candidates.push({ length, bits: 1 + Math.log2(period) + Math.log2(length), pattern: 'repeated characters' });
    }
  }

  // Code points going up or down one at a time: "abcdef", "87654".
  const step = (text.codePointAt(index + 1) ?? NaN) - (text.codePointAt(index) ?? NaN);
  if (step === 1 || step === -1) {
    let length = 2;
    while (index + length < text.length && text.charCodeAt(index + length) - text.charCodeAt(index + length - 1) === step) {
      length += 1;
    }
    if (length >= MIN_PATTERN) {
      candidates.push({ length, bits: perCharacter + 1 + Math.log2(length), pattern: 'a run such as abcd or 1234' });
    }
  }

  // A stretch of a keyboard row, either way: "qwerty", "lkjhg".
  for (const row of KEYBOARD_ROWS) {
    let length = 0;
    const start = row.indexOf(plain[index] ?? '');
    while (start >= 0 && index + length < plain.length && row[start + length] === plain[index + length]) length += 1;
    if (length >= MIN_PATTERN) {
      candidates.push({
        length,
        bits: Math.log2(KEYBOARD_ROWS.length * 10) + Math.log2(length),
        pattern: 'a keyboard row such as qwerty',
      });
    }
  }

  // A common word, in any case and spelling.
  for (const word of COMMON_WORDS) {
    if (!plain.startsWith(word, index)) continue;
    const original = text.slice(index, index + word.length);
    const variations = (original !== original.toLowerCase() ? 1 : 0) + (original.toLowerCase() !== word ? 1 : 0);
    candidates.push({ length: word.length, bits: Math.log2(COMMON_WORDS.length) + variations, pattern: 'a common word' });
  }

  let best: Match | undefined;
  for (const candidate of candidates) {
    if (!best || candidate.length > best.length || (candidate.length === best.length && candidate.bits < best.bits)) {
      best = candidate;
    }
  }
  return best;
}
