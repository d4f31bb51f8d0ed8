// The measured side of `npm run bench`: one scenario's work in a fresh process (built dist/ code
// only, no tsx), so its peak RSS is its own. The parent (scripts/bench.ts) runs the sandbox.
//   node scripts/bench-child.mjs RESULT_FILE cli <pachca-roster arguments...>
//   node scripts/bench-child.mjs RESULT_FILE read <sheet file>
//   node scripts/bench-child.mjs RESULT_FILE bare                (Node start-up alone)
// Writes {"exitCode", "elapsedSeconds", "maxRssMb", ...} as JSON to RESULT_FILE.
import { writeFileSync } from 'node:fs';

const [resultFile, kind, ...rest] = process.argv.slice(2);
const started = performance.now();
const result = { kind, exitCode: 0 };

if (kind === 'cli') {
  const { main } = await import('../dist/bundle/main.js');
  result.exitCode = await main(rest);
} else if (kind === 'read') {
  const { readAndValidate } = await import('../dist/records/validate.js');
  try {
    const sheet = await readAndValidate(rest[0]);
    result.rows = sheet.rows.length;
    result.validRecords = sheet.records.length;
    result.invalidRows = sheet.invalidRows.size;
  } catch (error) {
    result.exitCode = 1;
    result.error = error instanceof Error ? error.message : String(error);
  }
} else if (kind !== 'bare') {
  throw new Error(`bench-child: unknown kind ${kind}`);
}

result.elapsedSeconds = (performance.now() - started) / 1000;
// resourceUsage(): maxRSS in kilobytes, CPU times in microseconds.
const usage = process.resourceUsage();
result.maxRssMb = usage.maxRSS / 1024;
result.cpuSeconds = (usage.userCPUTime + usage.systemCPUTime) / 1e6;
writeFileSync(resultFile, JSON.stringify(result));
process.exitCode = 0;
