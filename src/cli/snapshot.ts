// The read-only commands' connection and rendering: the client from the shared flags, and the
// events of reading the directory as a count line and warnings on stderr.
import type { AppEvent, EventSink } from '../app/events.js';
import { PachcaClient } from '../pachca/client.js';
import { redactSecrets } from '../redact.js';
import { resolveConnection, type ConnectionArgv } from './connection.js';
import { startCountLine } from './progress.js';
import { messages, type Catalog } from '../i18n/catalog.js';

export function connectFromFlags(argv: ConnectionArgv): PachcaClient {
  return new PachcaClient(resolveConnection(argv, process.env));
}

/** The running count while the directory is listed, and warnings, on stderr. */
export function renderReadEvents(t: Catalog = messages('en')): EventSink {
  let countLine: { count(users: number): void; stop(): void } | undefined;
  return (event: AppEvent) => {
    if (event.type === 'listing') {
      countLine ??= startCountLine(t.runReadingDirectory);
      countLine.count(event.users);
    } else if (event.type === 'listing-done') {
      countLine?.stop();
      countLine = undefined;
    } else if (event.type === 'warning') {
      process.stderr.write(`${redactSecrets(t.runWarning(event.text))}\n`);
    }
  };
}
