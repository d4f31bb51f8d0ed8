// The look-up commands (find, show, tags, members, chats) and the one-person changes: column
// labels of their tables and CSV (JSON keeps the English keys), and their messages.

export const lookupEn = {
  lookupColumns: {
    id: 'id', name: 'name', email: 'email', department: 'department', title: 'title', role: 'role', tags: 'tags',
    suspended: 'suspended', status: 'status', members: 'members', kind: 'kind', open: 'open', archived: 'archived', chats: 'chats',
    field: 'field', value: 'value', label: 'name',
  },
  /** A chat's kind as `chats` lists it (the JSON keeps the English value). */
  chatKinds: { discussion: 'discussion', channel: 'channel', personal: 'personal' } as Record<string, string>,
  lookupBot: (role: string) => `${role} (bot)`,
  lookupStatusUntil: (time: string) => ` until ${time}`,
  lookupAway: ', away',
  lookupNoMatch: (query: string) => `no user matches ${query}`,
  lookupTagEmpty: (tag: string) => `Tag "${tag}" has no members.`,
  lookupNoChats: 'No chats visible to this token.',
  lookupContactsHidden: 'Warning: this token sees no e-mail addresses or phone numbers (a bot token?), so those are empty; '
    + 'use an Owner/Admin personal token to see them',
  readContactsHidden: 'this token sees no e-mail addresses or phone numbers (a bot token?), so those columns are empty '
    + 'and an export of it cannot be imported back; use an Owner/Admin personal token',
  exportChatsLeftOut: (reason: string) => `the Chats sheet is left out: ${reason}`,
  lookupFindNeedsQuery: 'find needs a QUERY: a name, an e-mail or a phone number',
  lookupNotPersonKey: (given: string) => `"${given}" is neither a user id nor an e-mail (to search by name or phone: pachca-roster find "${given.trim()}")`,
  lookupCannotConfirm: (email: string, ids: readonly number[]) =>
    `cannot confirm ${email}: this token sees no e-mail addresses (a bot token?); the search found `
    + (ids.length === 1 ? `id ${ids[0]}: pachca-roster show ${ids[0]}` : `ids ${ids.join(', ')}: pachca-roster show ID`),
  lookupNoSuchPerson: (key: string | number, emailsHidden: boolean) => `no such person: ${key}`
    + (emailsHidden ? '; this token sees no e-mail addresses (a bot token?): look the person up by id, or use an Owner/Admin personal token' : ''),
  lookupUnknownTag: (given: string) => `no tag named "${given}"`,
  lookupDidYouMean: (names: string) => `; did you mean ${names}?`,
  lookupNoTags: ': the directory has no tags',
  lookupTheTagsAre: (names: string) => `; the tags are ${names}`,
  lookupTagsListsThem: ' (pachca-roster tags lists them)',
  lookupUnknownColumn: (given: string) => `unknown column "${given}"`,
  lookupGiveAColumn: ": give a sheet column (email is the person's; pachca-roster template shows them all) or a custom property's name",
  onePersonNamePeople: 'name at least one person (an id or an e-mail)',
  onePersonBot: (given: string) => `${given} is a bot; bots are not managed by pachca-roster`,
  onePersonNoEmail: (given: string) => `${given}: this token does not see the person's e-mail (a bot token?); use an Owner/Admin personal token`,
  onePersonNothingToChange: 'nothing to change: give at least one column=value',
  onePersonRefused: (reasons: string) => `${reasons} (nothing was changed)`,
  onePersonColumn: (header: string, reason: string) => `column "${header}": ${reason}`,
  onePersonSameColumn: (earlier: string, header: string, target: string) => `columns "${earlier}" and "${header}" are the same column (${target}); give it once`,
  onePersonColumnTwice: (column: string) => `column "${column}" is given twice; give it once`,
};
