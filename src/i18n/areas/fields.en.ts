// Field and column names as a person reads them, for those the export has no column for (Pachca's
// own fields are read as the export's headers: exportColumns): the plan's fields, the web page's
// column choices. plan.json and --map keep the names themselves.

export const fieldsEn = {
  /** The English export writes the field names themselves, so these are the names too. */
  fieldNames: {
    chats: 'chats', photo: 'photo', tag: 'tag', user: 'user', status: 'status',
    middle_name: 'middle_name', full_name: 'full_name', chat_ids: 'chat_ids', action: 'action',
  } as Record<string, string>,
};
