import type { CommandModule } from 'yargs';
import { CliError, ExitCode } from '../../exit-codes.js';

// Placeholder: replaced by the real command.
export const templateCommand: CommandModule = {
  command: 'template',
  describe: 'template (not implemented yet)',
  handler: () => {
    throw new CliError('template is not implemented yet', ExitCode.Fatal);
  },
};
