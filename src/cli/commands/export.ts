import type { CommandModule } from 'yargs';
import { CliError, ExitCode } from '../../exit-codes.js';

// Placeholder: replaced by the real command.
export const exportCommand: CommandModule = {
  command: 'export',
  describe: 'export (not implemented yet)',
  handler: () => {
    throw new CliError('export is not implemented yet', ExitCode.Fatal);
  },
};
