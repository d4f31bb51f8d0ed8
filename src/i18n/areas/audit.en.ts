// The audit files (audit.xlsx, the audit page) and the printed audit summary. The security log's
// sections are not in the catalog yet (English in both languages).

/** What fixes the "suspended but still in tags" finding: in its description and under the printed counts. */
const SUSPENDED_IN_TAGS_FIX =
  'To fix: pachca-roster offboard EMAIL... (takes them out of every tag, clears the status, keeps them suspended), or pachca-roster import STAFF --suspend-missing --offboard with the whole staff sheet.';

export const auditEn = {
  htmlLang: 'en',
  auditFindings: {
    inactive: { title: 'Inactive', description: (days: number) => `Active accounts with no activity for more than ${days} days, or never logged in and created more than ${days} days ago.` },
    pendingInvites: { title: 'Pending invites', description: (_days: number) => 'Invitations sent but not accepted (invite_status sent), oldest first.' },
    suspendedInTags: { title: 'Suspended but still in tags', description: (_days: number) => `Suspended accounts that still belong to tags. ${SUSPENDED_IN_TAGS_FIX}` },
    missingFields: { title: 'Missing fields', description: (_days: number) => 'Active accounts without a department, title or phone number.' },
    adminsAndGuests: { title: 'Admins and guests', description: (_days: number) => 'Accounts with a role other than user: admins (and the owner), guests and multi-guests.' },
    emptyTags: { title: 'Empty tags', description: (_days: number) => 'Tags nobody belongs to.' },
    duplicates: { title: 'Possible duplicates', description: (_days: number) => 'People with the same first and last name (case-insensitive) and different emails.' },
  },
  /** Column headers of the findings' sheets and tables. */
  auditColumns: {
    id: 'id', email: 'email', name: 'name', department: 'department', last_activity_at: 'last_activity_at', days_since_activity: 'days_since_activity',
    created_at: 'created_at', reason: 'reason', age_days: 'age_days', inviter_id: 'inviter_id', inviter: 'inviter', suspended: 'suspended', tags: 'tags',
    missing: 'missing', title: 'title', phone_number: 'phone_number', role: 'role', tag_id: 'tag_id', tag: 'tag', users_count: 'users_count',
    duplicate_name: 'duplicate_name',
  } as Record<string, string>,
  auditFinding: 'finding',
  auditCount: 'count',
  auditThreshold: 'inactive threshold (days)',
  auditPeople: 'people (bots excluded)',
  auditAuditedAt: 'audited at',
  auditPageTitle: 'Pachca directory audit',
  auditPageIntro: (when: string, source: string | undefined, people: number, days: number) =>
    `Audited at ${when}${source ? ` from ${source}` : ''}; ${people} people (bots excluded); inactive means more than ${days} days.`,
  auditPageTimeZone: (zone: string) => `Times are in the ${zone} time zone.`,
  auditNothingFound: 'Nothing found.',
  auditHeadcount: 'Headcount by department',
  auditHeadcountCaption: 'Headcount by department (active people)',
  auditDaysSince: 'Days since last activity',
  auditDaysSinceCaption: 'Days since last activity (active people)',
  auditSuspendedInTagsFix: SUSPENDED_IN_TAGS_FIX,
  auditPrintedHead: (people: number, days: number) => `Audit of ${people} people (bots excluded), inactive = more than ${days} days:`,
  auditWrote: (file: string) => `Wrote ${file}`,
};
