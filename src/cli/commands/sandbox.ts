import type { CommandModule } from 'yargs';
import { CliError, ExitCode } from '../../exit-codes.js';

// Placeholder: replaced by the real command.
export const sandboxCommand: CommandModule = {
  command: 'sandbox',
  describe: 'sandbox (not implemented yet)',
  handler: () => {
    throw new CliError('sandbox is not implemented yet', ExitCode.Fatal);
  },
};
