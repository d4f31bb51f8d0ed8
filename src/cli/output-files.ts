// Checks on the files a command is about to write, made before it sends any request: an
// existing file is replaced only with --force, and the folder must be there.
import { existsSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { InputError } from '../exit-codes.js';

/** Exit 2 (nothing sent, nothing written) unless `path` can be written as a new file, or replaced with --force. */
export function checkOutputFile(path: string, force: boolean, flag = '--out'): void {
  const target = resolve(path);
  if (existsSync(target)) {
    if (statSync(target).isDirectory()) throw new InputError((t) => t.errOutputIsFolder(flag, path));
    if (!force) throw new InputError((t) => t.errOutputExists(path));
    return;
  }
  const folder = dirname(target);
  if (!existsSync(folder) || !statSync(folder).isDirectory()) {
    throw new InputError((t) => t.errOutputNoFolder(flag, path, folder));
  }
}

/** A folder the command writes files into: missing is fine (it is created), a file is not. Whether it exists. */
export function checkOutputFolder(path: string, flag = '--out'): boolean {
  if (!existsSync(path)) return false;
  if (!statSync(path).isDirectory()) throw new InputError((t) => t.errOutputIsFile(flag, path));
  return true;
}
