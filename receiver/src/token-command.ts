// `welcomed-receiver token create|list|revoke` (`npm run receiver -- token …`): manages the
// access tokens of the database the environment names (WELCOMED_DB or WELCOMED_DATABASE_URL).
// `create` prints the new token once, on its last line; nothing else ever shows it again.
import { parseArgs } from 'node:util';
import { COMMAND_LINE_ACTOR } from './access/audit.js';
import { createAccessToken, revokeAccessToken, tokenInfo } from './access/manage.js';
import { ROLES, describeAccess, isRole } from './access/roles.js';
import { parseExpiryDays } from './access/tokens.js';
import { readDatabaseOptions } from './settings.js';
import { describeDatabase, openStore } from './store/open.js';

export const TOKEN_USAGE = `Usage:
  welcomed-receiver token create --label <label> --scope <pattern>[,<pattern>…] --role <${ROLES.join('|')}> [--expires <days>d]
  welcomed-receiver token list
  welcomed-receiver token revoke <label>
The database is WELCOMED_DB (a SQLite file) or WELCOMED_DATABASE_URL (PostgreSQL), as for the receiver.`;

const BY = { actor: COMMAND_LINE_ACTOR, role: null, scope: null };

/** Runs `token <args>`; resolves with the exit code. Throws an Error for wrong arguments. */
export async function tokenCommand(args: string[], print: (line: string) => void = console.log, env = process.env): Promise<number> {
  const [action, ...rest] = args;
  const { values, positionals } = parseArgs({
    args: rest,
    options: {
      label: { type: 'string' },
      scope: { type: 'string', multiple: true },
      role: { type: 'string' },
      expires: { type: 'string' },
    },
    allowPositionals: true,
    strict: true,
  });
  if (action === 'create') {
    if (!values.label || !values.scope || !values.role || positionals.length > 0) throw new Error(`token create needs --label, --scope and --role.\n${TOKEN_USAGE}`);
    if (!isRole(values.role)) throw new Error(`--role must be one of ${ROLES.join(', ')}, not "${values.role}".`);
    const expiresInDays = values.expires === undefined ? undefined : parseExpiryDays(values.expires);
    const request = { label: values.label, scope: values.scope, role: values.role, expiresInDays };
    return withStore(env, async (store, where) => {
      const { token, info } = await createAccessToken(store, request, BY);
      print(`Created the token "${info.label}" (${describeAccess(info.role, info.scopes)}) in ${where}, ${info.expiresAt ? `expiring ${info.expiresAt}` : 'with no expiry'}.`);
      print('It is shown this once and stored only as a hash: copy it now. The token:');
      print(token);
      return 0;
    });
  }
  if (action === 'list') {
    if (positionals.length > 0 || Object.keys(values).length > 0) throw new Error(`token list takes no arguments.\n${TOKEN_USAGE}`);
    return withStore(env, async (store) => {
      const tokens = (await store.listTokens()).map(tokenInfo);
      if (tokens.length === 0) print('No tokens (WELCOMED_ADMIN_TOKEN works as ever).');
      const now = Date.now();
      for (const token of tokens) {
        const state = token.revokedAt
          ? `revoked ${token.revokedAt}`
          : token.expiresAt && Date.parse(token.expiresAt) <= now
            ? `expired ${token.expiresAt}`
            : `expires ${token.expiresAt ?? 'never'}`;
        print(
          [token.label, `role ${token.role}`, `scope ${token.scopes.join(' ')}`, `created ${token.createdAt}`, `last used ${token.lastUsedAt ?? 'never'}`, state].join('\t'),
        );
      }
      return 0;
    });
  }
  if (action === 'revoke') {
    if (positionals.length !== 1 || Object.keys(values).length > 0) throw new Error(`token revoke needs the token's label.\n${TOKEN_USAGE}`);
    return withStore(env, async (store) => {
      if (!(await revokeAccessToken(store, positionals[0]!, BY))) {
        print(`No token labelled "${positionals[0]}" is in use: nothing revoked (token list shows them).`);
        return 1;
      }
      print(`Revoked the token "${positionals[0]}": it is refused from now on.`);
      return 0;
    });
  }
  throw new Error(`token needs create, list or revoke.\n${TOKEN_USAGE}`);
}

async function withStore(
  env: NodeJS.ProcessEnv,
  run: (store: Awaited<ReturnType<typeof openStore>>, where: string) => Promise<number>,
): Promise<number> {
  const database = readDatabaseOptions(env);
  const store = await openStore(database);
  try {
    return await run(store, describeDatabase(database));
  } finally {
    await store.close();
  }
}
