// For a test file that runs imports in process against the demo company (fixtures/directory.json):
// one sandbox for the file, reset before each test, and a temporary folder for sheets and runs.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import type { AppEvent } from '../../src/app/events.js';
import type { ImportRequest } from '../../src/app/import-sheet.js';
import type { RunResult } from '../../src/app/apply-run.js';
import type { RunningSandbox, SandboxDirectory } from '../../src/sandbox/api.js';
import { writeCsvFile } from '../../src/sheets/write.js';
import type { Plan, PlanItem, PlanOptions } from '../../src/sync/plan.js';
import { importInProcess } from './import-in-process.js';
import { startTestSandbox } from './sandbox.js';

export interface ImportedRows {
  result: RunResult;
  events: AppEvent[];
  plan: Plan;
  /** The plan item of sheet row `n`. */
  row(n: number): PlanItem;
  /** The plan item with this key. */
  item(key: string): PlanItem;
}

export interface DemoCompanyImports {
  /** The demo company the sandbox starts from (a fresh copy per file). */
  readonly seed: SandboxDirectory;
  readonly sandbox: RunningSandbox;
  readonly workDir: string;
  /** A new numbered sheet path (in `folder`, default workDir) and run folder (in workDir). */
  nextRun(folder?: string): { file: string; out: string };
  /** Writes the rows as a CSV sheet and imports it with --yes; the plan the run made. */
  importRows(
    headers: string[], rows: string[][], options?: Partial<PlanOptions>, extra?: Partial<ImportRequest> & { folder?: string },
  ): Promise<ImportedRows>;
}

export function useDemoCompanyImports(prefix: string): DemoCompanyImports {
  const seed = JSON.parse(readFileSync(new URL('../../fixtures/directory.json', import.meta.url), 'utf8')) as SandboxDirectory;
  const workDir = mkdtempSync(join(tmpdir(), prefix));
  let sandbox: RunningSandbox | undefined;
  let runs = 0;
  beforeAll(async () => {
    sandbox = await startTestSandbox({ seed });
  });
  beforeEach(() => sandbox?.reset());
  afterAll(async () => {
    await sandbox?.stop();
    rmSync(workDir, { recursive: true, force: true });
  });
  const started = (): RunningSandbox => {
    if (!sandbox) throw new Error('useDemoCompanyImports: the sandbox starts in beforeAll');
    return sandbox;
  };
  const nextRun = (folder = workDir) => {
    runs += 1;
    return { file: join(folder, `sheet-${runs}.csv`), out: join(workDir, `run-${runs}`) };
  };
  return {
    seed,
    workDir,
    get sandbox() {
      return started();
    },
    nextRun,
    async importRows(headers, rows, options = {}, { folder, ...extra } = {}) {
      const { file, out } = nextRun(folder);
      await writeCsvFile(file, headers, rows);
      const { result, events } = await importInProcess(started(), file, out, options, extra);
      const plan = (events.find((event) => event.type === 'plan-ready') as { plan: Plan }).plan;
      const row = (n: number): PlanItem => plan.items.find((item) => item.row === n)!;
      const item = (key: string): PlanItem => plan.items.find((candidate) => candidate.key === key)!;
      return { result, events, plan, row, item };
    },
  };
}
