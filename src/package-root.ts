// Where the package's own files are (package.json, web/, fixtures/). Found by walking up from this
// module, so the same code works from src/ (tests), dist/ (tsc's output) and dist/bundle/ (the
// bundle the command runs), whose depths differ.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const PACKAGE_NAME = 'pachca-roster';

function isOurManifest(path: string): boolean {
  if (!existsSync(path)) return false;
  try {
    return (JSON.parse(readFileSync(path, 'utf8')) as { name?: unknown }).name === PACKAGE_NAME;
  } catch {
    return false;
  }
}

function findPackageRoot(): string {
  const start = dirname(fileURLToPath(import.meta.url));
  for (let dir = start; ; dir = dirname(dir)) {
    if (isOurManifest(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) throw new Error(`the ${PACKAGE_NAME} package.json is not above ${start}`);
  }
}

export const PACKAGE_ROOT = findPackageRoot();

/** A file or folder of the package, e.g. packagePath('fixtures'). */
export function packagePath(...parts: string[]): string {
  return join(PACKAGE_ROOT, ...parts);
}
