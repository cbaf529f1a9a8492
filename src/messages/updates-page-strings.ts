// Words of the receiver's public page of a change (GET /changes/<change>, "You said, we did")
// that the widget never shows. Written with msg(), like fallback-strings.ts, so they are extracted
// and translated with every other message; scripts/locale-modules.js leaves them out of the
// widget's locale modules. The page's heading and status tags are the widget's own words
// (src/updates/strings.ts).
import { msg, str } from '@lit/localize';

/** Heading of what people told the service. */
export const youSaid = (): string =>
  msg('You said', { id: 'updates.page.you-said', desc: 'Heading on the public "You said, we did" page, above a summary of what residents told the service.' });

/** Heading of what the service did (status "change made"). */
export const weDid = (): string =>
  msg('We did', { id: 'updates.page.we-did', desc: 'Heading on the public "You said, we did" page, above what the service changed because of it.' });

/** Heading of what the service will do (statuses "listening" and "change planned"). */
export const weWill = (): string =>
  msg('We will', { id: 'updates.page.we-will', desc: 'Heading on the public "You said, we did" page, above what the service plans to do.' });

/** Heading of why nothing will change (status "no change"). */
export const whyNoChange = (): string =>
  msg('Why there will be no change', { id: 'updates.page.reason', desc: 'Heading on the public "You said, we did" page, above the service\'s reason for changing nothing.' });

/** Label of the update's status in the summary list. */
export const statusTerm = (): string =>
  msg('Status', { id: 'updates.page.status', desc: 'Label (in a list of label and value) of the status of the service\'s reply: Listening, Change planned, Change made or No change.' });

/** Label of the update's date in the summary list. */
export const dateTerm = (): string =>
  msg('Date', { id: 'updates.page.date', desc: 'Label (in a list of label and value) of the date the service\'s reply speaks for.' });

/** Heading of the earlier versions. */
export const history = (): string =>
  msg('Earlier versions of this reply', { id: 'updates.page.history', desc: 'Heading above the earlier versions of the service\'s reply, kept so readers can see what changed.' });

/** One earlier version's heading. */
export const versionHeading = (version: string, date: string): string =>
  msg(str`Version ${version}, ${date}`, { id: 'updates.page.version', desc: 'Heading of one earlier version of the reply. The placeholders are its number and its date, already formatted.' });

/** Heading of the figures. */
export const figuresHeading = (): string =>
  msg('What people told us', { id: 'updates.page.figures', desc: 'Heading above the headline figures: how many people answered and how many welcomed the change.' });

/** The headline figures. */
export const figures = (share: string, people: string, low: string, high: string, date: string): string =>
  msg(str`${share} of ${people} people who answered welcomed the change (between ${low} and ${high}, with 95% confidence), as of ${date}.`, {
    id: 'updates.page.figures.share',
    desc: 'Headline figures on the public page. Placeholders, in order: the share who welcomed the change (a percentage), the number of people, the lower and upper ends of the 95% confidence interval (percentages), and the date.',
  });

/** Instead of figures, when too few people answered. */
export const figuresSuppressed = (minimum: string): string =>
  msg(str`Fewer than ${minimum} people have answered, so no figures are shown, to protect their privacy.`, {
    id: 'updates.page.figures.suppressed',
    desc: 'Shown instead of the figures when fewer than the minimum (10) people answered. The placeholder is that minimum.',
  });

/** The rule behind the figures. */
export const figuresRule = (minimum: string): string =>
  msg(str`No figure about fewer than ${minimum} people is ever shown.`, {
    id: 'updates.page.figures.rule',
    desc: 'Note under the figures, saying small numbers are never published. The placeholder is the minimum (10).',
  });

/** The page of a change with no published reply. */
export const noUpdate = (): string =>
  msg('There is no published reply about this change.', {
    id: 'updates.page.none',
    desc: 'Shown on the public "You said, we did" page of a change when the service has published no reply (or withdrew it).',
  });
