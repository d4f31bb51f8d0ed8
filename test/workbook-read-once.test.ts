// Importing an export workbook (Users, Tags, Membership and the hidden base sheet) reads the
// workbook once: one look at its zip directory, one integrity check, one parse of its parts,
// and the Tags sheet and the base still reach the plan.
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import type { AppEvent } from '../src/app/events.js';
import { importSheet } from '../src/app/import-sheet.js';
import { PachcaClient } from '../src/pachca/client.js';
import { readAndValidate } from '../src/records/validate.js';
import { selectForExport, writeExportXlsx } from '../src/reports/export.js';
import type { ZipEntryInfo } from '../src/sheets/zip-guard.js';
import { takeSnapshot } from '../src/sync/directory.js';
import type { Plan } from '../src/sync/plan.js';
import { DEFAULT_PLAN_OPTIONS } from '../src/sync/plan.js';
import { isTagsSheetItem } from '../src/sync/tags-sheet.js';
import { sandboxForFile } from './helpers/sandbox.js';

const opens = vi.hoisted(() => ({ directoryReads: 0, integrityChecks: 0, partsOpened: [] as string[] }));

vi.mock('../src/sheets/zip-guard.js', async (importOriginal) => {
  const original = await importOriginal<typeof import('../src/sheets/zip-guard.js')>();
  return {
    ...original,
    inspectZip: (path: string) => {
      opens.directoryReads += 1;
      return original.inspectZip(path);
    },
    zipIsIntact: (path: string, entries: readonly ZipEntryInfo[]) => {
      opens.integrityChecks += 1;
      return original.zipIsIntact(path, entries);
    },
    openZipEntry: (path: string, entry: ZipEntryInfo, size?: number) => {
      opens.partsOpened.push(entry.name);
      return original.openZipEntry(path, entry, size);
    },
  };
});

const files = sandboxForFile('workbook-once', { seed: 'fixtures/directory.json' });
const { workDir } = files;

describe('an export workbook import', () => {
  it('opens the workbook once, and plans with its Tags sheet and its base', async () => {
    const client = new PachcaClient({ apiUrl: files.sandbox.url, token: files.sandbox.adminToken });
    const directory = await takeSnapshot(client);
    const file = join(workDir, 'export.xlsx');
    await writeExportXlsx(file, directory, selectForExport(directory), { apiUrl: files.sandbox.url, exportedAt: new Date(), filter: {} });
    // Changed in Pachca after the export: only the base tells the import to keep it, not revert it.
    const someone = directory.users.find((user) => !user.bot && !user.suspended && user.role === 'user')!;
    await client.updateUser(someone.id, { title: 'Changed after the export' });
    opens.directoryReads = 0;
    opens.integrityChecks = 0;
    opens.partsOpened.length = 0;

    let plan: Plan | undefined;
    const events = (event: AppEvent): void => {
      if (event.type === 'plan-ready') plan = event.plan;
    };
    const result = await importSheet(
      { file, outDir: join(workDir, 'run'), dryRun: true, yes: false, readOptions: {}, planOptions: DEFAULT_PLAN_OPTIONS },
      { readSheet: (path, options) => readAndValidate(path, options), connect: () => client, events },
    );

    expect(result.status).toBe('ok');
    expect(opens.directoryReads).toBe(1);
    expect(opens.integrityChecks).toBe(1);
    expect(opens.partsOpened.filter((part) => part === 'xl/workbook.xml')).toHaveLength(1);
    expect(opens.partsOpened.filter((part) => part === 'xl/sharedStrings.xml').length).toBeLessThanOrEqual(1);
    // The Tags sheet gave its rows to the plan; with the base, an unmodified export changes nothing.
    expect(plan!.items.filter(isTagsSheetItem)).toHaveLength(directory.tags.length);
    expect(plan!.items.filter((item) => item.kind !== 'unchanged')).toEqual([]);
    expect(plan!.warnings).toEqual([]);
  });
});
