// Files in the OLE2 compound format (signature D0 CF 11 E0): either an old binary Excel
// workbook (.xls, Excel 97-2003) or a password-protected .xlsx, which Excel wraps in the same
// container with an "EncryptionInfo" stream beside the encrypted package.
import { readFile } from 'node:fs/promises';
import type { Say } from '../i18n/catalog.js';

export const OLE_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0]);

const DIRECTORY_ENTRY_SIZE = 128;
const NAME_LENGTH_OFFSET = 64;
const OBJECT_TYPE_OFFSET = 66;
const STREAM_OBJECT = 2;
const ENCRYPTION_INFO = Buffer.from('EncryptionInfo\u0000', 'utf16le');

/**
 * Whether the compound file's directory has an "EncryptionInfo" stream: directory entries are
 * 128-byte records (sectors are multiples of 128 bytes) holding the UTF-16 name with its
 * terminator, its byte length at offset 64 and the object type at 66.
 */
export async function isEncryptedOoxml(path: string): Promise<boolean> {
  const bytes = await readFile(path);
  for (let at = bytes.indexOf(ENCRYPTION_INFO); at >= 0; at = bytes.indexOf(ENCRYPTION_INFO, at + 1)) {
    if (at % DIRECTORY_ENTRY_SIZE !== 0 || at + DIRECTORY_ENTRY_SIZE > bytes.length) continue;
    if (bytes.readUInt16LE(at + NAME_LENGTH_OFFSET) === ENCRYPTION_INFO.length && bytes[at + OBJECT_TYPE_OFFSET] === STREAM_OBJECT) return true;
  }
  return false;
}

/** The one-line reason an OLE2 file cannot be read, for the file named `label`. */
export async function oleFileMessage(path: string, label: string): Promise<Say> {
  if (await isEncryptedOoxml(path)) {
    return (t) => t.sheetEncrypted(label);
  }
  return (t) => t.sheetOldExcel(label);
}
