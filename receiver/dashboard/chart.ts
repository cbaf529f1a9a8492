// The weekly chart: an SVG with a title and a description, points for the share who said yes
// and bars for its 95% interval. Suppressed weeks have no point. The figures themselves are in
// the table that goes with it.
import { html, nothing, svg, type TemplateResult } from 'lit';
import { isSuppressed, type WeekCell } from './api.js';
import { longDate, percent, shortDate } from './format.js';

const WIDTH = 300;
const HEIGHT = 190;
const LEFT = 40;
const RIGHT = 10;
const TOP = 10;
const BOTTOM = 36;
const PLOT_WIDTH = WIDTH - LEFT - RIGHT;
const PLOT_HEIGHT = HEIGHT - TOP - BOTTOM;
const GRID = [0, 0.25, 0.5, 0.75, 1];

type ShownWeek = WeekCell & { responses: number; welcomed: { share: number; low: number; high: number } };

/** One sentence or two saying what the chart shows, for its <desc>. */
export function describeWeeks(weeks: readonly WeekCell[]): string {
  if (weeks.length === 0) return 'No weeks to show.';
  const shown = weeks.filter((week): week is ShownWeek => !isSuppressed(week));
  const hidden = weeks.length - shown.length;
  const span =
    weeks.length === 1
      ? `The week starting ${longDate(weeks[0].start)}`
      : `From the week starting ${longDate(weeks[0].start)} to the week starting ${longDate(weeks[weeks.length - 1].start)}`;
  const counts = `${shown.length} ${shown.length === 1 ? 'week' : 'weeks'} shown, ${hidden} suppressed.`;
  if (shown.length === 0) return `${span}: ${counts}`;
  const lowest = shown.reduce((a, b) => (b.welcomed.share < a.welcomed.share ? b : a));
  const highest = shown.reduce((a, b) => (b.welcomed.share > a.welcomed.share ? b : a));
  const extremes =
    shown.length === 1
      ? `${percent(lowest.welcomed.share)} said yes.`
      : `Lowest ${percent(lowest.welcomed.share)} (week starting ${longDate(lowest.start)}), highest ${percent(highest.welcomed.share)} (week starting ${longDate(highest.start)}).`;
  return `${span}: ${counts} ${extremes}`;
}

export function weeklyChart(weeks: readonly WeekCell[], id: string): TemplateResult {
  const step = PLOT_WIDTH / Math.max(1, weeks.length);
  const x = (index: number) => LEFT + (index + 0.5) * step;
  const y = (value: number) => TOP + (1 - value) * PLOT_HEIGHT;
  const cap = Math.min(5, step / 3);
  // Label the first and last week, and a few between when there is room.
  const every = Math.max(1, Math.ceil(weeks.length / 4));
  const labelled = weeks.map((_, index) => index === weeks.length - 1 || (index % every === 0 && weeks.length - 1 - index >= every / 2));
  return html`<svg
    class="chart"
    viewBox="0 0 ${WIDTH} ${HEIGHT}"
    role="img"
    aria-labelledby="${id}-title ${id}-desc"
    focusable="false"
  >
    <title id="${id}-title">Share who said yes, by week</title>
    <desc id="${id}-desc">${describeWeeks(weeks)}</desc>
    ${GRID.map(
      (value) => svg`<line class="grid" x1=${LEFT} x2=${WIDTH - RIGHT} y1=${y(value)} y2=${y(value)}></line>
        <text class="axis" x=${LEFT - 6} y=${y(value) + 4} text-anchor="end">${percent(value)}</text>`,
    )}
    ${weeks.map((week, index) =>
      isSuppressed(week)
        ? nothing
        : svg`<g class="week">
            <line class="interval" x1=${x(index)} x2=${x(index)} y1=${y(week.welcomed.low)} y2=${y(week.welcomed.high)}></line>
            <line class="interval" x1=${x(index) - cap} x2=${x(index) + cap} y1=${y(week.welcomed.low)} y2=${y(week.welcomed.low)}></line>
            <line class="interval" x1=${x(index) - cap} x2=${x(index) + cap} y1=${y(week.welcomed.high)} y2=${y(week.welcomed.high)}></line>
            <circle class="point" cx=${x(index)} cy=${y(week.welcomed.share)} r="4"></circle>
          </g>`,
    )}
    ${weeks.map((week, index) =>
      labelled[index]
        ? svg`<text class="axis" x=${x(index)} y=${HEIGHT - BOTTOM + 16} text-anchor="middle">${shortDate(week.start)}</text>`
        : nothing,
    )}
    <text class="axis" x=${LEFT + PLOT_WIDTH / 2} y=${HEIGHT - 4} text-anchor="middle">Week starting</text>
  </svg>`;
}
