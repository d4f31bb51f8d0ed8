// The pages that read: Export and Audit (files written into a private folder under --runs-dir
// and offered for download), Directory (search, one person), Template, Runs, and the downloads.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, extname, join } from 'node:path';
import type { Context, Hono } from 'hono';
import { z } from 'zod';
import { auditDirectory } from '../app/audit-directory.js';
import { systemClock } from '../app/events.js';
import { exportDirectory } from '../app/export-directory.js';
import { findPeople, parsePersonKey, showPerson } from '../app/people.js';
import { defaultTemplateName, writeTemplate } from '../records/template.js';
import { auditSummary, findingTables, NEVER_ACTIVE_LABEL, NO_DEPARTMENT } from '../reports/audit.js';
import { defaultExportFileName } from '../reports/export.js';
import { createDefaultFolder } from '../sync/run-folder.js';
import type { ApplyJobs } from './apply-jobs.js';
import { messages } from '../i18n/catalog.js';
import { errorAnswer, fill, jsonAnswer, jsonBody, langOf, parseRequest, useCaseError, webMessages, type WebOptions } from './context.js';
import { AUDITS_FOLDER, childFolder, EXPORTS_FOLDER, listRuns, outputFilesIn, runFilesIn } from './folders.js';

const exportSchema = z.object({
  format: z.enum(['xlsx', 'csv']).default('xlsx'),
  tag: z.string().trim().max(255).optional(),
  department: z.string().trim().max(255).optional(),
  query: z.string().trim().max(255).optional(),
  includeBots: z.boolean().default(false),
  delimiter: z.enum([',', ';', '\t', '|']).default(','),
}).strict();

const auditSchema = z.object({
  inactiveDays: z.number().int().min(0).max(36500).default(90),
  days: z.number().int().min(1).max(365).optional(),
}).strict();

/** The most rows of one finding the page lists (the workbook has them all). */
const FINDING_ROWS_SHOWN = 200;

const CONTENT_TYPES: Record<string, string> = {
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  '.csv': 'text/csv; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
};

/** A file as a download (never shown in the page's origin: always an attachment). */
export async function download(c: Context, path: string): Promise<Response> {
  const name = basename(path);
  c.header('Content-Type', CONTENT_TYPES[extname(name).toLowerCase()] ?? 'application/octet-stream');
  c.header('Content-Disposition', `attachment; filename="${name.replace(/[^\w.-]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(name)}`);
  return c.body(new Uint8Array(await readFile(path)));
}

const blankToUndefined = (value: string | undefined): string | undefined => (value === undefined || value === '' ? undefined : value);

export function readRoutes(app: Hono, options: WebOptions, jobs: ApplyJobs): void {
  const clock = options.clock ?? systemClock;
  const ignore = (): void => undefined;

  app.get('/api/config', (c) => jsonAnswer(c, {
    apiUrl: options.apiUrl, demo: options.demo === true, maxUploadBytes: options.maxUploadBytes, defaultLang: options.defaultLang, runsDir: options.runsDir,
  }));

  app.get('/api/strings', (c) => jsonAnswer(c, webMessages(langOf(c, options.defaultLang))));

  app.post('/api/export', async (c) => {
    const lang = langOf(c, options.defaultLang);
    const parsed = parseRequest(exportSchema, await jsonBody(c), lang);
    if ('problem' in parsed) return errorAnswer(c, parsed.problem);
    const request = parsed.data;
    const folder = createDefaultFolder(clock.now(), join(options.runsDir, EXPORTS_FOLDER));
    const filter = {
      includeBots: request.includeBots,
      ...(blankToUndefined(request.tag) !== undefined ? { tag: request.tag } : {}),
      ...(blankToUndefined(request.department) !== undefined ? { department: request.department } : {}),
      ...(blankToUndefined(request.query) !== undefined ? { query: request.query } : {}),
    };
    try {
      const outcome = await exportDirectory({
        target: request.format === 'xlsx' ? { format: 'xlsx', path: join(folder, defaultExportFileName(clock.now())) } : { format: 'csv', folder, delimiter: request.delimiter },
        filter,
        lang,
      }, { api: options.connect(), events: ignore, clock });
      return jsonAnswer(c, { id: basename(folder), files: outputFilesIn(folder), counts: outcome.counts });
    } catch (error) {
      await rm(folder, { recursive: true, force: true });
      return useCaseError(c, error);
    }
  });

  app.post('/api/audit', async (c) => {
    const lang = langOf(c, options.defaultLang);
    const t = messages(lang);
    const parsed = parseRequest(auditSchema, await jsonBody(c), lang);
    if ('problem' in parsed) return errorAnswer(c, parsed.problem);
    const folder = createDefaultFolder(clock.now(), join(options.runsDir, AUDITS_FOLDER));
    const since = parsed.data.days === undefined ? undefined : new Date(clock.now().getTime() - parsed.data.days * 86_400_000);
    try {
      const outcome = await auditDirectory({
        inactiveDays: parsed.data.inactiveDays,
        ...(since ? { since, runsFolder: options.runsDir } : {}),
        xlsxPath: join(folder, 'audit.xlsx'),
        htmlPath: join(folder, 'audit.html'),
        lang,
      }, { api: options.connect(), events: ignore, clock });
      const counts = auditSummary(outcome.report);
      return jsonAnswer(c, {
        id: basename(folder),
        files: outputFilesIn(folder),
        people: outcome.report.people,
        findings: findingTables(outcome.report, t).map((table) => ({
          key: table.key, title: table.title, description: table.description, count: counts[table.key], columns: table.columns,
          rows: table.rows.slice(0, FINDING_ROWS_SHOWN).map((row) => row.map((cell) => (cell instanceof Date ? cell.toISOString().slice(0, 10) : cell === null || cell === undefined ? '' : String(cell)))),
        })),
        headcount: outcome.report.headcountByDepartment.map((entry) => (entry.department === NO_DEPARTMENT ? { ...entry, department: t.webServerNoDepartment } : entry)),
        activity: outcome.report.activityHistogram.map((bucket) => (bucket.label === NEVER_ACTIVE_LABEL ? { ...bucket, label: t.webServerNeverActive } : bucket)),
        securityLog: outcome.securityLog ? { note: outcome.securityLog.note ?? null } : null,
      });
    } catch (error) {
      await rm(folder, { recursive: true, force: true });
      return useCaseError(c, error);
    }
  });

  app.get('/api/people', async (c) => {
    try {
      const found = await findPeople(options.connect(), c.req.query('q') ?? '');
      return jsonAnswer(c, { people: found.people, contactsHidden: found.contactsHidden });
    } catch (error) {
      return useCaseError(c, error);
    }
  });

  app.get('/api/people/:id', async (c) => {
    try {
      return jsonAnswer(c, await showPerson(options.connect(), parsePersonKey(c.req.param('id'))));
    } catch (error) {
      return useCaseError(c, error);
    }
  });

  app.get('/api/runs', (c) => jsonAnswer(c, { runsDir: options.runsDir, runs: listRuns(options.runsDir, jobs.running()) }));

  app.get('/download/template', async (c) => {
    const lang = c.req.query('lang') === 'en' ? 'en' : 'ru';
    const format = c.req.query('format') === 'csv' ? 'csv' : 'xlsx';
    const folder = await mkdtemp(join(tmpdir(), 'pachca-roster-template-'));
    try {
      const path = join(folder, defaultTemplateName(lang, format));
      await writeTemplate(path, lang, format);
      return await download(c, path);
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });

  app.get('/download/runs/:run/:file', (c) => {
    const t = webMessages(langOf(c, options.defaultLang));
    const folder = childFolder(options.runsDir, c.req.param('run'));
    const file = c.req.param('file');
    if (!folder || !runFilesIn(folder).includes(file)) return errorAnswer(c, fill(t.errorNoFile, { name: file }), 404);
    return download(c, join(folder, file));
  });

  for (const area of [EXPORTS_FOLDER, AUDITS_FOLDER]) {
    app.get(`/download/${area}/:id/:file`, (c) => {
      const t = webMessages(langOf(c, options.defaultLang));
      const folder = childFolder(join(options.runsDir, area), c.req.param('id'));
      const file = c.req.param('file');
      if (!folder || !outputFilesIn(folder).includes(file)) return errorAnswer(c, fill(t.errorNoFile, { name: file }), 404);
      return download(c, join(folder, file));
    });
  }
}
