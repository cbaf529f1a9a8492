// `welcomed/contract`: what the widget and any receiver agree on, with no DOM code — the
// payload's type and JSON Schema, its vocabularies, limits and patterns, and the redaction of
// free text. The reference receiver imports all of it from here.
export * from './about-you.js';
export * from './limits.js';
export * from './panel.js';
export * from './patterns.js';
export { findRedactions, redact, redactWithin, type Redaction, type RedactionKind } from './redact.js';
export { answerKeyMarker, redactAnswerKey, redactPage, redactResponse } from './redact-response.js';
export * from './response.js';
export { responseSchema } from './schema.js';
export { WIDGET_VERSION } from './version.js';
export * from './impression.js';
export { DAY_PATTERN, impressionSchema } from './impression-schema.js';
