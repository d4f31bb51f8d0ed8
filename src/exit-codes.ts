import { en, type Say } from './i18n/catalog.js';

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
 * (no stack trace), and the process exits with `exitCode`. Given as a catalog message (`Say`),
 * the CLI says it in the reader's language; `message` is the English (a plain string is said as it is).
 */
export class CliError extends Error {
  readonly say: Say;

  constructor(
    message: string | Say,
    readonly exitCode: ExitCode,
  ) {
    super(typeof message === 'string' ? message : message(en));
    this.say = typeof message === 'string' ? () => message : message;
    this.name = 'CliError';
  }
}

/** Unreadable file, wrong encoding, missing column, bad flag: exit 2. */
export class InputError extends CliError {
  constructor(message: string | Say) {
    super(message, ExitCode.Usage);
    this.name = 'InputError';
  }
}
