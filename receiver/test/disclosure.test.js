// @ts-check
// Suppression that survives arithmetic, attacked as an analyst holding one change's summary would:
// for random seeded data (fast-check), every combination of published figures — the total, each
// shown week and group, "not answered", and the dependent disability question — is tried, and none
// may give the number of responses, or of "yes" answers, of a set of between 1 and 9 people.
//
// The attack is exact linear algebra, not a list of tricks. Every published figure counts the
// responses (and the "yes" answers: each shown cell gives its share and its size) in a set of
// groups of one characteristic: a week, an age band, an ethnic group, or one of the disability
// answers. A set's count can be worked out from the figures exactly when its indicator is a
// linear combination of theirs — every sum and subtraction there is. For one characteristic that
// is checked for every set of its groups. Across characteristics nothing more can be had: any
// combination of figures about different characteristics that is a count of some set of people
// is a count of a set of one characteristic alone (a sum f(age) + g(ethnic group) that is 0 or 1
// for every combination of the two must have f or g constant), because any combination of
// characteristics can occur. The one exception is built into the data: the impact question is
// asked only after "yes" to the condition question, so the two form one characteristic with
// eight groups (yes/a lot, yes/a little, yes/not at all, yes/prefer not to say, yes/not answered,
// no, prefer not to say, not answered), and each published disability figure is a set of those.
//
// The figures added by issue 17 are in the system too: each group compared with everyone else
// publishes "everyone else" (the total, or the "yes" group for the impact question, less that
// group) as one more figure; and a week's response rate, with that week's views, gives the week's
// number of responses, so a rate may only be published where that number is.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { GROUPS, MIN_CELL, NOT_ANSWERED, isoWeek, summarizeChange } from 'welcomed-receiver';

const DAY = 24 * 60 * 60 * 1000;
const START = Date.UTC(2026, 8, 7); // a Monday
const PREFER = 'prefer-not-to-say';
/** The disability questions as one characteristic: see the comment at the top. */
const DISABILITY = [
  ...GROUPS.disabilityImpact.map((impact) => `yes/${impact}`),
  ...GROUPS.disabled.filter((group) => group !== 'yes'),
];

/**
 * One response as the widget sends it: any answer, a week, and the equality questions each
 * answered, skipped ("not answered") or missing altogether; the impact question only after "yes".
 */
const responseArbitrary = fc.record({
  answer: fc.constantFrom('yes', 'partly', 'no', 'unsure'),
  week: fc.nat({ max: 5 }),
  about: fc.option(
    fc.record(
      {
        ageBand: fc.constantFrom(...GROUPS.ageBand.filter((group) => group !== NOT_ANSWERED)),
        disabled: fc.constantFrom('yes', 'yes', 'yes', 'no', PREFER),
        disabilityImpact: fc.constantFrom('a-lot', 'a-little', 'not-at-all', PREFER),
        ethnicGroup: fc.constantFrom(...GROUPS.ethnicGroup.filter((group) => group !== NOT_ANSWERED)),
      },
      { requiredKeys: [] },
    ),
    { freq: 4 },
  ),
});

/** Data sets of 10 to 140 responses, often dominated by a few groups so that others are small. */
const dataArbitrary = fc
  .tuple(fc.array(responseArbitrary, { minLength: 1, maxLength: 12 }), fc.array(fc.nat({ max: 11 }), { minLength: 10, maxLength: 140 }))
  .map(([kinds, picks]) =>
    picks.map((pick) => {
      const { answer, week, about } = kinds[pick % kinds.length];
      const at = new Date(START + week * 7 * DAY + (pick % 7) * DAY).toISOString();
      /** @type {Record<string, string> | null} */
      let shaped = about ? { ...about } : null;
      // The widget asks the impact question only after "yes", and drops its answer otherwise.
      if (shaped && shaped.disabled !== 'yes') delete shaped.disabilityImpact;
      if (shaped && Object.keys(shaped).length === 0) shaped = null;
      return { answer, about: shaped, answeredAt: at, receivedAt: at };
    }),
  );

/** Each response's group in each characteristic. */
function characteristics(/** @type {{ answer: string, about: Record<string, string> | null, answeredAt: string }} */ row) {
  const about = row.about ?? {};
  const disabled = about.disabled ?? NOT_ANSWERED;
  return {
    week: isoWeek(Date.parse(row.answeredAt)).week,
    ageBand: about.ageBand ?? NOT_ANSWERED,
    ethnicGroup: about.ethnicGroup ?? NOT_ANSWERED,
    disability: disabled === 'yes' ? `yes/${about.disabilityImpact ?? NOT_ANSWERED}` : disabled,
  };
}

/**
 * What the summary publishes, as equations per characteristic: the set of its groups each figure
 * counts, how many responses it says are in it, and how many said yes.
 * @param {any} summary
 * @returns {Record<string, { groups: string[], figures: { set: Set<string>, n: number, yes: number, what: string }[] }>}
 */
function publishedEquations(summary) {
  /** @param {any} cell */
  const yesOf = (cell) => Math.round(cell.welcomed.share * cell.responses);
  const total = (/** @type {string[]} */ groups) => ({ set: new Set(groups), n: summary.responses, yes: summary.answers.yes, what: 'total' });
  const weeks = summary.weeks.map((/** @type {any} */ cell) => cell.week);
  /** @type {Record<string, { groups: string[], figures: { set: Set<string>, n: number, yes: number, what: string }[] }>} */
  const system = {
    week: { groups: weeks, figures: [total(weeks)] },
    ageBand: { groups: [...GROUPS.ageBand], figures: [total([...GROUPS.ageBand])] },
    ethnicGroup: { groups: [...GROUPS.ethnicGroup], figures: [total([...GROUPS.ethnicGroup])] },
    disability: { groups: DISABILITY, figures: [total(DISABILITY)] },
  };
  for (const cell of summary.weeks) {
    if (!cell.suppressed) system.week.figures.push({ set: new Set([cell.week]), n: cell.responses, yes: yesOf(cell), what: cell.week });
  }
  for (const field of /** @type {const} */ (['ageBand', 'ethnicGroup'])) {
    for (const cell of summary.groups[field]) {
      if (!cell.suppressed) system[field].figures.push({ set: new Set([cell.group]), n: cell.responses, yes: yesOf(cell), what: `${field} ${cell.group}` });
    }
  }
  for (const cell of summary.groups.disabled) {
    if (cell.suppressed) continue;
    const set = cell.group === 'yes' ? DISABILITY.filter((group) => group.startsWith('yes/')) : [cell.group];
    system.disability.figures.push({ set: new Set(set), n: cell.responses, yes: yesOf(cell), what: `disabled ${cell.group}` });
  }
  // Groups compared: "everyone else" is one more figure (its share gives its "yes" count).
  const othersYes = (/** @type {any} */ row) => Math.round(row.othersWelcomed * row.othersResponses);
  for (const row of summary.differences?.ageBand ?? []) {
    system.ageBand.figures.push({ set: new Set(GROUPS.ageBand.filter((group) => group !== row.group)), n: row.othersResponses, yes: othersYes(row), what: `others than age ${row.group}` });
  }
  for (const row of summary.differences?.ethnicGroup ?? []) {
    system.ethnicGroup.figures.push({ set: new Set(GROUPS.ethnicGroup.filter((group) => group !== row.group)), n: row.othersResponses, yes: othersYes(row), what: `others than ethnic ${row.group}` });
  }
  for (const row of summary.differences?.disabled ?? []) {
    const own = row.group === 'yes' ? DISABILITY.filter((group) => group.startsWith('yes/')) : [row.group];
    system.disability.figures.push({ set: new Set(DISABILITY.filter((group) => !own.includes(group))), n: row.othersResponses, yes: othersYes(row), what: `others than disabled ${row.group}` });
  }
  for (const row of summary.differences?.disabilityImpact ?? []) {
    const set = DISABILITY.filter((group) => group.startsWith('yes/') && group !== `yes/${row.group}`);
    system.disability.figures.push({ set: new Set(set), n: row.othersResponses, yes: othersYes(row), what: `others than impact ${row.group}` });
  }
  // The impact question's groups: within "yes" when the summary says so (its own "not answered"
  // is those who said yes and skipped it); otherwise, as published before, over everyone, where
  // "not answered" also holds everyone who did not say yes.
  const withinYes = summary.within?.disabilityImpact?.disabled === 'yes';
  for (const cell of summary.groups.disabilityImpact) {
    if (cell.suppressed) continue;
    const set =
      withinYes || cell.group !== NOT_ANSWERED
        ? [`yes/${cell.group}`]
        : [`yes/${NOT_ANSWERED}`, ...DISABILITY.filter((group) => !group.startsWith('yes/'))];
    system.disability.figures.push({ set: new Set(set), n: cell.responses, yes: yesOf(cell), what: `impact ${cell.group}` });
  }
  return system;
}

/**
 * If `target` (0/1 per group) is a linear combination of the figures' sets, its coefficients;
 * else null. Gaussian elimination on small systems, in floating point with a tolerance.
 * @param {number[][]} rows the figures' sets as 0/1 vectors
 * @param {number[]} target
 */
function combination(rows, target) {
  const m = rows.length;
  const k = target.length;
  // Solve Aᵀc = target: columns are the figures.
  const matrix = Array.from({ length: k }, (_, j) => [...rows.map((row) => row[j]), target[j]]);
  const pivots = [];
  let r = 0;
  for (let c = 0; c < m && r < k; c++) {
    let best = r;
    for (let i = r + 1; i < k; i++) if (Math.abs(matrix[i][c]) > Math.abs(matrix[best][c])) best = i;
    if (Math.abs(matrix[best][c]) < 1e-9) continue;
    [matrix[r], matrix[best]] = [matrix[best], matrix[r]];
    const pivot = matrix[r][c];
    for (let j = c; j <= m; j++) matrix[r][j] /= pivot;
    for (let i = 0; i < k; i++) {
      if (i === r || Math.abs(matrix[i][c]) < 1e-12) continue;
      const factor = matrix[i][c];
      for (let j = c; j <= m; j++) matrix[i][j] -= factor * matrix[r][j];
    }
    pivots.push(c);
    r++;
  }
  for (let i = r; i < k; i++) if (Math.abs(matrix[i][m]) > 1e-9) return null;
  const coefficients = new Array(m).fill(0);
  pivots.forEach((c, i) => (coefficients[c] = matrix[i][m]));
  return coefficients;
}

/**
 * Every set of groups, of every characteristic, whose count of responses and of "yes" answers the
 * published figures give away, with those counts (as worked out from the figures) and the truth.
 * @param {any} summary
 * @param {ReturnType<typeof characteristics>[]} rows
 * @param {string[]} answers
 */
function recoverable(summary, rows, answers) {
  const found = [];
  for (const [name, { groups, figures }] of Object.entries(publishedEquations(summary))) {
    const vectors = figures.map((figure) => groups.map((group) => (figure.set.has(group) ? 1 : 0)));
    for (let mask = 1; mask < 2 ** groups.length; mask++) {
      const target = groups.map((_, index) => (mask >> index) & 1);
      const coefficients = combination(vectors, target);
      if (!coefficients) continue;
      const chosen = groups.filter((_, index) => target[index]);
      const n = Math.round(coefficients.reduce((sum, c, i) => sum + c * figures[i].n, 0));
      const yes = Math.round(coefficients.reduce((sum, c, i) => sum + c * figures[i].yes, 0));
      const members = rows.map((row, index) => ({ row, index })).filter(({ row }) => chosen.includes(/** @type {any} */ (row)[name]));
      const truth = { n: members.length, yes: members.filter(({ index }) => answers[index] === 'yes').length };
      found.push({ characteristic: name, groups: chosen, n, yes, truth });
    }
  }
  return found;
}

test('no sum or difference of one change\'s published figures gives the count, or the "yes" count, of 1 to 9 people', () => {
  let attacked = 0;
  fc.assert(
    fc.property(dataArbitrary, (data) => {
      // Views per week: three per response, give or take, and a few weeks with fewer than 10.
      const impressions = Array.from({ length: 7 }, (_, week) => ({
        day: new Date(START + week * 7 * DAY).toISOString().slice(0, 10),
        count: data.filter((row) => Date.parse(row.answeredAt) - START < (week + 1) * 7 * DAY && Date.parse(row.answeredAt) >= START + week * 7 * DAY).length * 3 + ((week * 5) % 9),
      }));
      const summary = /** @type {any} */ (summarizeChange('c', data, { impressions }));
      if (summary.suppressed) return true;
      attacked += 1;
      // A week's rate gives its responses (rate × views): only where the week's count is published.
      for (const week of summary.views.weeks) {
        if (week.suppressed || week.responseRate === null) continue;
        const cell = summary.weeks.find((/** @type {any} */ candidate) => candidate.week === week.week);
        const answered = Math.round(week.responseRate.share * week.impressions);
        if (answered === 0 && !cell) continue;
        assert.ok(cell && !cell.suppressed && cell.responses === answered, `week ${week.week}: a rate gives ${answered} responses, which are not published`);
      }
      for (const week of summary.views.weeks) {
        assert.ok(week.suppressed || week.impressions >= MIN_CELL, `week ${week.week}: ${week.impressions} views published`);
      }
      const rows = data.map(characteristics);
      for (const found of recoverable(summary, rows, data.map((row) => row.answer))) {
        // What the attacker works out is what is true (the figures are right)…
        assert.deepEqual({ n: found.n, yes: found.yes }, found.truth, JSON.stringify(found));
        // …and is never about fewer than MIN_CELL people (an empty set tells nothing about anyone).
        assert.ok(
          found.n === 0 || found.n >= MIN_CELL,
          `${found.characteristic} ${found.groups.join(' + ')}: ${found.n} responses, ${found.yes} "yes", recovered`,
        );
      }
      return true;
    }),
    { seed: 20261126, numRuns: 400, includeErrorInReport: true },
  );
  assert.ok(attacked > 300, `${attacked} summaries attacked`);
});

test('the review\'s attack: "impact: not answered" minus the published "no" group no longer bounds the hidden groups', () => {
  // 60 said no; 40 yes (impact: 20 a lot, 20 a little); 3 preferred not to say; 2 did not answer.
  const at = new Date(START).toISOString();
  const row = (/** @type {string} */ answer, /** @type {Record<string, string> | null} */ about) => ({ answer, about, answeredAt: at, receivedAt: at });
  const data = [
    ...Array.from({ length: 60 }, (_, i) => row(i < 30 ? 'yes' : 'no', { disabled: 'no' })),
    ...Array.from({ length: 20 }, () => row('yes', { disabled: 'yes', disabilityImpact: 'a-lot' })),
    ...Array.from({ length: 20 }, () => row('no', { disabled: 'yes', disabilityImpact: 'a-little' })),
    ...Array.from({ length: 3 }, () => row('yes', { disabled: PREFER })),
    ...Array.from({ length: 2 }, () => row('yes', null)),
  ];
  const summary = /** @type {any} */ (summarizeChange('c', data));
  assert.deepEqual(summary.within, { disabilityImpact: { disabled: 'yes' } });
  const impact = Object.fromEntries(summary.groups.disabilityImpact.map((/** @type {any} */ cell) => [cell.group, cell]));
  // "Not answered" now counts only those who said yes and skipped the question: here, none.
  assert.equal(impact[NOT_ANSWERED].suppressed, true);
  const found = recoverable(summary, data.map(characteristics), data.map((r) => r.answer)).filter((f) => f.n > 0 && f.n < MIN_CELL);
  assert.deepEqual(found, []);
});
