// Who may do what: the four roles, each holding every power of the one before it, and the scope
// of a token, one or more change-id patterns. No Node APIs here: the dashboard imports it too.

/** The roles, least powerful first; each can do all that the roles before it can. */
export const ROLES = ['viewer', 'analyst', 'manager', 'admin'] as const;

/**
 * A token's role. `viewer`: summaries, comments and the dashboard for its scope. `analyst`: also
 * the answers as JSON or CSV, without contact details. `manager`: also contact details, erasure
 * and publishing. `admin`: everything, every change, and managing tokens and reading the audit trail.
 */
export type Role = (typeof ROLES)[number];

/** True when `role` has every power of `needed`. */
export function roleAllows(role: Role, needed: Role): boolean {
  return ROLES.indexOf(role) >= ROLES.indexOf(needed);
}

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/**
 * A scope pattern: a change id (1 to 100 characters of A-Z a-z 0-9 . _ : -) in which `*` stands
 * for any run of those characters, none included. Nothing else is special: `.` is a dot.
 */
export const SCOPE_PATTERN = /^[A-Za-z0-9._:*-]{1,100}$/;

/** Most patterns one token's scope may hold. */
export const MAX_SCOPE_PATTERNS = 20;

/** What a scope pattern may be, in words. */
export const SCOPE_RULE = `1 to 100 characters of A-Z a-z 0-9 . _ : - and * (any characters), at most ${MAX_SCOPE_PATTERNS} of them`;

/**
 * The scope patterns in `text` (separated by commas or spaces), checked; throws an Error saying
 * what a pattern may be when one does not fit.
 */
export function parseScope(text: string | readonly string[]): string[] {
  const patterns = (typeof text === 'string' ? [text] : text).flatMap((part) => part.split(/[\s,]+/)).filter((part) => part !== '');
  if (patterns.length === 0 || patterns.length > MAX_SCOPE_PATTERNS || !patterns.every((pattern) => SCOPE_PATTERN.test(pattern))) {
    throw new Error(`a scope is one or more change-id patterns, each ${SCOPE_RULE}.`);
  }
  return [...new Set(patterns)];
}

/**
 * A test of whether a change id is in the scope `patterns`: each pattern must match the whole id,
 * `*` standing for any characters (none included) and every other character for itself.
 */
export function scopeMatcher(patterns: readonly string[]): (change: string) => boolean {
  if (patterns.includes('*')) return () => true;
  const expressions = patterns.map(
    (pattern) => new RegExp(`^${pattern.split('*').map((part) => part.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&')).join('.*')}$`, 's'),
  );
  return (change) => expressions.some((expression) => expression.test(change));
}

/** "viewer, garden-waste-*" — how the dashboard and the command line say what a token may see. */
export function describeAccess(role: Role, scopes: readonly string[]): string {
  return `${role}, ${scopes.join(' ')}`;
}
