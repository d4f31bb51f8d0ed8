import yargs from 'yargs';
import { CliError, ExitCode } from '../exit-codes.js';
import { VERSION } from '../version.js';
import { auditCommand } from './commands/audit.js';
import { demoCommand } from './commands/demo.js';
import { exportCommand } from './commands/export.js';
import { importCommand, planCommand } from './commands/import.js';
import { sandboxCommand } from './commands/sandbox.js';
import { templateCommand } from './commands/template.js';
import { validateCommand } from './commands/validate.js';
import { redactSecrets } from '../redact.js';

/** Runs the CLI and resolves to the exit code; never throws. */
export async function main(argv: string[]): Promise<number> {
  let exitCode: number = ExitCode.Ok;
  const parser = yargs(argv)
    .scriptName('pachca-roster')
    .usage('$0 <command> [options]\n\nKeep a Pachca directory in step with HR spreadsheets.')
    .command(importCommand)
    .command(planCommand)
    .command(validateCommand)
    .command(exportCommand)
    .command(auditCommand)
    .command(templateCommand)
    .command(sandboxCommand)
    .command(demoCommand)
    .demandCommand(1, 'Name a command; see the list above.')
    .strict()
    .recommendCommands()
    .version(VERSION)
    .help()
    .alias('h', 'help')
    .wrap(Math.min(110, process.stdout.columns || 100))
    .epilogue('Exit codes: 0 ok, 1 fatal, 2 usage or input error, 3 authentication or missing scope, 5 finished with some rows invalid or failed.\nDocs: README.md')
    .fail((message, error, y) => {
      if (error) throw error;
      process.stderr.write(`Error: ${message}\nRun "pachca-roster <command> --help" for usage.\n`);
      void y;
      exitCode = ExitCode.Usage;
    });
  try {
    const result = await parser.parseAsync();
    void result;
    if (typeof process.exitCode === 'number' && exitCode === ExitCode.Ok) exitCode = process.exitCode;
  } catch (error) {
    exitCode = reportError(error);
  }
  return exitCode;
}

function reportError(error: unknown): number {
  if (error instanceof CliError) {
    process.stderr.write(`Error: ${redactSecrets(error.message)}\n`);
    return error.exitCode;
  }
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`Error: ${redactSecrets(message)}\n`);
  if (process.env.PACHCA_ROSTER_DEBUG && error instanceof Error && error.stack) {
    process.stderr.write(`${redactSecrets(error.stack)}\n`);
  }
  return ExitCode.Fatal;
}
