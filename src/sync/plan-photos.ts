// Photos in the plan (issue 15): each row's file found before planning (`--photos DIR` by e-mail or
// by the `--photos-key` column, or the row's `photo` cell, relative to the sheet), checked (JPEG or
// PNG, the size) without being read whole; a person who has a photo keeps it unless
// --photos-overwrite. A file that is missing or unusable is a warning on the row, never a failure.
import { basename, dirname } from 'node:path';
import { InputError } from '../exit-codes.js';
import { messages, type Catalog } from '../i18n/catalog.js';
import type { Lang } from '../i18n/lang.js';
import type { User } from '../pachca/types.js';
import { normalizeHeaderKey } from '../records/columns.js';
import type { EmployeeRecord, ValidatedSheet } from '../records/types.js';
import { PhotoFolder, readPhotoCell, type PhotoFinding, type PhotoProblem } from './photos.js';
import type { PhotoOptions, PlanItem } from './plan-types.js';
import { noSideRequests, type SideRequests } from './plan-side.js';

export interface RowPhoto {
  finding: PhotoFinding;
  /** Found by --photos DIR (a person missing from the folder is fine when they have a photo). */
  fromFolder: boolean;
  /** What is wrong with the photo, in the run's language (when the finding is not ok). */
  problem?: string;
  /** The row's note for it (`warning: photo: ...`), in the run's language. */
  note?: string;
}

/** What is wrong with a photo, in the catalog's language (also the apply's note when the file changed since the plan). */
export function problemText(problem: PhotoProblem, t: Catalog): string {
  switch (problem.kind) {
    case 'not-found': return t.photoNotFound(problem.path);
    case 'not-file': return t.photoNotFile(problem.path);
    case 'empty': return t.photoEmpty(problem.path);
    case 'not-image': return t.photoNotImage(problem.path);
    case 'unreadable': return t.photoUnreadable(problem.path, problem.code);
    case 'too-big': return t.photoTooBig(problem.path, problem.megabytes, problem.limitMegabytes);
    case 'none-in-folder': return t.photoNoneInFolder(problem.key, problem.folder);
    case 'several': return t.photoSeveral(problem.paths.length, problem.key, problem.paths.join(', '));
    case 'no-key': return t.photoNoKey(problem.column);
  }
}

function rowPhoto(finding: PhotoFinding, fromFolder: boolean, t: Catalog): RowPhoto {
  if (finding.ok) return { finding, fromFolder };
  const problem = problemText(finding.problem, t);
  return { finding, fromFolder, problem, note: t.photoRowNote(problem) };
}

/**
 * The photo of each row that has one to look for, by row number, its problems told in `lang`.
 * Throws InputError for a bad folder or key column.
 */
export async function findRowPhotos(sheet: ValidatedSheet, options: PhotoOptions | undefined, lang: Lang = 'en'): Promise<Map<number, RowPhoto>> {
  const t = messages(lang);
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
      const key = options.key;
      const columns = sheet.detected.headers.filter(Boolean).join(', ');
      throw new InputError((t) => t.photosKeyNoColumn(key, columns));
    }
  }
  const sheetFolder = dirname(sheet.detected.file);
  const keyOf = (record: EmployeeRecord): string => (keyHeader === undefined ? record.email : (record.source.cells.get(keyHeader) ?? '').trim());
  for (const record of sheet.records) {
    if (record.photo) {
      const finding = await readPhotoCell(record.photo, sheetFolder);
      found.set(record.source.rowNumber, rowPhoto(finding.ok ? { ok: true, file: finding.photo.path, type: finding.photo.type, size: finding.size } : finding, false, t));
      continue;
    }
    if (!folder) continue;
    const key = keyOf(record);
    if (!key) {
      const problem: PhotoProblem = { kind: 'no-key', column: options!.key! };
      found.set(record.source.rowNumber, rowPhoto({ ok: false, missing: true, reason: `no ${options!.key} to find the photo by`, problem }, true, t));
      continue;
    }
    found.set(record.source.rowNumber, rowPhoto(await folder.inspect(key), true, t));
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
      side.notes.push(photo.note ?? t.photoWarning(finding.reason));
    return side;
  }
  side.photoRequest = { method: 'PUT', file: finding.file, type: finding.type, size: finding.size };
  side.changes.push({ field: 'photo', before: hasPhoto ? '(a photo)' : null, after: basename(finding.file) });
  return side;
}


/**
 * The plan's warnings for photos that will not be uploaded because their file is unusable (or a
 * photo cell names no file): shown with the plan and in plan.xlsx, not only in the report. A
 * person the folder simply has no file for is no warning.
 */
export function photoPlanWarnings(items: readonly PlanItem[], photos: ReadonlyMap<number, RowPhoto>, lang: Lang = 'en'): string[] {
  const t = messages(lang);
  const warnings: string[] = [];
  for (const item of items) {
    const photo = item.row !== undefined ? photos.get(item.row) : undefined;
    if (!photo?.note || !photo.problem || (photo.finding.ok === false && photo.finding.missing && photo.fromFolder)) continue;
    if (item.message?.includes(photo.note)) warnings.push(t.photoPlanWarning(item.row!, item.email ?? '', photo.problem));
  }
  return warnings;
}
