// --help of import, plan, apply, validate and template.
import type { HelpExample } from './helpCli.en.js';

export const helpImportEn = {
  helpImport: {
    file: 'CSV or XLSX sheet of employees (one row per person, matched by email); an XLSX export may also carry a Tags sheet (id, name, optional action) that renames and deletes tags',
    dryRun: 'Show the plan and write plan.json, summary.json and failed.csv (invalid rows) to the run folder; change nothing (what the plan command does)',
    out: 'Run folder for plan.json, journal.jsonl, report.xlsx/csv, failed.csv, summary.json',
    resume: 'Finish an interrupted run from its run folder with the flags it was planned with: re-reads the same file (refused if it changed), skips what the journal says is done; give no file',
    tags: "merge: add the sheet's tags to each user's; replace: make them exactly the sheet's",
    createTags: 'Create tags the sheet names that do not exist yet (--no-create-tags makes such rows invalid)',
    skipEmailNotify: 'Do not send Pachca invitation e-mails to created users',
    blankClears: 'An empty cell clears first_name, last_name, phone_number, department, title, custom properties (and tags with --tags replace); default: left alone',
    allowDelete: 'Carry out action=delete rows, of users and of the Tags sheet (irreversible; without it they are invalid)',
    preferSheet: "An edited export: a cell changed both in the sheet and in Pachca since the export is a conflict, and Pachca's value is kept; this applies the sheet's instead (cells left as exported never change anything)",
    suspendMissing: "Suspend active people (pending invites included) who are not in the sheet; never bots or the token's own user",
    maxSuspend: 'Refuse (exit 2) when --suspend-missing would suspend more than N people, or N% of active people; 0 allows none',
    welcome: 'Send this UTF-8 text file as a direct message to each created user ({first_name} is filled in); a failed message is noted in the report',
    reportDelimiter: 'Delimiter of report.csv and failed.csv (default: the input CSV\'s, else ",")',
    planExamples: [
      ['$0 plan hires.xlsx', 'Show what importing hires.xlsx would change, without changing anything'],
      ['$0 plan staff.csv --suspend-missing --tags replace', 'Preview a full sync: exact tags, offboard people missing from the sheet'],
    ] as HelpExample[],
    importExamples: [
      ['$0 import hires.xlsx', 'Show the plan, ask, apply, write the report to ./pachca-roster-runs/<timestamp>/'],
      ['$0 import staff.csv --yes --suspend-missing --max-suspend 5', 'Non-interactive full sync; suspends at most 5 people missing from the sheet'],
      ['$0 import hires.csv --yes --welcome welcome.txt --skip-email-notify', 'Create people and greet them in Pachca instead of by e-mail'],
      ['$0 import --resume pachca-roster-runs/2026-08-14_10-00-00 --yes', 'Finish an interrupted run without duplicates'],
      ['$0 import pachca-directory.xlsx --allow-delete', 'An edited export: its Tags sheet renames tags (edit a name cell) and deletes them (action = delete); users follow the renames'],
      ['$0 import pachca-directory-2026-08-01.xlsx --prefer-sheet', "An edited old export: cells left as exported change nothing; cells also changed in Pachca since take the sheet's value"],
      ['PACHCA_TOKEN=$(cat token) $0 import hires.csv --dry-run --json', 'Dry run; summary.json (the counts it would make) on stdout, the plan in the run folder'],
    ] as HelpExample[],
  },
  helpApply: {
    dir: 'The folder plan --out wrote (plan.json); run it again to finish an interrupted apply',
    examples: [
      ['$0 plan staff.csv --out plans/monday', 'Plan and save the plan; nothing is changed'],
      ['$0 apply plans/monday --yes', 'Apply exactly that plan; refused (exit 2) if a person or tag it changes was changed since'],
    ] as HelpExample[],
  },
  helpValidate: {
    file: 'The CSV or XLSX file to check',
    json: 'Print one JSON object (rows, valid, invalid, warnings, issues, detected)',
    examples: [
      ['$0 validate hires.xlsx', 'Check a workbook; exit 0 when every row is valid, 5 when some are not'],
      ['$0 validate hires.csv --encoding windows-1251 --delimiter ";"', 'Override what is detected'],
      ['$0 validate hires.xlsx --sheet "Апрель" --map "Рабочий e-mail=email" --map "Город=custom:Город"', 'Pick a sheet and map columns'],
      ['$0 validate hires.csv --json', 'Machine-readable result'],
    ] as HelpExample[],
  },
  helpTemplate: {
    lang: 'Header language (and the language of messages)',
    format: 'File format (default: from --out, else xlsx)',
    out: 'Where to write it, a name ending in .xlsx or .csv (default: hire-template-<lang>.<format> in the current folder)',
    examples: [
      ['$0 template', 'hire-template-ru.xlsx: Russian headers, notes on each column, drop-downs for role and suspended, one example row to replace'],
      ['$0 template --lang en --format csv --out hires.csv', 'An English CSV template (UTF-8 with BOM, comma-separated)'],
    ] as HelpExample[],
  },
};
