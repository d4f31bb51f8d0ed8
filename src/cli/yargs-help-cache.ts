// yargs renders a command's whole help text right after starting its handler, on every run, in
// case the handler later calls showHelp() (nothing here does: a usage error prints one line). That
// rendering (cliui, string-width over every option, in two languages' widths) held up the start of
// every command by about 185 ms, before its first request. It is switched off here; `--help` and
// parse failures render the help as before.
import type { Argv } from 'yargs';

/** yargs' internal usage object: the one method this file replaces. */
interface UsageInstance {
  cacheHelpMessage(): void;
}

interface WithInternals {
  getInternalMethods?: () => { getUsageInstance?: () => UsageInstance | undefined };
}

/** Stops `parser` from rendering the running command's help in advance (a no-op if yargs changes inside). */
export function skipHelpPrerender<T>(parser: Argv<T>): Argv<T> {
  const usage = (parser as unknown as WithInternals).getInternalMethods?.().getUsageInstance?.();
  if (usage && typeof usage.cacheHelpMessage === 'function') usage.cacheHelpMessage = () => undefined;
  return parser;
}
