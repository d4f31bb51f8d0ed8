// What `demo` says while it runs (its --help is in helpSandbox).
export const demoRunEn = {
  demoSandbox: (url: string) => `Sandbox with the sample company at ${url} (local, in this process; no token or network needed)`,
  demoImporting: (sheet: string) => `Importing ${sheet} ...\n`,
  demoExported: (users: number, tags: number, path: string) => `Exported the directory after the import: ${users} users, ${tags} tags -> ${path}`,
  demoAudited: (since: string, html: string) => `Audited the directory and its security log since ${since} -> ${html}, audit.xlsx:`,
  demoNext: '\nNext: open the report and the export; run "pachca-roster sandbox" to keep a sandbox running and try your own sheets.',
};
