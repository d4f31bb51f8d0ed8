// Photos in the plan (issue 15): each row's file found before planning (`--photos DIR` by e-mail or
// by the `--photos-key` column, or the row's `photo` cell, relative to the sheet), checked (JPEG or
// PNG, the size) without being read whole; a person who has a photo keeps it unless
// --photos-overwrite. A file that is missing or unusable is a warning on the row, never a failure.
import { basename, dirname } from 'node:path';
import { InputError } from '../exit-codes.js';
import { messages, type Catalog } from '../i18n/catalog.js';
import type { User } from '../pachca/types.js';
import { normalizeHeaderKey } from '../records/columns.js';
import type { EmployeeRecord, ValidatedSheet } from '../records/types.js';
import { PhotoFolder, readPhotoCell, type PhotoFinding } from './photos.js';
import type { PhotoOptions } from './plan-types.js';
import { noSideRequests, type SideRequests } from './plan-side.js';

export interface RowPhoto {
  finding: PhotoFinding;
  /** Found by --photos DIR (a person missing from the folder is fine when they have a photo). */
  fromFolder: boolean;
}

/** The photo of each row that has one to look for, by row number. Throws InputError for a bad folder or key column. */
export async function findRowPhotos(sheet: ValidatedSheet, options: PhotoOptions | undefined): Promise<Map<number, RowPhoto>> {
  const found = new Map<number, RowPhoto>();
  const hasColumn = [...sheet.mapping.byHeader.values()].includes('photo');
  if (!options?.dir && !hasColumn) return found;
  let folder: PhotoFolder | undefined;
  if (options?.dir) {
    try {
      folder = new PhotoFolder(options.dir);
    } catch (error) {
      const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
      const dir = options.dir;
      throw new InputError((t) => t.photosFolderUnreadable(dir, reason));
    }
  }
  let keyHeader: string | undefined;
  if (options?.key !== undefined) {
    keyHeader = sheet.detected.headers.find((header) => normalizeHeaderKey(header) === normalizeHeaderKey(options.key!));
    if (keyHeader === undefined) {
      throw new InputError(`--photos-key "${options.key}": the sheet has no such column (its columns: ${sheet.detected.headers.filter(Boolean).join(', ')})`);
    }
  }
  const sheetFolder = dirname(sheet.detected.file);
  const keyOf = (record: EmployeeRecord): string => (keyHeader === undefined ? record.email : (record.source.cells.get(keyHeader) ?? '').trim());
  for (const record of sheet.records) {
    if (record.photo) {
      const finding = await readPhotoCell(record.photo, sheetFolder);
      found.set(record.source.rowNumber, {
        finding: finding.ok ? { ok: true, file: finding.photo.path, type: finding.photo.type, size: finding.size } : finding,
        fromFolder: false,
      });
      continue;
    }
    if (!folder) continue;
    const key = keyOf(record);
    if (!key) {
      found.set(record.source.rowNumber, { finding: { ok: false, missing: true, reason: `no ${options!.key} to find the photo by` }, fromFolder: true });
      continue;
    }
    found.set(record.source.rowNumber, { finding: await folder.inspect(key), fromFolder: true });
  }
  return found;
}

/** The photo upload (or the warning) of a row, for a new person (`user` undefined) or an existing one. */
export function photoSide(photo: RowPhoto | undefined, user: User | undefined, overwrite: boolean, t: Catalog = messages('en')): SideRequests {
  const side = noSideRequests();
  if (!photo) return side;
  const hasPhoto = user !== undefined && user.image_url !== null && user.image_url !== '';
  if (hasPhoto && !overwrite) return side;
  const { finding } = photo;
  if (!finding.ok) {
    // A folder that simply has no file for this person says so only when a photo was wanted.
    side.notes.push(t.photoWarning(finding.reason));
    return side;
  }
  side.photoRequest = { method: 'PUT', file: finding.file, type: finding.type, size: finding.size };
  side.changes.push({ field: 'photo', before: hasPhoto ? '(a photo)' : null, after: basename(finding.file) });
  return side;
}

