// Where the package's own files are (package.json, web/, fixtures/). Found on first use by walking
// up from this module, so the same code works from src/ (tests), dist/ (tsc's output) and
// dist/bundle/ (the bundle the command runs), whose depths differ. The root is the first folder
// holding our package.json, or, for a renamed copy, a package.json beside bin/pachca-roster.js.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const PACKAGE_NAME = 'pachca-roster';

function isPackageRoot(dir: string): boolean {
  const manifest = join(dir, 'package.json');
  if (!existsSync(manifest)) return false;
  if (existsSync(join(dir, 'bin', `${PACKAGE_NAME}.js`))) return true;
  try {
    return (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: unknown }).name === PACKAGE_NAME;
  } catch {
    return false;
  }
}

let root: string | undefined;

/** The package's folder; throws (at the first use, not at start) when it cannot be found. */
export function packageRoot(): string {
  if (root !== undefined) return root;
  const start = dirname(fileURLToPath(import.meta.url));
  for (let dir = start; ; dir = dirname(dir)) {
    if (isPackageRoot(dir)) return (root = dir);
    if (dirname(dir) === dir) throw new Error(`the ${PACKAGE_NAME} package folder is not above ${start}`);
  }
}

/** A file or folder of the package, e.g. packagePath('fixtures'). */
export function packagePath(...parts: string[]): string {
  return join(packageRoot(), ...parts);
}
