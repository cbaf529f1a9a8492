// Public entry point: importing it registers <welcomed-prompt>.
export { WelcomedPrompt } from './element/welcomed-prompt.js';
export type {
  WelcomedDeliveredDetail,
  WelcomedDismissDetail,
  WelcomedErrorDetail,
  WelcomedEventMap,
  WelcomedEventName,
  WelcomedQueuedDetail,
} from './element/events.js';
export { COMMENT_MAX_LENGTH } from './contract/limits.js';
export {
  ANSWERS,
  FOLLOW_UPS,
  SCHEMA_VERSION,
  type AboutYou,
  type Answer,
  type FollowUp,
  type PanelContact,
  type WelcomedResponse,
} from './contract/response.js';
export { WIDGET_VERSION } from './contract/version.js';
export type { LocalizedText, Question, QuestionKind } from './follow-up/questions.js';
export type { StringOverrides } from './i18n/i18n.js';
