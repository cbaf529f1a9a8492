// Origins: how `WELCOMED_ORIGINS` (or the `origins` option) is read, and how a request's Origin
// header is compared with it.

/**
 * Parses a comma-separated list of origins such as `https://www.example.gov.uk, http://localhost:3000`
 * (or an array of them). Each is trimmed and normalised (lower-case host, default port dropped,
 * one trailing `/` allowed); empty entries are ignored; duplicates are dropped. Throws an Error
 * naming the setting (`name`) at the first entry that is not an origin.
 */
export function parseOrigins(list: string | readonly string[], name = 'origins'): string[] {
  const entries = typeof list === 'string' ? list.split(',') : list;
  const origins: string[] = [];
  for (const raw of entries) {
    const entry = raw.trim();
    if (entry === '') continue;
    const origin = toOrigin(entry);
    if (origin === undefined) {
      throw new Error(
        `${name}: "${entry}" is not an origin. Write each as scheme://host[:port] with http or https ` +
          'and nothing after the host (no path, query or wildcard), separated by commas, ' +
          'e.g. https://www.example.gov.uk,https://staging.example.gov.uk',
      );
    }
    if (!origins.includes(origin)) origins.push(origin);
  }
  return origins;
}

/** The normalised origin of `value`, or undefined if `value` is not exactly one origin. */
export function toOrigin(value: string): string | undefined {
  if (!/^https?:\/\/[^/?#\s]+\/?$/i.test(value)) return undefined;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return undefined;
  }
  if (url.username || url.password || url.hostname === '' || url.hostname.includes('*')) return undefined;
  return url.origin;
}
