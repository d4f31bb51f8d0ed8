// A one-person change (set, tag add, offboard: the CLI's and the web page's write path) can be
// taken back by `undo`: its journal lines keep the values the change replaced.
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { changePeople, type Cell } from '../src/app/one-person.js';
import { undoRun } from '../src/app/undo-run.js';
import { PachcaClient } from '../src/pachca/client.js';
import { sandboxForFile } from './helpers/sandbox.js';

const SEED = join(import.meta.dirname, '..', 'fixtures', 'directory.json');
const files = sandboxForFile('one-person-undo', { seed: SEED });
const { workDir } = files;
let runs = 0;

beforeEach(() => files.sandbox.reset());

const ports = () => ({ connect: () => new PachcaClient({ apiUrl: files.sandbox.url, token: files.sandbox.adminToken }), events: () => undefined });

function person(id: number) {
  const user = files.sandbox.directory().users.find((candidate) => candidate.id === id)!;
  return { department: user.department, suspended: user.suspended, list_tags: user.list_tags, custom_properties: user.custom_properties.map(({ id: field, value }) => [field, value]) };
}

async function changeThenUndo(label: string, cells: Cell[]): Promise<void> {
  const before = person(31);
  const outDir = join(workDir, `run-${(runs += 1)}`);
  const changed = await changePeople({ label, people: ['a.andreeva@example.ru'], cells, dryRun: false, yes: true, outDir }, ports());
  expect(changed.status).toBe('ok');
  expect(person(31)).not.toEqual(before);
  const undone = await undoRun({ runDir: outDir, outDir: join(workDir, `undo-${runs}`), allowDelete: false, dryRun: false, yes: true }, ports());
  expect(undone.status).toBe('ok');
  expect(person(31)).toEqual(before);
}

describe('undo of a one-person change', () => {
  it('set: the custom property and the department come back', async () => {
    await changeThenUndo('set a.andreeva@example.ru Город=Казань Отдел=Продажи', [['Город', 'Казань'], ['Отдел', 'Продажи']]);
  });

  it('tag add: the person leaves the tag again', async () => {
    await changeThenUndo('tag add HR a.andreeva@example.ru', [['tags', '+HR']]);
  });

  it('offboard: the person is restored to their tags', async () => {
    await changeThenUndo('offboard a.andreeva@example.ru', [['action', 'offboard']]);
  });
});
