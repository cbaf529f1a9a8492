// The shape of the message catalogue (src/generated/messages.ts, written by scripts/messages.js).

/**
 * One message: its text, or, when it has placeholders, its parts in order: text, and the
 * position (0, 1…) of each value in the English source, where that value goes.
 */
export type MessageText = string | readonly (string | number)[];

/** Every message by locale, then by id (the ids of msg() in the sources and of the XLIFF files). */
export interface Catalogue {
  /** The locale the sources are written in (`en`); it has every message. */
  sourceLocale: string;
  messages: Readonly<Record<string, Readonly<Record<string, MessageText>>>>;
}
