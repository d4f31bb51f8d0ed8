// The English catalog: the source of the catalog's shape (ru.ts must have every key, typed alike).
import { plural } from './plural.js';
import { webEn } from './areas/web.en.js';

/** The hire template's columns that have a note. */
export type TemplateNoteColumn = 'email' | 'last_name' | 'first_name' | 'middle_name' | 'phone_number' | 'department' | 'title' | 'role' | 'tags' | 'suspended' | 'chat_ids' | 'action';

export const en = {
  // The CLI frame.
  cliUsage: '$0 <command> [options]\n\nKeep a Pachca directory in step with HR spreadsheets.',
  cliNameACommand: 'name a command (import, plan, validate, export, audit, template, sandbox, demo)',
  cliEpilogue: 'Exit codes: 0 ok, 1 fatal, 2 usage or input error, 3 authentication or missing scope, 5 finished with some rows invalid or failed.\nDocs: README.md',
  cliLangOption: 'Language of messages and reports: ru or en (env PACHCA_ROSTER_LANG; default: the locale, ru_* is Russian, else English)',
  errorPrefix: 'Error',

  // One-line parse errors (src/cli/usage-error.ts).
  usageHelpCommand: (command: string) => `Run "pachca-roster ${command} --help" for usage.`,
  usageHelpCommands: 'Run "pachca-roster --help" for the commands.',
  usageUnknownFlagNoCommand: (flag: string, commands: string) => `unknown flag ${flag}; name a command first (${commands})`,
  usageUnknownCommand: (name: string, suggestion: string | undefined) => `unknown command "${name}"${suggestion ? `; did you mean ${suggestion}?` : ''}`,
  usageDoesNotTake: (command: string, given: string, more: string, takes: string) => `${command} does not take "${given}" here${more}; it takes ${takes}`,
  usageTakesNothing: 'no file or other argument, only flags',
  usageTakesOne: (what: string) => `one ${what}`,
  usageAndMore: (list: string) => ` (and ${list})`,
  usageUnknownFlag: (flag: string, command: string, suggestion: string | undefined) => `unknown flag ${flag} for ${command}${suggestion ? ` (did you mean ${suggestion}?)` : ''}`,
  usageNotOneOf: (flag: string, given: string, choices: string, suggestion: string | undefined) => `${flag} "${given}" is not one of: ${choices}${suggestion ? ` (did you mean ${suggestion}?)` : ''}`,
  usageNeedsValue: (flag: string) => `${flag} needs a value`,
  usageNeedsPositional: (command: string, takes: string, example: string) => `${command} needs ${takes}: ${example}`,
  usageInvalidArguments: 'invalid arguments',

  // Counted words.
  people: (count: number) => plural('en', count, { one: 'person', other: 'people' }),
  rows: (count: number) => plural('en', count, { one: 'row', other: 'rows' }),
  changes: (count: number) => plural('en', count, { one: 'change', other: 'changes' }),

  // Words for the tool's enum values (the files and JSON keep the English values).
  results: {
    created: 'created', updated: 'updated', renamed: 'renamed', unchanged: 'unchanged', suspended: 'suspended', restored: 'restored',
    deleted: 'deleted', 'status set': 'status set', 'status cleared': 'status cleared', skipped: 'skipped', invalid: 'invalid', failed: 'failed',
  },
  // English reports keep the plan's own action names.
  actions: {
    'create-tag': 'create-tag', 'rename-tag': 'rename-tag', 'delete-tag': 'delete-tag', create: 'create', update: 'update', unchanged: 'unchanged',
    suspend: 'suspend', restore: 'restore', delete: 'delete', 'set-status': 'set-status', 'clear-status': 'clear-status', skip: 'skip', invalid: 'invalid',
  },
  yes: 'yes',
  no: 'no',
  none: '(none)',

  // The run report (report.xlsx, report.csv, report-tags.csv).
  reportColumns: { row: 'row', email: 'email', name: 'name', action: 'action', result: 'result', pachca_user_id: 'pachca_user_id', changed_fields: 'changed_fields', message: 'message' },
  tagsReportColumns: { row: 'row', tag_id: 'tag_id', name: 'name', action: 'action', result: 'result', changes: 'changes', message: 'message' },
  reportSheet: 'Report',
  tagsReportSheet: 'Tags',
  summarySheet: 'Summary',
  summaryItem: 'item',
  summaryValue: 'value',
  summaryTagsSheetResult: (result: string) => `Tags sheet: ${result}`,
  summaryTagsCreated: 'tags created',
  summaryRequests: 'requests sent',
  summary429: '429 answers',
  summaryElapsed: 'elapsed seconds',
  summaryExitCode: 'exit code',
  summaryInput: 'input',
  summaryApiUrl: 'API URL',
  summaryDryRun: 'dry run',
  summaryStoppedBy: 'stopped by',
  summaryReportFiles: 'report files',
  failedErrorColumn: 'error',
  /** How report.csv and failed.csv were written, for the summary. */
  reportShape: (delimiter: string, encoding: string) => `${delimiter}, ${encoding}`,
  encodingUtf8Bom: 'UTF-8 with BOM',
  delimiterNames: { ',': 'comma (,)', ';': 'semicolon (;)', '\t': 'tab', '|': 'bar (|)' } as Record<string, string>,
  summaryReportShapeLine: (shape: string) => `CSV reports: ${shape}`,

  // plan.xlsx.
  planSheetChanges: 'Changes',
  planSheetInvalid: 'Invalid rows',
  planColumns: { row: 'row', person: 'person', action: 'action', field: 'field', before: 'before', after: 'after' },
  planInvalidColumns: { row: 'row', person: 'person', reason: 'reason' },
  planSummaryAction: 'planned action',
  planSummaryCount: 'count',
  planSummaryWarning: 'warning',
  planSummaryInput: 'input',
  planSummaryCreated: 'planned at',
  planNewUser: 'new user',
  planTag: (name: string) => `tag "${name}"`,
  planTagsSheetRow: (row: number | string, tagId: number | string) => `Tags row ${row}, tag id ${tagId}`,

  // The hire template's notes (one per column) and its drop-down message.
  templateNotes: {
    email: 'Work email, required. The employee is matched by it.',
    last_name: 'Last name. A single "Full name" column (Last First) also works.',
    first_name: 'First name, up to 255 characters.',
    middle_name: 'Middle name or patronymic (Pachca has no such field; map it to a custom property with --map).',
    phone_number: 'Any usual format; with a country code (+44 20 7946 0958), or the --phone-region default (RU).',
    department: 'Department, up to 255 characters.',
    title: 'Job title, up to 255 characters.',
    role: 'user, admin, multi_guest or guest (a guest needs exactly one chat in Chats). Empty: user.',
    tags: 'Tags separated by commas, semicolons or line breaks. Missing tags are created.',
    suspended: 'yes/no. Empty: leave as is.',
    chat_ids: 'Chats to add the employee to, by name or id, separated by commas (an existing employee joins those not yet joined).',
    action: 'Empty: create or update. Also: suspend, restore, offboard (suspend, out of every tag, status cleared), delete (only with --allow-delete), skip. The example row says skip, so it is never imported.',
  } satisfies Record<TemplateNoteColumn, string>,
  templateChoose: (choices: string) => `Choose: ${choices}`,

  // The audit page.
  htmlLang: 'en',
  ...webEn,
};
