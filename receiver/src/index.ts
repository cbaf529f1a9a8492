// welcomed-receiver: the reference receiver for <welcomed-prompt>, as a library. The command line
// is main.ts (`welcomed-receiver`).
export { createReceiver } from './app.js';
export { checkAdminToken, GENERATE_TOKEN_COMMAND, MIN_TOKEN_LENGTH, TOKEN_PATTERN } from './admin-token.js';
export { MIN_TOKEN_BITS, tokenStrength, type TokenPattern, type TokenStrength } from './token-strength.js';
export { CONTRACT_MODULE, MESSAGES_MODULE, checkContractBuilt } from './contract-check.js';
export { CSV_COLUMNS, neutraliseFormula, toCsv } from './csv.js';
export { HttpError, describeError, type ErrorBody, type ErrorDetail } from './http-errors.js';
export {
  DEFAULT_CONTACT_DAYS,
  DEFAULT_DATABASE_POOL,
  DEFAULT_MIN_ANSWER_MS,
  DEFAULT_RATE_LIMIT,
  DEFAULT_TIMEOUTS,
  type RateLimit,
  type Timeouts,
  type ReceiverOptions,
} from './options.js';
export { parseOrigins, toOrigin } from './origins.js';
export { ADMIN_RATE_LIMIT } from './plugins/rate-limits.js';
export { API_CSP } from './plugins/security-headers.js';
export { parsePayload } from './plugins/json-bodies.js';
export { DASHBOARD_CSP } from './routes/dashboard.js';
export { FALLBACK_WIDGET, FORM_BODY_MAX_BYTES, FORM_CSP } from './routes/respond.js';
export {
  DESCRIPTION_MAX_LENGTH,
  QUESTION_MAX_LENGTH,
  parseRegistry,
  type ChangeDefinition,
  type ChangeRegistry,
  type LocalizedText,
} from './respond/change-config.js';
export { checkFormKeys, generateFormKey } from './respond/form-keys.js';
export { FORM_TOKEN_MAX_AGE_MS, FormTokens, type TokenCheck } from './respond/form-token.js';
export type { FormOptions } from './respond/options.js';
export { loadRegistry } from './respond/registry-file.js';
export type { FormSettings } from './respond/settings.js';
export { MAX_DETAILS } from './routes/response-body.js';
export { DEFAULT_LIST_LIMIT, MAX_LIST_LIMIT } from './routes/responses.schemas.js';
export { generateAdminToken, readDbPath, readSettings, type Environment, type Settings } from './settings.js';
export { isSpam } from './spam.js';
export { startReceiver, type StartHooks } from './start.js';
export { openSqliteStore, type SqliteStore } from './store/sqlite-store.js';
export { openPgStore, type PgStore, type PgStoreOptions } from './store/pg-store.js';
export { PG_SCHEMA_VERSION, migrate as migratePostgres } from './store/pg-schema.js';
export { DATABASE_VERSION as SQLITE_SCHEMA_VERSION } from './store/sqlite-schema.js';
export { describeDatabase, openStore, type DatabaseOptions } from './store/open.js';
export { copyStore, type CopyReport } from './store/copy.js';
export { migrateStore } from './migrate-store.js';
export { checkDatabaseUrl, hidePassword } from './database-url.js';
export type * from './store/store.js';
export { UPDATE_STATUSES, type NewUpdateVersion, type UpdateStatus, type UpdateStore, type UpdateText, type UpdateVersion } from './store/updates.js';
export { AWAITING_THRESHOLD, PUBLIC_MAX_AGE } from './routes/updates.js';
export { PUBLISHED_BY_MAX_LENGTH, UPDATE_TEXT_MAX_LENGTH } from './updates/input.js';
export type { PublicFigures, PublicUpdate, PublicVersion } from './updates/public-update.js';
export { MIN_CELL, suppressCells } from './summary/suppression.js';
export { COMMENT_LIMIT, ChangeTally, GROUPS, NOT_ANSWERED, summarizeChange, summarizeChanges, summarizeCounts } from './summary/summarize.js';
export { ASKED_WITHIN, aboutGroups, weekStart } from './summary/cells.js';
export { effectiveTime, isoWeek, parseTimestamp } from './summary/time.js';
export type * from './summary/types.js';
export { Z_95, wilson } from './summary/wilson.js';
export { ROLES, parseScope, roleAllows, scopeMatcher, SCOPE_PATTERN, type Role } from './access/roles.js';
export { hashToken, generateToken } from './access/tokens.js';
export { AUDIT_ACTIONS, AUDIT_CSV_COLUMNS, BOOTSTRAP_ACTOR, COMMAND_LINE_ACTOR, UNKNOWN_ACTOR, DEFAULT_AUDIT_DAYS } from './access/audit.js';
export { createAccessToken, revokeAccessToken, type TokenInfo } from './access/manage.js';
export { tokenCommand } from './token-command.js';
export type * from './store/access-store.js';
export { newcombe, type Difference } from './summary/newcombe.js';
export { responseRate, summarizeViews } from './summary/views.js';
export { compareGroups } from './summary/differences.js';
export type * from './store/impressions.js';
export { countedDay } from './routes/impressions.js';
