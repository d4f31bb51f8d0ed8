// Ctrl+C and SIGTERM during a command that changes the directory. The first one stops sending:
// the abort signal makes the client fail every request not yet on the wire, the requests in
// flight finish, and the command writes its journal, report and summary before exiting 130.
// A second one exits at once (the journal is flushed line by line, so it stays intact), after
// putting the terminal back the way the progress bar found it.
import { ExitCode } from '../exit-codes.js';
import { messages, type Catalog } from '../i18n/catalog.js';

const SHOW_CURSOR = '\u001b[?25h';
const WRAP_ON = '\u001b[?7h';

export interface InterruptWatch {
  /** Aborted on the first Ctrl+C or SIGTERM. */
  readonly signal: AbortSignal;
  /** Ctrl+C typed at a prompt (readline catches it before it becomes a signal). */
  interrupt(): void;
  /** Stops listening; call when the command is done. */
  dispose(): void;
}

export interface InterruptOptions {
  stream?: NodeJS.WriteStream;
  /** What finishes the run, once there is a run to finish (for the message of a second Ctrl+C). */
  resumeHint?: () => string | undefined;
  /** Whether changes are being sent (else the first Ctrl+C just cancels, quietly). */
  applying?: () => boolean;
  /** The words of the two messages (default English). */
  t?: Catalog;
}

/** Cursor shown and line wrapping on: what cli-progress turns off while a bar is drawn. */
export function restoreTerminal(stream: NodeJS.WriteStream = process.stderr): void {
  if (stream.isTTY) stream.write(`${SHOW_CURSOR}${WRAP_ON}`);
}

export function watchInterrupts(options: InterruptOptions = {}): InterruptWatch {
  const stream = options.stream ?? process.stderr;
  const controller = new AbortController();
  const t = options.t ?? messages('en');
  const onSignal = (): void => {
    if (!controller.signal.aborted) {
      if (options.applying?.()) {
        stream.write(`\n${t.interruptFirst}\n`);
      }
      controller.abort();
      return;
    }
    restoreTerminal(stream);
    const hint = options.resumeHint?.();
    stream.write(`\n${t.interruptAgain(hint)}\n`);
    process.exit(ExitCode.Interrupted);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return {
    signal: controller.signal,
    interrupt: onSignal,
    dispose() {
      process.removeListener('SIGINT', onSignal);
      process.removeListener('SIGTERM', onSignal);
    },
  };
}
