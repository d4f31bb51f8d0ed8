// The security log's part of the audit (audit --since/--days): the printed counts, the workbook's
// sheets and Summary lines, the page's sections. Event keys and scopes stay Pachca's own words.

export const securityLogEn = {
  securityLogSince: (day: string) => `Security log since ${day}:`,
  securityLogPageHeading: (day: string) => `Security log since ${day}`,
  securityLogNotRead: {
    scope: "Security log not read: the token lacks the audit_events:read scope (only the workspace Owner's personal token has it)",
    plan: 'Security log not read: the workspace is not on the Corporation plan (402 payment_required), so Pachca keeps no security log',
  },
  securityLogCounts: {
    roleChanges: 'Role changes',
    accountsCreated: 'Accounts created',
    accountsCreatedByTool: 'Accounts created by this tool',
    accountsDeleted: 'Accounts deleted',
    tokenChanges: 'API token changes',
    repeated2faFailures: (least: number) => `Repeated 2FA failures (people, ${least}+)`,
    peopleSignedIn: 'People who signed in',
    outsideChanges: 'Changes outside the tool',
  },
  securityLogSections: {
    roleChanges: { title: 'Role changes', description: (since: string) => `Company role changes since ${since}: whose, from and to, by whom.` },
    accounts: { title: 'Accounts created and deleted', description: (since: string) => `Accounts created or deleted since ${since}, by whom, and whether this tool made them.` },
    tokens: { title: 'API tokens', description: (since: string) => `API tokens created, changed or destroyed since ${since}.` },
    twoFactorFailures: { title: 'Repeated 2FA failures', description: (since: string, least: number) => `People who failed the second sign-in factor ${least} or more times since ${since}, most first.` },
    lastSignIns: { title: 'Last sign-in', description: (since: string) => `Each person's last sign-in since ${since} (longest ago first); the Inactive finding uses it where present.` },
    outsideChanges: { title: 'Changes outside the tool', description: (since: string) => `Directory changes since ${since} that this tool did not make.` },
    eventsPerDay: { title: 'Security events per day', description: 'Events of the sections above per day (UTC).' },
  },
  securityLogWithoutRuns: "Without --runs only the tool's user agent tells its changes apart.",
  securityLogRunsMatched: (journals: number) => `Matched against ${journals} run journal(s) from --runs.`,
  /** Column headers of the security log's sheets and tables. */
  securityLogColumns: {
    at: 'at', id: 'id', email: 'email', name: 'name', by_id: 'by_id', by_email: 'by_email', by_name: 'by_name',
    owner_id: 'owner_id', owner_email: 'owner_email', owner_name: 'owner_name', from: 'from', to: 'to', made_by: 'made_by',
    change: 'change', token_id: 'token_id', scopes: 'scopes', failures: 'failures', first_at: 'first_at', last_at: 'last_at',
    last_sign_in_at: 'last_sign_in_at', sign_ins: 'sign_ins', ip_address: 'ip_address', user_agent: 'user_agent',
    event: 'event', target: 'target', detail: 'detail', day: 'day', events: 'events',
  },
  /** What happened to an account or a token (the JSON keeps the English value). */
  securityLogChanges: { created: 'created', updated: 'updated', deleted: 'deleted', destroyed: 'destroyed' } as Record<string, string>,
  securityLogByRun: (run: string) => `pachca-roster (run ${run})`,
  securityLogSummarySince: 'security log since',
  securityLogSummaryNote: 'security log',
  securityLogChartCaption: 'Security events per day (the sections below, UTC)',
  securityLogChartLabel: 'Security events per day',
  securityLogChartPeak: (max: number) => `max ${max} per day`,
};
