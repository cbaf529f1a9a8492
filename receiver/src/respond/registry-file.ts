// WELCOMED_CHANGES: the registry of changes read from its JSON file when the receiver starts.
import { readFile } from 'node:fs/promises';
import { parseRegistry, type ChangeRegistry } from './change-config.js';

/** Reads and checks the registry file; throws an Error that names WELCOMED_CHANGES and the problem. */
export async function loadRegistry(path: string): Promise<ChangeRegistry> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new Error(`WELCOMED_CHANGES: cannot read ${path} (${(error as NodeJS.ErrnoException).code ?? 'error'}).`, { cause: error });
  }
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new Error(`WELCOMED_CHANGES: ${path} is not JSON (${(error as Error).message}).`, { cause: error });
  }
  return parseRegistry(json, `WELCOMED_CHANGES (${path})`);
}
