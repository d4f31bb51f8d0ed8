// Every command, and which of their modules a run loads. Loading every command costs about 150 ms
// of start-up (their use cases, reports and sheets), so a run that names a known command first
// loads only its module; anything else (help, a typo, no command) loads them all, for the full
// help and the "did you mean" suggestions.
import type { CommandModule } from 'yargs';
import { withoutLangFlag } from '../i18n/lang.js';

type Loader = () => Promise<CommandModule>;
// Each module is typed by its own arguments; yargs registers them all as the plain type.
const as = <Args>(module: Promise<CommandModule<object, Args>>): Promise<CommandModule> => module as unknown as Promise<CommandModule>;

/** By the word typed first, in the order the help lists them; test/command-loaders.test.ts checks each loads its own. */
export const COMMAND_LOADERS: Readonly<Record<string, Loader>> = {
  import: () => as(import('./commands/import.js').then((module) => module.importCommand)),
  plan: () => as(import('./commands/import.js').then((module) => module.planCommand)),
  apply: () => as(import('./commands/apply.js').then((module) => module.applyCommand)),
  undo: () => as(import('./commands/undo.js').then((module) => module.undoCommand)),
  validate: () => as(import('./commands/validate.js').then((module) => module.validateCommand)),
  export: () => as(import('./commands/export.js').then((module) => module.exportCommand)),
  audit: () => as(import('./commands/audit.js').then((module) => module.auditCommand)),
  template: () => as(import('./commands/template.js').then((module) => module.templateCommand)),
  sandbox: () => as(import('./commands/sandbox.js').then((module) => module.sandboxCommand)),
  demo: () => as(import('./commands/demo.js').then((module) => module.demoCommand)),
  ui: () => as(import('./commands/ui.js').then((module) => module.uiCommand)),
  // The everyday read commands.
  find: () => as(import('./commands/find.js').then((module) => module.findCommand)),
  show: () => as(import('./commands/show.js').then((module) => module.showCommand)),
  tags: () => as(import('./commands/tags.js').then((module) => module.tagsCommand)),
  members: () => as(import('./commands/members.js').then((module) => module.membersCommand)),
  chats: () => as(import('./commands/chats.js').then((module) => module.chatsCommand)),
  // The everyday one-person changes.
  set: () => as(import('./commands/set.js').then((module) => module.setCommand)),
  status: () => as(import('./commands/status.js').then((module) => module.statusCommand)),
  suspend: () => as(import('./commands/suspend.js').then((module) => module.suspendCommand)),
  restore: () => as(import('./commands/suspend.js').then((module) => module.restoreCommand)),
  offboard: () => as(import('./commands/suspend.js').then((module) => module.offboardCommand)),
  tag: () => as(import('./commands/tag.js').then((module) => module.tagCommand)),
};

/** Every command, in the order the help lists them. */
export function allCommands(): Promise<CommandModule[]> {
  return Promise.all(Object.values(COMMAND_LOADERS).map((load) => load()));
}

/** The commands this command line needs registered. */
export async function commandsFor(argv: readonly string[]): Promise<readonly CommandModule[]> {
  const typed = withoutLangFlag(argv)[0];
  const loader = typed !== undefined && Object.hasOwn(COMMAND_LOADERS, typed) ? COMMAND_LOADERS[typed] : undefined;
  return loader ? [await loader()] : allCommands();
}
