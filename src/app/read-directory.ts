// The directory as the read-only use cases need it: listed once, with a running count as events,
// and a warning when the token cannot see contacts.
import type { PachcaApi } from '../pachca/api.js';
import { messages } from '../i18n/catalog.js';
import type { Lang } from '../i18n/lang.js';
import { contactsHidden, takeSnapshot, type Directory, type SnapshotListener } from '../sync/directory.js';
import { toCliError } from './errors.js';
import type { EventSink } from './events.js';

/** `listener` hears the lists and each user as they arrive (the export writes while listing). */
export async function readDirectory(api: PachcaApi, events: EventSink, listener: Omit<SnapshotListener, 'onCount'> = {}, lang: Lang = 'en'): Promise<Directory> {
  const directory = await takeSnapshot(api, { ...listener, onCount: (users) => events({ type: 'listing', users }) })
    .catch((error: unknown) => {
      throw toCliError(error);
    })
    .finally(() => events({ type: 'listing-done' }));
  if (contactsHidden(directory)) events({ type: 'warning', text: messages(lang).readContactsHidden });
  return directory;
}
