// The directory as the read-only commands (export, audit) need it: connect with the shared
// flags, list everything once, and warn when the token cannot see contacts.
import { PachcaClient } from '../pachca/client.js';
import { toCliError } from '../app/errors.js';
import { resolveConnection, type ConnectionArgv } from './connection.js';
import { readingDirectory, startCountLine } from './progress.js';
import { CONTACTS_HIDDEN_WARNING, contactsHidden, takeSnapshot, type Directory, type SnapshotListener } from '../sync/directory.js';

/** `listener` hears the lists and each user as they arrive (the export writes while listing). */
export async function snapshotFromFlags(
  argv: ConnectionArgv,
  listener: Omit<SnapshotListener, 'onCount'> = {},
): Promise<{ client: PachcaClient; directory: Directory }> {
  const client = new PachcaClient(resolveConnection(argv, process.env));
  const progress = startCountLine(readingDirectory);
  const directory = await takeSnapshot(client, { ...listener, onCount: progress.count })
    .catch((error: unknown) => {
      throw toCliError(error);
    })
    .finally(() => progress.stop());
  if (contactsHidden(directory)) process.stderr.write(`${CONTACTS_HIDDEN_WARNING}\n`);
  return { client, directory };
}
