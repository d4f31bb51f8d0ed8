// Loading exceljs is one synchronous require of about 660 CommonJS files (some 350 ms of CPU).
// During an import's apply that would stop the event loop, and with it the requests, for that
// long. warmExcelJs() loads the same files in steps instead, one package per turn of the event
// loop (the largest step is under 100 ms, what the rate limiter's bucket catches up), so requests
// keep going out while it loads. The steps follow exceljs 4.4's dependency tree (the version is
// pinned, test/exceljs-pin.test.ts); a name that does not resolve is skipped, and the final
// require loads whatever the steps did not.
import { createRequire } from 'node:module';
import { excelJs } from './exceljs.js';

/** What is required, in order, one per turn (exported for the test that they all resolve). */
export const WARM_STEPS: readonly string[] = [
  // The writer: archiver and what it needs, then the streaming workbook writer of exceljs.
  'graceful-fs', 'glob', 'lazystream', 'archiver-utils', 'async', 'compress-commons', 'crc32-stream', 'tar-stream',
  'readdir-glob', 'zip-stream', 'archiver', 'exceljs/lib/stream/xlsx/workbook-writer.js',
  // The readers exceljs loads with it: jszip, and unzipper with its dependencies.
  'pako', 'jszip', 'which-typed-array', 'typedarray.prototype.slice', 'traverse', 'binary', 'bluebird', 'fstream', 'unzipper',
  'fast-csv', 'saxes', 'dayjs',
];

let warming: Promise<void> | undefined;

function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** Resolves once exceljs is loaded, having loaded it a package per event-loop turn. */
export function warmExcelJs(): Promise<void> {
  warming ??= (async () => {
    const ownRequire = createRequire(import.meta.url);
    let requireBesideExcelJs: NodeJS.Require | undefined;
    try {
      requireBesideExcelJs = createRequire(ownRequire.resolve('exceljs'));
    } catch {
      // Not resolvable this way: the plain require below reports the problem.
    }
    for (const step of requireBesideExcelJs ? WARM_STEPS : []) {
      await nextTurn();
      try {
        requireBesideExcelJs!(step);
      } catch {
        // A dependency tree other than the expected one: that step is left to the final require.
      }
    }
    await nextTurn();
    excelJs();
  })();
  return warming;
}
