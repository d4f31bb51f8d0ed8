// The directory as the read-only commands (export, audit) need it: connect with the shared
// flags, list everything once, and warn when the token cannot see contacts.
import { PachcaClient } from '../pachca/client.js';
import { resolveConnection, toCliError, type ConnectionArgv } from '../pachca/config.js';
import { readingDirectory, startCountLine } from './progress.js';
import { CONTACTS_HIDDEN_WARNING, contactsHidden, takeSnapshot, type Directory } from '../sync/directory.js';

export async function snapshotFromFlags(argv: ConnectionArgv): Promise<{ client: PachcaClient; directory: Directory }> {
  const client = new PachcaClient(resolveConnection(argv, process.env));
  const progress = startCountLine(readingDirectory);
  const directory = await takeSnapshot(client, progress.count)
    .catch((error: unknown) => {
      throw toCliError(error);
    })
    .finally(() => progress.stop());
  if (contactsHidden(directory)) process.stderr.write(`${CONTACTS_HIDDEN_WARNING}\n`);
  return { client, directory };
}
