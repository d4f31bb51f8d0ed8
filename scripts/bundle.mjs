// The command as the bin runs it: src/cli/main.ts bundled with its dependencies into
// dist/bundle/ (esbuild). Loading ~200 of our modules and ~60 of the dependencies' one file at a
// time cost about 125 ms before the first request; the bundle loads in a few files. Each
// command's own code stays a separate chunk, loaded only when that command runs
// (src/cli/command-loaders.ts). exceljs and libphonenumber-js are required at run time from
// node_modules (createRequire), as from dist/. tsc's dist/ stays for the bench's child and tests.
import { build } from 'esbuild';
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const outdir = fileURLToPath(new URL('../dist/bundle/', import.meta.url));
rmSync(outdir, { recursive: true, force: true });
await build({
  entryPoints: { main: fileURLToPath(new URL('../src/cli/main.ts', import.meta.url)) },
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  // The CommonJS dependencies (cli-progress, iconv-lite, ...) call require() for Node's modules.
  banner: { js: "import { createRequire as createBundleRequire } from 'node:module'; const require = createBundleRequire(import.meta.url);" },
  logLevel: 'warning',
});
