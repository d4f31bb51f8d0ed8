// --help shared by several commands: the command list's descriptions, option groups, the
// connection, sheet-reading, --force and -o options (src/cli/options.ts, src/cli/printer.ts).

/** One `--help` example: the command line and what it does. */
export type HelpExample = [command: string, description: string];

export const helpCliEn = {
  /** Each command's line in the command list (main.ts puts them in by command name). */
  helpCommands: {
    import: 'Bring the Pachca directory in line with a sheet: plan, confirm, apply, report (resumable)',
    plan: 'Show what importing a sheet would change (import --dry-run): nothing is changed',
    apply: 'Apply the plan saved by "plan FILE --out DIR" exactly, after checking the people and tags it changes are as planned (resumable)',
    validate: 'Check an HR sheet (CSV or XLSX) offline: what was detected, which rows are invalid and why',
    export: 'Export the directory (users, tags, membership) to an XLSX workbook or CSV files that import reads back',
    audit: 'Audit the directory: inactive people, pending invites, suspended people still in tags, missing fields, admins and guests, empty tags, possible duplicates; with --since/--days also the security log (roles, accounts, tokens, 2FA, sign-ins, changes outside the tool)',
    template: 'Write a hire template (XLSX with notes and drop-downs, or CSV) to fill in and import',
    sandbox: 'Run a local Pachca API sandbox (same routes, errors, pagination and rate limits) for trying the tool safely',
    demo: 'Try it offline: a local sandbox with a sample company, the Russian hire sheet imported, the directory exported',
    find: "Find people by name, e-mail, phone or nickname (Pachca's own search): id, name, e-mail, department, title, role, tags, suspended, status",
    show: 'One person in full: every field, tags, status with its expiry, custom properties by name, invite, created and last active',
    tags: "List every tag with its member count (Pachca's own count)",
    members: 'List the people in a tag (by name, any case, or by id)',
    chats: 'List the chats the token can see (the ones its person is in and every open one): id, name, kind, members, open, archived',
  },
  helpGroups: {
    connection: 'Connection:',
    reading: 'Reading the file:',
    import: 'Import:',
    apply: 'Apply:',
    output: 'Output:',
    export: 'Export:',
    audit: 'Audit:',
    securityLog: 'Security log:',
    template: 'Template:',
    sandbox: 'Sandbox:',
    network: 'Simulated network:',
    documented: 'Documented behaviours:',
    demo: 'Demo:',
    chats: 'Chats:',
  },
  helpConnection: {
    apiUrl: 'API base URL (env PACHCA_API_URL; default https://api.pachca.com/api/shared/v1)',
    token: 'API token (env PACHCA_TOKEN); prefer --token-file or the env var so it stays out of shell history',
    tokenFile: 'Read the API token from this file',
    timeout: (max: number) => `Request timeout in seconds, up to ${max} (env PACHCA_TIMEOUT)`,
    rps: 'Requests per second (the API allows about 50 per token)',
    concurrency: 'Most requests in flight at once: auto follows the round trip (about rps x latency, 10 to 100, fewer on 429 or a slowing server); a number N caps it at N',
    retries: 'Attempts per request on 429, 5xx, resets and timeouts',
  },
  helpSheet: {
    sheet: 'XLSX: the sheet to read (default: the first sheet with data)',
    map: 'Map a column: "Рабочий e-mail=email" (repeatable; target is a column name or custom:NAME)',
    mapping: 'JSON file of {"header": "column"} mappings',
    encoding: 'CSV encoding: utf-8, utf-16le, utf-16be, windows-1251 (default: detected)',
    delimiter: 'CSV delimiter: "," ";" "tab" "|" (default: detected)',
    phoneRegion: 'Region for phones without a country code',
  },
  helpForce: 'Replace an existing output file (without it, an existing file stops the command with exit 2)',
  helpOutputFormat: 'table (fitted to the terminal), json (for scripts: stable English keys) or csv (UTF-8, formula-like cells neutralized)',
  helpYes: 'Apply without asking (required when stdin is not a terminal)',
  helpJsonSummary: 'Print summary.json to stdout (the plan and messages go to stderr)',
  helpQuiet: 'Print only the summary (no plan table, no progress bar)',
};
