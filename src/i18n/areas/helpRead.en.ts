// --help of export, audit and the everyday look-ups (find, show, tags, members, chats).
import type { HelpExample } from './helpCli.en.js';

export const helpReadEn = {
  helpExport: {
    out: 'XLSX: the workbook file, ending in .xlsx (default pachca-directory-<date>.xlsx); CSV: the folder for users.csv, tags.csv, membership.csv (default: the current folder)',
    format: 'xlsx: one workbook with Users, Tags, Membership and Summary sheets (and the values as exported in a hidden sheet); csv: users.csv, tags.csv, membership.csv (UTF-8 with BOM) and users.base.json (the values as exported: keep it beside users.csv)',
    delimiter: 'CSV delimiter: "," ";" or "tab" (";" suits Excel with a Russian locale)',
    includeBots: 'Include bot accounts (left out by default)',
    query: 'Only users whose name, email, phone or nickname contains this text (case-insensitive); the Tags sheet still lists every tag',
    tag: 'Only members of this tag (exit 2 if there is no such tag); the Tags sheet still lists every tag',
    department: 'Only this department (whole name, case-insensitive)',
    json: 'Print a JSON summary (counts and file paths) instead of text',
    examples: [
      ['$0 export', 'Workbook pachca-directory-<date>.xlsx in the current folder'],
      ['$0 export --tag Backend --out backend.xlsx', 'Everyone in tag Backend'],
      ['$0 export --format csv --out ./export --delimiter ";"', 'users.csv, tags.csv, membership.csv for Excel with a Russian locale, and users.base.json'],
      ['$0 export --department Продажи --include-bots --json', 'One department, bots included, JSON summary on stdout'],
    ] as HelpExample[],
  },
  helpAudit: {
    inactiveDays: 'Inactive: an active person with no activity for more than this many days (or never logged in and created that long ago)',
    out: 'Write the findings as an XLSX workbook (file name ending in .xlsx; one sheet per finding and a Summary)',
    html: 'Write a self-contained HTML page (tables, charts of headcount by department and of last activity; opens offline)',
    json: 'Print the summary counts (and file paths) as JSON',
    since: 'Also read the security log from this date (YYYY-MM-DD, UTC): role changes, accounts created/deleted, API tokens, 2FA failures, last sign-ins, changes outside the tool (Owner token, Corporation plan)',
    days: 'Like --since, for the last N days (the log keeps 90)',
    runs: "Folder of this tool's run folders (e.g. ./pachca-roster-runs): their journal.jsonl files tell the tool's changes from others in the security log",
    examples: [
      ['$0 audit', 'Print a count per finding (nothing is written, nothing changes)'],
      ['$0 audit --inactive-days 30 --out audit.xlsx --html audit.html', 'Workbook and web page, 30-day threshold'],
      ['$0 audit --json', 'Counts as JSON for monitoring'],
      ['$0 audit --days 30 --runs ./pachca-roster-runs --html audit.html', "Add the last 30 days of the security log, telling this tool's runs from changes made by hand"],
    ] as HelpExample[],
  },
  helpFind: {
    query: 'Part of a name ("Иван Петров" in quotes), an e-mail, a phone number in any format, or a nickname',
    phoneRegion: 'Region for a phone number typed without a country code',
    examples: [
      ['$0 find Петров', 'Everyone whose name, e-mail or nickname contains Петров'],
      ['$0 find "8 (916) 123-45-67"', 'By phone, in any format'],
      ['$0 find @example.ru -o json', 'JSON for scripts'],
    ] as HelpExample[],
  },
  helpShow: {
    person: "The person's id or e-mail (to search by name or phone, use find)",
    examples: [
      ['$0 show 11', 'By id'],
      ['$0 show m.ivanova@example.ru -o json', 'By e-mail, as JSON'],
    ] as HelpExample[],
  },
  helpTags: {
    examples: [
      ['$0 tags', 'A table of tags by name'],
      ['$0 tags -o csv > tags.csv', 'The same as CSV'],
    ] as HelpExample[],
  },
  helpMembers: {
    tag: "The tag's name (case does not matter) or id",
    examples: [
      ['$0 members Backend', 'Everyone tagged Backend'],
      ['$0 members москва -o json', 'JSON for scripts'],
    ] as HelpExample[],
  },
  helpChats: {
    archived: 'Include archived chats',
    examples: [
      ['$0 chats', 'A table of the chats, by id'],
      ['$0 chats -o csv --archived > chats.csv', 'Every chat the token sees, archived ones too, as CSV'],
    ] as HelpExample[],
  },
};
