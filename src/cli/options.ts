// Option groups shared by several commands, so each flag is defined once.
import type { Options } from 'yargs';
import { MAX_TIMEOUT_SECONDS } from './connection.js';
import { FlagError, numberFlag, single } from './flag-values.js';

const concurrencyNumber = numberFlag('concurrency', { min: 1, max: 1000, integer: true });

/** `coerce` for --concurrency: `auto` or a whole number from 1 to 1000 (the cap of requests in flight). */
function concurrencyFlag(given: unknown): number | 'auto' | undefined {
  const value = single('concurrency', given);
  if (typeof value === 'string' && value.trim().toLowerCase() === 'auto') return 'auto';
  try {
    return concurrencyNumber(value);
  } catch (error) {
    throw new FlagError(`${(error as Error).message.replace(/, not "/, ' or auto, not "')}`);
  }
}

/** Number flags are read as text and checked by their `coerce`, so "abc", "1e10" or "-1" fail the parse. */
export const connectionOptions = {
  'api-url': { type: 'string', requiresArg: true, describe: 'API base URL (env PACHCA_API_URL; default https://api.pachca.com/api/shared/v1)', group: 'Connection:' },
  token: { type: 'string', requiresArg: true, describe: 'API token (env PACHCA_TOKEN); prefer --token-file or the env var so it stays out of shell history', group: 'Connection:' },
  'token-file': { type: 'string', requiresArg: true, describe: 'Read the API token from this file', group: 'Connection:' },
  timeout: { type: 'string', requiresArg: true, coerce: numberFlag('timeout', { min: 0, aboveMin: true, max: MAX_TIMEOUT_SECONDS, integer: false, unit: 'seconds' }), describe: `Request timeout in seconds, up to ${MAX_TIMEOUT_SECONDS} (env PACHCA_TIMEOUT)`, defaultDescription: '30', group: 'Connection:' },
  rps: { type: 'string', requiresArg: true, coerce: numberFlag('rps', { min: 0, aboveMin: true, max: 1000, integer: false }), describe: 'Requests per second (the API allows about 50 per token)', default: 50, group: 'Connection:' },
  concurrency: { type: 'string', requiresArg: true, coerce: concurrencyFlag, describe: 'Most requests in flight at once: auto follows the round trip (about rps x latency, 10 to 100, fewer on 429 or a slowing server); a number N caps it at N', default: 'auto', group: 'Connection:' },
  retries: { type: 'string', requiresArg: true, coerce: numberFlag('retries', { min: 1, max: 100, integer: true }), describe: 'Attempts per request on 429, 5xx, resets and timeouts', default: 5, group: 'Connection:' },
} as const satisfies Record<string, Options>;

export const sheetOptions = {
  sheet: { type: 'string', requiresArg: true, describe: 'XLSX: the sheet to read (default: the first sheet with data)', group: 'Reading the file:' },
  map: { type: 'string', array: true, requiresArg: true, describe: 'Map a column: "Рабочий e-mail=email" (repeatable; target is a column name or custom:NAME)', group: 'Reading the file:' },
  mapping: { type: 'string', requiresArg: true, describe: 'JSON file of {"header": "column"} mappings', group: 'Reading the file:' },
  encoding: { type: 'string', requiresArg: true, describe: 'CSV encoding: utf-8, utf-16le, utf-16be, windows-1251 (default: detected)', group: 'Reading the file:' },
  delimiter: { type: 'string', requiresArg: true, describe: 'CSV delimiter: "," ";" "tab" "|" (default: detected)', group: 'Reading the file:' },
  'phone-region': { type: 'string', requiresArg: true, describe: 'Region for phones without a country code', default: 'RU', group: 'Reading the file:' },
} as const satisfies Record<string, Options>;

/** --force for commands that write a named file: without it an existing file is never replaced. */
export const forceOption = {
  force: { type: 'boolean', default: false, describe: 'Replace an existing output file (without it, an existing file stops the command with exit 2)' },
} as const satisfies Record<string, Options>;
