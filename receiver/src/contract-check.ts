// The receiver validates and redacts with the widget's contract as built (`welcomed/contract`,
// the widget's dist/contract/index.js). Without that build, importing the receiver fails with
// Node's own "Cannot find module" and a stack trace; the command line checks first, to say what
// to do in one line. This module imports nothing that needs the contract.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Where `welcomed/contract` resolves: the widget's built contract module. */
export const CONTRACT_MODULE = new URL(import.meta.resolve('welcomed/contract'));

/** Throws an Error saying to run `npm run build` when the contract module at `url` is missing. */
export function checkContractBuilt(url: URL = CONTRACT_MODULE): void {
  const path = fileURLToPath(url);
  if (!existsSync(path)) {
    throw new Error(
      `The receiver validates and redacts with the widget's contract, built to ${path}, which is missing: run npm run build first.`,
    );
  }
}
