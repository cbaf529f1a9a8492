// Creating, listing and revoking tokens, the same from the command line (token-command.ts) and
// from the admin API (routes/access.ts); each change is recorded in the audit trail.
import { LabelTakenError, type AccessStore, type TokenRecord } from '../store/access-store.js';
import { auditEntry } from './audit.js';
import { ROLES, isRole, parseScope, type Role } from './roles.js';
import { checkLabel, expiryAfter, generateToken, hashToken } from './tokens.js';

/** A token as shown to admins: everything but its hash. */
export type TokenInfo = Omit<TokenRecord, 'hash'>;

/** Why a token cannot be made as asked: its message can be shown as it is. */
export class TokenRequestError extends Error {
  override name = 'TokenRequestError';
}

export function tokenInfo(record: TokenRecord): TokenInfo {
  const { label, scopes, role, createdAt, lastUsedAt, expiresAt, revokedAt } = record;
  return { label, scopes, role, createdAt, lastUsedAt, expiresAt, revokedAt };
}

/** What a new token is to be. */
export interface NewToken {
  label: string;
  /** Change-id patterns, as a list or one text separated by commas or spaces. */
  scope: string | readonly string[];
  role: Role;
  /** Days until it expires; none: it does not. */
  expiresInDays?: number;
}

/** Who makes a change, as the audit trail records it. */
export interface Actor {
  actor: string;
  role: Role | null;
  scope: readonly string[] | null;
}

/**
 * Creates a token and records it in the audit trail; resolves with the token, which exists
 * nowhere else (only its hash is stored), and what is stored of it. Rejects with an Error saying
 * what is wrong with the label, scope, expiry, or that the label is taken.
 */
export async function createAccessToken(
  store: AccessStore,
  request: NewToken,
  by: Actor,
  now = new Date(),
): Promise<{ token: string; info: TokenInfo }> {
  let record: Omit<TokenRecord, 'lastUsedAt' | 'revokedAt'>;
  const token = generateToken();
  try {
    const scopes = parseScope(request.scope);
    // An admin manages tokens for every change, so its scope cannot be narrower than everything.
    if (request.role === 'admin' && !(scopes.length === 1 && scopes[0] === '*')) {
      throw new Error('an admin token sees every change: its scope must be *.');
    }
    if (!isRole(request.role)) throw new Error(`a role is one of ${ROLES.join(', ')}.`);
    record = {
      hash: hashToken(token),
      label: checkLabel(request.label),
      scopes,
      role: request.role,
      createdAt: now.toISOString(),
      expiresAt: request.expiresInDays === undefined ? null : expiryAfter(request.expiresInDays, now).toISOString(),
    };
  } catch (error) {
    throw new TokenRequestError((error as Error).message);
  }
  try {
    await store.createToken(record);
  } catch (error) {
    throw error instanceof LabelTakenError ? new TokenRequestError(error.message) : error;
  }
  const { label, scopes } = record;
  await store.appendAudit(
    auditEntry({ ...by, action: 'token-create', target: label, outcome: `ok: ${request.role}, ${scopes.join(' ')}` }, now),
  );
  return { token, info: tokenInfo({ ...record, lastUsedAt: null, revokedAt: null }) };
}

/** Revokes the token labelled `label`, at once, and records it; resolves with whether there was one. */
export async function revokeAccessToken(store: AccessStore, label: string, by: Actor, now = new Date()): Promise<boolean> {
  const revoked = await store.revokeToken(label, now);
  await store.appendAudit(auditEntry({ ...by, action: 'token-revoke', target: label, rows: revoked ? 1 : 0, outcome: revoked ? 'ok' : 'not found' }, now));
  return revoked;
}
