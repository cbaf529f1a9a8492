// Never trust the client: free text is redacted again here with the widget's own code, and a
// response whose text had to be redacted is flagged `pii`.
import { ANSWER_ITEM_MAX_LENGTH, COMMENT_MAX_LENGTH, redactWithin, type WelcomedResponse } from 'welcomed/contract';

/**
 * Redacts the free text of a response (its `comment`, and the text answers to extra questions)
 * with the widget's own rules, keeping each within the schema's limit; `panel` holds contact
 * details given with consent and is kept. Returns a copy, and `pii`: whether anything was redacted.
 */
export function redactFreeText(response: WelcomedResponse): { redacted: WelcomedResponse; pii: boolean } {
  let pii = false;
  const clean = (text: string, limit: number) => {
    const redacted = redactWithin(text, limit);
    if (redacted === text) return text;
    pii = true;
    return redacted;
  };
  const redacted = { ...response };
  if (typeof response.comment === 'string') redacted.comment = clean(response.comment, COMMENT_MAX_LENGTH);
  if (response.answers !== undefined) {
    redacted.answers = Object.fromEntries(
      Object.entries(response.answers).map(([question, answer]) => [
        question,
        typeof answer === 'string'
          ? clean(answer, COMMENT_MAX_LENGTH)
          : answer.map((item) => clean(item, ANSWER_ITEM_MAX_LENGTH)),
      ]),
    );
  }
  return { redacted, pii };
}
