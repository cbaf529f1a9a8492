// The receiver validates and redacts with the widget's contract as built (`welcomed/contract`,
// the widget's dist/contract/index.js). Without that build, importing the receiver fails with
// Node's own "Cannot find module" and a stack trace; the command line checks first, to say what
// to do in one line. This module imports nothing that needs the contract.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Where `welcomed/contract` resolves: the widget's built contract module. */
export const CONTRACT_MODULE = new URL(import.meta.resolve('welcomed/contract'));

/** Where `welcomed/messages` resolves: the widget's words, which the no-JavaScript form speaks. */
export const MESSAGES_MODULE = new URL(import.meta.resolve('welcomed/messages'));

/**
 * Throws an Error saying to run `npm run build` when the contract module at `url`, or the message
 * catalogue at `messages`, is missing.
 */
export function checkContractBuilt(url: URL = CONTRACT_MODULE, messages: URL = MESSAGES_MODULE): void {
  const path = fileURLToPath(url);
  if (!existsSync(path)) {
    throw new Error(
      `The receiver validates and redacts with the widget's contract, built to ${path}, which is missing: run npm run build first.`,
    );
  }
  const catalogue = fileURLToPath(messages);
  if (!existsSync(catalogue)) {
    throw new Error(`The receiver's form speaks the widget's words, built to ${catalogue}, which is missing: run npm run build first.`);
  }
}
