// The command line: its frame and the one-line parse errors (src/cli/usage-error.ts).
export const cliEn = {
  cliUsage: '$0 <command> [options]\n\nKeep a Pachca directory in step with HR spreadsheets.',
  cliNameACommand: 'name a command (import, plan, validate, export, audit, template, sandbox, demo)',
  cliEpilogue: 'Exit codes: 0 ok, 1 fatal, 2 usage or input error, 3 authentication or missing scope, 5 finished with some rows invalid or failed.\nDocs: README.md',
  cliLangOption: 'Language of messages and reports: ru or en (env PACHCA_ROSTER_LANG; default: the locale, ru_* is Russian, else English)',
  errorPrefix: 'Error',

  // One-line parse errors (src/cli/usage-error.ts).
  usageHelpCommand: (command: string) => `Run "pachca-roster ${command} --help" for usage.`,
  usageHelpCommands: 'Run "pachca-roster --help" for the commands.',
  usageUnknownFlagNoCommand: (flag: string, commands: string) => `unknown flag ${flag}; name a command first (${commands})`,
  usageUnknownCommand: (name: string, suggestion: string | undefined) => `unknown command "${name}"${suggestion ? `; did you mean ${suggestion}?` : ''}`,
  usageDoesNotTake: (command: string, given: string, more: string, takes: string) => `${command} does not take "${given}" here${more}; it takes ${takes}`,
  usageTakesNothing: 'no file or other argument, only flags',
  usageTakesOne: (what: string) => `one ${what}`,
  usageAndMore: (list: string) => ` (and ${list})`,
  usageUnknownFlag: (flag: string, command: string, suggestion: string | undefined) => `unknown flag ${flag} for ${command}${suggestion ? ` (did you mean ${suggestion}?)` : ''}`,
  usageNotOneOf: (flag: string, given: string, choices: string, suggestion: string | undefined) => `${flag} "${given}" is not one of: ${choices}${suggestion ? ` (did you mean ${suggestion}?)` : ''}`,
  usageNeedsValue: (flag: string) => `${flag} needs a value`,
  usageNeedsPositional: (command: string, takes: string, example: string) => `${command} needs ${takes}: ${example}`,
  usageInvalidArguments: 'invalid arguments',
  /** A command's positional as an error names it: file -> FILE. */
  usagePositional: (name: string) => name.toUpperCase(),
};
