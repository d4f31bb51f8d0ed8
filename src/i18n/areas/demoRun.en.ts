// What `demo` and `sandbox` say while they run (their --help is in helpSandbox), and the Ctrl+C lines of a run. The sandbox's
// first line ("Pachca sandbox listening on URL") stays as it is: scripts read the address from it.
export const demoRunEn = {
  demoSandbox: (url: string) => `Sandbox with the sample company at ${url} (local, in this process; no token or network needed)`,
  demoImporting: (sheet: string) => `Importing ${sheet} ...\n`,
  demoExported: (users: number, tags: number, path: string) => `Exported the directory after the import: ${users} users, ${tags} tags -> ${path}`,
  demoAudited: (since: string, html: string) => `Audited the directory and its security log since ${since} -> ${html}, audit.xlsx:`,
  sandboxCouldNotStart: (reason: string) => `sandbox could not start: ${reason}`,
  sandboxAdminToken: (token: string) => `Admin (Owner) token: ${token}`,
  sandboxBotToken: (token: string) => `Bot token: ${token}`,
  sandboxSecondAdminToken: (token: string) => `Second admin token: ${token}`,
  sandboxStats: (url: string) => `Stats: ${url}   Stop: Ctrl+C`,
  sandboxStopped: (signal: string, stateFile: string | undefined) => `Sandbox stopped (${signal})${stateFile ? `; state saved to ${stateFile}` : ''}`,
  interruptFirst: 'Interrupted: sending nothing more; waiting for the requests in flight, then writing the journal and report (Ctrl+C again to exit at once)',
  interruptAgain: (hint: string | undefined) => `Exiting at once. ${hint ? `The journal keeps what was done; finish the run with: ${hint}` : 'Nothing more was sent.'}`,
  demoNext: '\nNext: open the report and the export; run "pachca-roster sandbox" to keep a sandbox running and try your own sheets.',
};
