// The notes and refusals of the export workbook's Tags sheet (src/sync/tags-sheet.ts).

export const tagsSheetEn = {
  tagsRowBadAction: (header: string, reason: string) => `${header}: ${reason}`,
  tagsRowSkip: 'action is skip',
  tagsRowActionNotForTag: (header: string, action: string) => `${header}: action ${action} does not apply to a tag (a Tags row renames by its name cell, or takes delete or skip)`,
  tagsRowNotAnId: (header: string, given: string) => `${header}: "${given}" is not a tag id (keep the id the export wrote)`,
  tagsRowNoId: (header: string) => `${header}: empty; a Tags row changes an existing tag by its id (new tags come from users' tags cells)`,
  tagsRowDuplicateId: (id: number, first: number) => `tag id ${id}: duplicate of row ${first}`,
  tagsRowAlreadyDeleted: 'not in Pachca (already deleted)',
  tagsRowDeleteNeedsFlag: 'action delete needs --allow-delete (deleting a tag removes it from all its members)',
  tagsRowMembers: (count: number) => `${count} member${count === 1 ? '' : 's'}`,
  tagsRowNoSuchTag: (header: string, id: number) => `${header}: no tag with id ${id} in Pachca`,
  tagsRowNoName: (header: string) => `${header}: empty; write the tag's name (or delete in the action column)`,
  tagsRowNameAsExported: (now: string) => `the name is as exported; renamed in Pachca since to "${now}", which is kept`,
  tagsRowNameTooLong: (header: string, max: number) => `${header}: longer than ${max} characters`,
  tagsRowNameTaken: (header: string, holder: string, id: number) => `${header}: tag "${holder}" (id ${id}) already has this name; tag names are unique`,
  tagsRowNameClaimed: (header: string, row: number, name: string) => `${header}: row ${row} already renames a tag to "${name}"`,
};
