import { html, nothing, type TemplateResult } from 'lit';

type HeadingTemplate = (part: string | typeof nothing, tabindex: number | typeof nothing, focus: boolean, text: string) => TemplateResult;

// One template per level: Lit cannot bind an element's name, and lit/static-html costs more
// than these (which compress to little: they differ by a digit).
const LEVELS: HeadingTemplate[] = [
  (part, tabindex, focus, text) => html`<h2 class="heading" part=${part} tabindex=${tabindex} ?data-focus-target=${focus}>${text}</h2>`,
  (part, tabindex, focus, text) => html`<h3 class="heading" part=${part} tabindex=${tabindex} ?data-focus-target=${focus}>${text}</h3>`,
  (part, tabindex, focus, text) => html`<h4 class="heading" part=${part} tabindex=${tabindex} ?data-focus-target=${focus}>${text}</h4>`,
  (part, tabindex, focus, text) => html`<h5 class="heading" part=${part} tabindex=${tabindex} ?data-focus-target=${focus}>${text}</h5>`,
  (part, tabindex, focus, text) => html`<h6 class="heading" part=${part} tabindex=${tabindex} ?data-focus-target=${focus}>${text}</h6>`,
];

/**
 * A heading of the prompt at `level` (2–6, the `heading-level` attribute), so the prompt fits the
 * page's own outline. A step's heading (`focus` given) is `part="heading"` and takes focus when
 * `focus` is true; without `focus` it is a plain heading (the error summary's title).
 */
export function heading(level: number, text: string, focus?: boolean): TemplateResult {
  const step = focus !== undefined;
  return LEVELS[level - 2]!(step ? 'heading' : nothing, step ? -1 : nothing, !!focus, text);
}
