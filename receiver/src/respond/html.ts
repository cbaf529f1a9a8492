// The one way the form's pages are written: an `html` template tag that escapes every value it
// is given, unless the value was itself made by `html`. No other code in the receiver writes
// markup, so nothing a resident, a link or a registry supplies can become markup.

/** Markup made by `html`: safe to put in a page as it is. */
export class Markup {
  constructor(readonly text: string) {}

  toString(): string {
    return this.text;
  }
}

/** What may go in an `html` template: text (escaped), numbers, markup, lists of them, or nothing. */
export type HtmlValue = Markup | string | number | false | null | undefined | readonly HtmlValue[];

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** `text` with the five characters that mean something in HTML text and quoted attributes escaped. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => ESCAPES[character]!);
}

function render(value: HtmlValue): string {
  if (value instanceof Markup) return value.text;
  if (Array.isArray(value)) return value.map(render).join('');
  if (value === false || value === null || value === undefined) return '';
  return escapeHtml(String(value));
}

/**
 * A template tag: `html\`<p class="hint">${text}</p>\`` escapes `text`. Nested `html` results and
 * lists are kept as markup; `false`, `null` and `undefined` write nothing, so
 * `${error && html\`…\`}` is the way to write something only sometimes. Attribute values must be
 * written in double quotes.
 */
export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): Markup {
  let text = strings[0]!;
  values.forEach((value, index) => {
    text += render(value) + strings[index + 1]!;
  });
  return new Markup(text);
}
