// `ui`: the web page for HR (src/web) on 127.0.0.1, with the CLI's connection (the token stays
// in this process), or with --demo against the built-in sandbox and the sample company.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join, resolve } from 'node:path';
import { packagePath } from '../../package-root.js';
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
import { connectionOptionsIn } from '../options.js';
import { catalogOf, withExamples } from '../help-lang.js';
import { en, messages, type Catalog } from '../../i18n/catalog.js';

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


function keyFlag(given: unknown): string | undefined {
  const value = single('key', given);
  if (value === undefined) return undefined;
  const text = String(value);
  if (!KEY_PATTERN.test(text)) throw new FlagError((t) => t.helpUi.badKey);
  return text;
}

/** The system's way to open an address in the browser; a failure only means the person opens it. */
function openInBrowser(url: string, t: Catalog): void {
  const [command, args] = process.platform === 'darwin' ? ['open', [url]] : process.platform === 'win32' ? ['cmd', ['/c', 'start', '', url]] : ['xdg-open', [url]];
  try {
    const child = spawn(command as string, args as string[], { stdio: 'ignore', detached: true });
    child.on('error', () => process.stderr.write(`${t.helpUi.noBrowser}\n`));
    child.unref();
  } catch {
    process.stderr.write(`${t.helpUi.noBrowser}\n`);
  }
}

export const uiCommand: CommandModule<object, UiArgs> = {
  command: 'ui',
  describe: en.helpCommands.ui,
  builder: (yargs: Argv) => {
    const t = catalogOf(yargs);
    const help = t.helpUi;
    const parser = yargs
      .options({
        host: { type: 'string', requiresArg: true, default: '127.0.0.1', describe: help.host },
        port: { type: 'string', requiresArg: true, default: 8788, coerce: numberFlag('port', { min: 0, max: 65535, integer: true }), describe: help.port },
        key: { type: 'string', requiresArg: true, coerce: keyFlag, describe: help.key },
        open: { type: 'boolean', default: false, describe: help.open },
        demo: { type: 'boolean', default: false, describe: help.demo },
        'runs-dir': { type: 'string', requiresArg: true, coerce: fileFlag('runs-dir'), describe: help.runsDir, defaultDescription: `./${RUNS_PARENT}` },
        'max-upload-mb': { type: 'string', requiresArg: true, default: 50, coerce: numberFlag('max-upload-mb', { min: 0, aboveMin: true, max: 1024, integer: false }), describe: help.maxUploadMb },
      })
      .group(['host', 'port', 'key', 'open', 'demo', 'runs-dir', 'max-upload-mb'], t.helpWrite.groupWeb)
      .options(connectionOptionsIn(t))
      .epilogue(help.epilogue);
    return withExamples(parser, help.examples) as unknown as Argv<UiArgs>;
  },
  handler: async (argv: ArgumentsCamelCase<UiArgs>) => {
    const lang = resolveLang(argv.lang, process.env);
    const t = messages(lang);
    const stopping = new AbortController();
    let sandbox: RunningSandbox | undefined;
    let connect: () => PachcaClient;
    let apiUrl: string;
    if (argv.demo) {
      // The sandbox and the page's server (hono) load only here: every other command starts without them.
      const { startSandbox } = await import('../../sandbox/server.js');
      sandbox = await startSandbox({ host: '127.0.0.1', port: 0, seed: packagePath('fixtures', 'directory.json') });
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
        defaultLang: lang,
        demo: argv.demo,
        interrupt: stopping.signal,
      });
    } catch (error) {
      await sandbox?.stop();
      const reason = (error as Error).message;
      throw new InputError((say) => say.helpUi.couldNotStart(argv.host, argv.port, reason));
    }
    process.stdout.write(`pachca-roster UI at ${server.entryUrl}\n`);
    process.stdout.write(`${argv.demo ? t.helpUi.demoNote : ''}${t.helpUi.stopHint}\n`);
    if (!['127.0.0.1', 'localhost', '::1'].includes(argv.host)) {
      process.stderr.write(`${t.helpUi.notOnlyHere(argv.host)}\n`);
    }
    if (argv.open) openInBrowser(server.entryUrl, t);
    await new Promise<void>((done) => {
      process.once('SIGINT', () => done());
      process.once('SIGTERM', () => done());
    });
    // A running apply stops sending, writes its report and lets its folder go (it can be resumed).
    stopping.abort();
    await server.stop();
    await sandbox?.stop();
    process.stderr.write(`${t.helpUi.stopped}\n`);
  },
};
