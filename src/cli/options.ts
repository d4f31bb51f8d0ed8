// Option groups shared by several commands, so each flag is defined once.
import type { Options } from 'yargs';
import { MAX_TIMEOUT_SECONDS } from './connection.js';
import { FlagError, numberFlag, single } from './flag-values.js';
import { messages, type Catalog } from '../i18n/catalog.js';

const concurrencyNumber = numberFlag('concurrency', { min: 1, max: 1000, integer: true });

/** `coerce` for --concurrency: `auto` or a whole number from 1 to 1000 (the cap of requests in flight). */
function concurrencyFlag(given: unknown): number | 'auto' | undefined {
  const value = single('concurrency', given);
  if (typeof value === 'string' && value.trim().toLowerCase() === 'auto') return 'auto';
  try {
    return concurrencyNumber(value);
  } catch {
    throw new FlagError((t) => t.errConcurrency(String(value).trim()));
  }
}

/**
 * Number flags are read as text and checked by their `coerce`, so "abc", "1e10" or "-1" fail the parse.
 * Described in the catalog's language (a builder passes `catalogOf(yargs)`).
 */
export function connectionOptionsIn(t: Catalog) {
  const help = t.helpConnection;
  const group = t.helpGroups.connection;
  return {
    'api-url': { type: 'string', requiresArg: true, describe: help.apiUrl, group },
    token: { type: 'string', requiresArg: true, describe: help.token, group },
    'token-file': { type: 'string', requiresArg: true, describe: help.tokenFile, group },
    timeout: { type: 'string', requiresArg: true, coerce: numberFlag('timeout', { min: 0, aboveMin: true, max: MAX_TIMEOUT_SECONDS, integer: false, unit: 'seconds' }), describe: help.timeout(MAX_TIMEOUT_SECONDS), defaultDescription: '30', group },
    rps: { type: 'string', requiresArg: true, coerce: numberFlag('rps', { min: 0, aboveMin: true, max: 1000, integer: false }), describe: help.rps, default: 50, group },
    concurrency: { type: 'string', requiresArg: true, coerce: concurrencyFlag, describe: help.concurrency, default: 'auto', group },
    retries: { type: 'string', requiresArg: true, coerce: numberFlag('retries', { min: 1, max: 100, integer: true }), describe: help.retries, default: 5, group },
  } as const satisfies Record<string, Options>;
}

/** The connection flags described in English (a command that has not moved to connectionOptionsIn). */
export const connectionOptions = connectionOptionsIn(messages('en'));

export function sheetOptionsIn(t: Catalog) {
  const help = t.helpSheet;
  const group = t.helpGroups.reading;
  return {
    sheet: { type: 'string', requiresArg: true, describe: help.sheet, group },
    map: { type: 'string', array: true, requiresArg: true, describe: help.map, group },
    mapping: { type: 'string', requiresArg: true, describe: help.mapping, group },
    encoding: { type: 'string', requiresArg: true, describe: help.encoding, group },
    delimiter: { type: 'string', requiresArg: true, describe: help.delimiter, group },
    'phone-region': { type: 'string', requiresArg: true, describe: help.phoneRegion, default: 'RU', group },
  } as const satisfies Record<string, Options>;
}

export const sheetOptions = sheetOptionsIn(messages('en'));

/** --force for commands that write a named file: without it an existing file is never replaced. */
export function forceOptionIn(t: Catalog) {
  return { force: { type: 'boolean', default: false, describe: t.helpForce } } as const satisfies Record<string, Options>;
}

export const forceOption = forceOptionIn(messages('en'));
