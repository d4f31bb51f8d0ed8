import { existsSync } from 'node:fs';
import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import { InputError } from '../../exit-codes.js';
import type { SandboxOptions } from '../../sandbox/api.js';
import { parseFaultSpec } from '../../sandbox/traffic.js';
import { fileFlag, FlagError, numberFlag, single } from '../flag-values.js';
import { catalogOf, withExamples } from '../help-lang.js';
import { en, messages } from '../../i18n/catalog.js';
import { langOf } from '../lang.js';

interface SandboxArgs {
  lang?: string;
  host: string;
  port: number;
  state?: string;
  seed?: string;
  'admin-token'?: string;
  'bot-token'?: string;
  'admin2-token'?: string;
  rps: number;
  'latency-ms': number;
  faults?: string;
  'fault-seed'?: number;
  'slow-ms'?: number;
  'legacy-pagination': boolean;
  plan: 'corporation' | 'other';
  'owner-403': 'oauth' | 'api';
  'short-pages': boolean;
  'put-defaults': boolean;
  seats?: number;
  unpaid: boolean;
}

export const sandboxCommand: CommandModule<object, SandboxArgs> = {
  command: 'sandbox',
  describe: en.helpCommands.sandbox,
  builder: (yargs: Argv) => {
    const t = catalogOf(yargs);
    const parser = yargs
      .options({
        host: { type: 'string', requiresArg: true, default: '127.0.0.1', describe: t.helpSandbox.host },
        port: { type: 'string', requiresArg: true, default: 8787, coerce: numberFlag('port', { min: 0, max: 65535, integer: true }), describe: t.helpSandbox.port },
        state: { type: 'string', requiresArg: true, coerce: fileFlag('state'), describe: t.helpSandbox.state },
        seed: { type: 'string', requiresArg: true, coerce: fileFlag('seed'), describe: t.helpSandbox.seed },
        'admin-token': { type: 'string', requiresArg: true, describe: t.helpSandbox.adminToken },
        'bot-token': { type: 'string', requiresArg: true, describe: t.helpSandbox.botToken },
        'admin2-token': { type: 'string', requiresArg: true, describe: t.helpSandbox.admin2Token },
        rps: { type: 'string', requiresArg: true, default: 50, coerce: numberFlag('rps', { min: 0, aboveMin: true, max: 100000, integer: false }), describe: t.helpSandbox.rps },
        'latency-ms': { type: 'string', requiresArg: true, default: 0, coerce: numberFlag('latency-ms', { min: 0, max: 600000, integer: false, unit: 'ms' }), describe: t.helpSandbox.latencyMs },
        faults: { type: 'string', requiresArg: true, coerce: faultsFlag, describe: t.helpSandbox.faults },
        'fault-seed': { type: 'string', requiresArg: true, coerce: numberFlag('fault-seed', { min: 0, max: 2 ** 32 - 1, integer: true }), describe: t.helpSandbox.faultSeed },
        'slow-ms': { type: 'string', requiresArg: true, coerce: numberFlag('slow-ms', { min: 0, max: 600000, integer: false, unit: 'ms' }), describe: t.helpSandbox.slowMs, defaultDescription: '35000' },
        'legacy-pagination': { type: 'boolean', default: false, describe: t.helpSandbox.legacyPagination },
        plan: { choices: ['corporation', 'other'] as const, default: 'corporation' as const, describe: t.helpSandbox.plan },
        'owner-403': { choices: ['oauth', 'api'] as const, default: 'oauth' as const, describe: t.helpSandbox.owner403 },
        'short-pages': { type: 'boolean', default: false, describe: t.helpSandbox.shortPages },
        'put-defaults': { type: 'boolean', default: false, describe: t.helpSandbox.putDefaults },
        seats: { type: 'string', requiresArg: true, coerce: numberFlag('seats', { min: 0, max: 1000000, integer: true }), describe: t.helpSandbox.seats, defaultDescription: t.helpSandbox.seatsDefault },
        unpaid: { type: 'boolean', default: false, describe: t.helpSandbox.unpaid },
      })
      .group(['host', 'port', 'state', 'seed', 'admin-token', 'bot-token', 'admin2-token', 'plan'], t.helpGroups.sandbox)
      .group(['rps', 'latency-ms', 'faults', 'fault-seed', 'slow-ms', 'legacy-pagination'], t.helpGroups.network)
      .group(['owner-403', 'short-pages', 'put-defaults', 'seats', 'unpaid'], t.helpGroups.documented)
      .epilogue(t.helpSandbox.epilogue);
    return withExamples(parser, t.helpSandbox.examples) as unknown as Argv<SandboxArgs>;
  },
  handler: async (argv: ArgumentsCamelCase<SandboxArgs>) => {
    const options = await sandboxOptionsFrom(argv);
    const { startSandbox } = await import('../../sandbox/server.js');
    const t = messages(langOf(argv));
    let sandbox;
    try {
      sandbox = await startSandbox(options);
    } catch (error) {
      const reason = (error as Error).message;
      throw new InputError((say) => say.sandboxCouldNotStart(reason));
    }
    // These are sandbox tokens, printed on purpose so the operator can use them.
    const lines = [
      `Pachca sandbox listening on ${sandbox.url}`,
      t.sandboxAdminToken(sandbox.adminToken),
      t.sandboxBotToken(sandbox.botToken),
      ...sandbox.extraAdminTokens.map((token) => t.sandboxSecondAdminToken(token)),
      t.sandboxStats(`${sandbox.origin}/__sandbox/stats`),
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
    const signal = await new Promise<NodeJS.Signals>((resolve) => {
      process.once('SIGINT', () => resolve('SIGINT'));
      process.once('SIGTERM', () => resolve('SIGTERM'));
    });
    await sandbox.stop();
    process.stderr.write(`${t.sandboxStopped(signal, options.stateFile)}\n`);
  },
};

/** `coerce` for --faults: checked while parsing (the spec string is kept; the handler parses it again). */
function faultsFlag(given: unknown): string | undefined {
  const value = single('faults', given);
  if (value === undefined) return undefined;
  try {
    parseFaultSpec(String(value));
  } catch (error) {
    throw new FlagError(`--faults: ${(error as Error).message}`);
  }
  return String(value);
}

async function sandboxOptionsFrom(argv: SandboxArgs): Promise<SandboxOptions> {
  const faults = argv.faults === undefined ? undefined : parseFaultSpec(argv.faults);
  // The sandbox (and zod's schemas) load only for this command: every other command starts without them.
  const { readDirectoryFile } = await import('../../sandbox/schemas.js');
  let seed;
  if (argv.seed !== undefined) {
    try {
      seed = await readDirectoryFile(argv.seed);
    } catch (error) {
      throw new InputError(`--seed: ${(error as Error).message}`);
    }
  }
  if (argv.state !== undefined) {
    try {
      if (existsSync(argv.state)) await readDirectoryFile(argv.state);
    } catch (error) {
      throw new InputError(`--state: ${(error as Error).message}`);
    }
  }
  return {
    host: argv.host,
    port: argv.port,
    stateFile: argv.state,
    seed,
    adminToken: argv['admin-token'],
    botToken: argv['bot-token'],
    extraAdminTokens: argv['admin2-token'] ? [argv['admin2-token']] : [],
    rps: argv.rps,
    latencyMs: argv['latency-ms'],
    faults,
    faultSeed: argv['fault-seed'],
    slowMs: argv['slow-ms'],
    legacyPagination: argv['legacy-pagination'],
    corporationPlan: argv.plan === 'corporation',
    owner403: argv['owner-403'],
    shortPages: argv['short-pages'],
    putDefaults: argv['put-defaults'],
    ...(argv.seats !== undefined ? { seats: argv.seats } : {}),
    unpaid: argv.unpaid,
  };
}
