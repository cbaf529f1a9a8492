// How much personal data redaction catches, and how much ordinary text it changes, measured on
// the two corpora in test/fixtures/redaction/ with the contract as built (welcomed/contract).
// Prints both rates, per kind and overall, and fails below the goals. Re-measure with:
//   npm run build && node --test test/contract/redaction-rates.test.js
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { findRedactions, redact } from 'welcomed/contract';

/** Share of personal-data entries that must be caught, and most of ordinary sentences that may change. */
const CATCH_GOAL = 0.95;
const CHANGE_LIMIT = 0.02;

const corpus = (name) => JSON.parse(readFileSync(new URL(`../fixtures/redaction/${name}.json`, import.meta.url), 'utf8'));
const personalData = corpus('personal-data');
const ordinaryText = corpus('ordinary-text');

/**
 * Caught: `redact` puts the expected marker in, and every letter and digit of the identifier
 * (where the sentence holds it) lies inside a stretch that `findRedactions` gives that kind.
 */
function isCaught({ kind, text, value }) {
  const start = text.indexOf(value);
  const stretches = findRedactions(text).filter((found) => found.kind === kind);
  const covered = (index) => stretches.some((found) => found.start <= index && index < found.end);
  let index = start;
  for (const character of value) {
    if (/[\p{L}\p{N}]/u.test(character) && !covered(index)) return false;
    index += character.length;
  }
  return redact(text).includes(`[${kind}]`);
}

const percent = (part, whole) => `${((100 * part) / whole).toFixed(1)}%`;

test('the corpora are what their README says', () => {
  assert.ok(personalData.length >= 200, `${personalData.length} personal-data entries`);
  assert.ok(ordinaryText.length >= 50, `${ordinaryText.length} ordinary sentences`);
  const kinds = new Set(personalData.map((entry) => entry.kind));
  assert.deepEqual([...kinds].sort(), ['card', 'email', 'nhs-number', 'ni-number', 'phone', 'postcode']);
  for (const entry of personalData) {
    assert.equal(typeof entry.variant, 'string');
    assert.ok(entry.beyondReview === undefined || entry.beyondReview === true);
    assert.ok(entry.text.includes(entry.value), `${JSON.stringify(entry.text)} holds ${JSON.stringify(entry.value)}`);
  }
});

test(`redaction catches at least ${CATCH_GOAL * 100}% of personal data and changes at most ${CHANGE_LIMIT * 100}% of ordinary text`, () => {
  const byKind = new Map();
  const missed = [];
  for (const entry of personalData) {
    const tally = byKind.get(entry.kind) ?? { caught: 0, total: 0 };
    byKind.set(entry.kind, tally);
    tally.total += 1;
    if (isCaught(entry)) tally.caught += 1;
    else missed.push(entry);
  }
  const changed = ordinaryText.filter(({ text }) => redact(text) !== text);
  const caught = personalData.length - missed.length;

  const lines = ['Redaction rates (test/fixtures/redaction/):'];
  for (const [kind, tally] of [...byKind].sort()) {
    lines.push(`  ${kind.padEnd(11)} caught ${String(tally.caught).padStart(3)} of ${String(tally.total).padStart(3)}  ${percent(tally.caught, tally.total)}`);
  }
  lines.push(`  ${'overall'.padEnd(11)} caught ${String(caught).padStart(3)} of ${String(personalData.length).padStart(3)}  ${percent(caught, personalData.length)}`);
  const beyond = personalData.filter((entry) => entry.beyondReview);
  const beyondCaught = beyond.filter((entry) => !missed.includes(entry)).length;
  lines.push(`    of which written in ways beyond the review's list: caught ${beyondCaught} of ${beyond.length}`);
  lines.push(`  ordinary sentences changed: ${changed.length} of ${ordinaryText.length}  ${percent(changed.length, ordinaryText.length)}`);
  for (const { kind, variant, text } of missed) lines.push(`  missed ${kind} (${variant}): ${JSON.stringify(text)} → ${JSON.stringify(redact(text))}`);
  for (const { variant, text } of changed) lines.push(`  changed (${variant}): ${JSON.stringify(text)} → ${JSON.stringify(redact(text))}`);
  console.log(lines.join('\n'));

  assert.ok(caught / personalData.length >= CATCH_GOAL, `caught ${percent(caught, personalData.length)}, below the goal of ${CATCH_GOAL * 100}%`);
  assert.ok(
    changed.length / ordinaryText.length <= CHANGE_LIMIT,
    `changed ${percent(changed.length, ordinaryText.length)} of ordinary sentences, over the limit of ${CHANGE_LIMIT * 100}%`,
  );
});

test('redacting twice changes nothing more, on both corpora', () => {
  for (const { text } of [...personalData, ...ordinaryText]) {
    const once = redact(text);
    assert.equal(redact(once), once, JSON.stringify(text));
  }
});
