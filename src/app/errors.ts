// How an error of a use case maps to an outcome and an exit code: the one mapping, used by the
// use cases for summary.json's exitCode and by the CLI for the process's.
import { CliError, ExitCode } from '../exit-codes.js';
import { AuthError } from '../pachca/errors.js';

/** Exit code for an error from the client: 3 for authentication or a missing scope, else 1. */
export function exitCodeForError(error: unknown): ExitCode {
  if (error instanceof CliError) return error.exitCode;
  return error instanceof AuthError ? ExitCode.Auth : ExitCode.Fatal;
}

/**
 * Wraps a client error as a CliError with the right exit code (its message is one line already),
 * prefixed with what was being done, e.g. "checking the token: ...".
 */
export function toCliError(error: unknown, doing?: string): CliError {
  if (error instanceof CliError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new CliError(doing ? `${doing}: ${message}` : message, exitCodeForError(error));
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
