/** Exit codes, the one place they are defined. */
export const ExitCode = {
  Ok: 0,
  Fatal: 1,
  Usage: 2,
  Auth: 3,
  RowsFailed: 5,
  /** Ctrl+C or SIGTERM. */
  Interrupted: 130,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

/**
 * An error meant for the person at the terminal: printed as its one-line message
 * (no stack trace), and the process exits with `exitCode`.
 */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: ExitCode,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

/** Unreadable file, wrong encoding, missing column, bad flag: exit 2. */
export class InputError extends CliError {
  constructor(message: string) {
    super(message, ExitCode.Usage);
    this.name = 'InputError';
  }
}
