// Generates fixtures/images/: small avatar images named by e-mails of the demo company
// (fixtures/directory.json), for photo uploads. No image library: a PNG is written with node:zlib,
// a JPEG as a baseline greyscale file of flat 8x8 blocks (only DC coefficients), both deterministic.
// Run: npx tsx scripts/make-images.ts
//
//   m.ivanova@example.ru.png     PNG 32x32, a colour gradient
//   a.smirnov@example.ru.jpg     JPEG 16x16
//   d.kuznetsov@example.ru.jpeg  JPEG 24x16
//   e.popova@example.ru.png      not an image (text under a .png name): refused by type
//
// An image over the 5 MB limit (AVATAR_MAX_BYTES) is not kept in the repository: tests make one
// with oversizedPng().
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of bytes) crc = (CRC_TABLE[(crc ^ byte) & 0xff] as number) ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function pngChunk(type: string, data: Uint8Array): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/** An RGB PNG whose pixels come from `colour(x, y)`; `padding` bytes of an ancillary chunk make it as big as wanted. */
export function makePng(width: number, height: number, colour: (x: number, y: number) => [number, number, number], padding = 0): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8 bits, truecolour, deflate, no filter method, no interlace
  const rows = Buffer.alloc(height * (1 + width * 3));
  for (let y = 0; y < height; y += 1) {
    const start = y * (1 + width * 3);
    rows[start] = 0; // filter: none
    for (let x = 0; x < width; x += 1) rows.set(colour(x, y), start + 1 + x * 3);
  }
  const chunks = [pngChunk('IHDR', header), pngChunk('IDAT', deflateSync(rows))];
  if (padding > 0) chunks.push(pngChunk('zzPD', Buffer.alloc(padding, 0x20)));
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), ...chunks, pngChunk('IEND', Buffer.alloc(0))]);
}

/** A valid PNG just over `limit` bytes (the image itself is tiny; an ancillary chunk fills it up). */
export function oversizedPng(limit: number): Buffer {
  return makePng(4, 4, () => [200, 30, 30], limit);
}

// ---- JPEG: baseline, one greyscale component, quantisation 1, every 8x8 block one flat grey ----

const DC_BITS = [0, 1, 5, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0]; // the standard luminance DC table (ITU T.81 K.3)
const DC_VALUES = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];

/** Canonical Huffman codes from a DHT's counts per length: value -> [code, length]. */
function huffmanCodes(bits: readonly number[], values: readonly number[]): Map<number, [number, number]> {
  const codes = new Map<number, [number, number]>();
  let code = 0;
  let index = 0;
  bits.forEach((count, lengthIndex) => {
    for (let i = 0; i < count; i += 1) codes.set(values[index++] as number, [code++, lengthIndex + 1]);
    code <<= 1;
  });
  return codes;
}

class BitWriter {
  private readonly bytes: number[] = [];
  private current = 0;
  private filled = 0;

  write(value: number, length: number): void {
    for (let bit = length - 1; bit >= 0; bit -= 1) {
      this.current = (this.current << 1) | ((value >> bit) & 1);
      this.filled += 1;
      if (this.filled === 8) this.flushByte();
    }
  }

  private flushByte(): void {
    this.bytes.push(this.current);
    if (this.current === 0xff) this.bytes.push(0x00); // byte stuffing
    this.current = 0;
    this.filled = 0;
  }

  /** Pads the last byte with 1 bits. */
  finish(): Buffer {
    if (this.filled > 0) this.write(0xff, 8 - this.filled);
    return Buffer.from(this.bytes);
  }
}

function segment(marker: number, data: number[]): Buffer {
  const length = data.length + 2;
  return Buffer.from([0xff, marker, length >> 8, length & 0xff, ...data]);
}

/** A greyscale JPEG of flat 8x8 blocks; `grey(blockX, blockY)` is each block's level (0..255). */
export function makeJpeg(blocksWide: number, blocksHigh: number, grey: (blockX: number, blockY: number) => number): Buffer {
  const width = blocksWide * 8;
  const height = blocksHigh * 8;
  const dcCodes = huffmanCodes(DC_BITS, DC_VALUES);
  const bits = new BitWriter();
  let previous = 0;
  for (let by = 0; by < blocksHigh; by += 1) {
    for (let bx = 0; bx < blocksWide; bx += 1) {
      // A flat block's DC coefficient is 8 x (level - 128); quantisation 1 keeps it as is.
      const dc = 8 * (Math.round(grey(bx, by)) - 128);
      const diff = dc - previous;
      previous = dc;
      const size = diff === 0 ? 0 : Math.floor(Math.log2(Math.abs(diff))) + 1;
      const [code, length] = dcCodes.get(size) as [number, number];
      bits.write(code, length);
      if (size > 0) bits.write(diff > 0 ? diff : diff + (1 << size) - 1, size);
      bits.write(0, 1); // end of block: the AC table below has one code, "0" = EOB
    }
  }
  return Buffer.concat([
    Buffer.from([0xff, 0xd8]),
    segment(0xe0, [0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00]), // JFIF 1.1
    segment(0xdb, [0x00, ...Array<number>(64).fill(1)]),
    segment(0xc0, [8, height >> 8, height & 0xff, width >> 8, width & 0xff, 1, 1, 0x11, 0]),
    segment(0xc4, [0x00, ...DC_BITS, ...DC_VALUES]),
    segment(0xc4, [0x10, 1, ...Array<number>(15).fill(0), 0x00]),
    segment(0xda, [1, 1, 0x00, 0, 63, 0]),
    bits.finish(),
    Buffer.from([0xff, 0xd9]),
  ]);
}

export const FIXTURE_IMAGES: Record<string, () => Buffer> = {
  'm.ivanova@example.ru.png': () => makePng(32, 32, (x, y) => [x * 8, y * 8, 160]),
  'a.smirnov@example.ru.jpg': () => makeJpeg(2, 2, (x, y) => 60 + x * 80 + y * 40),
  'd.kuznetsov@example.ru.jpeg': () => makeJpeg(3, 2, (x, y) => 230 - x * 50 - y * 60),
  'e.popova@example.ru.png': () => Buffer.from('This is a text file with a .png name, not an image.\n'),
};

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const folder = fileURLToPath(new URL('../fixtures/images/', import.meta.url));
  mkdirSync(folder, { recursive: true });
  for (const [name, make] of Object.entries(FIXTURE_IMAGES)) writeFileSync(`${folder}${name}`, make());
  process.stdout.write(`wrote ${Object.keys(FIXTURE_IMAGES).length} images to ${folder}\n`);
}
