// Looks at a workbook's zip central directory before exceljs inflates anything:
// refuses zip bombs, truncated archives and zips that are not workbooks.
import { open } from 'node:fs/promises';

export interface ZipEntryInfo {
  name: string;
  compressedSize: number;
  uncompressedSize: number;
}

export type ZipInspection =
  | { kind: 'zip'; entries: ZipEntryInfo[] }
  | { kind: 'not-a-zip' }
  | { kind: 'truncated' };

const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const CENTRAL_DIRECTORY_ENTRY = 0x02014b50;
const MAX_COMMENT_LENGTH = 0xffff;
const END_RECORD_SIZE = 22;

/** Reads the central directory (the list at the end of the zip) without decompressing. */
export async function inspectZip(path: string): Promise<ZipInspection> {
  const handle = await open(path, 'r');
  try {
    const { size } = await handle.stat();
    if (size < END_RECORD_SIZE) return { kind: 'truncated' };
    const tailLength = Math.min(size, END_RECORD_SIZE + MAX_COMMENT_LENGTH);
    const tail = Buffer.alloc(tailLength);
    await handle.read(tail, 0, tailLength, size - tailLength);
    let endOffset = -1;
    for (let i = tailLength - END_RECORD_SIZE; i >= 0; i--) {
      if (tail.readUInt32LE(i) === END_OF_CENTRAL_DIRECTORY) {
        endOffset = i;
        break;
      }
    }
    if (endOffset < 0) return { kind: 'truncated' };
    const entryCount = tail.readUInt16LE(endOffset + 10);
    const directorySize = tail.readUInt32LE(endOffset + 12);
    const directoryOffset = tail.readUInt32LE(endOffset + 16);
    // Zip64 markers (0xffffffff) in a spreadsheet mean a file far beyond our limits anyway.
    if (directoryOffset === 0xffffffff || directorySize === 0xffffffff || directoryOffset + directorySize > size) {
      return { kind: 'truncated' };
    }
    const directory = Buffer.alloc(directorySize);
    await handle.read(directory, 0, directorySize, directoryOffset);
    const entries: ZipEntryInfo[] = [];
    let offset = 0;
    for (let i = 0; i < entryCount; i++) {
      if (offset + 46 > directory.length || directory.readUInt32LE(offset) !== CENTRAL_DIRECTORY_ENTRY) {
        return { kind: 'truncated' };
      }
      const compressedSize = directory.readUInt32LE(offset + 20);
      const uncompressedSize = directory.readUInt32LE(offset + 24);
      const nameLength = directory.readUInt16LE(offset + 28);
      const extraLength = directory.readUInt16LE(offset + 30);
      const commentLength = directory.readUInt16LE(offset + 32);
      const name = directory.toString('utf8', offset + 46, offset + 46 + nameLength);
      entries.push({ name, compressedSize, uncompressedSize });
      offset += 46 + nameLength + extraLength + commentLength;
    }
    return { kind: 'zip', entries };
  } finally {
    await handle.close();
  }
}
