import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import { ExitCode } from '../../exit-codes.js';
import type { Issue, ValidatedSheet } from '../../records/types.js';
import { validateSheet } from '../../app/validate-sheet.js';
import { FlagError, NO_STDIN } from '../flag-values.js';
import { sheetOptionsIn } from '../options.js';
import { catalogOf, withExamples } from '../help-lang.js';
import { en } from '../../i18n/catalog.js';

interface ValidateArgs {
  file: string;
  sheet?: string;
  map?: string[];
  mapping?: string;
  encoding?: string;
  delimiter?: string;
  'phone-region': string;
  json?: boolean;
}

function describeDelimiter(delimiter: string): string {
  return delimiter === '\t' ? 'tab' : `"${delimiter}"`;
}

function issueLine(issue: Issue): string {
  const where = issue.row > 0 ? `row ${issue.row}` : 'file';
  const column = issue.column ? `, column "${issue.column}"` : '';
  const value = issue.value ? ` (value "${issue.value.length > 60 ? `${issue.value.slice(0, 60)}…` : issue.value}")` : '';
  return `  ${issue.severity === 'error' ? 'error  ' : 'warning'} ${where}${column}: ${issue.message}${value}`;
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

function kindLine(kind: IssueKind): string {
  const column = kind.column ? `column "${kind.column}": ` : '';
  const shown = kind.rows.slice(0, ROWS_SHOWN_PER_KIND).map((row) => (row > 0 ? String(row) : 'file')).join(', ');
  const more = kind.rows.length > ROWS_SHOWN_PER_KIND ? `, … ${kind.rows.length - ROWS_SHOWN_PER_KIND} more` : '';
  return `  ${kind.severity === 'error' ? 'error  ' : 'warning'} ${String(kind.rows.length).padStart(5)} × ${column}${kind.message} (rows ${shown}${more})`;
}

export function summarize(sheet: ValidatedSheet) {
  const warnings = sheet.issues.filter((issue) => issue.severity === 'warning').length;
  const dataRows = sheet.records.length + sheet.invalidRows.size;
  return { rows: dataRows, valid: sheet.records.length, invalid: sheet.invalidRows.size, warnings };
}

function printText(sheet: ValidatedSheet, warnings: readonly string[]): void {
  const { detected, mapping } = sheet;
  const counts = summarize(sheet);
  const lines: string[] = [];
  const format = detected.format === 'csv'
    ? `CSV, encoding ${detected.encoding}, delimiter ${describeDelimiter(detected.delimiter ?? ',')}`
    : `XLSX, sheet "${detected.sheet ?? ''}"`;
  lines.push(`${detected.file}: ${format}, header at row ${detected.headerRow}`);
  lines.push('Columns:');
  const unknown = new Set(mapping.unknown);
  for (const header of detected.headers) {
    const target = mapping.byHeader.get(header);
    lines.push(`  ${header} -> ${target ?? (unknown.has(header) ? '? (unknown; possible custom property)' : '(ignored)')}`);
  }
  lines.push(`Rows: ${counts.rows}, valid: ${counts.valid}, invalid: ${counts.invalid}, warnings: ${counts.warnings}`);
  // The warnings exactly as the import plan prints them (one shared list).
  for (const warning of warnings) lines.push(`Warning: ${warning}`);
  // Errors, and the warnings that matter only if the row creates a person (the plan decides those).
  const issues = sheet.issues.filter((issue) => issue.severity === 'error' || issue.onlyWhenCreating);
  if (issues.length > ISSUE_LIST_LIMIT) {
    lines.push(`Issues by kind (${issues.length} in all):`);
    for (const kind of issueKinds(issues)) lines.push(kindLine(kind));
    lines.push(`First ${ISSUE_LIST_LIMIT} issues:`);
    for (const issue of issues.slice(0, ISSUE_LIST_LIMIT)) lines.push(issueLine(issue));
    lines.push(`  … and ${issues.length - ISSUE_LIST_LIMIT} more (--json lists every issue)`);
  } else if (issues.length > 0) {
    lines.push('Issues:');
    for (const issue of issues) lines.push(issueLine(issue));
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
      .option('json', { type: 'boolean', describe: t.helpValidate.json, group: t.helpGroups.output })
      .check((argv) => {
        if (argv.file === '' || argv.file === '-') throw new FlagError(NO_STDIN);
        return true;
      });
    return withExamples(parser, t.helpValidate.examples) as unknown as Argv<ValidateArgs>;
  },
  handler: async (args: ArgumentsCamelCase<ValidateArgs>) => {
    const { sheet, warnings, valid } = await validateSheet(args.file, {
      ...(args.sheet !== undefined ? { sheet: args.sheet } : {}),
      ...(args.map !== undefined ? { map: args.map.map(String) } : {}),
      ...(args.mapping !== undefined ? { mapping: args.mapping } : {}),
      ...(args.encoding !== undefined ? { encoding: args.encoding } : {}),
      ...(args.delimiter !== undefined ? { delimiter: args.delimiter } : {}),
      phoneRegion: args['phone-region'],
    });
    if (args.json) {
      const { detected, mapping } = sheet;
      const output = {
        ...summarize(sheet),
        issues: sheet.issues,
        detected: { ...detected, mapping: Object.fromEntries(mapping.byHeader), unknownColumns: mapping.unknown },
      };
      process.stdout.write(`${JSON.stringify(output, null, 2)}\n`);
    } else {
      printText(sheet, warnings);
    }
    process.exitCode = valid ? ExitCode.Ok : ExitCode.RowsFailed;
  },
};
