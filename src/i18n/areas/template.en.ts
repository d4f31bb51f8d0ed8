// The hire template's notes (one per column) and its drop-down message.
/** The hire template's columns that have a note. */
export type TemplateNoteColumn = 'email' | 'last_name' | 'first_name' | 'middle_name' | 'phone_number' | 'department' | 'title' | 'role' | 'tags' | 'suspended' | 'chat_ids' | 'action';

export const templateEn = {
  templateNotes: {
    email: 'Work email, required. The employee is matched by it.',
    last_name: 'Last name. A single "Full name" column (Last First) also works.',
    first_name: 'First name, up to 255 characters.',
    middle_name: 'Middle name or patronymic (Pachca has no such field; map it to a custom property with --map).',
    phone_number: 'Any usual format; with a country code (+44 20 7946 0958), or the --phone-region default (RU).',
    department: 'Department, up to 255 characters.',
    title: 'Job title, up to 255 characters.',
    role: 'user, admin, multi_guest or guest (a guest needs exactly one chat in Chats). Empty: user.',
    tags: 'Tags separated by commas, semicolons or line breaks. Missing tags are created.',
    suspended: 'yes/no. Empty: leave as is.',
    chat_ids: 'Chats to add the employee to, by name or id, separated by commas (an existing employee joins those not yet joined).',
    action: 'Empty: create or update. Also: suspend, restore, offboard (suspend, out of every tag, status cleared), delete (only with --allow-delete), skip. The example row says skip, so it is never imported.',
  } satisfies Record<TemplateNoteColumn, string>,
  templateChoose: (choices: string) => `Choose: ${choices}`,
};
