// The words the security log's rows carry (src/reports/audit-log.ts): who is not in the
// directory, which run made a change, and an outside change's details. The JSON keeps English.

export const securityLogWordsEn = {
  logNotInDirectory: (id: number) => `(not in the directory: ${id})`,
  logMadeByRun: (run: string) => `pachca-roster (run ${run})`,
  logTagNamed: (name: string) => `tag "${name}"`,
  logTagId: (id: string) => `tag ${id}`,
  logChangedAttrs: (attrs: string) => `changed: ${attrs}`,
  logRoleChange: (from: string, to: string) => `role ${from} -> ${to}`,
};
