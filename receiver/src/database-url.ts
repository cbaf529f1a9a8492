// PostgreSQL connection URLs (WELCOMED_DATABASE_URL, createReceiver's `databaseUrl`): checked
// before anything connects, and shown without their password wherever they are printed.

/** What a good URL looks like, as error messages say it. */
const EXAMPLE = 'postgres://user:password@host:5432/database';

/**
 * Checks a PostgreSQL URL: `postgres:` or `postgresql:`, with a host (in the address, or as
 * `?host=` for a Unix socket folder). Returns it trimmed; throws an Error that names `name` and
 * shows the value with its password hidden.
 */
export function checkDatabaseUrl(value: string, name: string): string {
  const text = value.trim();
  let url: URL | undefined;
  try {
    url = new URL(text);
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:')) {
    throw new Error(`${name} must be a PostgreSQL URL such as ${EXAMPLE}, not "${hidePassword(text)}".`);
  }
  if (url.hostname === '' && !url.searchParams.get('host')) {
    throw new Error(`${name} names no host: write it as ${EXAMPLE} (or ?host=/path/to/socket-folder), not "${hidePassword(text)}".`);
  }
  return text;
}

/** The URL with any password replaced by `***`: safe to print and log. */
export function hidePassword(text: string): string {
  try {
    const url = new URL(text);
    if (url.password !== '') url.password = '***';
    for (const key of ['password', 'sslpassword']) if (url.searchParams.has(key)) url.searchParams.set(key, '***');
    return url.toString().replaceAll('%2A%2A%2A', '***');
  } catch {
    // Not a URL: hide whatever sits between "user:" and "@".
    return text.replace(/(\/\/[^/:@]*):[^@]*@/, '$1:***@');
  }
}
