// Looks at a workbook's zip central directory before exceljs inflates anything:
// refuses zip bombs, truncated archives and zips that are not workbooks.
import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { createInflateRaw, crc32 } from 'node:zlib';

export interface ZipEntryInfo {
  name: string;
  compressedSize: number;
  uncompressedSize: number;
  /** 0 stored, 8 deflate. */
  method: number;
  crc: number;
  localHeaderOffset: number;
}

export type ZipInspection = { kind: 'zip'; entries: ZipEntryInfo[] } | { kind: 'truncated' };

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
      const method = directory.readUInt16LE(offset + 10);
      const crc = directory.readUInt32LE(offset + 16);
      const compressedSize = directory.readUInt32LE(offset + 20);
      const uncompressedSize = directory.readUInt32LE(offset + 24);
      const nameLength = directory.readUInt16LE(offset + 28);
      const extraLength = directory.readUInt16LE(offset + 30);
      const commentLength = directory.readUInt16LE(offset + 32);
      const localHeaderOffset = directory.readUInt32LE(offset + 42);
      const name = directory.toString('utf8', offset + 46, offset + 46 + nameLength);
      entries.push({ name, compressedSize, uncompressedSize, method, crc, localHeaderOffset });
      offset += 46 + nameLength + extraLength + commentLength;
    }
    return { kind: 'zip', entries };
  } finally {
    await handle.close();
  }
}

const LOCAL_FILE_HEADER = 0x04034b50;
const INFLATE_CHUNK_BYTES = 256 * 1024;

/**
 * A stream of one entry's uncompressed bytes, read straight from its place in the file
 * (undefined when the entry's local header is missing or its data runs past the end).
 */
export async function openZipEntry(path: string, entry: ZipEntryInfo, fileSize?: number): Promise<Readable | undefined> {
  if (entry.method !== 0 && entry.method !== 8) return undefined;
  const size = fileSize ?? (await stat(path)).size;
  const handle = await open(path, 'r');
  let dataStart: number;
  try {
    const header = Buffer.alloc(30);
    const { bytesRead } = await handle.read(header, 0, 30, entry.localHeaderOffset);
    if (bytesRead < 30 || header.readUInt32LE(0) !== LOCAL_FILE_HEADER) return undefined;
    dataStart = entry.localHeaderOffset + 30 + header.readUInt16LE(26) + header.readUInt16LE(28);
  } finally {
    await handle.close();
  }
  if (dataStart + entry.compressedSize > size) return undefined;
  if (entry.compressedSize === 0) return Readable.from([]);
  const compressed = createReadStream(path, { start: dataStart, end: dataStart + entry.compressedSize - 1, highWaterMark: INFLATE_CHUNK_BYTES });
  if (entry.method === 0) return compressed;
  // Chunks larger than zlib's 16 KB: a 50 MB worksheet part then takes a few hundred turns of the event loop, not thousands.
  const inflated = compressed.pipe(createInflateRaw({ chunkSize: INFLATE_CHUNK_BYTES }));
  compressed.on('error', (error) => inflated.destroy(error));
  inflated.on('close', () => compressed.destroy());
  return inflated;
}

/** Inflates one entry, checking its CRC and that it expands to exactly the declared size. */
async function entryIsIntact(path: string, size: number, entry: ZipEntryInfo): Promise<boolean> {
  const content = await openZipEntry(path, entry, size);
  if (!content) return false;
  if (entry.compressedSize === 0) return entry.uncompressedSize === 0;
  let crc = 0;
  let length = 0;
  try {
    for await (const chunk of content as AsyncIterable<Buffer>) {
      length += chunk.length;
      if (length > entry.uncompressedSize) return false; // expands past what it declares: corrupt or a bomb
      crc = crc32(chunk, crc);
    }
  } catch {
    return false;
  } finally {
    content.destroy();
  }
  return length === entry.uncompressedSize && crc === entry.crc;
}

/**
 * Checks every entry decompresses to its declared size and CRC (streaming, bounded memory).
 * exceljs's unzip can stall forever on a damaged deflate stream, so it only ever sees intact archives.
 */
export async function zipIsIntact(path: string, entries: readonly ZipEntryInfo[]): Promise<boolean> {
  const { size } = await stat(path);
  for (const entry of entries) {
    if (entry.name.endsWith('/') && entry.uncompressedSize === 0) continue;
    if (!(await entryIsIntact(path, size, entry))) return false;
  }
  return true;
}
