// plan.xlsx.
export const planEn = {
  planSheetChanges: 'Changes',
  planSheetInvalid: 'Invalid rows',
  planColumns: { row: 'row', person: 'person', action: 'action', field: 'field', before: 'before', after: 'after' },
  planInvalidColumns: { row: 'row', person: 'person', reason: 'reason' },
  planSummaryAction: 'planned action',
  planSummaryCount: 'count',
  planSummaryWarning: 'warning',
  planSummaryInput: 'input',
  planSummaryCreated: 'planned at',
  planNewUser: 'new user',
  planTag: (name: string) => `tag "${name}"`,
  planTagsSheetRow: (row: number | string, tagId: number | string) => `Tags row ${row}, tag id ${tagId}`,
};
