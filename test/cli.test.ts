import { describe, expect, it } from 'vitest';
import { runCli } from './helpers/cli.js';

describe('pachca-roster CLI', () => {
  it('lists its commands in --help', async () => {
    const result = await runCli(['--help']);
    expect(result.code).toBe(0);
    for (const command of ['import', 'plan', 'validate', 'export', 'audit', 'template', 'sandbox', 'demo']) {
      expect(result.stdout).toContain(`pachca-roster ${command}`);
    }
  });

  it('exits 2 with a message on an unknown command', async () => {
    const result = await runCli(['no-such-command']);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe('Error: unknown command "no-such-command"\nRun "pachca-roster --help" for the commands.\n');
  });
});
