// Public entry point: importing it registers <welcomed-prompt>.
export { WelcomedPrompt } from './welcomed-prompt.js';
export type {
  WelcomedDeliveredDetail,
  WelcomedDismissDetail,
  WelcomedErrorDetail,
  WelcomedEventMap,
  WelcomedEventName,
  WelcomedQueuedDetail,
} from './events.js';
export {
  ANSWERS,
  COMMENT_MAX_LENGTH,
  FOLLOW_UPS,
  SCHEMA_VERSION,
  type AboutYou,
  type Answer,
  type FollowUp,
  type PanelContact,
  type WelcomedResponse,
} from './response.js';
export type { LocalizedText, Question, QuestionKind } from './questions.js';
export type { StringOverrides } from './i18n.js';
export { WIDGET_VERSION } from './version.js';
