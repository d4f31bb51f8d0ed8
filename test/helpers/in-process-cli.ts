// Runs the CLI's main() in this process, capturing stdout and stderr (faster than a subprocess).
import { vi } from 'vitest';
import { main } from '../../src/cli/main.js';

export interface InProcessResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** The machine's locale variables: a run is English unless the test asks for a language. */
const LOCALE_VARIABLES = ['LANG', 'LC_ALL', 'LC_MESSAGES'] as const;

/** `env`: variables set for this run only (e.g. { LANG: 'ru_RU.UTF-8' }); the locale is otherwise cleared. */
export async function runMain(argv: string[], env: Record<string, string> = {}): Promise<InProcessResult> {
  const savedEnv = { ...process.env };
  for (const name of LOCALE_VARIABLES) delete process.env[name];
  Object.assign(process.env, env);
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
  try {
    const code = await main(argv);
    return { code, stdout, stderr };
  } finally {
    process.env = savedEnv;
    out.mockRestore();
    err.mockRestore();
    process.exitCode = undefined;
  }
}
