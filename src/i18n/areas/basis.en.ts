// Why `apply DIR` refuses a saved plan: what changed in the directory since it was planned
// (src/app/plan-basis.ts, apply-saved.ts).

export const basisEn = {
  basisPlanOutdated: (changes: readonly string[], more: number) =>
    `the directory changed since the plan: ${changes.join('; ')}${more > 0 ? `; and ${more} more` : ''}; plan again (nothing was changed)`,
  basisUserGone: (who: string) => `${who} is gone`,
  basisUserChanged: (who: string) => `${who} was changed`,
  basisUser: (id: number, email: string | undefined) => `user ${id}${email !== undefined ? ` (${email})` : ''}`,
  basisEmailExists: (email: string) => `${email} now exists`,
  basisTagGone: (id: number, name: string) => `tag ${id} "${name}" is gone`,
  basisTagRenamed: (id: number, name: string, now: string) => `tag ${id} "${name}" is now "${now}"`,
  basisTagExists: (name: string) => `tag "${name}" now exists`,
  basisChatGone: (id: number, name: string) => `chat ${id} "${name}" is gone`,
  basisChatArchived: (id: number, name: string) => `chat ${id} "${name}" was archived`,
  basisChatUnseen: (id: number, name: string) => `chat ${id} "${name}" is no longer seen by this token`,
  basisChatJoined: (who: string, id: number, name: string) => `${who} joined chat ${id} "${name}" since`,
  basisChatLeft: (who: string, id: number, name: string) => `${who} left chat ${id} "${name}" since`,
};
