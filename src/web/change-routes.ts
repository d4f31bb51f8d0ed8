// Plans the page makes without a sheet: undoing a finished run (the undo use case's dry run,
// saved in a new run folder as `undo RUN --dry-run --out DIR` saves it) and one person's change
// from the Directory card (suspend, restore, clear the status, set a field: the one-person use
// case's dry run, saved the same way). Either is then applied exactly as an import's plan is,
// through POST /api/runs/:run/apply (the saved plan, refused when the directory changed since).
import { rmSync } from 'node:fs';
import { basename } from 'node:path';
import type { Context, Hono } from 'hono';
import { z } from 'zod';
import type { AppEvent } from '../app/events.js';
import { systemClock } from '../app/events.js';
import { changePeople, type Cell } from '../app/one-person.js';
import { undoRun } from '../app/undo-run.js';
import type { Plan } from '../sync/plan.js';
import { createDefaultFolder } from '../sync/run-folder.js';
import type { ApplyJobs } from './apply-jobs.js';
import { messages } from '../i18n/catalog.js';
import type { Lang } from '../i18n/lang.js';
import { errorAnswer, fill, jsonAnswer, jsonBody, langOf, parseRequest, useCaseError, webMessages, type WebOptions } from './context.js';
import { childFolder, describeRun, runFilesIn } from './folders.js';
import { planView } from './views.js';

const undoSchema = z.object({ allowDelete: z.boolean().default(false) }).strict();

const personChangeSchema = z.discriminatedUnion('action', [
  z.object({ action: z.literal('suspend') }).strict(),
  z.object({ action: z.literal('restore') }).strict(),
  z.object({ action: z.literal('clear-status') }).strict(),
  z.object({ action: z.literal('set'), column: z.string().trim().min(1).max(255), value: z.string().max(10_000) }).strict(),
]);

type PersonChange = z.infer<typeof personChangeSchema>;

/** The change as the one-person sheet's cells, and as the command line would have typed it (the run's input label). */
function changeCells(change: PersonChange, person: string): { cells: Cell[]; label: string } {
  switch (change.action) {
    case 'suspend':
    case 'restore':
      return { cells: [['action', change.action]], label: `${change.action} ${person}` };
    case 'clear-status':
      return { cells: [['status_title', '-']], label: `status ${person} --clear` };
    case 'set':
      return { cells: [[change.column, change.value]], label: `set ${person} ${JSON.stringify(`${change.column}=${change.value}`)}` };
  }
}

/** Collects what a dry run tells: its plan and its warnings. */
function planCollector(): { events: (event: AppEvent) => void; plan: () => Plan | undefined; warnings: string[] } {
  let plan: Plan | undefined;
  const warnings: string[] = [];
  return {
    events: (event) => {
      if (event.type === 'plan-ready') plan = event.plan;
      if (event.type === 'warning') warnings.push(event.text);
    },
    plan: () => plan,
    warnings,
  };
}

export function changeRoutes(app: Hono, options: WebOptions, jobs: ApplyJobs): void {
  const clock = options.clock ?? systemClock;
  const ports = { connect: options.connect, clock, ...(options.interrupt ? { interrupt: options.interrupt } : {}) };

  /** The saved plan as the Import page shows one (the same answer as POST /api/runs/:run/plan). */
  const planAnswer = (c: Context, folder: string, collected: ReturnType<typeof planCollector>, lang: Lang): Response => {
    const plan = collected.plan();
    if (!plan) return errorAnswer(c, messages(lang).webServerNoPlan, 500);
    const view = planView(plan, lang);
    return jsonAnswer(c, { run: basename(folder), apiUrl: options.apiUrl, plan: { ...view, warnings: [...collected.warnings, ...view.warnings] }, files: runFilesIn(folder) });
  };

  app.post('/api/runs/:run/undo', async (c) => {
    const lang = langOf(c, options.defaultLang);
    const t = webMessages(lang);
    const run = c.req.param('run');
    const undone = childFolder(options.runsDir, run);
    if (!undone) return errorAnswer(c, fill(t.errorNoRun, { name: run }), 404);
    if (describeRun(undone, run, jobs.running().has(run)).state === 'running') return errorAnswer(c, t.errorBusy, 409);
    const parsed = parseRequest(undoSchema, await jsonBody(c), lang);
    if ('problem' in parsed) return errorAnswer(c, parsed.problem);
    const folder = createDefaultFolder(clock.now(), options.runsDir);
    const collected = planCollector();
    try {
      await undoRun({ runDir: undone, outDir: folder, allowDelete: parsed.data.allowDelete, dryRun: true, yes: true, lang }, { ...ports, events: collected.events });
    } catch (error) {
      rmSync(folder, { recursive: true, force: true });
      if (error instanceof Error && / is in use by another pachca-roster run/.test(error.message)) return errorAnswer(c, t.errorBusy, 409);
      return useCaseError(c, error);
    }
    return planAnswer(c, folder, collected, lang);
  });

  app.post('/api/people/:id/change', async (c) => {
    const lang = langOf(c, options.defaultLang);
    const person = c.req.param('id');
    const parsed = parseRequest(personChangeSchema, await jsonBody(c), lang);
    if ('problem' in parsed) return errorAnswer(c, parsed.problem);
    const { cells, label } = changeCells(parsed.data, person);
    const folder = createDefaultFolder(clock.now(), options.runsDir);
    const collected = planCollector();
    try {
      await changePeople({ label, people: [person], cells, dryRun: true, yes: true, outDir: folder, lang }, { ...ports, events: collected.events });
    } catch (error) {
      rmSync(folder, { recursive: true, force: true });
      return useCaseError(c, error);
    }
    return planAnswer(c, folder, collected, lang);
  });
}
