import { existsSync } from 'node:fs';
import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import { InputError } from '../../exit-codes.js';
import type { SandboxOptions } from '../../sandbox/api.js';
import { readDirectoryFile } from '../../sandbox/schemas.js';
import { startSandbox } from '../../sandbox/server.js';
import { parseFaultSpec } from '../../sandbox/traffic.js';
import { fileFlag, FlagError, numberFlag, single } from '../flag-values.js';

interface SandboxArgs {
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
  describe: 'Run a local Pachca API sandbox (same routes, errors, pagination and rate limits) for trying the tool safely',
  builder: (yargs: Argv) =>
    yargs
      .options({
        host: { type: 'string', requiresArg: true, default: '127.0.0.1', describe: 'Address to listen on (0.0.0.0 to reach it from other machines)' },
        port: { type: 'string', requiresArg: true, default: 8787, coerce: numberFlag('port', { min: 0, max: 65535, integer: true }), describe: 'Port to listen on; 0 picks a free port (the first line shows which)' },
        state: { type: 'string', requiresArg: true, coerce: fileFlag('state'), describe: 'Keep the directory in this JSON file: loaded at start if it exists (then --seed is not used), written after every change and at exit' },
        seed: { type: 'string', requiresArg: true, coerce: fileFlag('seed'), describe: 'Start from this JSON directory (users, tags, customProperties, chats), e.g. fixtures/directory.json' },
        'admin-token': { type: 'string', requiresArg: true, describe: "Token of the workspace Owner (role admin, every scope); random when not given" },
        'bot-token': { type: 'string', requiresArg: true, describe: 'Token of a bot (read scopes only; sees email and phone as null); random when not given' },
        'admin2-token': { type: 'string', requiresArg: true, describe: 'Token of a second admin who is NOT the Owner (its PUT/DELETE on the Owner gets 403 owner_protected); none when not given' },
        rps: { type: 'string', requiresArg: true, default: 50, coerce: numberFlag('rps', { min: 0, aboveMin: true, max: 100000, integer: false }), describe: 'Requests per second per token (token bucket, burst = rps); beyond it: 429 with Retry-After' },
        'latency-ms': { type: 'string', requiresArg: true, default: 0, coerce: numberFlag('latency-ms', { min: 0, max: 600000, integer: false, unit: 'ms' }), describe: 'Delay every API response by this many ms, like a WAN round trip' },
        faults: { type: 'string', requiresArg: true, coerce: faultsFlag, describe: 'Inject faults at these rates (0..1), e.g. 5xx=0.05,reset=0.02: 5xx (500/502/503, no work done), reset (connection dropped, no work), lost (work done, answer dropped), slow (answer held for --slow-ms)' },
        'fault-seed': { type: 'string', requiresArg: true, coerce: numberFlag('fault-seed', { min: 0, max: 2 ** 32 - 1, integer: true }), describe: 'Seed for the fault dice, so a run with faults is reproducible' },
        'slow-ms': { type: 'string', requiresArg: true, coerce: numberFlag('slow-ms', { min: 0, max: 600000, integer: false, unit: 'ms' }), describe: 'How long the "slow" fault holds the answer, in ms', defaultDescription: '35000' },
        'legacy-pagination': { type: 'boolean', default: false, describe: 'Paginate like older servers: only next_page, the end is an empty page' },
        plan: { choices: ['corporation', 'other'] as const, default: 'corporation' as const, describe: 'The workspace\'s plan: only "corporation" keeps a security log; with "other" GET /audit_events answers 402 payment_required' },
        'owner-403': { choices: ['oauth', 'api'] as const, default: 'oauth' as const, describe: "Body of the 403 another admin's PUT/DELETE on the Owner gets: oauth ({error, error_description}, as the users methods document it) or api (ApiError owner_protected)" },
        'short-pages': { type: 'boolean', default: false, describe: 'Serve pages shorter than limit and empty pages with has_next: true mid-list (the docs allow both)' },
        'put-defaults': { type: 'boolean', default: false, describe: 'A PUT /users field left out takes its spec default (suspended: false restores a suspended person)' },
        seats: { type: 'string', requiresArg: true, coerce: numberFlag('seats', { min: 0, max: 1000000, integer: true }), describe: 'Paid seats: creates and restores beyond this many active people get 422 licenses_limit', defaultDescription: 'no limit' },
        unpaid: { type: 'boolean', default: false, describe: 'The workspace is unpaid: every API method answers 402 payment_required' },
      })
      .group(['host', 'port', 'state', 'seed', 'admin-token', 'bot-token', 'admin2-token', 'plan'], 'Sandbox:')
      .group(['rps', 'latency-ms', 'faults', 'fault-seed', 'slow-ms', 'legacy-pagination'], 'Simulated network:')
      .group(['owner-403', 'short-pages', 'put-defaults', 'seats', 'unpaid'], 'Documented behaviours:')
      .example('$0 sandbox', 'Empty workspace (Owner, one bot, custom properties Город/Табельный номер/Дата выхода) on http://127.0.0.1:8787')
      .example('$0 sandbox --seed fixtures/directory.json --state sandbox-state.json', 'Realistic demo company; changes survive a restart')
      .example('$0 sandbox --port 0 --admin-token dev-admin --bot-token dev-bot', 'A free port and fixed tokens')
      .example('$0 sandbox --seats 10 --short-pages --put-defaults', 'A workspace with 10 paid seats that pages and defaults as strictly as the docs allow')
      .example('$0 sandbox --rps 10 --latency-ms 80 --faults 5xx=0.05,reset=0.02,lost=0.02,slow=0.01 --fault-seed 7', 'A hostile network for testing retries')
      .epilogue(
        'The first line printed is "Pachca sandbox listening on http://HOST:PORT/api/shared/v1", then the tokens it accepts; '
          + 'point the tool at it with --api-url (or PACHCA_API_URL) and the admin token. Runs until Ctrl+C (SIGINT) or SIGTERM, then saves --state.\n\n'
          + 'Operator endpoints (outside the API path): POST /__sandbox/reset (back to --seed or the empty workspace, stats cleared), GET /__sandbox/stats, '
          + 'GET /__sandbox/directory, GET /__sandbox/requests, GET /__sandbox/outbox (invitation e-mails sent), '
          + 'POST /__sandbox/accept-invites (all pending invites, or {"emails": [...]}), '
          + 'POST /__sandbox/configure with JSON such as {"rps": 10, "latencyMs": 50, "faults": "5xx=0.1", "faultSeed": 1, "slowMs": 2000, "legacyPagination": true, '
          + '"owner403": "api", "shortPages": true, "putDefaults": true, "seats": 10, "unpaid": false}. '
          + 'They answer only requests addressed to 127.0.0.1, localhost or [::1] (or --host) with this port, from no other web origin; a POST needs Content-Type: application/json.',
      ) as unknown as Argv<SandboxArgs>,
  handler: async (argv: ArgumentsCamelCase<SandboxArgs>) => {
    const options = await sandboxOptionsFrom(argv);
    let sandbox;
    try {
      sandbox = await startSandbox(options);
    } catch (error) {
      throw new InputError(`sandbox could not start: ${(error as Error).message}`);
    }
    // These are sandbox tokens, printed on purpose so the operator can use them.
    const lines = [
      `Pachca sandbox listening on ${sandbox.url}`,
      `Admin (Owner) token: ${sandbox.adminToken}`,
      `Bot token: ${sandbox.botToken}`,
      ...sandbox.extraAdminTokens.map((token) => `Second admin token: ${token}`),
      `Stats: ${sandbox.origin}/__sandbox/stats   Stop: Ctrl+C`,
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
    const signal = await new Promise<NodeJS.Signals>((resolve) => {
      process.once('SIGINT', () => resolve('SIGINT'));
      process.once('SIGTERM', () => resolve('SIGTERM'));
    });
    await sandbox.stop();
    process.stderr.write(`Sandbox stopped (${signal})${options.stateFile ? `; state saved to ${options.stateFile}` : ''}\n`);
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
