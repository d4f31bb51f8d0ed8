// Files the tool writes hold personal data (e-mails, phones): folders are created 700 and files
// 600, and a file appears only once complete (written to a temporary sibling, then renamed), so
// an interrupted write never leaves half a file.
import { createWriteStream, mkdirSync, type WriteStream } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

export const PRIVATE_FILE_MODE = 0o600;
export const PRIVATE_FOLDER_MODE = 0o700;

let temporaryCounter = 0;

/** A hidden temporary sibling of `path`, unique within this process. */
export function temporaryPathFor(path: string): string {
  temporaryCounter += 1;
  return join(dirname(path), `.${basename(path)}.${process.pid}.${Date.now()}.${temporaryCounter}.tmp`);
}

/** A new file only its owner can read, for streaming into (fails if it exists). */
export function createPrivateWriteStream(path: string): WriteStream {
  return createWriteStream(path, { flags: 'wx', mode: PRIVATE_FILE_MODE });
}

/** Writes `data` to `path` atomically and privately (600); replaces an existing file. */
export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  const temporaryPath = temporaryPathFor(path);
  try {
    await writeFile(temporaryPath, data, { flag: 'wx', mode: PRIVATE_FILE_MODE });
    await rename(temporaryPath, path);
  } catch (error) {
    await rm(temporaryPath, { force: true });
    throw error;
  }
}

/** Creates a folder (and missing parents) that only its owner can enter (700). */
export async function makePrivateFolder(path: string): Promise<void> {
  await mkdir(path, { recursive: true, mode: PRIVATE_FOLDER_MODE });
}

export function makePrivateFolderSync(path: string): void {
  mkdirSync(path, { recursive: true, mode: PRIVATE_FOLDER_MODE });
}
