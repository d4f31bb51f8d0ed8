import type { CommandModule } from 'yargs';
import { CliError, ExitCode } from '../../exit-codes.js';

// Placeholder: replaced by the real command.
export const auditCommand: CommandModule = {
  command: 'audit',
  describe: 'audit (not implemented yet)',
  handler: () => {
    throw new CliError('audit is not implemented yet', ExitCode.Fatal);
  },
};
