// What a token may list of the stored responses: the changes of its scope, and contact details
// only for roles allowed them. A change outside the scope is as a change with no responses.
import type { Access } from '../plugins/admin-auth.js';
import type { ListOptions, Store, StoredResponse } from '../store/store.js';

/**
 * The list filter for `change` (or every change) within the token's scope: a change outside it
 * gives `changes: []`, which lists nothing, as a change with no responses does.
 */
export async function scopedList(store: Store, access: Access, change: string | undefined): Promise<Pick<ListOptions, 'change' | 'changes'>> {
  if (change !== undefined) return access.inScope(change) ? { change } : { changes: [] };
  if (access.everything) return {};
  return { changes: (await store.listChangeIds()).filter(access.inScope) };
}

/** The response without its panel's contact details. */
export function stripContact(response: StoredResponse): StoredResponse {
  if (response.panel === undefined) return response;
  // eslint-disable-next-line @typescript-eslint/no-unused-vars -- dropped on purpose
  const { panel, ...rest } = response;
  return rest;
}

export async function* withoutContacts(responses: AsyncIterable<StoredResponse>): AsyncGenerator<StoredResponse> {
  for await (const response of responses) yield stripContact(response);
}

/**
 * The responses as they are, counting them and those with contact details; `done` is told the
 * counts when the stream ends, read to its end or not.
 */
export async function* counted(
  responses: AsyncIterable<StoredResponse>,
  done: (rows: number, withContacts: number) => Promise<unknown>,
): AsyncGenerator<StoredResponse> {
  let rows = 0;
  let withContacts = 0;
  try {
    for await (const response of responses) {
      rows += 1;
      if (response.panel !== undefined) withContacts += 1;
      yield response;
    }
  } finally {
    await done(rows, withContacts);
  }
}
