// The about-you step: optional equality monitoring (age band, disability, ethnic group), each
// question with "Prefer not to say", a one-line reason and a link to the privacy notice. Sent in
// the payload's `about`. A module of its own, fetched only by pages whose `follow-up` has
// `about-you` (and only once the user has answered).
import { html, type TemplateResult } from 'lit';
import * as strings from './about-you-strings.js';
import type { FollowUpStep, ResponseAdditions, StepContext } from './step.js';
import { choiceGroup, privacyLink } from './form-parts.js';
import { optionalMark, privacyLinkText } from './form-strings.js';
import { ABOUT_GROUPS, PREFER_NOT_TO_SAY, type AboutYou } from '../contract/about-you.js';

/** The ages that bound each age band of the payload (ABOUT_GROUPS.ageBand). */
const AGE_BOUNDS: Record<string, { from?: number; to?: number }> = {
  'under-18': { to: 18 },
  '18-24': { from: 18, to: 24 },
  '25-34': { from: 25, to: 34 },
  '35-44': { from: 35, to: 44 },
  '45-54': { from: 45, to: 54 },
  '55-64': { from: 55, to: 64 },
  '65-74': { from: 65, to: 74 },
  '75-plus': { from: 75 },
};

export function aboutYouStep(context: StepContext): FollowUpStep {
  const chosen: AboutYou = {};

  const ageLabel = (value: string): string => {
    const band = AGE_BOUNDS[value]!;
    const locale = context.locale();
    if (band.from === undefined) return strings.ageUnder(locale, band.to!);
    if (band.to === undefined) return strings.ageOver(locale, band.from);
    return strings.ageBetween(locale, band.from, band.to);
  };

  const group = (field: keyof AboutYou, legend: string, options: { value: string; label: string }[]): TemplateResult =>
    choiceGroup({
      id: `about-${field}`,
      legend: `${legend} ${optionalMark()}`,
      options,
      multiple: false,
      chosen: new Set(chosen[field] ? [chosen[field]!] : []),
      error: '',
      onChange: (value) => {
        (chosen as Record<string, string>)[field] = value as string;
        context.update();
      },
    });

  const labelled = (values: readonly string[]) => values.map((value) => ({ value, label: strings.aboutOption(value) }));

  return {
    heading: strings.aboutHeading,

    intro: () => html`
      <div class="intro">
        <p class="hint">${strings.aboutReason()}</p>
        <p>${privacyLink(context.privacyUrl, privacyLinkText())}</p>
      </div>
    `,

    // Every question is optional: there is nothing to fix.
    problems: () => [],

    // The second disability question follows the first straight away, and only after "Yes"
    // (the GOV.UK conditional-reveal pattern, without moving focus).
    fields: () => html`
      ${group(
        'ageBand',
        strings.ageQuestion(),
        ABOUT_GROUPS.ageBand.map((value) =>
          value === PREFER_NOT_TO_SAY ? labelled([value])[0]! : { value, label: ageLabel(value) },
        ),
      )}
      ${group('disabled', strings.conditionQuestion(), labelled(ABOUT_GROUPS.disabled))}
      ${chosen.disabled === 'yes' ? group('disabilityImpact', strings.impactQuestion(), labelled(ABOUT_GROUPS.disabilityImpact)) : ''}
      ${group('ethnicGroup', strings.ethnicQuestion(), labelled(ABOUT_GROUPS.ethnicGroup))}
    `,

    collect(): ResponseAdditions {
      const about: AboutYou = { ...chosen };
      // Only someone with a condition is asked how it affects them.
      if (about.disabled !== 'yes') delete about.disabilityImpact;
      return Object.keys(about).length ? { about } : {};
    },
  };
}
