// What `import`/`plan` and `apply` share around a run: where human text goes (stderr under
// --json), Ctrl+C while it runs, and how it ends (summary.json or the summary text, the exit code,
// exit 130 at once after an interruption so requests still queued in the limiter do not hold it).
import { CancelledError, exitCodeOfRun } from '../app/errors.js';
import type { AppEvent, EventSink } from '../app/events.js';
import type { RunResult } from '../app/apply-run.js';
import { CliError, ExitCode } from '../exit-codes.js';
import type { Lang } from '../i18n/lang.js';
import { messages } from '../i18n/catalog.js';
import { redactSecrets } from '../redact.js';
import { askYesNo, stdinIsTerminal } from './confirm.js';
import { formatSummary, renderImportEvents } from './import-text.js';
import { restoreTerminal, watchInterrupts } from './interrupt.js';

export interface RunOutput {
  json: boolean;
  quiet: boolean;
  lang: Lang;
  /** The command that finishes the run in a folder, printed after an interruption. */
  resumeHint: (folder: string) => string;
  /** The folder already known before the run starts (a resume or an apply names it). */
  folder?: string;
  /** The plan names input rows (false for the one-person commands). */
  rowNumbers?: boolean;
}

/** The ports a run takes from the terminal: confirmation, rendered events, the stop signal. */
export interface TerminalPorts {
  confirm?: (question: string) => Promise<boolean>;
  events: EventSink;
  interrupt: AbortSignal;
}

export function humanPrinters(json: boolean): { print(text: string): void; warn(text: string): void } {
  const toHuman = json ? process.stderr : process.stdout;
  return {
    print: (text) => void toHuman.write(`${redactSecrets(text)}\n`),
    warn: (text) => void process.stderr.write(`${redactSecrets(text)}\n`),
  };
}

/** Runs `run` with Ctrl+C watched and the events rendered, then reports and sets the exit code. */
export async function runInTerminal(output: RunOutput, run: (ports: TerminalPorts) => Promise<RunResult>): Promise<void> {
  const { print, warn } = humanPrinters(output.json);
  let folder = output.folder;
  let applying = false;
  const interrupts = watchInterrupts({
    resumeHint: () => (folder !== undefined ? output.resumeHint(folder) : undefined),
    applying: () => applying,
    t: messages(output.lang),
  });
  const onEvent = (event: AppEvent): void => {
    if (event.type === 'run-folder') folder = event.path;
    if (event.type === 'apply-started') applying = true;
  };
  let result: RunResult;
  try {
    result = await run({
      ...(stdinIsTerminal() ? { confirm: (question: string) => askYesNo(question, interrupts, messages(output.lang).runConfirmChoices) } : {}),
      events: renderImportEvents({ print, warn, quiet: output.quiet, noProgress: output.json, resumeHint: output.resumeHint, lang: output.lang, ...(output.rowNumbers === false ? { rowNumbers: false } : {}) }, onEvent),
      interrupt: interrupts.signal,
    });
  } catch (error) {
    throw error instanceof CancelledError ? new CliError(error.message, ExitCode.Interrupted) : error;
  } finally {
    interrupts.dispose();
  }
  if (result.summary) {
    if (output.json) process.stdout.write(`${redactSecrets(JSON.stringify(result.summary, null, 2))}\n`);
    else print(formatSummary(result.summary, result.runFolder, output.lang));
  }
  const exitCode = exitCodeOfRun(result.status, result.fatal);
  process.exitCode = exitCode;
  if (exitCode === ExitCode.Interrupted) {
    restoreTerminal();
    process.exit(ExitCode.Interrupted);
  }
}
