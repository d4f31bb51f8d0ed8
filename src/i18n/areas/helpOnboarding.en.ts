// --help of the flags that match people by a key and onboard/offboard them (chats, photos),
// and of the export's and show's chat flags.
export const helpOnboardingEn = {
  helpOnboarding: {
    match: "How rows find their people: email, id (the export's id column) or custom:NAME (a custom property, e.g. \"custom:Табельный номер\"); with id or custom:NAME a changed e-mail is an update",
    matchDefault: 'id for an export (a sheet with ids), else email',
    validateMatch: 'Check the sheet as import --match reads it: with id or custom:NAME the e-mail column is optional',
    validateMatchExample: 'A sheet matched by personnel number: no e-mail column needed',
    chats: 'merge: an existing person joins the chats the chats column names; replace: also leaves the chats the token sees that it does not name',
    offboard: 'With --suspend-missing: offboard the people missing from the sheet (suspend, remove from every tag, clear the status; --leave-chats: leave every chat)',
    leaveChats: 'Offboarding (action = offboard, or --offboard) also removes the person from every chat the token sees',
    photos: 'Folder of JPEG/PNG photos named by e-mail (or by --photos-key), e.g. anna@acme.ru.jpg; a person with a photo keeps it',
    photosKey: 'The column whose value names the photo files in --photos, e.g. "Табельный номер" (default: the e-mail)',
    photosOverwrite: 'Upload the photo also for people who already have one',
    chatMembers: 'Add a Chat membership sheet (chat-membership.csv): who is in each chat the token sees (one request per chat)',
    showChats: "Also the chats the person is in, among those the token sees (two listings of the chats; closed chats the token's own person is not in are not known)",
    showChatsExample: 'With the chats the person is in',
  },
};
