// What changed in the directory since a saved plan was made (src/app/plan-basis.ts): `apply DIR`
// and the web page's Apply refuse the plan naming these.

export const basisEn = {
  basisUser: (id: number, email: string | undefined) => `user ${id}${email !== undefined ? ` (${email})` : ''}`,
  basisUserGone: (user: string) => `${user} is gone`,
  basisUserChanged: (user: string) => `${user} was changed`,
  basisEmailNowExists: (email: string) => `${email} now exists`,
  basisTagGone: (id: number, name: string) => `tag ${id} "${name}" is gone`,
  basisTagRenamed: (id: number, name: string, now: string) => `tag ${id} "${name}" is now "${now}"`,
  basisTagNowExists: (name: string) => `tag "${name}" now exists`,
  basisPlanOutdated: (changes: string, more: number) => `the directory changed since the plan: ${changes}${more > 0 ? `; and ${more} more` : ''}; plan again (nothing was changed)`,
};
