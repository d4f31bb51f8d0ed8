// The export's visible words: the Users sheet's name and headers, the Summary
// sheet. Import reads the headers in either language (records/columns.ts aliases,
// records/warnings.ts read-only columns); the Tags and Membership sheets keep the names
// import matches them by.

export const exportEn = {
  exportUsersSheet: 'Users',
  /** Users sheet headers by column (custom properties keep their own names). */
  exportColumns: {
    email: 'email', first_name: 'first_name', last_name: 'last_name', nickname: 'nickname', phone_number: 'phone_number',
    department: 'department', title: 'title', role: 'role', tags: 'tags', suspended: 'suspended',
    status_emoji: 'status_emoji', status_title: 'status_title', status_expires_at: 'status_expires_at', status_is_away: 'status_is_away',
    status_away_message: 'status_away_message',
    id: 'id', invite_status: 'invite_status', bot: 'bot', sso: 'sso', created_at: 'created_at', last_activity_at: 'last_activity_at',
    time_zone: 'time_zone', inviter_id: 'inviter_id', inviter: 'inviter',
  } as Record<string, string>,
  exportSummary: {
    exportedAt: 'exported_at', apiUrl: 'api_url', filters: 'filters', none: 'none', users: 'users exported', usersInDirectory: 'users in directory',
    botsExcluded: 'bots excluded', suspended: 'suspended users exported', pendingInvites: 'pending invites exported', tags: 'tags',
    memberships: 'membership rows', customProperties: 'custom properties',
  },
  exportDone: (users: number, inDirectory: number, bots: number, tags: number, memberships: number) =>
    `Exported ${users} users (of ${inDirectory} in the directory${bots ? `, ${bots} bot${bots === 1 ? '' : 's'} left out` : ''}), ${tags} tags, ${memberships} membership rows.`,
  exportRequests: (requests: number) => `${requests} API requests.`,
  /** The read-only invite_status cell: the API's word in English. */
  exportInviteStatus: (status: string) => status,
};
