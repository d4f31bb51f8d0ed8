// How an error of a use case maps to an outcome and an exit code: the one mapping, used by the
// use cases for summary.json's exitCode and by the CLI for the process's.
import { CliError, ExitCode } from '../exit-codes.js';
import type { Catalog, Say } from '../i18n/catalog.js';
import { AuthError, PachcaError } from '../pachca/errors.js';

/** What was being done when a request failed, named in the error ("checking the token: ..."). */
export type Doing = Parameters<Catalog['apiDoing']>[0];

/** Exit code for an error from the client: 3 for authentication or a missing scope, else 1. */
export function exitCodeForError(error: unknown): ExitCode {
  if (error instanceof CliError) return error.exitCode;
  return error instanceof AuthError ? ExitCode.Auth : ExitCode.Fatal;
}

/**
 * Wraps a client error as a CliError with the right exit code (its message is one line already),
 * prefixed with what was being done, e.g. "checking the token: ...", said in the reader's language.
 */
export function toCliError(error: unknown, doing?: Doing): CliError {
  if (error instanceof CliError) return error;
  const said: Say = error instanceof PachcaError ? error.say : () => (error instanceof Error ? error.message : String(error));
  return new CliError(doing ? (t) => t.apiDoing(doing, said(t)) : said, exitCodeForError(error));
}

/** How a run ended. */
export type RunStatus = 'ok' | 'rows-failed' | 'interrupted' | 'cancelled' | 'stopped';

export function exitCodeOfRun(status: RunStatus, fatal?: Error): ExitCode {
  switch (status) {
    case 'ok':
    case 'cancelled':
      return ExitCode.Ok;
    case 'rows-failed':
      return ExitCode.RowsFailed;
    case 'interrupted':
      return ExitCode.Interrupted;
    case 'stopped':
      return fatal ? exitCodeForError(fatal) : ExitCode.Fatal;
  }
}

/** Ctrl+C or SIGTERM before anything was sent. */
export class CancelledError extends Error {
  constructor() {
    super('Cancelled: nothing was changed');
    this.name = 'CancelledError';
  }
}
