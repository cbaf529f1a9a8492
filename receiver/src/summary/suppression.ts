// Disclosure control (README.md "Reading the results"):
//  - A cell — a change, a week, a group — describing fewer than `MIN_CELL` (10) responses is
//    returned as `{ suppressed: true }`, never as a number.
//  - Every breakdown (weeks, and each `about` question with "not answered" as one more group)
//    adds up to the change's published total, so one suppressed cell could be recovered by
//    subtraction. Complementary suppression hides the smallest shown cell too, and repeats,
//    until the suppressed cells of the breakdown hold at least 2 non-empty cells and at least
//    `MIN_CELL` responses between them: what subtraction gives is then a sum over ≥ 10 people,
//    never one small cell.

/** Smallest number of responses a published figure may describe. */
export const MIN_CELL = 10;

/**
 * Which cells of one breakdown to suppress, when the breakdown's total is published (true:
 * suppress that cell).
 *
 * Primary: every cell under `minCell` (an empty cell too: "suppressed" never says whether a
 * group is empty). Complementary: while the suppressed cells include a non-empty one but hold
 * fewer than 2 non-empty cells or fewer than `minCell` responses in all, the smallest shown
 * cell (the first, on a tie) is suppressed as well. Then total − Σ shown is a sum over at least
 * 2 non-empty cells and `minCell` responses, and no cell under `minCell` can be read from it.
 * Empty cells alone need no cover: subtraction would only show that they are empty.
 */
export function suppressCells(counts: readonly number[], minCell: number = MIN_CELL): boolean[] {
  const hidden = counts.map((count) => count < minCell);
  const exposed = () => {
    let sum = 0;
    let nonEmpty = 0;
    let small = false;
    counts.forEach((count, index) => {
      if (!hidden[index] || count === 0) return;
      sum += count;
      nonEmpty += 1;
      if (count < minCell) small = true;
    });
    return small && (nonEmpty < 2 || sum < minCell);
  };
  while (exposed()) {
    let smallest = -1;
    counts.forEach((count, index) => {
      if (!hidden[index] && (smallest === -1 || count < counts[smallest])) smallest = index;
    });
    if (smallest === -1) break; // everything is suppressed
    hidden[smallest] = true;
  }
  return hidden;
}
