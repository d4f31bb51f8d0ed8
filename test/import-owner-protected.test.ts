// Another admin's token changing the Owner: the server answers 403, in the OAuth shape the users
// pages document (the sandbox's default) or as ApiError owner_protected; either way it is not a
// token failure, so only that row fails and the rest of the sheet applies (exit 5).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSandbox } from '../src/sandbox/api.js';
import { writeCsvFile } from '../src/sheets/write.js';
import { runCliInProcess } from './helpers/in-process-cli.js';
import { startTestSandbox } from './helpers/sandbox.js';

const SECOND_ADMIN_TOKEN = 'second-admin-token-for-owner-test';
let sandbox: RunningSandbox;
let workDir: string;

beforeAll(async () => {
  sandbox = await startTestSandbox({ extraAdminTokens: [SECOND_ADMIN_TOKEN] });
  workDir = mkdtempSync(join(tmpdir(), 'import-owner-'));
});
afterAll(async () => {
  await sandbox?.stop();
  rmSync(workDir, { recursive: true, force: true });
});

describe.each([
  ['oauth', /Нельзя изменить данные владельца \(forbidden\)/],
  ['api', /owner_protected/],
] as const)('import with a non-owner admin token, --owner-403 %s', (owner403, reason) => {
  it('fails only the row that changes the Owner, applies the others, exits 5', async () => {
    sandbox.reset();
    sandbox.configure({ owner403 });
    const directory = sandbox.directory();
    const owner = directory.users.find((user) => user.id === directory.ownerId)!;
    const file = join(workDir, 'owner.csv');
    await writeCsvFile(file, ['email', 'first_name', 'last_name', 'title', 'suspended'], [
      ['new.person@example.ru', 'Новый', 'Человек', 'Инженер', ''],
      [owner.email!, '', '', 'Владелец (переименован)', 'да'],
      ['second.person@example.ru', 'Второй', 'Человек', '', ''],
    ]);
    const out = join(workDir, `run-${owner403}`);
    const result = await runCliInProcess(['import', file, '--yes', '--out', out, '--api-url', sandbox.url], {
      env: { PACHCA_TOKEN: SECOND_ADMIN_TOKEN },
    });
    expect(result.code, `${result.stdout}\n${result.stderr}`).toBe(5);
    expect(result.stdout).not.toContain('Stopped:');

    const report = parse(readFileSync(join(out, 'report.csv'), 'utf8').replace(/^\uFEFF/, ''), { columns: true }) as Record<string, string>[];
    expect(report.map((line) => [line.email, line.result])).toEqual([
      ['new.person@example.ru', 'created'],
      [owner.email!, 'failed'],
      ['second.person@example.ru', 'created'],
    ]);
    expect(report[1]!.message).toMatch(reason);
    expect(report[1]!.message).not.toMatch(/not attempted/);

    const after = sandbox.directory();
    const ownerAfter = after.users.find((user) => user.id === owner.id)!;
    expect(ownerAfter).toMatchObject({ title: owner.title, suspended: false });
    expect(after.users.filter((user) => user.email?.endsWith('.person@example.ru')).map((user) => user.email).sort())
      .toEqual(['new.person@example.ru', 'second.person@example.ru']);
    expect(readFileSync(join(out, 'failed.csv'), 'utf8')).toContain(owner.email!);
  });
});
