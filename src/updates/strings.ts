// Words of the "You said, we did" line (updates.ts), fetched with it; the receiver's public page
// of a change (GET /changes/<change>) says the same words, read by id from welcomed/messages.
import { msg } from '@lit/localize';

/** The statuses of an update, as the receiver names them. */
export type UpdateStatus = 'listening' | 'change-planned' | 'change-made' | 'no-change';

/** The name of the service's reply to what people said, as councils title such pages. */
export const updatesHeading = (): string =>
  msg('You said, we did', {
    id: 'updates.heading',
    desc: 'Title of the service\'s public reply to what residents said about a change (UK councils and the NHS publish "You said, we did" pages). Shown in the prompt to people who already answered, and as the heading of the reply\'s page.',
  });

/** The status of an update, as a short tag. */
export function statusLabel(status: UpdateStatus): string {
  switch (status) {
    case 'listening':
      return msg('Listening', { id: 'updates.status.listening', desc: 'Status tag of the service\'s reply: it is still reading what people said, and has not decided anything yet.' });
    case 'change-planned':
      return msg('Change planned', { id: 'updates.status.change-planned', desc: 'Status tag of the service\'s reply: it has decided to change something, not done yet.' });
    case 'change-made':
      return msg('Change made', { id: 'updates.status.change-made', desc: 'Status tag of the service\'s reply: it has changed something because of what people said.' });
    case 'no-change':
      return msg('No change', { id: 'updates.status.no-change', desc: 'Status tag of the service\'s reply: it will not change anything; the reply says why.' });
  }
}

/** The link to the change's public page. */
export const updatesLink = (): string =>
  msg('Read the reply to what people said', {
    id: 'updates.link',
    desc: 'Link from the prompt to the public page where the service replies to what residents said about this change ("You said, we did").',
  });
