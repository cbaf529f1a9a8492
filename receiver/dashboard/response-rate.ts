// The dashboard's "Who saw the question" part: views counted by the widget, the response rate
// with its 95% interval, overall and by week, and a plain sentence about non-response. Renders
// into <welcomed-dashboard>'s shadow root, with its styles.
import { html, nothing } from 'lit';
import { isSuppressed, type ChangeSummary } from './api.js';
import { count, mediumDate, percent, range } from './format.js';

/** `4,137` → `about 4,100`; below 100, the exact number. */
export function about(value: number): string {
  if (value < 100) return count(value);
  const step = 10 ** (Math.floor(Math.log10(value)) - 1);
  return `about ${count(Math.round(value / step) * step)}`;
}

/** The sentence under the response rate. */
export function responseRateSentence(summary: ChangeSummary): string {
  const { impressions, responses, responseRate } = summary.views;
  if (impressions === 0) {
    return `No views of the question were counted, so the response rate is not known. People who answer may differ from those who did not.`;
  }
  const seen = `The question was seen ${about(impressions)} ${impressions === 1 ? 'time' : 'times'}`;
  if (responseRate === null) {
    return `${seen}, and ${count(responses)} people answered: more answers than counted views, so no response rate is given (answers from the form without JavaScript, older widgets, pages with counting turned off and browsers that ask not to be tracked have no view counted).`;
  }
  return `${seen}, and ${count(responses)} answered (${percent(responseRate.share)}). People who answer may differ from those who did not.`;
}

/** The response-rate section of a change's summary. */
export function responseRateSection(summary: ChangeSummary) {
  const { views } = summary;
  return html`
    <h3 class="heading-m">Who saw the question</h3>
    <p class="body" id="response-rate">
      ${views.responseRate
        ? html`Response rate: <strong>${percent(views.responseRate.share)}</strong> (95% confidence interval
            ${range(views.responseRate)}): ${count(views.responses)} responses from ${count(views.impressions)} views.`
        : nothing}
      ${responseRateSentence(summary)}
    </p>
    <p class="hint">
      A view is counted when at least half of the question has been on screen for a second. Someone who saw it on
      several pages counts each time; visits not in the sample, browsers sending Global Privacy Control and pages with
      counting turned off count none.
    </p>
    ${views.weeks.length
      ? html`<details class="details views-details">
          <summary class="details-summary">Show the views and response rate by week</summary>
          <div class="details-text">
            <table class="table">
              <caption class="caption">Views and response rate, by week</caption>
              <thead>
                <tr>
                  <th scope="col">Week starting</th>
                  <th scope="col" class="numeric">Views</th>
                  <th scope="col" class="numeric">Response rate (95% interval)</th>
                </tr>
              </thead>
              <tbody>
                ${views.weeks.map(
                  (week) => html`<tr>
                    <th scope="row">${mediumDate(week.start)}</th>
                    ${isSuppressed(week)
                      ? html`<td class="suppressed" colspan="2">Suppressed</td>`
                      : html`<td class="numeric">${count(week.impressions)}</td>
                          <td class="numeric">
                            ${week.responseRate
                              ? html`${percent(week.responseRate.share)} <span class="range">(${range(week.responseRate)})</span>`
                              : 'Not given'}
                          </td>`}
                  </tr>`,
                )}
              </tbody>
            </table>
          </div>
        </details>`
      : nothing}
  `;
}
