// "You said, we did" in the prompt: the service's published reply to what people said about the
// change, fetched from the receiver's public JSON and shown as one line with its status and a
// link to the reply's page, on a page that opts in with the `updates` attribute. Loaded with a
// dynamic import() after an answer, or, with `updates`, for a browser that answered within
// `remember` days (without it, the module returns at once and asks for nothing).
//
// The request is the public JSON alone: no cookies (`credentials: 'omit'`), no referrer, no id,
// nothing about the resident. Both addresses are beside the endpoint, as the reference receiver
// serves them: `<endpoint>/../changes/<change>/update` and `<endpoint>/../../changes/<change>`
// (`/api/responses` gives `/api/changes/<change>/update` and `/changes/<change>`).
import { html, nothing, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { followUpStrings } from '../generated/follow-up-locale-loaders.js';
import { isLocaleReady, loadLocale } from '../i18n/i18n.js';
import * as strings from './strings.js';

/** What the line needs of the receiver's public JSON. */
interface PublicUpdate {
  status: strings.UpdateStatus;
}

const STATUSES: readonly string[] = ['listening', 'change-planned', 'change-made', 'no-change'];

/** Where the public JSON of `change`'s update is, beside `endpoint`. */
export function updateAddress(endpoint: string, change: string): URL {
  return new URL(`changes/${encodeURIComponent(change)}/update`, endpoint);
}

/** Where the public page of `change`'s update is, beside `endpoint`, in `locale`. */
export function pageAddress(endpoint: string, change: string, locale: string): string {
  const page = new URL(`../changes/${encodeURIComponent(change)}`, endpoint);
  page.searchParams.set('lang', locale);
  return page.href;
}

const liveRegion = (content: unknown) => html`<div role="status">${content}</div>`;

/** What this module reads and calls on the prompt (its private members too, by name). */
export interface UpdateHost extends ReactiveControllerHost {
  config: { endpoint: string; change: string } | null;
  locale: string;
  /** Null for a browser that answered on an earlier visit (the prompt shows only this line). */
  response: object | null;
  updateView?: TemplateResult;
  /** Its `inLocale` runs msg() in the prompt's locale, with the web team's own wording. */
  flowHost(): { inLocale<T>(words: () => T): T };
}

/**
 * Fetches `change`'s published update and sets the prompt's line: in the thank-you after an
 * answer, or alone in the prompt's box for a browser that answered before. Nothing when there is
 * none (a 404, a network error, anything unexpected): the prompt shows what it would without it.
 * The line follows the prompt's locale (a controller rebuilds it when that changes), and waits
 * for that locale's words rather than flash English. The prompt loads this module only where the
 * page set `updates`.
 */
export async function showUpdate(host: UpdateHost): Promise<void> {
  const { endpoint, change } = host.config!;
  const returning = !host.response;
  // For a browser that answered before, a polite live region at once, empty: the line is
  // announced when it arrives in it (one template, so the region stays the same element).
  if (returning) {
    host.updateView = liveRegion(nothing);
    host.requestUpdate();
  }
  let update: PublicUpdate;
  try {
    const reply = await fetch(updateAddress(endpoint, change), { credentials: 'omit', referrerPolicy: 'no-referrer' });
    if (!reply.ok) return;
    update = (await reply.json()) as PublicUpdate;
    if (!STATUSES.includes(update?.status)) return;
  } catch {
    // No line: the update is a courtesy, never a reason for an error.
    return;
  }
  let shownIn = '';
  const build = () => {
    const locale = host.locale;
    if (!isLocaleReady(locale, followUpStrings)) {
      loadLocale(locale, followUpStrings).then(() => host.requestUpdate(), () => undefined);
      return;
    }
    shownIn = locale;
    // dir="auto": the line's own script says its direction, whatever the page's.
    const line = host.flowHost().inLocale(
      () => html`<p part="update" class="update" lang=${locale} dir="auto">
        <strong>${strings.updatesHeading()}:</strong> ${strings.statusLabel(update.status)}.
        <a href=${pageAddress(endpoint, change, locale)}>${strings.updatesLink()}</a>
      </p>`,
    );
    host.updateView = returning ? liveRegion(html`<div part="container" class="prompt">${line}</div>`) : line;
  };
  host.addController({
    hostUpdate: () => {
      if (host.locale !== shownIn) build();
    },
  });
  host.requestUpdate();
}
