// The planner's and the export's refusals said as errors (src/sync/missing.ts, plan-photos.ts, app/export-directory.ts) and the plan's list
// of conflicts (src/sync/merge-base.ts formatConflicts).

const show = (value: string | null): string => (value === null ? '(empty)' : `"${value}"`);

export const syncErrorsEn = {
  conflictsHeader: (count: number, preferSheet: boolean) =>
    `Conflicts (${count}): changed both in the sheet and in Pachca since the export; ${preferSheet ? "the sheet's values are applied (--prefer-sheet)" : "Pachca's values are kept (--prefer-sheet applies the sheet's)"}:`,
  conflictsLine: (field: string, exported: string | null, pachca: string | null, sheet: string | null) => `${field}: exported ${show(exported)}, Pachca now ${show(pachca)}, sheet ${show(sheet)}`,
  conflictsMoreRows: (count: number) => `  ... and ${count} more rows, see plan.json`,
  suspendTooMany: (missing: number, active: number, maxSuspend: string, limit: number) =>
    `--suspend-missing would suspend ${missing} of ${active} active users, more than --max-suspend ${maxSuspend} (${limit}); check that the sheet lists everyone, or raise --max-suspend if this is intended`,
  exportNoTag: (tag: string) => `--tag: no tag named "${tag}" in the directory`,
  exportNoMatch: (filters: readonly string[], botsLeftOut: boolean) =>
    `no user matches ${filters.join(' and ')}${botsLeftOut ? ' (bots left out; --include-bots counts them)' : ''}; nothing was written`,
  matchIdNoColumn: (file: string) => `${file}: --match id needs an id column (the one export writes); this sheet has none`,
  matchNoProperty: (option: string, name: string, known: readonly string[]) => `--match ${option}: Pachca has no custom property "${name}" (known: ${known.join(', ') || 'none'})`,
  matchNoColumn: (file: string, option: string, name: string) => `${file}: --match ${option}: the sheet has no "${name}" column (or --map "Header=custom:${name}")`,
  photosKeyNoColumn: (key: string, columns: string) => `--photos-key "${key}": the sheet has no such column (its columns: ${columns})`,
};
