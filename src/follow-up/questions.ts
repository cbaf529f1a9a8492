// A web team's extra questions: checked (pure) and turned into payload answers. Loaded with the
// follow-up step, so pages where nobody answers never download it.
import { ANSWER_ITEM_MAX_LENGTH } from '../contract/limits.js';
import { QUESTION_ID_PATTERN } from '../contract/patterns.js';

/** Kinds of extra question. */
export type QuestionKind = 'choice' | 'choices' | 'text';

/** Text in one language, or by locale (`{ "en": "…", "cy": "…" }`). */
export type LocalizedText = string | Record<string, string>;

/** One extra question, as a web team configures it. */
export interface Question {
  /** Key of the answer in the payload's `answers`: 1–50 of `A-Za-z0-9._-`. */
  id: string;
  kind: QuestionKind;
  label: LocalizedText;
  /** For `choice` and `choices`: the options, each a value sent and a label shown. */
  options?: { value: string; label: LocalizedText }[];
  required?: boolean;
}

const KINDS: readonly string[] = ['choice', 'choices', 'text'];

/**
 * Keeps the well-formed questions (at most 10) and names what is wrong with the others, so
 * the prompt still works without a bad question.
 */
export function checkQuestions(value: unknown): { questions: Question[]; problems: string[] } {
  const problems: string[] = [];
  if (!Array.isArray(value)) {
    return { questions: [], problems: value === undefined ? [] : ['`questions` must be an array of questions, so it is ignored.'] };
  }
  const questions: Question[] = [];
  value.slice(0, 10).forEach((item: unknown, index) => {
    const problem = questionProblem(item, questions);
    if (problem) problems.push(`\`questions[${index}]\` ${problem}, so that question is left out.`);
    else questions.push(item as Question);
  });
  if (value.length > 10) problems.push('`questions` has more than 10 questions; the rest are left out.');
  return { questions, problems };
}

function questionProblem(item: unknown, accepted: Question[]): string {
  if (!item || typeof item !== 'object') return 'is not an object';
  const question = item as Partial<Question>;
  if (typeof question.id !== 'string' || !QUESTION_ID_PATTERN.test(question.id)) return 'needs an `id` of 1–50 of A-Z a-z 0-9 . _ -';
  if (accepted.some((other) => other.id === question.id)) return `repeats the id "${question.id}"`;
  if (!KINDS.includes(question.kind as string)) return 'needs a `kind`: "choice", "choices" or "text"';
  if (!isLocalizedText(question.label)) return 'needs a `label`: text, or text by locale';
  if (question.required !== undefined && typeof question.required !== 'boolean') return 'has a `required` that is not true or false';
  if (question.kind === 'text') return question.options === undefined ? '' : 'is a text question, which takes no `options`';
  const options = question.options;
  if (!Array.isArray(options) || options.length < 2 || options.length > 20) return 'needs 2–20 `options`';
  const values = new Set<string>();
  for (const option of options) {
    if (!option || typeof option.value !== 'string' || !option.value || option.value.length > ANSWER_ITEM_MAX_LENGTH) {
      return `has an option whose \`value\` is not text of 1–${ANSWER_ITEM_MAX_LENGTH} characters`;
    }
    if (values.has(option.value)) return `repeats the option value "${option.value.slice(0, 40)}"`;
    values.add(option.value);
    if (!isLocalizedText(option.label)) return `has an option "${option.value.slice(0, 40)}" without a \`label\``;
  }
  return '';
}

function isLocalizedText(value: unknown): value is LocalizedText {
  if (typeof value === 'string') return value.trim() !== '';
  return (
    !!value &&
    typeof value === 'object' &&
    !Array.isArray(value) &&
    Object.values(value).length > 0 &&
    Object.values(value).every((text) => typeof text === 'string' && text.trim() !== '')
  );
}

/** The text for `locale`: its own, else its language's, else English, else the first given. */
export function textIn(text: LocalizedText, locale: string): string {
  if (typeof text === 'string') return text;
  return text[locale] ?? text[locale.split('-')[0]!] ?? text.en ?? Object.values(text)[0]!;
}
