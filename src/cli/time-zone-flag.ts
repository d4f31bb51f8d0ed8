// --tz: the IANA zone of the times in the workbooks and CSV files a command writes (default the
// machine's zone). An unknown name fails the parse (exit 2) naming the flag.
import type { Options } from 'yargs';
import type { Catalog } from '../i18n/catalog.js';
import { canonicalTimeZone, isTimeZone, machineTimeZone } from '../sheets/time-zone.js';
import { FlagError, single } from './flag-values.js';

function timeZoneFlag(given: unknown): string | undefined {
  const value = single('tz', given);
  if (value === undefined) return undefined;
  const name = String(value).trim();
  if (!isTimeZone(name)) throw new FlagError((t) => t.errTimeZone(name));
  return canonicalTimeZone(name);
}

export function timeZoneOptionIn(t: Catalog) {
  return {
    tz: { type: 'string', requiresArg: true, coerce: timeZoneFlag, describe: t.helpTimeZone, defaultDescription: machineTimeZone() },
  } as const satisfies Record<string, Options>;
}

/** The zone the command writes times in: --tz, else the machine's. */
export function timeZoneOf(argv: { tz?: string | undefined }): string {
  return argv.tz ?? machineTimeZone();
}
