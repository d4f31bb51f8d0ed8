// Runs the CLI's main() in this process (no child process: far faster than runCli) with what a
// subprocess would have: its own environment and working folder, stdout and stderr captured,
// no terminal. Ctrl+C, SIGKILL and stdin input still need runCli (a real process).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, vi } from 'vitest';
import { main } from '../../src/cli/main.js';
import { forgetSecrets } from '../../src/redact.js';
import type { RunningSandbox, SandboxOptions } from '../../src/sandbox/api.js';
import { cleanEnv, LOCALE_VARIABLES, type CliResult } from './cli.js';
import { startTestSandbox } from './sandbox.js';

export interface InProcessResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface InProcessOptions {
  /**
   * Run with the environment runCli gives a subprocess: this process's without PACHCA_* and
   * locale variables, NO_COLOR=1, plus these. Without it the run sees process.env as it is.
   */
  env?: Record<string, string | undefined>;
  /** Working folder for the run (default: the current one). */
  cwd?: string;
  /** Variables set on top of this process's for the run only, e.g. { LANG: 'ru_RU.UTF-8' }. */
  extraEnv?: Record<string, string>;
}


type TtyFlag = { isTTY?: boolean };

/** Sets `isTTY` to false on the standard streams (as for a subprocess with pipes); returns the undo. */
function withoutTerminal(): () => void {
  const streams: TtyFlag[] = [process.stdin, process.stdout, process.stderr];
  const saved = streams.map((stream) => Object.getOwnPropertyDescriptor(stream, 'isTTY'));
  for (const stream of streams) Object.defineProperty(stream, 'isTTY', { value: false, configurable: true, writable: true });
  return () => {
    streams.forEach((stream, index) => {
      const descriptor = saved[index];
      if (descriptor) Object.defineProperty(stream, 'isTTY', descriptor);
      else delete stream.isTTY;
    });
  };
}

/** A run swaps process.env, the working folder and the standard streams: one at a time. */
let running = false;

export async function runMain(argv: string[], options: InProcessOptions = {}): Promise<InProcessResult> {
  if (running) throw new Error('runMain: another in-process run is going on (it.concurrent needs runCli)');
  running = true;
  let stdout = '';
  let stderr = '';
  const out = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stdout += String(chunk);
    return true;
  });
  const err = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stderr += String(chunk);
    return true;
  });
  const savedEnv = process.env;
  const savedCwd = process.cwd();
  const restoreTerminal = withoutTerminal();
  if (options.env) {
    process.env = cleanEnv(options.env); // without the machine's locale, with the test's own
  } else {
    process.env = { ...savedEnv };
    for (const name of LOCALE_VARIABLES) delete process.env[name];
  }
  Object.assign(process.env, options.extraEnv ?? {});
  if (options.cwd) process.chdir(options.cwd);
  // A fresh process knows no token yet: one registered by an earlier run must not hide a leak.
  forgetSecrets();
  try {
    const code = await main(argv);
    return { code, stdout, stderr };
  } finally {
    process.chdir(savedCwd);
    process.env = savedEnv;
    restoreTerminal();
    out.mockRestore();
    err.mockRestore();
    process.exitCode = undefined;
    running = false;
  }
}

export interface CliWorkspace {
  /** The sandbox that PACHCA_API_URL and PACHCA_TOKEN point at. */
  readonly sandbox: RunningSandbox;
  /** The temporary working folder (the current folder while the file's tests run). */
  readonly dir: string;
}

/**
 * For a test file that runs main() in process: before its tests a sandbox and a temporary folder
 * made the current one, with PACHCA_API_URL and PACHCA_TOKEN set to the sandbox; after them the
 * folder, the environment and the sandbox are put back or removed.
 */
export function useCliWorkspace(prefix: string, sandboxOptions: SandboxOptions = {}): CliWorkspace {
  let sandbox: RunningSandbox | undefined;
  let dir: string | undefined;
  let originalCwd: string | undefined;
  const savedEnv = { ...process.env };
  beforeAll(async () => {
    sandbox = await startTestSandbox(sandboxOptions);
    originalCwd = process.cwd();
    dir = await mkdtemp(join(tmpdir(), prefix));
    process.chdir(dir);
    process.env.PACHCA_API_URL = sandbox.url;
    process.env.PACHCA_TOKEN = sandbox.adminToken;
  });
  afterAll(async () => {
    if (originalCwd) process.chdir(originalCwd);
    process.env = savedEnv;
    await sandbox?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });
  return {
    get sandbox() {
      if (!sandbox) throw new Error('useCliWorkspace: the sandbox starts in beforeAll');
      return sandbox;
    },
    get dir() {
      if (!dir) throw new Error('useCliWorkspace: the folder is made in beforeAll');
      return dir;
    },
  };
}

/**
 * runCli's stand-in for commands that need no stdin, no signal and no --help (yargs exits the
 * process after help): the same environment rules (always cleaned), in this process.
 */
export async function runCliInProcess(args: string[], options: InProcessOptions = {}): Promise<CliResult> {
  const result = await runMain(args, { env: options.env ?? {}, ...(options.cwd !== undefined ? { cwd: options.cwd } : {}) });
  return { ...result, signal: null };
}
