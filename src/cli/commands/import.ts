import type { CommandModule } from 'yargs';
import { CliError, ExitCode } from '../../exit-codes.js';

// Placeholder: replaced by the real command.
export const importCommand: CommandModule = {
  command: 'import',
  describe: 'import (not implemented yet)',
  handler: () => {
    throw new CliError('import is not implemented yet', ExitCode.Fatal);
  },
};

export const planCommand: CommandModule = {
  command: 'plan',
  describe: 'plan (not implemented yet)',
  handler: () => {
    throw new CliError('plan is not implemented yet', ExitCode.Fatal);
  },
};
