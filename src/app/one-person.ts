// The everyday one-person changes (set, status, suspend, restore, tag add/remove): the arguments
// become a one-row-per-person sheet, planned by the import's planner against a snapshot of just
// those people and the tags they name, then saved, shown, confirmed and applied by the import's
// apply in a run folder of their own (plan.json, journal, report), so they have its safety and
// its output. Nothing but reads is sent until the plan is confirmed.
import { createHash, randomUUID } from 'node:crypto';
import { InputError } from '../exit-codes.js';
import type { Lang } from '../i18n/lang.js';
import type { PachcaApi } from '../pachca/api.js';
import { InterruptedError } from '../pachca/errors.js';
import { tagKey } from '../pachca/keys.js';
import type { CustomPropertyDefinition, GroupTag, User } from '../pachca/types.js';
import type { ReportShape } from '../reports/failed-rows.js';
import { writePlanWorkbook } from '../reports/plan-workbook.js';
import { buildDirectory, type Directory } from '../sync/directory.js';
import { buildPlan, type Plan, type PlanOptions } from '../sync/plan.js';
import { openNewRunFolder } from '../sync/run-folder.js';
import { applyContextOf, applyInFolder, finishDryRun, type RunResult } from './apply-run.js';
import { CancelledError, toCliError } from './errors.js';
import { systemClock, type Clock, type EventSink } from './events.js';
import { checkToken, missingScopes, missingScopesError } from './import-sheet.js';
import {
  checkCustomColumns, customHeaders, editedTagNames, onePersonSheet, readCells, scopesFor, type Cell, type OnePersonCells,
} from './one-person-rows.js';
import { listTagSummaries, lookupPerson, parsePersonKey, UnknownTagError, type PersonKey } from './people.js';
import { savedPlanOf, saveSheet, writeSavedPlan, type SavedPlan } from './saved-plan.js';

export { UnknownColumnError, type Cell } from './one-person-rows.js';

export interface OnePersonRequest {
  /** The command as typed, without connection flags (`set ivan@x.ru Отдел=Продажи`): the run's input in summary.json. */
  label: string;
  /** Each person's id or e-mail, as typed. */
  people: readonly string[];
  /** The same cells for every person: a sheet column as typed (ru or en) and its value. */
  cells: readonly Cell[];
  dryRun: boolean;
  yes: boolean;
  /** The run folder (default: a new one under ./pachca-roster-runs, as import's). */
  outDir?: string;
  /** The language of the report files (default English). */
  lang?: Lang;
  /** The IANA zone of plan.xlsx's times (default the machine's). */
  timeZone?: string;
  /** Region for a phone without a country code (default RU). */
  phoneRegion?: string;
}

export interface OnePersonPorts {
  /** Creates the client (resolving the token). */
  connect(): PachcaApi;
  /** Asks whether to apply; absent when nobody can answer (then `yes` is needed). */
  confirm?: (question: string) => Promise<boolean>;
  events: EventSink;
  interrupt?: AbortSignal;
  clock?: Clock;
}

/**
 * How the planner treats a one-person command: tags are made exactly the edited list (the
 * edits were applied to the person's own tags already), an empty value clears (`Отдел=`) where
 * a sheet with --blank-clears would, a tag the command names that does not exist is created.
 */
export const ONE_PERSON_PLAN_OPTIONS: PlanOptions = {
  tags: 'replace',
  createTags: true,
  blankClears: true,
  allowDelete: false,
  suspendMissing: false,
  maxSuspend: '0',
  skipEmailNotify: false,
};

/** The report files are CSV with commas (there is no input file to follow). */
const REPORT_SHAPE: ReportShape = { delimiter: ',', encoding: 'utf-8-bom' };

function distinctKeys(given: readonly string[]): PersonKey[] {
  if (given.length === 0) throw new InputError((t) => t.onePersonNamePeople);
  const keys = given.map(parsePersonKey);
  return keys.filter((key, index) => keys.findIndex((other) => JSON.stringify(other) === JSON.stringify(key)) === index);
}

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

/** Each person looked up (an unknown one: "no such person", exit 2); bots and hidden e-mails refused. */
async function lookUpPeople(api: PachcaApi, keys: readonly PersonKey[]): Promise<User[]> {
  const users: User[] = [];
  for (const key of keys) {
    const user = await lookupPerson(api, key);
    const given = 'id' in key ? String(key.id) : key.email;
    if (user.bot) throw new InputError((t) => t.onePersonBot(given));
    if (!user.email) throw new InputError((t) => t.onePersonNoEmail(given));
    if (!users.some((other) => other.id === user.id)) users.push(user);
  }
  return users;
}

/**
 * The directory the plan needs: the people, the tags the edits name and the people hold (one
 * filtered listing, only when tags are edited) and, when a column may be a custom property, the
 * property definitions. A tag to remove that does not exist is an UnknownTagError naming every
 * tag (one more listing, for the suggestions).
 */
async function smallDirectory(api: PachcaApi, users: User[], parsed: OnePersonCells): Promise<Directory> {
  const edited = editedTagNames(parsed);
  const names = edited.length > 0 || parsed.tagEdits.length > 0 ? [...new Set([...edited, ...users.flatMap((user) => user.list_tags)])] : [];
  const [tags, definitions] = await Promise.all([
    names.length > 0 ? collect(api.listTagsByNames(names)) : Promise.resolve<GroupTag[]>([]),
    customHeaders(parsed).length > 0 ? api.listCustomProperties() : Promise.resolve<CustomPropertyDefinition[]>([]),
  ]);
  checkCustomColumns(parsed, definitions);
  const known = new Set(tags.map((tag) => tagKey(tag.name)));
  const unknownRemoved = parsed.tagEdits.filter((edit) => edit.op === 'remove').flatMap((edit) => edit.names).find((name) => !known.has(tagKey(name)));
  if (unknownRemoved !== undefined) {
    throw new UnknownTagError(unknownRemoved, (await listTagSummaries(api)).map((tag) => tag.name));
  }
  return buildDirectory(users, tags, definitions);
}

/** The plan's refusals (the token's own user suspended, a role the API cannot set, ...) stop the command: exit 2, nothing sent. */
function refuseInvalid(plan: Plan): void {
  const invalid = plan.items.filter((item) => item.kind === 'invalid');
  if (invalid.length === 0) return;
  const reasons = invalid.map((item) => `${item.email ?? item.name ?? item.key}: ${item.message ?? 'invalid'}`).join('; ');
  throw new InputError((t) => t.onePersonRefused(reasons));
}

export async function changePeople(request: OnePersonRequest, ports: OnePersonPorts): Promise<RunResult> {
  const clock = ports.clock ?? systemClock;
  const startedAt = clock.now().getTime();
  const stopped = (): boolean => ports.interrupt?.aborted === true;
  // Arguments first: a bad one is refused before any request.
  const keys = distinctKeys(request.people);
  const parsed = readCells(request.cells);
  if (parsed.cells.size === 0 && parsed.tagEdits.length === 0) throw new InputError((t) => t.onePersonNothingToChange);

  if (stopped()) throw new CancelledError();
  const api = ports.connect();
  const token = await checkToken(api, ports.interrupt);
  // A token that cannot write (a bot's) is refused before the people are looked up.
  const needed = missingScopes(scopesFor(parsed), token.scopes);
  if (needed.length > 0) throw missingScopesError(needed, 'change');

  let plan: Plan;
  let directory: Directory;
  let sheet: ReturnType<typeof onePersonSheet>;
  try {
    const users = await lookUpPeople(api, keys);
    directory = await smallDirectory(api, users, parsed);
    sheet = onePersonSheet(request.label, users, parsed, request.phoneRegion, request.lang);
    plan = buildPlan(sheet, directory, ONE_PERSON_PLAN_OPTIONS, { selfId: token.selfId }, undefined, undefined, { lang: request.lang ?? 'en' });
  } catch (error) {
    throw stopped() || error instanceof InterruptedError ? new CancelledError() : toCliError(error, 'lookPeopleUp');
  }
  refuseInvalid(plan);
  const missing = missingScopes(plan.requiredScopes, token.scopes);
  if (missing.length > 0) throw missingScopesError(missing, 'change');

  // The run folder, only now that there is a plan to keep.
  const warn = (text: string): void => ports.events({ type: 'warning', text });
  const runFolder = openNewRunFolder(request.outDir, clock.now(), warn);
  ports.events({ type: 'run-folder', path: runFolder.path });
  try {
    const folder = runFolder.path;
    const inputSha256 = createHash('sha256').update(JSON.stringify({ label: request.label, people: request.people, cells: request.cells })).digest('hex');
    const runId = randomUUID();
    const lang = request.lang ?? 'en';
    // Saved as `plan FILE --out DIR` saves a plan, so `apply DIR` applies (or finishes) it too.
    const savedPlan: SavedPlan = {
      ...savedPlanOf({
        runId,
        createdAt: clock.now().toISOString(),
        input: { path: request.label, sha256: inputSha256 },
        readOptions: request.phoneRegion !== undefined ? { phoneRegion: request.phoneRegion } : {},
        planOptions: ONE_PERSON_PLAN_OPTIONS,
        apiUrl: api.apiUrl,
      }, plan, directory),
      sheet: saveSheet(sheet.detected, sheet.rows, REPORT_SHAPE),
    };
    const planFile = writeSavedPlan(folder, savedPlan);
    await writePlanWorkbook(folder, savedPlan, lang, request.timeZone);
    ports.events({ type: 'plan-ready', plan, preferSheet: false, planFile });

    const context = applyContextOf(ports, {
      folder,
      api,
      clock,
      identity: { runId, inputSha256 },
      inputPath: request.label,
      detected: sheet.detected,
      rows: sheet.rows,
      shape: REPORT_SHAPE,
      lang,
      yes: request.yes,
      startedAt,
    });
    return await (request.dryRun ? finishDryRun(plan, context) : applyInFolder(plan, context, []));
  } finally {
    runFolder.release();
  }
}
