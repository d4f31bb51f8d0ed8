// `ui`: the web page for HR (src/web) on 127.0.0.1, with the CLI's connection (the token stays
// in this process), or with --demo against the built-in sandbox and the sample company.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import { InputError } from '../../exit-codes.js';
import { resolveLang } from '../../i18n/lang.js';
import { PachcaClient } from '../../pachca/client.js';
import { registerSecret } from '../../redact.js';
import type { RunningSandbox } from '../../sandbox/api.js';
import { RUNS_PARENT } from '../../sync/run-folder.js';
import { KEY_PATTERN } from '../../web/key-pattern.js';
import { resolveConnection, type ConnectionArgv } from '../connection.js';
import { fileFlag, FlagError, numberFlag, single } from '../flag-values.js';
import { connectionOptions } from '../options.js';

interface UiArgs extends ConnectionArgv {
  host: string;
  port: number;
  key?: string;
  open: boolean;
  demo: boolean;
  'runs-dir'?: string;
  'max-upload-mb': number;
  lang?: string;
}

const FIXTURES = fileURLToPath(new URL('../../../fixtures/', import.meta.url));

function keyFlag(given: unknown): string | undefined {
  const value = single('key', given);
  if (value === undefined) return undefined;
  const text = String(value);
  if (!KEY_PATTERN.test(text)) throw new FlagError('--key must be 16 to 128 letters, digits, - or _ (it goes into the address)');
  return text;
}

/** The system's way to open an address in the browser; a failure only means the person opens it. */
function openInBrowser(url: string): void {
  const [command, args] = process.platform === 'darwin' ? ['open', [url]] : process.platform === 'win32' ? ['cmd', ['/c', 'start', '', url]] : ['xdg-open', [url]];
  try {
    const child = spawn(command as string, args as string[], { stdio: 'ignore', detached: true });
    child.on('error', () => process.stderr.write(`Could not open a browser; open the address above yourself.\n`));
    child.unref();
  } catch {
    process.stderr.write('Could not open a browser; open the address above yourself.\n');
  }
}

export const uiCommand: CommandModule<object, UiArgs> = {
  command: 'ui',
  describe: 'The web page for HR: upload a sheet, review the plan, apply, download the report (local, in the browser)',
  builder: (yargs: Argv) =>
    yargs
      .options({
        host: { type: 'string', requiresArg: true, default: '127.0.0.1', describe: 'Address to listen on (other machines could reach it on 0.0.0.0: keep the default)' },
        port: { type: 'string', requiresArg: true, default: 8788, coerce: numberFlag('port', { min: 0, max: 65535, integer: true }), describe: 'Port; 0 picks a free one (the first line shows which)' },
        key: { type: 'string', requiresArg: true, coerce: keyFlag, describe: 'The secret in the address (default: random at each start)' },
        open: { type: 'boolean', default: false, describe: 'Open the page in the browser' },
        demo: { type: 'boolean', default: false, describe: 'Against the built-in sandbox with the sample company: no token, nothing leaves this computer' },
        'runs-dir': { type: 'string', requiresArg: true, coerce: fileFlag('runs-dir'), describe: 'Folder for run folders (uploads, plans, reports), exports and audits', defaultDescription: `./${RUNS_PARENT}` },
        'max-upload-mb': { type: 'string', requiresArg: true, default: 50, coerce: numberFlag('max-upload-mb', { min: 0, aboveMin: true, max: 1024, integer: false }), describe: 'Largest sheet the page accepts, in MB' },
      })
      .group(['host', 'port', 'key', 'open', 'demo', 'runs-dir', 'max-upload-mb'], 'Web page:')
      .options(connectionOptions)
      .example('$0 ui --open', 'The page at http://127.0.0.1:8788/?key=... with the token from PACHCA_TOKEN')
      .example('$0 ui --demo', 'Try the page on a local sandbox with the sample company (no token needed)')
      .epilogue('The first line printed is "pachca-roster UI at http://HOST:PORT/?key=KEY". Every request needs the key; the token never reaches the browser. Stop: Ctrl+C.') as unknown as Argv<UiArgs>,
  handler: async (argv: ArgumentsCamelCase<UiArgs>) => {
    const stopping = new AbortController();
    let sandbox: RunningSandbox | undefined;
    let connect: () => PachcaClient;
    let apiUrl: string;
    if (argv.demo) {
      // The sandbox and the page's server (hono) load only here: every other command starts without them.
      const { startSandbox } = await import('../../sandbox/server.js');
      sandbox = await startSandbox({ host: '127.0.0.1', port: 0, seed: join(FIXTURES, 'directory.json') });
      registerSecret(sandbox.adminToken);
      registerSecret(sandbox.botToken);
      const { url, adminToken } = sandbox;
      apiUrl = url;
      connect = () => new PachcaClient({ apiUrl: url, token: adminToken, stopSignal: stopping.signal });
    } else {
      const connection = resolveConnection(argv, process.env);
      apiUrl = connection.apiUrl;
      connect = () => new PachcaClient({ ...connection, stopSignal: stopping.signal });
    }
    const key = argv.key ?? randomBytes(24).toString('base64url');
    const { startWebServer } = await import('../../web/server.js');
    let server;
    try {
      server = await startWebServer({
        host: argv.host,
        port: argv.port,
        key,
        runsDir: resolve(argv['runs-dir'] ?? RUNS_PARENT),
        maxUploadBytes: Math.round(argv['max-upload-mb'] * 1024 * 1024),
        connect,
        apiUrl,
        defaultLang: resolveLang(argv.lang, process.env),
        demo: argv.demo,
        interrupt: stopping.signal,
      });
    } catch (error) {
      await sandbox?.stop();
      throw new InputError(`the page could not start on ${argv.host}:${argv.port}: ${(error as Error).message}`);
    }
    process.stdout.write(`pachca-roster UI at ${server.entryUrl}\n`);
    process.stdout.write(`${argv.demo ? 'Demo: a sandbox with the sample company, in this process. ' : ''}Stop: Ctrl+C\n`);
    if (!['127.0.0.1', 'localhost', '::1'].includes(argv.host)) {
      process.stderr.write(`Warning: listening on ${argv.host}, not only this computer: whoever can reach it and has the address with the key acts with your token\n`);
    }
    if (argv.open) openInBrowser(server.entryUrl);
    await new Promise<void>((done) => {
      process.once('SIGINT', () => done());
      process.once('SIGTERM', () => done());
    });
    // A running apply stops sending, writes its report and lets its folder go (it can be resumed).
    stopping.abort();
    await server.stop();
    await sandbox?.stop();
    process.stderr.write('Stopped.\n');
  },
};
