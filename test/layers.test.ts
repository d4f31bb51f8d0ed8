// The source's shape: imports go down the layers only, no file imports itself in a circle, and
// no source file is over 500 lines. Reads the files' import lines (no build needed).
//   sheets <- records <- sync <- app <- cli, with pachca beside sync (sync may import it, it
//   imports neither) and reports beside app; sandbox stands apart (only pachca/types);
//   small shared modules at the bottom (exit codes, redact, version, package-root, lazy-require, files/, i18n/) may be
//   imported from anywhere and import only each other.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = fileURLToPath(new URL('../src/', import.meta.url));
const BOTTOM_FILES = new Set(['exit-codes.ts', 'redact.ts', 'version.ts', 'package-root.ts', 'lazy-require.ts']);
/** Folders of small shared modules (files: private modes; i18n: the message catalog). */
const BOTTOM_AREAS = ['files/', 'i18n/'];
const BOTTOM = { has: (file: string): boolean => BOTTOM_FILES.has(file) || BOTTOM_AREAS.some((area) => file.startsWith(area)) };

/** What each area may import besides itself and the bottom modules. */
const MAY_IMPORT: Record<string, readonly string[]> = {
  sheets: [],
  records: ['sheets'],
  pachca: [],
  sync: ['records', 'sheets', 'pachca'],
  reports: ['sync', 'records', 'sheets', 'pachca'],
  app: ['reports', 'sync', 'records', 'sheets', 'pachca'],
  cli: ['app', 'reports', 'sync', 'records', 'sheets', 'pachca', 'sandbox', 'web'],
  // The web page's server: the use cases and what they return, never the CLI's rendering.
  web: ['app', 'reports', 'sync', 'records', 'sheets', 'pachca'],
  // The sandbox shares with the client only what the API is: its wire types, and what it accepts as an avatar.
  sandbox: ['pachca/types.ts', 'pachca/avatar.ts'],
};

function sourceFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') ? [path] : [];
  });
}

const files = sourceFiles(SRC).map((path) => relative(SRC, path).split('\\').join('/')).sort();

interface Imports {
  /** Every relative import (static, dynamic, export ... from), as paths below src/. */
  all: string[];
  /** Those that are there at run time (not `import type` / `export type`). */
  values: string[];
}

function importsOf(file: string): Imports {
  // Comments out first: "an import would ..." in a comment must not swallow the import after it.
  const text = readFileSync(join(SRC, file), 'utf8').replace(/^\s*\/\*[\s\S]*?\*\//gm, '').replace(/^\s*\/\/.*$/gm, '');
  const all = new Set<string>();
  const values = new Set<string>();
  for (const match of text.matchAll(/\b(import|export)(\s+type\b)?[^;'"]*?(?:from\s*)?['"](\.{1,2}\/[^'"]+)['"]|import\s*\(\s*['"](\.{1,2}\/[^'"]+)['"]/g)) {
    const spec = match[3] ?? match[4]!;
    const target = relative(SRC, resolve(dirname(join(SRC, file)), spec)).split('\\').join('/').replace(/\.js$/, '.ts');
    all.add(target);
    if (!match[2]) values.add(target);
  }
  return { all: [...all], values: [...values] };
}

const imports = new Map(files.map((file) => [file, importsOf(file)]));
const graph = new Map([...imports].map(([file, found]) => [file, found.all]));
/** Run-time imports only: a cycle through `import type` is erased by the compiler. */
const valueGraph = new Map([...imports].map(([file, found]) => [file, found.values]));

/**
 * Cycles left for their owners to break, each with why it is not broken here. Keep it empty;
 * an entry that no longer occurs fails the test so it gets removed.
 */
const KNOWN_CYCLES: readonly string[] = [];

function areaOf(file: string): string {
  return file.includes('/') ? file.slice(0, file.indexOf('/')) : file;
}

function allowed(from: string, to: string): boolean {
  if (BOTTOM.has(to)) return true;
  const area = areaOf(from);
  const target = areaOf(to);
  if (area === target) return true;
  const may = MAY_IMPORT[area];
  if (!may) return false;
  return may.includes(target) || may.includes(to);
}

describe('layers', () => {
  it('every area is known', () => {
    const unknown = files.filter((file) => !BOTTOM.has(file) && MAY_IMPORT[areaOf(file)] === undefined && areaOf(file) !== 'index.ts');
    expect(unknown).toEqual([]);
  });

  it('imports go down the layers only', () => {
    const upward: string[] = [];
    for (const [file, targets] of graph) {
      if (BOTTOM.has(file)) {
        for (const target of targets) if (!BOTTOM.has(target)) upward.push(`${file} -> ${target} (a bottom module imports only bottom modules)`);
        continue;
      }
      for (const target of targets) if (!allowed(file, target)) upward.push(`${file} -> ${target}`);
    }
    expect(upward).toEqual([]);
  });

  it('no import cycle at run time', () => {
    const cycles: string[] = [];
    const state = new Map<string, 'open' | 'done'>();
    const stack: string[] = [];
    const visit = (file: string): void => {
      state.set(file, 'open');
      stack.push(file);
      for (const target of valueGraph.get(file) ?? []) {
        if (!valueGraph.has(target)) continue;
        if (state.get(target) === 'open') cycles.push([...stack.slice(stack.indexOf(target)), target].join(' -> '));
        else if (!state.has(target)) visit(target);
      }
      stack.pop();
      state.set(file, 'done');
    };
    for (const file of files) if (!state.has(file)) visit(file);
    expect(cycles.sort()).toEqual([...KNOWN_CYCLES].sort());
  });

  it('every import names a source file that exists', () => {
    const missing = [...graph].flatMap(([file, targets]) => targets.filter((target) => !graph.has(target)).map((target) => `${file} -> ${target}`));
    expect(missing).toEqual([]);
  });

  it('no source file is over 500 lines', () => {
    const long = files
      .map((file) => ({ file, lines: readFileSync(join(SRC, file), 'utf8').split('\n').length }))
      .filter(({ lines }) => lines > 500)
      .map(({ file, lines }) => `${file}: ${lines} lines`);
    expect(long).toEqual([]);
  });
});
