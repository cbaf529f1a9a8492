// Groups compared, not just listed: for each equality question, each published group's welcomed
// share minus everyone else's, with a 95% interval by Newcombe's method 10 (newcombe.ts), and
// whether the interval excludes 0 — a difference beyond what chance alone would often give.
//
// Disclosure: only groups the summary publishes are compared, and "everyone else" is the published
// total (the change's, or the published group a question is asked within) less that group, so
// every figure here can already be worked out from published figures: nothing about a suppressed
// group is added. A comparison whose "everyone else" holds fewer than the minimum cell is left out.
import { ABOUT_FIELDS, type AboutField } from 'welcomed/contract';
import { parentOf } from './cells.js';
import { newcombe } from './newcombe.js';
import { round4 } from './wilson.js';
import type { AboutGroup, CellCount, Differences, GroupCell, GroupDifference, NotAnswered } from './types.js';

/**
 * Compares each published group of each question with the rest. `cells` are each question's raw
 * counts (groups and "not answered"), `published` the summary's groups, `total` the change's count.
 */
export function compareGroups(
  cells: Record<AboutField, readonly ({ group: GroupCell['group'] } & CellCount)[]>,
  published: Record<AboutField, readonly GroupCell[]>,
  total: CellCount,
  minCell: number,
  notAnswered: NotAnswered,
): Differences {
  const differences = {} as Differences;
  for (const field of ABOUT_FIELDS) {
    differences[field] = [];
    const parent = parentOf(field);
    let within = total;
    if (parent) {
      const parentCell = published[parent[0]].find((cell) => cell.group === parent[1]);
      const raw = cells[parent[0]].find((cell) => cell.group === parent[1]);
      if (!parentCell || 'suppressed' in parentCell || !raw) continue;
      within = raw;
    }
    for (const cell of cells[field]) {
      const shown = published[field].find((candidate) => candidate.group === cell.group);
      if (cell.group === notAnswered || !shown || 'suppressed' in shown) continue;
      const others = { n: within.n - cell.n, yes: within.yes - cell.yes };
      if (others.n < minCell) continue;
      const { difference, low, high } = newcombe(cell.yes, cell.n, others.yes, others.n);
      const row: GroupDifference = {
        group: cell.group as AboutGroup,
        responses: cell.n,
        welcomed: round4(cell.yes / cell.n),
        othersResponses: others.n,
        othersWelcomed: round4(others.yes / others.n),
        difference: round4(difference),
        low: round4(low),
        high: round4(high),
        differs: low > 0 || high < 0,
      };
      differences[field].push(row);
    }
  }
  return differences;
}
