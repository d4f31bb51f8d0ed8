// --help of the everyday write commands (set, status, suspend, restore, offboard, tag), undo and
// the web page (ui), and the messages these commands print themselves.
import type { HelpExample } from './helpCli.en.js';

export const helpWriteEn = {
  helpWrite: {
    groupChange: 'Change:',
    groupUndo: 'Undo:',
    groupWeb: 'Web page:',
    dryRun: 'Show the plan and save it in the run folder (apply DIR applies it later); change nothing',
    out: 'Run folder for plan.json, journal.jsonl, report.xlsx/csv, summary.json',
    quiet: 'Print only the summary (no plan)',
    person: "The person's id or e-mail",
    people: "Each person's id or e-mail",
    phoneRegion: 'Region for phones without a country code',
  },
  helpSet: {
    fields: 'column=value, columns as in a sheet (department or "Отдел", title, phone, role, suspended, a custom property\'s name, ...). '
      + '"Теги=+X" adds tag X, "Теги=-X" removes it, "Теги=X,Y" makes the tags exactly X, Y (repeat "Теги=" to combine); '
      + 'an empty value ("Отдел=") clears the field where a sheet with --blank-clears would',
    examples: [
      ['$0 set ivan@example.ru Отдел=Продажи Теги=+Москва', 'New department, one more tag'],
      ['$0 set 11 title="Ведущий инженер" Город=Казань --yes', 'A title and a custom property, without asking'],
      ['$0 set ivan@example.ru Теги=-Москва --dry-run', 'Show the plan only'],
    ] as HelpExample[],
    notAssignment: (text: string) => `"${text}" is not column=value (e.g. department=Sales, title="Product manager")`,
    needsPerson: 'set needs a person and column=value: pachca-roster set ivan@example.ru department=Sales',
    needsField: 'set needs at least one column=value after the person: pachca-roster set ivan@example.ru department=Sales',
    cannotChange: (column: string, reason: string) => `set cannot change column "${column}": ${reason}`,
  },
  /** Why a column cannot be set by `set` (keys are the sheet's canonical columns). */
  notSettable: {
    email: 'the e-mail names the person and cannot be set here',
    action: 'use the suspend, restore or offboard command',
    chat_ids: 'chat_ids only works when a sheet creates a person (add them in Pachca: the chat > Members > Add)',
    middle_name: 'Pachca has no middle-name field (a custom property for it is set by its name)',
  },
  helpStatus: {
    emoji: 'The status emoji (with --title)',
    title: 'The status text (with --emoji)',
    until: 'When it ends: YYYY-MM-DD or DD.MM.YYYY [HH:MM] (a date alone = end of that day, UTC)',
    away: '"Away": the person is shown as away, with this auto-reply text (the text may be left out)',
    clear: 'Remove the status',
    examples: [
      ['$0 status ivan@example.ru --emoji 🏝️ --title "В отпуске" --until 2026-08-31 --away "Вернусь 1 сентября"', 'On vacation until the end of August 31 (UTC), away with an auto-reply'],
      ['$0 status ivan@example.ru --clear --yes', 'Remove the status without asking'],
    ] as HelpExample[],
    clearTakesNo: (flags: string) => `--clear removes the status; it takes no ${flags}`,
    needsEmojiAndTitle: 'a status needs --emoji and --title together (or --clear to remove it): pachca-roster status ivan@example.ru --emoji 🏝️ --title "В отпуске"',
  },
  helpPeopleCommands: {
    suspendExample: 'Suspend two people without asking',
    restoreExample: 'Show the plan, ask, restore',
    offboardExample: 'Offboard one leaver without asking',
    needsPerson: (action: string) => `${action} needs at least one person: pachca-roster ${action} ivan@example.ru`,
  },
  helpTag: {
    op: 'add (a tag that does not exist is created, as a sheet would) or remove',
    tag: "The tag's name (case does not matter)",
    examples: [
      ['$0 tag add Москва ivan@example.ru 14', 'Two people join tag Москва'],
      ['$0 tag remove Backend ivan@example.ru --yes', 'Without asking'],
    ] as HelpExample[],
    needsOp: 'tag needs add or remove, then the tag and the people: pachca-roster tag add Backend ivan@example.ru',
    badOp: (op: string) => `tag "${op}": give add or remove, then the tag and the people: pachca-roster tag add Backend ivan@example.ru`,
    nameTheTag: 'name the tag: pachca-roster tag add Backend ivan@example.ru',
    noSign: (tag: string) => `tag "${tag}": give the name without + or - (add and remove say which)`,
    namePerson: 'name at least one person after the tag: pachca-roster tag add Backend ivan@example.ru',
  },
  helpUndo: {
    dir: 'The run folder to undo (its journal.jsonl says what was done)',
    allowDelete: 'Delete the people the run created (irreversible) instead of suspending them',
    dryRun: 'Show the undo plan and save it in the run folder (apply it later with apply DIR); change nothing',
    out: "The undo's own run folder (plan.json, journal.jsonl, report)",
    examples: [
      ['$0 undo pachca-roster-runs/2026-08-14_10-00-00-123', 'Show what undoing that run would do, ask, apply, report'],
      ['$0 undo pachca-roster-runs/2026-08-14_10-00-00-123 --allow-delete --yes', 'Also delete the people the run created'],
      ['$0 undo pachca-roster-runs/2026-08-14_11-30-00-456', 'Undo an undo: its run folder is a run like any other'],
    ] as HelpExample[],
    nameRunFolder: 'name the run folder to undo (the folder of an import, apply or undo run)',
    outIsFile: (out: string) => `--out ${out} is a file; --out names the undo's run folder (created when missing)`,
  },
  templateWrote: (file: string) => `Wrote ${file}`,
  photosFolderUnreadable: (dir: string, reason: string) => `--photos ${dir}: cannot list the folder (${reason})`,
  helpUi: {
    host: 'Address to listen on (other machines could reach it on 0.0.0.0: keep the default)',
    port: 'Port; 0 picks a free one (the first line shows which)',
    key: 'The secret in the address (default: random at each start)',
    open: 'Open the page in the browser',
    demo: 'Against the built-in sandbox with the sample company: no token, nothing leaves this computer',
    runsDir: 'Folder for run folders (uploads, plans, reports), exports and audits',
    maxUploadMb: 'Largest sheet the page accepts, in MB',
    examples: [
      ['$0 ui --open', 'The page at http://127.0.0.1:8788/?key=... with the token from PACHCA_TOKEN'],
      ['$0 ui --demo', 'Try the page on a local sandbox with the sample company (no token needed)'],
    ] as HelpExample[],
    epilogue: 'The first line printed is "pachca-roster UI at http://HOST:PORT/?key=KEY". Every request needs the key; the token never reaches the browser. Stop: Ctrl+C.',
    badKey: '--key must be 16 to 128 letters, digits, - or _ (it goes into the address)',
    noBrowser: 'Could not open a browser; open the address above yourself.',
    couldNotStart: (host: string, port: number, reason: string) => `the page could not start on ${host}:${port}: ${reason}`,
    demoNote: 'Demo: a sandbox with the sample company, in this process. ',
    stopHint: 'Stop: Ctrl+C',
    notOnlyHere: (host: string) => `Warning: listening on ${host}, not only this computer: whoever can reach it and has the address with the key acts with your token`,
    stopped: 'Stopped.',
  },
};
