import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import { ExitCode } from '../../exit-codes.js';
import type { Issue, ValidatedSheet } from '../../records/types.js';
import { validateSheet } from '../../app/validate-sheet.js';
import { FlagError, NO_STDIN } from '../flag-values.js';
import { sheetOptionsIn } from '../options.js';
import { catalogOf, withExamples } from '../help-lang.js';
import { en, messages, type Catalog } from '../../i18n/catalog.js';
import { langOf } from '../lang.js';
import type { MatchOption } from '../../sync/match.js';
import { matchFlag } from './import.js';

interface ValidateArgs {
  file: string;
  sheet?: string;
  map?: string[];
  mapping?: string;
  encoding?: string;
  delimiter?: string;
  'phone-region': string;
  match?: MatchOption;
  json?: boolean;
  lang?: string;
}

function describeDelimiter(delimiter: string, t: Catalog): string {
  return delimiter === '\t' ? t.validateTab : `"${delimiter}"`;
}

const severityWord = (severity: Issue['severity'], t: Catalog): string => (severity === 'error' ? t.validateError : t.validateWarningWord);

function issueLine(issue: Issue, t: Catalog): string {
  const where = issue.row > 0 ? t.validateRow(issue.row) : t.validateFile;
  const column = issue.column ? t.validateColumn(issue.column) : '';
  const value = issue.value ? t.validateValue(issue.value.length > 60 ? `${issue.value.slice(0, 60)}…` : issue.value) : '';
  return `  ${severityWord(issue.severity, t)} ${where}${column}: ${issue.message}${value}`;
}

/** Above this many issues the text output groups them by kind and lists only the first ones. */
export const ISSUE_LIST_LIMIT = 50;
const ROWS_SHOWN_PER_KIND = 10;

interface IssueKind {
  severity: Issue['severity'];
  column: string;
  message: string;
  rows: number[];
}

/** Issues of the same column and message (numbers in it aside: "duplicate of row N") together. */
function issueKinds(issues: readonly Issue[]): IssueKind[] {
  const kinds = new Map<string, IssueKind & { messages: Set<string> }>();
  for (const issue of issues) {
    const generic = issue.message.replace(/\d+/g, 'N');
    const key = `${issue.severity}\u0000${issue.column}\u0000${generic}`;
    let kind = kinds.get(key);
    if (!kind) {
      kind = { severity: issue.severity, column: issue.column, message: generic, rows: [], messages: new Set() };
      kinds.set(key, kind);
    }
    kind.rows.push(issue.row);
    kind.messages.add(issue.message);
  }
  return [...kinds.values()]
    .map(({ messages, ...kind }) => ({ ...kind, message: messages.size === 1 ? [...messages][0]! : kind.message }))
    .sort((a, b) => Number(a.severity === 'warning') - Number(b.severity === 'warning') || b.rows.length - a.rows.length);
}

function kindLine(kind: IssueKind, t: Catalog): string {
  const column = kind.column ? t.validateKindColumn(kind.column) : '';
  const shown = kind.rows.slice(0, ROWS_SHOWN_PER_KIND).map((row) => (row > 0 ? String(row) : t.validateFile)).join(', ');
  const more = Math.max(0, kind.rows.length - ROWS_SHOWN_PER_KIND);
  return `  ${severityWord(kind.severity, t)} ${String(kind.rows.length).padStart(5)} × ${column}${kind.message} ${t.validateKindRows(shown, more)}`;
}

export function summarize(sheet: ValidatedSheet) {
  const warnings = sheet.issues.filter((issue) => issue.severity === 'warning').length;
  const dataRows = sheet.records.length + sheet.invalidRows.size;
  return { rows: dataRows, valid: sheet.records.length, invalid: sheet.invalidRows.size, warnings };
}

function printText(sheet: ValidatedSheet, warnings: readonly string[], t: Catalog): void {
  const { detected, mapping } = sheet;
  const counts = summarize(sheet);
  const lines: string[] = [];
  const format = detected.format === 'csv'
    ? t.validateFormatCsv(detected.encoding ?? '', describeDelimiter(detected.delimiter ?? ',', t))
    : t.validateFormatXlsx(detected.sheet ?? '');
  lines.push(t.validateDetected(detected.file, format, detected.headerRow));
  lines.push(t.validateColumns);
  const unknown = new Set(mapping.unknown);
  for (const header of detected.headers) {
    const target = mapping.byHeader.get(header);
    lines.push(`  ${header} -> ${target ?? (unknown.has(header) ? t.validateUnknownColumn : t.validateIgnoredColumn)}`);
  }
  lines.push(t.validateCounts(counts.rows, counts.valid, counts.invalid, counts.warnings));
  // The warnings exactly as the import plan prints them (one shared list).
  for (const warning of warnings) lines.push(t.runWarning(warning));
  // Errors, and the warnings that matter only if the row creates a person (the plan decides those).
  const issues = sheet.issues.filter((issue) => issue.severity === 'error' || issue.onlyWhenCreating);
  if (issues.length > ISSUE_LIST_LIMIT) {
    lines.push(t.validateIssuesByKind(issues.length));
    for (const kind of issueKinds(issues)) lines.push(kindLine(kind, t));
    lines.push(t.validateFirstIssues(ISSUE_LIST_LIMIT));
    for (const issue of issues.slice(0, ISSUE_LIST_LIMIT)) lines.push(issueLine(issue, t));
    lines.push(t.validateMoreIssues(issues.length - ISSUE_LIST_LIMIT));
  } else if (issues.length > 0) {
    lines.push(t.validateIssues);
    for (const issue of issues) lines.push(issueLine(issue, t));
  }
  process.stdout.write(`${lines.join('\n')}\n`);
}

export const validateCommand: CommandModule<object, ValidateArgs> = {
  command: 'validate <file>',
  describe: en.helpCommands.validate,
  builder: (yargs: Argv) => {
    const t = catalogOf(yargs);
    const parser = yargs
      .positional('file', { type: 'string', demandOption: true, describe: t.helpValidate.file })
      .options(sheetOptionsIn(t))
      .option('match', { type: 'string', requiresArg: true, coerce: matchFlag, describe: t.helpOnboarding.validateMatch, group: t.helpGroups.reading })
      .option('json', { type: 'boolean', describe: t.helpValidate.json, group: t.helpGroups.output })
      .check((argv) => {
        if (argv.file === '' || argv.file === '-') throw new FlagError(NO_STDIN);
        return true;
      });
    return withExamples(parser, t.helpValidate.examples) as unknown as Argv<ValidateArgs>;
  },
  handler: async (args: ArgumentsCamelCase<ValidateArgs>) => {
    // --json is for programs: its messages stay English whatever the language.
    const lang = args.json ? 'en' : langOf(args);
    const { sheet, warnings, valid } = await validateSheet(args.file, {
      ...(args.sheet !== undefined ? { sheet: args.sheet } : {}),
      ...(args.map !== undefined ? { map: args.map.map(String) } : {}),
      ...(args.mapping !== undefined ? { mapping: args.mapping } : {}),
      ...(args.encoding !== undefined ? { encoding: args.encoding } : {}),
      ...(args.delimiter !== undefined ? { delimiter: args.delimiter } : {}),
      phoneRegion: args['phone-region'],
    }, { ...(args.match !== undefined ? { match: args.match } : {}), lang });
    if (args.json) {
      const { detected, mapping } = sheet;
      const output = {
        ...summarize(sheet),
        issues: sheet.issues,
        detected: { ...detected, mapping: Object.fromEntries(mapping.byHeader), unknownColumns: mapping.unknown },
      };
      process.stdout.write(`${JSON.stringify(output, null, 2)}\n`);
    } else {
      printText(sheet, warnings, messages(lang));
    }
    process.exitCode = valid ? ExitCode.Ok : ExitCode.RowsFailed;
  },
};
