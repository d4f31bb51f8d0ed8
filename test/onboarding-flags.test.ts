// The import's chat, photo and offboarding flags are checked while the arguments are read: a
// combination that makes no sense is exit 2 with one line naming the flags, before any request.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runMain } from './helpers/in-process-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'onboarding-flags-'));
const sheet = join(dir, 'staff.csv');
writeFileSync(sheet, 'email\na@example.ru\n');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('onboarding flags', () => {
  it.each([
    [['--offboard'], '--offboard goes with --suspend-missing'],
    [['--photos-key', 'Табельный номер'], '--photos-key names the files of a --photos folder: give --photos DIR too'],
    [['--chats', 'all'], 'chats'],
  ])('plan %j is refused with exit 2', async (flags, message) => {
    const result = await runMain(['plan', sheet, '--api-url', 'http://127.0.0.1:9/api', '--token', 'x', ...flags]);
    expect(result.code).toBe(2);
    expect(result.stderr.split('\n')[0]).toContain(message);
  });
});
