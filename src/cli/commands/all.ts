// Every command, in the order the help lists them. Loading this loads every command's code;
// a run that names its command loads only that one (see ../command-loaders.ts).
import type { CommandModule } from 'yargs';
import { applyCommand } from './apply.js';
import { auditCommand } from './audit.js';
import { chatsCommand } from './chats.js';
import { demoCommand } from './demo.js';
import { exportCommand } from './export.js';
import { findCommand } from './find.js';
import { importCommand, planCommand } from './import.js';
import { membersCommand } from './members.js';
import { sandboxCommand } from './sandbox.js';
import { setCommand } from './set.js';
import { showCommand } from './show.js';
import { statusCommand } from './status.js';
import { offboardCommand, restoreCommand, suspendCommand } from './suspend.js';
import { tagCommand } from './tag.js';
import { tagsCommand } from './tags.js';
import { templateCommand } from './template.js';
import { uiCommand } from './ui.js';
import { undoCommand } from './undo.js';
import { validateCommand } from './validate.js';

export const COMMANDS = [
  importCommand, planCommand, applyCommand, undoCommand, validateCommand, exportCommand, auditCommand, templateCommand, sandboxCommand, demoCommand, uiCommand,
  // The everyday read commands.
  findCommand, showCommand, tagsCommand, membersCommand, chatsCommand,
  // The everyday one-person changes.
  setCommand, statusCommand, suspendCommand, restoreCommand, offboardCommand, tagCommand,
] as CommandModule[];
