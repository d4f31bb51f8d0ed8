// Reliability: a 429 storm. The sandbox allows 10 requests/s while the tool is set to 50: the
// import still completes, the 429s stay few, and after each 429 the token sends nothing more
// until its Retry-After has passed (only requests already on the wire may still arrive).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CONCURRENCY_FLOOR } from '../src/pachca/concurrency.js';
import { writeCsvFile } from '../src/sheets/write.js';
import { runCli } from './helpers/cli.js';
import { expectDirectoryAsSheet, reliabilityRows, reliabilitySeed, SHEET_HEADER } from './helpers/reliability.js';
import { startTestSandbox } from './helpers/sandbox.js';

const tempDir = mkdtempSync(join(tmpdir(), 'reliability-ratelimit-'));
afterAll(() => rmSync(tempDir, { recursive: true, force: true }));

const SANDBOX_RPS = 10;
/**
 * How late a request sent just before the 429 reached the tool may still arrive: a margin for a
 * busy machine (the sandbox shares its event loop with the test worker), not a property of the tool.
 */
const ON_THE_WIRE_MS = 250;

describe('429 storm', () => {
  it('completes at --rps 50 against a 10 req/s sandbox without pushing past the limit', async () => {
    const existing = 10;
    const rows = reliabilityRows(existing, 90);
    const file = join(tempDir, 'storm.csv');
    await writeCsvFile(file, SHEET_HEADER, rows);
    const box = await startTestSandbox({ seed: reliabilitySeed(existing), rps: SANDBOX_RPS });
    try {
      const out = join(tempDir, 'run');
      const result = await runCli(['import', file, '--yes', '--quiet', '--out', out, '--api-url', box.url, '--rps', '50'], {
        env: { PACHCA_TOKEN: box.adminToken },
      });
      expect(result.code, result.stderr).toBe(0);
      expectDirectoryAsSheet(box, rows, out, (email) => [email.startsWith('new') ? 'created' : 'updated']);

      const log = box.requestLog().filter((record) => record.token === 'admin');
      const limited = log.filter((record) => record.status === 429);
      expect(limited.length, 'the tool did meet the lower limit').toBeGreaterThan(0);
      expect(limited.length / log.length, `${limited.length} of ${log.length} requests got 429`).toBeLessThan(0.1);
      expect(box.stats().rate_limited).toBe(limited.length);

      // Retry-After is a whole number of seconds (>= 1): nothing new may arrive in that window.
      // At most the tool's in-flight limit can be on the wire at once; at this sandbox's short
      // round trip and lowered rate that is the floor.
      for (const rateLimited of limited) {
        const within = log.filter((record) => record.at > rateLimited.at && record.at < rateLimited.at + 1000);
        expect(within.length, `requests on the wire after the 429 at ${rateLimited.at}`).toBeLessThanOrEqual(CONCURRENCY_FLOOR);
        const early = within.filter((record) => record.at > rateLimited.at + ON_THE_WIRE_MS);
        expect(early, `requests within 1 s after the 429 at ${rateLimited.at}`).toEqual([]);
      }
      // Over the whole run the tool held to the sandbox's rate: no 2-second window carries more
      // than the limit allows plus one bucket of burst. The window is shortened by the on-the-wire
      // allowance: arrival stamps taken on a busy event loop bunch up by that much.
      const times = log.map((record) => record.at);
      for (let start = 0; start < times.length; start++) {
        let end = start;
        while (end < times.length && times[end]! < times[start]! + 2000 - ON_THE_WIRE_MS) end++;
        expect(end - start, `requests in the 2 s from ${times[start]}`).toBeLessThanOrEqual(3 * SANDBOX_RPS + 5);
      }
    } finally {
      await box.stop();
    }
  });
});
