// A fresh clone: `npm install` runs `prepare`, which must build what bin/pachca-roster.js runs
// (dist/ is not in git), so the README's `npm install && npm run demo` works.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const root = new URL('../', import.meta.url);
const manifest = JSON.parse(readFileSync(new URL('package.json', root), 'utf8')) as { scripts: Record<string, string> };

describe('a fresh clone', () => {
  it('builds on npm install the bundle the bin imports', () => {
    expect(manifest.scripts.prepare).toBe('npm run build');
    expect(manifest.scripts.build).toContain('scripts/bundle.mjs');
    const bin = readFileSync(new URL('bin/pachca-roster.js', root), 'utf8');
    const imported = /from '\.\.\/(dist\/[^']+)'/.exec(bin)?.[1];
    expect(imported).toBe('dist/bundle/main.js');
    expect(readFileSync(new URL('scripts/bundle.mjs', root), 'utf8')).toContain("'../dist/bundle/'");
  });
});
