import type { CommandModule } from 'yargs';
import { CliError, ExitCode } from '../../exit-codes.js';

// Placeholder: replaced by the real command.
export const validateCommand: CommandModule = {
  command: 'validate',
  describe: 'validate (not implemented yet)',
  handler: () => {
    throw new CliError('validate is not implemented yet', ExitCode.Fatal);
  },
};
