import type { CommandModule } from 'yargs';
import { CliError, ExitCode } from '../../exit-codes.js';

// Placeholder: replaced by the real command.
export const demoCommand: CommandModule = {
  command: 'demo',
  describe: 'demo (not implemented yet)',
  handler: () => {
    throw new CliError('demo is not implemented yet', ExitCode.Fatal);
  },
};
