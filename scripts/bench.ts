// `npm run bench`: speed at the rate limit, and memory on large sheets and directories.
// The sandbox runs here, in-process; each scenario's work runs in a child process
// (scripts/bench-child.mjs, built dist/ code), so peak RSS is measured per scenario.
// Prints one markdown table and writes it to bench/results.md.
//
//   npm run bench                       # defaults below
//   npm run bench -- --rows 300 --sheet-rows 10000 --export-users 2000   # a quick run
//   npm run bench -- --only import,rerun
//   npm run bench -- --latencies 300 --only import   # one latency
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { GroupTag, User } from '../src/pachca/types.js';
import type { RunningSandbox, SandboxDirectory, SandboxStats } from '../src/sandbox/api.js';
import { startSandbox } from '../src/sandbox/server.js';
import { createPrng } from '../src/sandbox/traffic.js';
import { blankUser, defaultDirectory } from '../src/sandbox/workspace.js';
import type { RunSummary } from '../src/reports/report.js';
import { writeCsvFile, type CellValue } from '../src/sheets/write.js';
import { createXlsxWorkbookWriter } from '../src/sheets/xlsx-writer.js';

const PROJECT_ROOT = fileURLToPath(new URL('..', import.meta.url));
const CHILD = fileURLToPath(new URL('./bench-child.mjs', import.meta.url));
const SCENARIOS = ['startup', 'import', 'baseline', 'rerun', 'xlsx', 'csv', 'export'] as const;
type ScenarioName = (typeof SCENARIOS)[number];

const { values: flags } = parseArgs({
  options: {
    rows: { type: 'string', default: '2000' },
    'baseline-rows': { type: 'string' },
    'sheet-rows': { type: 'string', default: '100000' },
    'startup-rows': { type: 'string', default: '2000' },
    'export-users': { type: 'string', default: '20000' },
    'export-tags': { type: 'string', default: '300' },
    rps: { type: 'string', default: '50' },
    'latency-ms': { type: 'string', default: '50' },
    latencies: { type: 'string', default: '50,150,300,600' },
    'export-latencies': { type: 'string', default: '50,300' },
    only: { type: 'string' },
    out: { type: 'string', default: join(PROJECT_ROOT, 'bench', 'results.md') },
    help: { type: 'boolean', default: false },
  },
});

if (flags.help) {
  process.stdout.write(`npm run bench -- [options]
  --rows N            new hires in the import scenarios (default 2000)
  --baseline-rows N   rows for the sequential baseline (default: --rows)
  --sheet-rows N      rows of the generated XLSX/CSV read scenarios (default 100000)
  --startup-rows N    rows of the start-up scenario's sheet (default 2000)
  --export-users N    users in the export scenario (default 20000)
  --export-tags N     tags in the export scenario (default 300)
  --rps N             sandbox limit and the tool's --rps (default 50)
  --latency-ms N      sandbox latency of the re-run and baseline scenarios (default 50)
  --latencies a,b     sandbox latencies of the import scenario (default 50,150,300,600)
  --export-latencies  sandbox latencies of the export scenario (default 50,300)
  --only a,b          run only these scenarios: ${SCENARIOS.join(', ')}
  --out FILE          where to write the results (default bench/results.md)
`);
  process.exit(0);
}

function positiveInteger(name: string, raw: string | undefined): number {
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0) throw new Error(`--${name}: expected a positive whole number, got ${raw}`);
  return value;
}

function latencyList(name: string, raw: string | undefined): number[] {
  const values = (raw ?? '').split(',').map((part) => Number(part.trim()));
  if (values.length === 0 || values.some((value) => !Number.isFinite(value) || value < 0)) throw new Error(`--${name}: expected latencies in ms like 50,300, got ${raw}`);
  return values;
}

const ROWS = positiveInteger('rows', flags.rows);
const BASELINE_ROWS = positiveInteger('baseline-rows', flags['baseline-rows'] ?? flags.rows);
const SHEET_ROWS = positiveInteger('sheet-rows', flags['sheet-rows']);
const STARTUP_ROWS = positiveInteger('startup-rows', flags['startup-rows']);
const EXPORT_USERS = positiveInteger('export-users', flags['export-users']);
const EXPORT_TAGS = positiveInteger('export-tags', flags['export-tags']);
const RPS = positiveInteger('rps', flags.rps);
const LATENCY_MS = Number(flags['latency-ms']);
const IMPORT_LATENCIES = latencyList('latencies', flags.latencies);
const EXPORT_LATENCIES = latencyList('export-latencies', flags['export-latencies']);
const PAGE = 50;
const selected = new Set<string>(flags.only ? flags.only.split(',').map((name) => name.trim()) : SCENARIOS);
for (const name of selected) if (!SCENARIOS.includes(name as ScenarioName)) throw new Error(`--only: unknown scenario ${name}`);

const workDir = mkdtempSync(join(tmpdir(), 'pachca-roster-bench-'));

interface ChildResult {
  exitCode: number;
  /** Epoch ms when the child was spawned. */
  spawnedAt: number;
  /** Spawn to exit, seen from here (includes Node start-up). */
  wallSeconds: number;
  maxRssMb: number;
  /** The child's user + system CPU time (on a shared machine a steadier figure than wall time). */
  cpuSeconds?: number;
  rows?: number;
  validRecords?: number;
  invalidRows?: number;
  error?: string;
  stderr: string;
}

function runChild(args: string[], env: Record<string, string> = {}): Promise<ChildResult> {
  const resultFile = join(workDir, `child-${Date.now()}-${Math.random().toString(36).slice(2)}.json`);
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const spawnedAt = Date.now();
    const child = spawn(process.execPath, [CHILD, resultFile, ...args], {
      cwd: workDir,
      env: { ...withoutPachcaEnv(), NO_COLOR: '1', ...env },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      const wallSeconds = (performance.now() - started) / 1000;
      try {
        const reported = JSON.parse(readFileSync(resultFile, 'utf8')) as Omit<ChildResult, 'wallSeconds' | 'stderr'>;
        resolve({ ...reported, wallSeconds, spawnedAt, stderr });
      } catch {
        reject(new Error(`bench child exited ${code} without a result: ${stderr.trim()}`));
      }
    });
  });
}

function withoutPachcaEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) if (!key.startsWith('PACHCA_') && value !== undefined) env[key] = value;
  return env;
}

// ---------------------------------------------------------------- data

const EXISTING_TAGS = ['Москва', 'Backend'];
const NEW_TAGS = ['Frontend', 'Продажи', 'Удалённо', 'Новички 2026'];
const HIRE_HEADER = ['Email', 'Фамилия', 'Имя', 'Отдел', 'Должность', 'Теги'];
const DEPARTMENTS = ['Разработка', 'Продажи', 'HR', 'Финансы', 'Маркетинг', 'Поддержка'];

function hireRows(count: number): string[][] {
  const tagSets = [
    [EXISTING_TAGS[0]!, NEW_TAGS[3]!],
    [EXISTING_TAGS[1]!, NEW_TAGS[0]!],
    [NEW_TAGS[1]!],
    [NEW_TAGS[2]!, EXISTING_TAGS[0]!],
    [],
  ];
  return Array.from({ length: count }, (_, index) => [
    `hire${index}@bench.example.ru`,
    `Фамилия${index}`,
    `Имя${index}`,
    DEPARTMENTS[index % DEPARTMENTS.length]!,
    'Инженер',
    tagSets[index % tagSets.length]!.join(', '),
  ]);
}

function importSeed(): SandboxDirectory {
  const directory = defaultDirectory();
  directory.tags = EXISTING_TAGS.map((name, index): GroupTag => ({ id: 900 + index, name, users_count: 0 }));
  return directory;
}

/** A directory of `userCount` people (plus the Owner and the bot) and `tagCount` tags. */
function exportSeed(userCount: number, tagCount: number): SandboxDirectory {
  const random = createPrng(20260814);
  const directory = defaultDirectory();
  const properties = directory.customProperties;
  directory.tags = Array.from({ length: tagCount }, (_, index): GroupTag => ({ id: 1000 + index, name: `Команда ${index + 1}`, users_count: 0 }));
  const createdAt = new Date(Date.UTC(2025, 0, 1)).toISOString();
  for (let index = 0; index < userCount; index++) {
    const tagCountForUser = Math.floor(random() * 4);
    const tags = new Set<string>();
    for (let n = 0; n < tagCountForUser; n++) tags.add(directory.tags[Math.floor(random() * tagCount)]!.name);
    const user: User = blankUser(10_000 + index, {
      first_name: `Имя${index}`,
      last_name: `Фамилия${index}`,
      nickname: `user${index}`,
      email: `user${index}@bench.example.ru`,
      phone_number: `+7916${String(1_000_000 + index).padStart(7, '0')}`,
      department: DEPARTMENTS[index % DEPARTMENTS.length]!,
      title: 'Инженер',
      suspended: random() < 0.05,
      invite_status: 'confirmed',
      inviter_id: 1,
      list_tags: [...tags],
      custom_properties: properties.map((property) => ({ ...property, value: property.name === 'Город' ? 'Москва' : null })),
      created_at: createdAt,
    });
    directory.users.push(user);
  }
  return directory;
}

function sheetRows(count: number): CellValue[][] {
  return Array.from({ length: count }, (_, index) => [
    `person${index}@bench.example.ru`,
    `Фамилия${index}`,
    `Имя${index}`,
    `Отчество${index}`,
    `+7 916 ${String(1_000_000 + (index % 9_000_000)).padStart(7, '0')}`,
    DEPARTMENTS[index % DEPARTMENTS.length]!,
    'Инженер',
    index % 10 === 0 ? 'администратор' : 'сотрудник',
    index % 3 === 0 ? 'Backend, Москва' : 'Продажи',
    'Москва',
  ]);
}
const SHEET_HEADER = ['Email', 'Фамилия', 'Имя', 'Отчество', 'Телефон', 'Отдел', 'Должность', 'Роль', 'Теги', 'Город'];

// ---------------------------------------------------------------- measuring

interface TargetCheck {
  label: string;
  met: boolean;
}

interface ScenarioResult {
  name: string;
  wallSeconds: number;
  minimumSeconds?: number;
  requests?: number;
  rateLimited?: number;
  failedRows?: number;
  peakRssMb: number;
  targets: TargetCheck[];
  notes: string[];
}

const results: ScenarioResult[] = [];

function requestsTo(stats: SandboxStats, route: string): number {
  return Object.values(stats.requests[route] ?? {}).reduce((sum, count) => sum + count, 0);
}

/** Longest chain of requests that must wait for each other: the user pages (the token check goes out with the first). */
function sequentialChain(stats: SandboxStats): number {
  return requestsTo(stats, 'GET /users');
}

function writesIn(stats: SandboxStats): number {
  return stats.writes;
}

function failedRowsOf(summary: RunSummary): number {
  return (summary.counts.failed ?? 0) + (summary.counts.invalid ?? 0);
}

function duplicateEmails(sandbox: RunningSandbox): number {
  const emails = sandbox.directory().users.map((user) => user.email?.toLowerCase()).filter((email): email is string => Boolean(email));
  return emails.length - new Set(emails).size;
}

async function importRun(sandbox: RunningSandbox, file: string, label: string, extraArgs: string[] = []): Promise<{ child: ChildResult; summary: RunSummary }> {
  const out = join(workDir, `run-${label}`);
  const child = await runChild(
    ['cli', 'import', file, '--yes', '--quiet', '--out', out, '--api-url', sandbox.url, ...(extraArgs.includes('--rps') ? [] : ['--rps', String(RPS)]), ...extraArgs],
    { PACHCA_TOKEN: sandbox.adminToken },
  );
  if (child.exitCode !== 0 && child.exitCode !== 5) throw new Error(`${label}: import exited ${child.exitCode}: ${child.stderr.trim()}`);
  const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')) as RunSummary;
  return { child, summary };
}

function log(line: string): void {
  process.stderr.write(`${line}\n`);
}

/**
 * The least time an import can take: the user pages are a cursor chain that must finish before
 * the plan (pages x latency; the other reads overlap it), the writes go at the rate, and the last
 * answer takes one more round trip. Never less than requests / rps.
 */
function importFloorSeconds(stats: SandboxStats, latencyMs: number): number {
  const pages = Math.max(1, requestsTo(stats, 'GET /users'));
  return Math.max(stats.total / RPS, ((pages + 1) * latencyMs) / 1000 + stats.writes / RPS);
}

const importWalls = new Map<number, number>();

async function benchImport(latencyMs: number): Promise<void> {
  const sandbox = await startSandbox({ host: '127.0.0.1', port: 0, rps: RPS, latencyMs, seed: importSeed() });
  try {
    const file = join(workDir, `hires-${ROWS}.csv`);
    await writeCsvFile(file, HIRE_HEADER, hireRows(ROWS));
    log(`import: ${ROWS} new hires at ${RPS} req/s, ${latencyMs} ms latency...`);
    const { child, summary } = await importRun(sandbox, file, `import-${latencyMs}`);
    const stats = sandbox.stats();
    const floor = importFloorSeconds(stats, latencyMs);
    const failed = failedRowsOf(summary);
    const efficiency = floor / child.wallSeconds;
    importWalls.set(latencyMs, child.wallSeconds);
    const duplicates = duplicateEmails(sandbox);
    const requestLog = sandbox.requestLog();
    const firstRequestMs = (requestLog[0]?.at ?? Number.NaN) - child.spawnedAt;
    const creates = requestLog.filter((record) => record.route === 'POST /users').map((record) => record.at);
    const writeRate = creates.length > 1 ? (creates.length - 1) / ((creates.at(-1)! - creates[0]!) / 1000) : Number.NaN;
    const lastAnswerToExitMs = child.spawnedAt + child.wallSeconds * 1000 - (requestLog.at(-1)?.at ?? Number.NaN) - latencyMs;
    results.push({
      name: `Import ${ROWS} new hires + ${NEW_TAGS.length} new tags at ${latencyMs} ms`,
      wallSeconds: child.wallSeconds,
      minimumSeconds: floor,
      requests: stats.total,
      rateLimited: stats.rate_limited,
      failedRows: failed,
      peakRssMb: child.maxRssMb,
      targets: [
        { label: 'efficiency >= 0.95', met: efficiency >= 0.95 },
        { label: '429s <= 1%', met: stats.rate_limited <= stats.total * 0.01 },
        { label: '0 failed rows', met: failed === 0 && summary.counts.created === ROWS },
        { label: `${duplicates} duplicates`, met: duplicates === 0 },
      ],
      notes: [
        `created ${summary.counts.created}, tags created ${summary.tagsCreated}, tool-side elapsed ${summary.elapsedSeconds} s, sandbox peak ${stats.peak_rps} req/s`,
        `rate floor (requests / rps) ${(stats.total / RPS).toFixed(2)} s, efficiency against it ${(stats.total / RPS / child.wallSeconds).toFixed(3)}`,
        `first request reached the sandbox ${(firstRequestMs / 1000).toFixed(2)} s after spawn; first user create ${((creates[0]! - child.spawnedAt) / 1000).toFixed(2)} s; creates arrived at ${writeRate.toFixed(1)} req/s; exit ${(lastAnswerToExitMs / 1000).toFixed(2)} s after the last answer`,
      ],
    });
  } finally {
    await sandbox.stop();
  }
}

/** Spawn to the first request the sandbox sees, for a plan of a new sheet (nothing applied). */
async function benchStartup(): Promise<void> {
  if (!selected.has('startup')) return;
  const sandbox = await startSandbox({ host: '127.0.0.1', port: 0, rps: RPS, latencyMs: LATENCY_MS, seed: importSeed() });
  try {
    const file = join(workDir, `hires-startup-${STARTUP_ROWS}.csv`);
    await writeCsvFile(file, HIRE_HEADER, hireRows(STARTUP_ROWS));
    log(`startup: plan of a ${STARTUP_ROWS}-row sheet, time to the first request...`);
    const { child } = await importRun(sandbox, file, 'startup', ['--dry-run']);
    const requestLog = sandbox.requestLog();
    const firstRequestSeconds = ((requestLog[0]?.at ?? Number.NaN) - child.spawnedAt) / 1000;
    const bare = await runChild(['bare']);
    results.push({
      name: `Start-up: spawn to the first request, ${STARTUP_ROWS}-row CSV (plan)`,
      wallSeconds: firstRequestSeconds,
      requests: sandbox.stats().total,
      rateLimited: sandbox.stats().rate_limited,
      peakRssMb: child.maxRssMb,
      targets: [],
      notes: [`the whole plan (read, token check, listing, plan, plan.json and plan.xlsx) took ${child.wallSeconds.toFixed(2)} s; a bare Node process spawned until it exits takes ${bare.wallSeconds.toFixed(2)} s`],
    });
  } finally {
    await sandbox.stop();
  }
}

async function benchImports(): Promise<void> {
  if (selected.has('import')) for (const latency of IMPORT_LATENCIES) await benchImport(latency);

  if (selected.has('rerun')) {
    const sandbox = await startSandbox({ host: '127.0.0.1', port: 0, rps: RPS, latencyMs: LATENCY_MS, seed: importSeed() });
    try {
      const file = join(workDir, `hires-${ROWS}.csv`);
      await writeCsvFile(file, HIRE_HEADER, hireRows(ROWS));
      // The re-run needs the people in the directory: import them quickly first (not measured).
      sandbox.configure({ rps: 100_000, latencyMs: 0 });
      await importRun(sandbox, file, 'rerun-setup', ['--rps', '1000']);
      sandbox.configure({ rps: RPS, latencyMs: LATENCY_MS });
      const before = sandbox.stats();
      log('rerun: the same sheet again...');
      const rerun = await importRun(sandbox, file, 'rerun');
      const after = sandbox.stats();
      const rerunStats: SandboxStats = {
        requests: Object.fromEntries(Object.entries(after.requests).map(([route, byStatus]) => [
          route,
          Object.fromEntries(Object.entries(byStatus).map(([status, count]) => [status, count - (before.requests[route]?.[status] ?? 0)])),
        ])),
        total: after.total - before.total,
        writes: after.writes - before.writes,
        rate_limited: after.rate_limited - before.rate_limited,
        peak_rps: after.peak_rps,
      };
      const chain = sequentialChain(rerunStats);
      const rerunMinimum = Math.max(rerunStats.total / RPS, (chain * LATENCY_MS) / 1000);
      results.push({
        name: `Re-run of the same ${ROWS}-row sheet`,
        wallSeconds: rerun.child.wallSeconds,
        minimumSeconds: rerunMinimum,
        requests: rerunStats.total,
        rateLimited: rerunStats.rate_limited,
        failedRows: failedRowsOf(rerun.summary),
        peakRssMb: rerun.child.maxRssMb,
        targets: [{ label: 'zero writes', met: writesIn(rerunStats) === 0 }],
        notes: [`${rerunStats.writes} writes; ${rerunStats.total} reads, of which ${chain} in the sequential chain (the user pages)`],
      });
    } finally {
      await sandbox.stop();
    }
  }

  if (selected.has('baseline')) {
    const sandbox = await startSandbox({ host: '127.0.0.1', port: 0, rps: RPS, latencyMs: LATENCY_MS, seed: importSeed() });
    try {
      const file = join(workDir, `hires-baseline-${BASELINE_ROWS}.csv`);
      await writeCsvFile(file, HIRE_HEADER, hireRows(BASELINE_ROWS));
      log(`baseline: ${BASELINE_ROWS} new hires one request at a time (--concurrency 1)...`);
      const { child, summary } = await importRun(sandbox, file, 'baseline', ['--concurrency', '1']);
      const stats = sandbox.stats();
      // One request in flight: each costs at least the round trip.
      const minimum = Math.max(stats.total / RPS, (stats.total * LATENCY_MS) / 1000);
      const notes = [`${(child.wallSeconds / BASELINE_ROWS * 1000).toFixed(1)} ms per row`];
      const importWall = importWalls.get(LATENCY_MS);
      if (importWall !== undefined) {
        const perRowConcurrent = importWall / ROWS;
        const perRowBaseline = child.wallSeconds / BASELINE_ROWS;
        notes.push(`concurrent import is ${(perRowBaseline / perRowConcurrent).toFixed(2)}x faster per row`);
      }
      results.push({
        name: `Sequential baseline, ${BASELINE_ROWS} new hires (--concurrency 1)`,
        wallSeconds: child.wallSeconds,
        minimumSeconds: minimum,
        requests: stats.total,
        rateLimited: stats.rate_limited,
        failedRows: failedRowsOf(summary),
        peakRssMb: child.maxRssMb,
        targets: [],
        notes,
      });
    } finally {
      await sandbox.stop();
    }
  }
}

async function benchSheets(): Promise<void> {
  if (selected.has('xlsx')) {
    const file = join(workDir, `sheet-${SHEET_ROWS}.xlsx`);
    log(`xlsx: generating ${SHEET_ROWS} rows (not timed)...`);
    const writer = createXlsxWorkbookWriter(file);
    const sheet = writer.addSheet('Сотрудники', SHEET_HEADER.map((header) => ({ header })));
    for (const row of sheetRows(SHEET_ROWS)) sheet.addRow(row);
    await writer.commit();
    log('xlsx: read and validate...');
    results.push(sheetResult('XLSX', await runChild(['read', file]), 10, 300));
  }
  if (selected.has('csv')) {
    const file = join(workDir, `sheet-${SHEET_ROWS}.csv`);
    log(`csv: generating ${SHEET_ROWS} rows (not timed)...`);
    await writeCsvFile(file, SHEET_HEADER, sheetRows(SHEET_ROWS));
    log('csv: read and validate...');
    results.push(sheetResult('CSV', await runChild(['read', file]), 3, 200));
  }
}

function sheetResult(format: string, child: ChildResult, maxSeconds: number, maxRssMb: number): ScenarioResult {
  if (child.exitCode !== 0) throw new Error(`${format} read failed: ${child.error ?? child.stderr}`);
  return {
    name: `Read + validate ${SHEET_ROWS}-row ${format}`,
    wallSeconds: child.wallSeconds,
    failedRows: child.invalidRows,
    peakRssMb: child.maxRssMb,
    targets: [
      { label: `<= ${maxSeconds} s`, met: child.wallSeconds <= maxSeconds },
      { label: `<= ${maxRssMb} MB`, met: child.maxRssMb <= maxRssMb },
      { label: 'every row read', met: child.rows === SHEET_ROWS },
    ],
    notes: [`${child.rows} rows, ${child.validRecords} valid`],
  };
}

/** Where a listing's wall time went: before the first request, the user-page chain, after the last answer. */
function timeline(sandbox: RunningSandbox, child: ChildResult, latencyMs: number): string {
  const requestLog = sandbox.requestLog();
  const pages = requestLog.filter((record) => record.route === 'GET /users').map((record) => record.at);
  const first = (requestLog[0]?.at ?? Number.NaN) - child.spawnedAt;
  const chain = pages.length > 1 ? (pages.at(-1)! - pages[0]!) / (pages.length - 1) : Number.NaN;
  const exit = child.spawnedAt + child.wallSeconds * 1000 - (requestLog.at(-1)?.at ?? Number.NaN) - latencyMs;
  return `first request ${(first / 1000).toFixed(2)} s after spawn; one user page every ${chain.toFixed(1)} ms (latency ${latencyMs} ms); exit ${(exit / 1000).toFixed(2)} s after the last answer; CPU ${child.cpuSeconds?.toFixed(2) ?? '?'} s`;
}

async function benchExport(): Promise<void> {
  if (!selected.has('export')) return;
  log(`export: seeding ${EXPORT_USERS} users and ${EXPORT_TAGS} tags...`);
  const seed = exportSeed(EXPORT_USERS, EXPORT_TAGS);
  const sandbox = await startSandbox({ host: '127.0.0.1', port: 0, rps: RPS, latencyMs: 0, seed });
  try {
    for (const latencyMs of EXPORT_LATENCIES) {
      sandbox.reset();
      sandbox.configure({ rps: RPS, latencyMs });
      const out = join(workDir, `export-${latencyMs}.xlsx`);
      log(`export: directory to XLSX at ${latencyMs} ms latency...`);
      const child = await runChild(
        ['cli', 'export', '--out', out, '--api-url', sandbox.url, '--rps', String(RPS)],
        { PACHCA_TOKEN: sandbox.adminToken },
      );
      if (child.exitCode !== 0) throw new Error(`export exited ${child.exitCode}: ${child.stderr.trim()}`);
      const stats = sandbox.stats();
      const users = seed.users.length;
      // Users, tags, custom properties, and the Chats sheet's two chat listings (the chats its person is in, the open ones).
      const minimumRequests = Math.ceil(users / PAGE) + Math.ceil(EXPORT_TAGS / PAGE) + 1 + 2;
      const chain = sequentialChain(stats);
      const floor = Math.max(stats.total / RPS, (chain * latencyMs) / 1000);
      results.push({
        name: `Export ${users} users (${EXPORT_USERS} + Owner + bot) and ${EXPORT_TAGS} tags to XLSX at ${latencyMs} ms`,
        wallSeconds: child.wallSeconds,
        minimumSeconds: floor,
        requests: stats.total,
        rateLimited: stats.rate_limited,
        peakRssMb: child.maxRssMb,
        targets: [
          { label: 'efficiency >= 0.9', met: floor / child.wallSeconds >= 0.9 },
          { label: `requests = ${minimumRequests}`, met: stats.total === minimumRequests },
          { label: '<= 300 MB', met: child.maxRssMb <= 300 },
        ],
        notes: [
          `minimum requests ceil(${users}/50) + ceil(${EXPORT_TAGS}/50) + 1 + 2 chat listings = ${minimumRequests}; the ${chain} user pages are a sequential cursor chain`,
          timeline(sandbox, child, latencyMs),
        ],
      });
    }
  } finally {
    await sandbox.stop();
  }
}

// ---------------------------------------------------------------- report

function fixed(value: number | undefined, digits = 1): string {
  return value === undefined ? '—' : value.toFixed(digits);
}

function renderTable(): string {
  const lines = [
    '| Scenario | Wall (s) | Minimum (s) | Efficiency | Requests | 429s | Failed rows | Peak RSS (MB) | Targets |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---|',
  ];
  for (const result of results) {
    const efficiency = result.minimumSeconds === undefined ? undefined : result.minimumSeconds / result.wallSeconds;
    const targets = result.targets.length === 0
      ? '—'
      : result.targets.map((target) => `${target.met ? 'met' : '**MISSED**'}: ${target.label}`).join('; ');
    lines.push(`| ${result.name} | ${fixed(result.wallSeconds, 2)} | ${fixed(result.minimumSeconds, 2)} | ${fixed(efficiency, 3)} | ${result.requests ?? '—'} | ${result.rateLimited ?? '—'} | ${result.failedRows ?? '—'} | ${fixed(result.peakRssMb, 0)} | ${targets} |`);
  }
  return lines.join('\n');
}

async function main(): Promise<void> {
  try {
    await benchStartup();
    await benchImports();
    await benchSheets();
    await benchExport();
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
  const table = renderTable();
  process.stdout.write(`${table}\n`);

  const cpu = cpus()[0]?.model ?? 'unknown CPU';
  const notes = results.flatMap((result) => result.notes.map((note) => `- ${result.name}: ${note}`));
  const document = [
    '# Benchmark results',
    '',
    `Date: ${new Date().toISOString()}  `,
    `Node: ${process.version}  `,
    `CPU: ${cpu} (${cpus().length} cores)  `,
    `Settings: sandbox --rps ${RPS}; import at ${IMPORT_LATENCIES.join(', ')} ms latency, export at ${EXPORT_LATENCIES.join(', ')} ms, re-run and baseline at ${LATENCY_MS} ms; the tool at --rps ${RPS}, --concurrency auto (baseline 1); import rows ${ROWS}, baseline rows ${BASELINE_ROWS}, sheet rows ${SHEET_ROWS}, export ${EXPORT_USERS} users / ${EXPORT_TAGS} tags`,
    '',
    table,
    '',
    'Wall time is the child process from spawn to exit (Node start-up included); for the start-up row, spawn to the first',
    'request the sandbox sees. Minimum (the floor): for the import,',
    'the user pages are a cursor chain that must finish before the plan (pages x latency), then the writes at rps, then',
    'the last answer one round trip later, and never less than requests / rps (the notes also give efficiency against',
    'requests / rps alone); for the sequential baseline each request also costs one round trip; for the re-run and the',
    'export, the user list is a cursor chain (each page needs the previous page\'s cursor), so it cannot take less than',
    'pages x latency.',
    'Efficiency = minimum / wall. Peak RSS is the child\'s maxRSS (the sandbox runs in the parent).',
    '',
    'Notes:',
    ...notes,
    '',
  ].join('\n');
  mkdirSync(join(flags.out, '..'), { recursive: true });
  writeFileSync(flags.out, document);
  log(`written to ${flags.out}`);
}

await main();
