// The dashboard's "Groups compared" part: for each equality question, each published group's
// share saying yes minus everyone else's, with its 95% interval (Newcombe's method 10), and in
// words whether the difference is beyond what chance alone would often give. Renders into
// <welcomed-dashboard>'s shadow root, with its styles.
import { css, html } from 'lit';
import { ABOUT_FIELDS, type ChangeSummary } from './api.js';
import { groupCaption, groupLabel, percent } from './format.js';

/** A difference in percentage points, signed: `+12`, `−5`, `0`. */
export function points(value: number): string {
  const rounded = Math.round(value * 100);
  return rounded > 0 ? `+${rounded}` : rounded < 0 ? `−${-rounded}` : '0';
}

/**
 * Styles of this part, added to the dashboard's: a wide table scrolls inside its box on a narrow
 * screen (WCAG 1.4.10 allows it for data tables), so the page itself never scrolls sideways.
 */
export const differencesStyles = css`
  .table-scroll {
    max-width: 100%;
    overflow-x: auto;
  }
`;

/** The groups-compared section of a change's summary. */
export function groupDifferencesSection(summary: ChangeSummary) {
  const fields = ABOUT_FIELDS.filter((field) => summary.differences[field].length > 0);
  return html`
    <h3 class="heading-m">Groups compared</h3>
    <p class="body">
      Each group's share saying yes minus everyone else's who answered about this change, in percentage points, with
      its 95% confidence interval. Only groups whose figures are published are compared. "Differs beyond chance"
      means the interval does not include 0; with several groups, one such result in twenty can still be chance.
    </p>
    ${fields.length === 0
      ? html`<p class="body">No group has enough responses to be compared yet.</p>`
      : fields.map(
          (field) => html`<div class="table-scroll" role="region" tabindex="0" aria-label="${groupCaption(summary, field)}: compared with everyone else"><table class="table">
            <caption class="caption">${groupCaption(summary, field)}: compared with everyone else</caption>
            <thead>
              <tr>
                <th scope="col">Group</th>
                <th scope="col" class="numeric">Said yes</th>
                <th scope="col" class="numeric">Everyone else</th>
                <th scope="col" class="numeric">Difference (95% interval)</th>
                <th scope="col">In words</th>
              </tr>
            </thead>
            <tbody>
              ${summary.differences[field].map(
                (row) => html`<tr>
                  <th scope="row">${groupLabel(row.group)}</th>
                  <td class="numeric">${percent(row.welcomed)}</td>
                  <td class="numeric">${percent(row.othersWelcomed)}</td>
                  <td class="numeric">
                    ${points(row.difference)} <span class="range">(${points(row.low)} to ${points(row.high)})</span>
                  </td>
                  <td>
                    ${row.differs
                      ? html`<strong>${row.difference > 0 ? 'More likely' : 'Less likely'} to say yes: differs beyond chance</strong>`
                      : 'No clear difference'}
                  </td>
                </tr>`,
              )}
            </tbody>
          </table></div>`,
        )}
  `;
}
