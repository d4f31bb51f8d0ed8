// People's photos on disk (issue 15, `--photos DIR`): image files named by a key (the person's
// e-mail, or a column such as a personnel number), or a path given in a sheet cell. JPEG and PNG
// only, told by their bytes; the size is checked before the file is read. A missing, unreadable
// or unsuitable file is a reason to warn on that row, never an exception.
import { readdirSync } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { extname, isAbsolute, join, resolve } from 'node:path';
import { AVATAR_MAX_BYTES, avatarImageType } from '../pachca/avatar.js';
import type { AvatarImageType } from '../pachca/types.js';

export const PHOTO_EXTENSIONS = ['.jpg', '.jpeg', '.png'] as const;

export interface Photo {
  path: string;
  bytes: Buffer;
  type: AvatarImageType;
}

/** What is wrong with a photo, for a message in the reader's language (`reason` is the English one). */
export type PhotoProblem =
  | { kind: 'not-found' | 'not-file' | 'empty' | 'not-image'; path: string }
  | { kind: 'unreadable'; path: string; code: string }
  | { kind: 'too-big'; path: string; megabytes: number; limitMegabytes: number }
  | { kind: 'none-in-folder' | 'several'; key: string; folder: string; paths: string[] }
  | { kind: 'no-key'; column: string };

export type PhotoFailure = { ok: false; missing: boolean; reason: string; problem: PhotoProblem };

export type PhotoLookup = { ok: true; photo: Photo; size: number } | PhotoFailure;

const toMegabytes = (bytes: number): number => Math.round(bytes / 1024 / 1024 * 10) / 10;
const megabytes = (bytes: number): string => `${toMegabytes(bytes).toFixed(1)} MB`;

/** The key a file name or a cell is matched by: trimmed, lower-cased (e-mails and numbers alike). */
export function photoKey(text: string): string {
  return text.trim().toLowerCase();
}

/** A photo as the plan keeps it: the file, not its bytes (read again when it is uploaded). */
export type PhotoFinding =
  | { ok: true; file: string; type: AvatarImageType; size: number }
  | PhotoFailure;

/** Checks one file as readPhoto does, reading only its first bytes. */
export async function inspectPhoto(path: string, maxBytes = AVATAR_MAX_BYTES): Promise<PhotoFinding> {
  const found = await readPhoto(path, maxBytes, 16);
  if (!found.ok) return found;
  return { ok: true, file: found.photo.path, type: found.photo.type, size: found.size };
}

function unreadable(path: string, code: string): PhotoFailure {
  return { ok: false, missing: false, reason: `photo ${path} cannot be read (${code})`, problem: { kind: 'unreadable', path, code } };
}

/** No file, or more than one, for a key in the folder. */
function notOne(key: string, folder: string, paths: string[]): PhotoFailure {
  const sorted = [...paths].sort();
  return paths.length === 0
    ? { ok: false, missing: true, reason: `no photo for ${key.trim()} in ${folder}`, problem: { kind: 'none-in-folder', key: key.trim(), folder, paths: sorted } }
    : { ok: false, missing: false, reason: `${paths.length} photos for ${key.trim()} (${sorted.join(', ')}): keep one`, problem: { kind: 'several', key: key.trim(), folder, paths: sorted } };
}

/** Reads one image file: the size first (not read past the limit), then the type by content. */
export async function readPhoto(path: string, maxBytes = AVATAR_MAX_BYTES, firstBytes?: number): Promise<PhotoLookup & { size?: number }> {
  let size: number;
  try {
    const info = await stat(path);
    if (!info.isFile()) return { ok: false, missing: false, reason: `photo ${path} is not a file`, problem: { kind: 'not-file', path } };
    size = info.size;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { ok: false, missing: true, reason: `photo ${path} not found`, problem: { kind: 'not-found', path } };
    return unreadable(path, code ?? (error as Error).message);
  }
  if (size === 0) return { ok: false, missing: false, reason: `photo ${path} is empty`, problem: { kind: 'empty', path } };
  if (size > maxBytes) {
    return { ok: false, missing: false, reason: `photo ${path} is ${megabytes(size)}, more than the ${megabytes(maxBytes)} allowed`, problem: { kind: 'too-big', path, megabytes: toMegabytes(size), limitMegabytes: toMegabytes(maxBytes) } };
  }
  let bytes: Buffer;
  try {
    const file = await open(path, 'r');
    try {
      if (firstBytes === undefined) bytes = await file.readFile();
      else {
        const head = Buffer.alloc(Math.min(firstBytes, size));
        await file.read(head, 0, head.length, 0);
        bytes = head;
      }
    } finally {
      await file.close();
    }
  } catch (error) {
    return unreadable(path, (error as NodeJS.ErrnoException).code ?? (error as Error).message);
  }
  const type = avatarImageType(bytes);
  if (!type) return { ok: false, missing: false, reason: `photo ${path} is not a JPEG or PNG image`, problem: { kind: 'not-image', path } };
  return { ok: true, photo: { path, bytes, type }, size };
}

/** A folder of photos named `<key>.jpg|.jpeg|.png`; other files are ignored. */
export class PhotoFolder {
  private readonly byKey = new Map<string, string[]>();

  /** Lists the folder once; throws (with the OS reason) only when the folder itself cannot be listed. */
  constructor(readonly folder: string) {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const extension = extname(entry.name).toLowerCase();
      if (!entry.isFile() && !entry.isSymbolicLink()) continue;
      if (!(PHOTO_EXTENSIONS as readonly string[]).includes(extension)) continue;
      const key = photoKey(entry.name.slice(0, -extension.length));
      this.byKey.set(key, [...(this.byKey.get(key) ?? []), join(folder, entry.name)]);
    }
  }

  /** Keys that have a photo (e.g. to tell which rows a folder covers). */
  keys(): string[] {
    return [...this.byKey.keys()];
  }

  async find(key: string): Promise<PhotoLookup> {
    const paths = this.byKey.get(photoKey(key)) ?? [];
    if (paths.length !== 1) return notOne(key, this.folder, paths);
    return readPhoto(paths[0] as string);
  }

  /** As find, reading only the file's first bytes. */
  async inspect(key: string): Promise<PhotoFinding> {
    const paths = this.byKey.get(photoKey(key)) ?? [];
    if (paths.length !== 1) return notOne(key, this.folder, paths);
    return inspectPhoto(resolve(paths[0] as string));
  }
}

/** A `photo` cell: a path relative to the sheet's folder (or absolute). */
export function readPhotoCell(cell: string, sheetFolder: string): Promise<PhotoLookup> {
  const text = cell.trim();
  return readPhoto(isAbsolute(text) ? text : resolve(sheetFolder, text));
}
