// plan.json: the run's first plan, with its id, the input's path and hash and the flags it was
// planned with. --resume reads it back (checked field by field: a file edited by hand or cut
// off gets one clear error) and refuses flags that would plan differently.
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { InputError } from '../exit-codes.js';
import { PRIVATE_FILE_MODE } from '../files/private.js';
import type { WriteScope } from '../pachca/types.js';
import type { ReportShape } from '../reports/failed-rows.js';
import type { Row, SheetDetected } from '../sheets/types.js';
import type { Directory } from '../sync/directory.js';
import type { Plan, PlanItem, PlanOptions } from '../sync/plan.js';
import type { ChatContext } from '../sync/plan-chats.js';
import { attachBefore } from '../sync/recorded-values.js';
import { planBasis, planBasisSchema, type PlanBasis } from './plan-basis.js';

/** How the sheet is read; saved in plan.json so --resume reads it the same way. */
export interface SheetReadOptions {
  sheet?: string;
  map?: string[];
  mapping?: string;
  encoding?: string;
  delimiter?: string;
  phoneRegion?: string;
}

export const SAVED_PLAN_VERSION = 2;

export interface SavedPlan {
  version: typeof SAVED_PLAN_VERSION;
  /** This run's id; every journal line carries it. */
  runId: string;
  createdAt: string;
  input: { path: string; sha256: string };
  readOptions: SheetReadOptions;
  planOptions: PlanOptions;
  welcomeFile?: string;
  apiUrl: string;
  counts: Plan['counts'];
  requiredScopes: WriteScope[];
  warnings: string[];
  customColumns: Plan['customColumns'];
  items: PlanItem[];
  /** The before values each actionable item depends on (`apply DIR` checks them). */
  basis?: PlanBasis;
  /** The input's header and rows, for failed.csv when `apply DIR` applies the plan without the sheet. */
  sheet?: SavedSheet;
}

/** What a saved plan says about its run: everything but what the plan and the directory give. */
export type SavedPlanHead = Pick<SavedPlan, 'runId' | 'createdAt' | 'input' | 'readOptions' | 'planOptions' | 'welcomeFile' | 'apiUrl'>;

/**
 * A fresh plan as saved (its items, counts and the basis `apply DIR` checks), without the sheet.
 * Every write path saves its plan through here, so here each item that changes an existing
 * person gets the values it changes as `directory` has them (on the plan's own items too, which
 * the apply journals): what `undo` puts back. `chats`: the chats the plan was made with, if any.
 */
export function savedPlanOf(head: SavedPlanHead, plan: Plan, directory: Directory, chats?: ChatContext): SavedPlan {
  attachBefore(plan.items, directory);
  return {
    version: SAVED_PLAN_VERSION,
    ...head,
    counts: plan.counts,
    requiredScopes: plan.requiredScopes,
    warnings: plan.warnings,
    customColumns: plan.customColumns,
    items: plan.items,
    basis: planBasis(plan, directory, chats),
  };
}

/** Writes the saved plan into the run folder (private to the user); returns the file's path. */
export function writeSavedPlan(folder: string, saved: SavedPlan, fileName = 'plan.json'): string {
  const planFile = join(folder, fileName);
  writeFileSync(planFile, `${JSON.stringify(saved, null, 2)}\n`, { mode: PRIVATE_FILE_MODE });
  return planFile;
}

export interface SavedSheet {
  headers: string[];
  rows: { rowNumber: number; cells: [string, string][] }[];
  /** What was read, so `apply DIR` writes failed.csv/failed.xlsx shaped like the input. */
  format?: 'csv' | 'xlsx';
  sheetName?: string;
  reportDelimiter?: string;
}

export function saveSheet(detected: Pick<SheetDetected, 'format' | 'headers' | 'sheet'>, rows: readonly Row[], shape: ReportShape): SavedSheet {
  return {
    headers: [...detected.headers],
    rows: rows.map((row) => ({ rowNumber: row.rowNumber, cells: [...row.cells] })),
    format: detected.format,
    ...(detected.sheet !== undefined ? { sheetName: detected.sheet } : {}),
    reportDelimiter: shape.delimiter,
  };
}

/** The saved sheet as the report writers take it (a plan saved by an older version: a CSV with commas). */
export function savedSheetShape(sheet: SavedSheet): { detected: Pick<SheetDetected, 'format' | 'headers' | 'sheet'>; shape: ReportShape } {
  return {
    detected: { format: sheet.format ?? 'csv', headers: sheet.headers, ...(sheet.sheetName !== undefined ? { sheet: sheet.sheetName } : {}) },
    shape: { delimiter: sheet.reportDelimiter ?? ',', encoding: 'utf-8-bom' },
  };
}

export function savedSheetRows(sheet: SavedSheet): Row[] {
  return sheet.rows.map((row) => ({ rowNumber: row.rowNumber, cells: new Map(row.cells) }));
}

const changeSchema = z.looseObject({ field: z.string(), before: z.string().nullable(), after: z.string().nullable() });
const itemBase = {
  key: z.string().min(1),
  row: z.number().int().optional(),
  email: z.string().optional(),
  changes: z.array(changeSchema),
};
const statusRequestSchema = z.looseObject({ method: z.enum(['PUT', 'DELETE']), path: z.string() });
const userId = z.number().int();
const chatRequestsSchema = z.array(z.looseObject({ method: z.enum(['POST', 'DELETE']), chatId: z.number().int(), chatName: z.string() })).optional();
const photoRequestSchema = z.looseObject({ method: z.literal('PUT'), file: z.string().min(1), type: z.enum(['image/jpeg', 'image/png']), size: z.number().int() }).optional();

/** Each kind with the fields apply needs of it (the PlanItem union, checked). */
const itemSchema = z.discriminatedUnion('kind', [
  z.looseObject({ ...itemBase, kind: z.literal('create-tag'), tagName: z.string() }),
  z.looseObject({ ...itemBase, kind: z.enum(['rename-tag', 'delete-tag']), tagId: z.number().int(), tagName: z.string() }),
  z.looseObject({
    ...itemBase, kind: z.literal('create'), email: z.string(),
    userRequest: z.looseObject({ method: z.literal('POST'), path: z.literal('/users'), body: z.looseObject({ user: z.looseObject({}) }) }),
    statusRequest: statusRequestSchema.optional(),
    photoRequest: photoRequestSchema,
  }),
  // An update without a PUT of the user (only chats, a photo, a status) is the SideUpdateItem.
  z.looseObject({
    ...itemBase, kind: z.enum(['update', 'suspend', 'restore']), userId,
    userRequest: z.looseObject({ method: z.literal('PUT'), path: z.string(), userId, body: z.looseObject({ user: z.looseObject({}) }) }).optional(),
    statusRequest: statusRequestSchema.optional(),
    chatRequests: chatRequestsSchema,
    photoRequest: photoRequestSchema,
  }).refine((item) => item.kind === 'update' || item.userRequest !== undefined, { message: 'a suspend or restore needs its userRequest', path: ['userRequest'] }),
  z.looseObject({ ...itemBase, kind: z.literal('delete'), userId, userRequest: z.looseObject({ method: z.literal('DELETE'), path: z.string(), userId }) }),
  z.looseObject({ ...itemBase, kind: z.enum(['set-status', 'clear-status']), userId, statusRequest: statusRequestSchema }),
  z.looseObject({ ...itemBase, kind: z.enum(['unchanged', 'skip', 'invalid']) }),
]);

const savedPlanSchema = z.looseObject({
  version: z.literal(SAVED_PLAN_VERSION),
  runId: z.string().min(1),
  createdAt: z.string(),
  input: z.object({ path: z.string().min(1), sha256: z.string().regex(/^[0-9a-f]{64}$/, 'not a SHA-256') }),
  readOptions: z.object({
    sheet: z.string().optional(),
    map: z.array(z.string()).optional(),
    mapping: z.string().optional(),
    encoding: z.string().optional(),
    delimiter: z.string().optional(),
    phoneRegion: z.string().optional(),
  }),
  planOptions: z.object({
    tags: z.enum(['merge', 'replace']),
    createTags: z.boolean(),
    blankClears: z.boolean(),
    allowDelete: z.boolean(),
    suspendMissing: z.boolean(),
    maxSuspend: z.string(),
    skipEmailNotify: z.boolean(),
    preferSheet: z.boolean().optional(),
    match: z.string().regex(/^(email|id|custom:.+)$/, 'email, id or custom:NAME').optional(),
    chats: z.enum(['merge', 'replace']).optional(),
    offboard: z.boolean().optional(),
    leaveChats: z.boolean().optional(),
    photos: z.object({ dir: z.string().optional(), key: z.string().optional(), overwrite: z.boolean() }).optional(),
  }),
  welcomeFile: z.string().optional(),
  apiUrl: z.string(),
  items: z.array(itemSchema),
  basis: planBasisSchema.optional(),
  sheet: z.object({
    headers: z.array(z.string()),
    rows: z.array(z.object({ rowNumber: z.number().int(), cells: z.array(z.tuple([z.string(), z.string()])) })),
    format: z.enum(['csv', 'xlsx']).optional(),
    sheetName: z.string().optional(),
    reportDelimiter: z.string().optional(),
  }).optional(),
});

/** "items.3.kind: Invalid option ..." for the first problem zod found. */
export function describeIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'invalid';
  const field = issue.path.length > 0 ? issue.path.join('.') : '(the whole file)';
  return `field ${field}: ${issue.message}`;
}

export function readSavedPlan(folder: string, flag = '--resume'): SavedPlan {
  const path = join(folder, 'plan.json');
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new InputError(`${flag} ${folder}: cannot read ${path} (${code ?? 'not valid JSON'}); is this a run folder?`);
  }
  const parsed = savedPlanSchema.safeParse(raw);
  if (!parsed.success) {
    const version = (raw as { version?: unknown } | null)?.version;
    if (typeof version === 'number' && version !== SAVED_PLAN_VERSION) {
      throw new InputError(`${flag} ${folder}: ${path} is version ${version}, written by another pachca-roster version; start a new run`);
    }
    throw new InputError(`${flag} ${folder}: ${path} is not a valid plan (${describeIssue(parsed.error)}); was it edited? Start a new run`);
  }
  // The checked shape is SavedPlan's; other fields (counts, customColumns...) are only reported.
  return parsed.data as unknown as SavedPlan;
}

/** The flags that shape a plan, spelled as on the command line, with the values they had. */
export type PlanFlags = Record<string, string>;

export function planFlagsOf(readOptions: SheetReadOptions, planOptions: PlanOptions, welcomeFile: string | undefined): PlanFlags {
  const flags: PlanFlags = {
    '--tags': planOptions.tags,
    '--create-tags': String(planOptions.createTags),
    '--blank-clears': String(planOptions.blankClears),
    '--allow-delete': String(planOptions.allowDelete),
    '--prefer-sheet': String(planOptions.preferSheet === true),
    '--suspend-missing': String(planOptions.suspendMissing),
    '--max-suspend': planOptions.maxSuspend,
    '--skip-email-notify': String(planOptions.skipEmailNotify),
    '--match': planOptions.match ?? '(id for an export with ids, else email)',
    '--chats': planOptions.chats ?? 'merge',
    '--offboard': String(planOptions.offboard === true),
    '--leave-chats': String(planOptions.leaveChats === true),
    '--photos': planOptions.photos?.dir !== undefined ? resolve(planOptions.photos.dir) : '(none)',
    '--photos-key': planOptions.photos?.key ?? '(e-mail)',
    '--photos-overwrite': String(planOptions.photos?.overwrite === true),
    '--welcome': welcomeFile !== undefined ? resolve(welcomeFile) : '(none)',
    '--sheet': readOptions.sheet ?? '(first with data)',
    '--map': readOptions.map?.join(' ') ?? '(none)',
    '--mapping': readOptions.mapping !== undefined ? resolve(readOptions.mapping) : '(none)',
    '--encoding': readOptions.encoding ?? '(detected)',
    '--delimiter': readOptions.delimiter ?? '(detected)',
    '--phone-region': readOptions.phoneRegion ?? 'RU',
  };
  return flags;
}

/**
 * A resume keeps the run's plan: flags given again must carry the values the run was planned
 * with. Refuses (exit 2) naming each one that differs and the value the run has.
 */
export function checkResumeFlags(folder: string, saved: SavedPlan, given: PlanFlags): void {
  const planned = planFlagsOf(saved.readOptions, saved.planOptions, saved.welcomeFile);
  const differing = Object.entries(given).filter(([flag, value]) => planned[flag] !== undefined && planned[flag] !== value);
  if (differing.length === 0) return;
  const asGiven = differing.map(([flag, value]) => `${flag} ${value}`).join(', ');
  const asPlanned = differing.map(([flag]) => `${flag} ${planned[flag]}`).join(', ');
  throw new InputError(`--resume ${folder}: ${asGiven} would change the plan, and a resume finishes the run as it was planned (${asPlanned}); drop ${differing.length === 1 ? 'that flag' : 'those flags'}, or start a new run with them (nothing was changed)`);
}
