// The Import page's API: upload a sheet into a new run folder and check it (offline), plan it
// against the directory (the plan is saved in the folder, as `plan FILE --out DIR` saves it),
// apply exactly that saved plan (refused when the directory changed since), and follow the
// apply as server-sent events.
import { chmodSync, copyFileSync, readdirSync, rmSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import type { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { streamSSE } from 'hono/streaming';
import { z } from 'zod';
import { applySavedPlan, PlanOutdatedError } from '../app/apply-saved.js';
import { systemClock } from '../app/events.js';
import { importSheet } from '../app/import-sheet.js';
import type { SheetReadOptions } from '../app/saved-plan.js';
import { validateSheet } from '../app/validate-sheet.js';
import { writeFileAtomic, PRIVATE_FILE_MODE } from '../files/private.js';
import { messages } from '../i18n/catalog.js';
import { readAndValidate } from '../records/validate.js';
import { DEFAULT_PLAN_OPTIONS, parseMaxSuspend, type Plan, type PlanOptions } from '../sync/plan.js';
import { createDefaultFolder } from '../sync/run-folder.js';
import { ApplyJobs } from './apply-jobs.js';
import { errorAnswer, fill, jsonAnswer, jsonBody, langOf, parseRequest, safeJson, useCaseError, webMessages, type WebOptions } from './context.js';
import { childFolder, RUN_FILES, runFilesIn } from './folders.js';
import { checkView, planView } from './views.js';

const readOptionsSchema = z.object({
  sheet: z.string().min(1).optional(),
  map: z.array(z.string().min(3)).max(200).optional(),
  phoneRegion: z.string().regex(/^[A-Z]{2}$/).optional(),
}).strict();

const planRequestSchema = z.object({
  readOptions: readOptionsSchema.default({}),
  planOptions: z.object({
    tags: z.enum(['merge', 'replace']).default('merge'),
    createTags: z.boolean().default(true),
    blankClears: z.boolean().default(false),
    allowDelete: z.boolean().default(false),
    suspendMissing: z.boolean().default(false),
    maxSuspend: z.string().default(DEFAULT_PLAN_OPTIONS.maxSuspend),
    skipEmailNotify: z.boolean().default(false),
  }).strict().default({ ...DEFAULT_PLAN_OPTIONS }),
  welcome: z.string().max(10_000).optional(),
}).strict();

const WELCOME_FILE = 'welcome.txt';

/** The uploaded sheet in a run folder: the one .csv/.xlsx that is not a report. */
export function uploadIn(folder: string): string | undefined {
  const name = readdirSync(folder).find((file) => !file.startsWith('.') && /\.(csv|xlsx)$/i.test(file) && !(RUN_FILES as readonly string[]).includes(file));
  return name === undefined ? undefined : join(folder, name);
}

/** A file name safe to keep: its last part, odd characters replaced, never a report's name. */
function uploadName(given: string): string {
  const name = basename(given.replace(/\\/g, '/')).replace(/[^\p{L}\p{N} ._()-]/gu, '_').replace(/^\.+/, '').slice(-120) || 'upload';
  return (RUN_FILES as readonly string[]).includes(name.toLowerCase()) ? `input-${name}` : name;
}

export function importRoutes(app: Hono, options: WebOptions, jobs: ApplyJobs): void {
  const clock = options.clock ?? systemClock;
  const maxMb = Math.round((options.maxUploadBytes / 1024 / 1024) * 10) / 10;

  app.post('/api/uploads', bodyLimit({
    maxSize: options.maxUploadBytes,
    onError: (c) => errorAnswer(c, fill(webMessages(langOf(c, options.defaultLang)).errorUploadTooLarge, { mb: maxMb }), 413),
  }), async (c) => {
    const lang = langOf(c, options.defaultLang);
    const t = webMessages(lang);
    const name = uploadName(c.req.query('name') ?? '');
    const extension = extname(name).toLowerCase();
    if (extension === '.xls') return errorAnswer(c, fill(t.errorUploadXls, { name }), 415);
    if (extension !== '.csv' && extension !== '.xlsx') return errorAnswer(c, fill(t.errorUploadType, { name }), 415);
    const bytes = new Uint8Array(await c.req.arrayBuffer());
    if (bytes.length === 0) return errorAnswer(c, t.errorUploadEmpty, 400);
    if (bytes[0] === 0xd0 && bytes[1] === 0xcf) return errorAnswer(c, fill(t.errorUploadXls, { name }), 415);
    if (extension === '.xlsx' && !(bytes[0] === 0x50 && bytes[1] === 0x4b)) return errorAnswer(c, fill(t.errorUploadType, { name }), 415);
    const folder = createDefaultFolder(clock.now(), options.runsDir);
    const path = join(folder, name);
    await writeFileAtomic(path, bytes);
    try {
      const check = await validateSheet(path, {}, { lang });
      return jsonAnswer(c, { run: basename(folder), file: name, check: checkView(check, lang) });
    } catch (error) {
      rmSync(folder, { recursive: true, force: true });
      return useCaseError(c, error);
    }
  });

  app.post('/api/runs/:run/check', async (c) => {
    const lang = langOf(c, options.defaultLang);
    const t = webMessages(lang);
    const folder = childFolder(options.runsDir, c.req.param('run'));
    const input = folder && uploadIn(folder);
    if (!folder || !input) return errorAnswer(c, fill(t.errorNoRun, { name: c.req.param('run') }), 404);
    const readOptions = parseRequest(readOptionsSchema, await jsonBody(c), lang);
    if ('problem' in readOptions) return errorAnswer(c, readOptions.problem);
    try {
      return jsonAnswer(c, { run: basename(folder), file: basename(input), check: checkView(await validateSheet(input, readOptions.data, { lang }), lang) });
    } catch (error) {
      return useCaseError(c, error);
    }
  });

  app.post('/api/runs/:run/plan', async (c) => {
    const lang = langOf(c, options.defaultLang);
    const t = webMessages(lang);
    const given = childFolder(options.runsDir, c.req.param('run'));
    const givenInput = given && uploadIn(given);
    if (!given || !givenInput) return errorAnswer(c, fill(t.errorNoRun, { name: c.req.param('run') }), 404);
    const parsed = parseRequest(planRequestSchema, await jsonBody(c), lang);
    if ('problem' in parsed) return errorAnswer(c, parsed.problem);
    const request = parsed.data;
    try {
      parseMaxSuspend(request.planOptions.maxSuspend, 100);
    } catch {
      return errorAnswer(c, messages(lang).webServerMaxSuspend(request.planOptions.maxSuspend));
    }
    // A folder holds one plan: planning again (other options, or a stale plan) starts a new run with a copy of the sheet.
    const folder = runFilesIn(given).includes('plan.json') ? createDefaultFolder(clock.now(), options.runsDir) : given;
    const input = join(folder, basename(givenInput));
    if (folder !== given) {
      copyFileSync(givenInput, input);
      chmodSync(input, PRIVATE_FILE_MODE);
    }
    const welcomeText = request.welcome?.trim();
    if (welcomeText) await writeFileAtomic(join(folder, WELCOME_FILE), `${welcomeText}\n`);
    const readOptions: SheetReadOptions = request.readOptions;
    const planOptions: PlanOptions = request.planOptions;
    let plan: Plan | undefined;
    const warnings: string[] = [];
    try {
      await importSheet({
        file: input, outDir: folder, inputsInOutDir: true, dryRun: true, yes: true, readOptions, planOptions, lang,
        ...(welcomeText ? { welcomeFile: join(folder, WELCOME_FILE) } : {}),
      }, {
        readSheet: (file, read) => readAndValidate(file, { ...read, lang }),
        connect: options.connect,
        events: (event) => {
          if (event.type === 'plan-ready') plan = event.plan;
          if (event.type === 'warning') warnings.push(event.text);
        },
        ...(options.interrupt ? { interrupt: options.interrupt } : {}),
        clock,
      });
    } catch (error) {
      return useCaseError(c, error);
    }
    if (!plan) return errorAnswer(c, messages(lang).webServerNoPlan, 500);
    const view = planView(plan, lang);
    return jsonAnswer(c, { run: basename(folder), apiUrl: options.apiUrl, plan: { ...view, warnings: [...warnings, ...view.warnings] }, files: runFilesIn(folder) });
  });

  app.post('/api/runs/:run/apply', async (c) => {
    const lang = langOf(c, options.defaultLang);
    const t = webMessages(lang);
    const run = c.req.param('run');
    const folder = childFolder(options.runsDir, run);
    if (!folder || !runFilesIn(folder).includes('plan.json')) return errorAnswer(c, fill(t.errorNoRun, { name: run }), 404);
    const job = jobs.start(run);
    if (!job) return errorAnswer(c, t.errorBusy, 409);
    const applying = applySavedPlan({ dir: folder, yes: true, lang }, {
      connect: options.connect,
      events: job.sink,
      ...(options.interrupt ? { interrupt: options.interrupt } : {}),
      clock,
    });
    const started = new Promise<'started'>((resolve) => {
      job.follow((event) => {
        if (event.type === 'started') resolve('started');
      });
    });
    applying.then(
      (result) => job.end({ type: 'finished', status: result.status, counts: result.summary?.counts, exitCode: result.summary?.exitCode, files: runFilesIn(folder) }),
      (error: unknown) => job.end({ type: 'failed', message: error instanceof Error ? error.message : String(error) }),
    );
    // Answered once requests are about to go (or the apply ended without any), or with the reason nothing was sent.
    try {
      await Promise.race([started, applying]);
      return jsonAnswer(c, { run, started: true }, 202);
    } catch (error) {
      if (error instanceof PlanOutdatedError) return errorAnswer(c, fill(t.stale, { message: error.changed.slice(0, 10).map((say) => say(messages(lang))).join('; ') }), 409, { stale: true });
      if (error instanceof Error && / is in use by another pachca-roster run/.test(error.message)) return errorAnswer(c, t.errorBusy, 409);
      return useCaseError(c, error);
    }
  });

  app.get('/events/:run', (c) => {
    const job = jobs.get(c.req.param('run'));
    if (!job) return c.text('no apply for this run\n', 404);
    return streamSSE(c, async (stream) => {
      let writing = Promise.resolve();
      let stop: () => void = () => undefined;
      const ended = new Promise<void>((resolve) => {
        stop = resolve;
      });
      const unfollow = job.follow((event) => {
        writing = writing.then(() => stream.writeSSE({ event: event.type, data: safeJson(event) }));
        if (event.type === 'finished' || event.type === 'failed') stop();
      });
      stream.onAbort(() => {
        unfollow();
        stop();
      });
      await ended;
      await writing;
    });
  });
}
