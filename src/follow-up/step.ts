// What a follow-up step is, apart from the flow that runs the steps: the flow imports the steps
// on demand and the steps import only this, so there is no import circle between them.
import type { TemplateResult } from 'lit';
import type { WelcomedResponse } from '../contract/response.js';
import type { Problem } from './form-parts.js';

/** What a step adds to the response when it is sent. */
export type ResponseAdditions = Partial<Pick<WelcomedResponse, 'comment' | 'answers' | 'about' | 'panel'>>;

/** What a step is given when it is made. */
export interface StepContext {
  /** The prompt's locale now (it can change while a step is on screen). */
  locale: () => string;
  /** Runs `words` in the prompt's locale (for msg() outside a render). */
  inLocale: <T>(words: () => T) => T;
  /** Re-render the prompt after the step's state changed. */
  update: () => void;
  /** The organisation's privacy notice (set whenever about-you or panel is configured). */
  privacyUrl: string;
}

/** One follow-up step. Its render functions are called inside withLocale(). */
export interface FollowUpStep {
  heading(): string;
  /** What sits between the heading and the form (the about-you step's reason, say). */
  intro?(): TemplateResult;
  /** What must be fixed before the step can be sent, in the order of its fields. */
  problems(): Problem[];
  /** The step's fields; `errorFor(field)` is the problem to show at a field, or `''`. */
  fields(errorFor: (field: string) => string): TemplateResult;
  /** What the step adds to the response; `{}` when the user gave nothing. */
  collect(): ResponseAdditions;
  /** Stops the step's timers when the prompt leaves the page. */
  dispose?(): void;
}
