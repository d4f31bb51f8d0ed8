// Runs the import use case in process against a sandbox: no terminal, no subprocess.
import type { AppEvent } from '../../src/app/events.js';
import { importSheet, type ImportRequest } from '../../src/app/import-sheet.js';
import type { RunResult } from '../../src/app/apply-run.js';
import { validateSheet } from '../../src/app/validate-sheet.js';
import { PachcaClient } from '../../src/pachca/client.js';
import type { RunningSandbox, SandboxRequestRecord } from '../../src/sandbox/api.js';
import { DEFAULT_PLAN_OPTIONS, type PlanOptions } from '../../src/sync/plan.js';

export interface InProcessImport {
  result: RunResult;
  events: AppEvent[];
}

export async function importInProcess(
  sandbox: RunningSandbox, file: string, outDir: string, options: Partial<PlanOptions> = {}, extra: Partial<ImportRequest> = {},
): Promise<InProcessImport> {
  const events: AppEvent[] = [];
  const result = await importSheet(
    { file, outDir, dryRun: false, yes: true, readOptions: {}, planOptions: { ...DEFAULT_PLAN_OPTIONS, ...options }, ...extra },
    {
      readSheet: async (path, readOptions) => (await validateSheet(path, readOptions)).sheet,
      connect: () => new PachcaClient({ apiUrl: sandbox.url, token: sandbox.adminToken }),
      events: (event) => events.push(event),
      clock: { now: () => new Date('2026-08-14T10:00:00.000Z') },
    },
  );
  return { result, events };
}

/** The write requests in the log by route, e.g. { 'POST /chats/{id}/members': 2 }. */
export function writesByRoute(log: readonly SandboxRequestRecord[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const record of log) {
    if (record.method === 'GET') continue;
    counts[record.route] = (counts[record.route] ?? 0) + 1;
  }
  return counts;
}
