import { crc32, deflateSync } from 'node:zlib';

/** An RGBA colour, each channel 0–255. */
export type Rgba = readonly [number, number, number, number];

/** Paints one pixel: the colour at (x, y) of a `size`×`size` image. */
export type Painter = (x: number, y: number, size: number) => Rgba;

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typed = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typed) >>> 0);
  return Buffer.concat([length, typed, crc]);
}

/** A square RGBA PNG (8 bits per channel, no interlace), encoded with node:zlib alone. */
export function encodePng(size: number, paint: Painter): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.writeUInt8(8, 8); // bit depth
  header.writeUInt8(6, 9); // colour type: RGBA
  const rows = Buffer.alloc(size * (1 + size * 4));
  for (let y = 0; y < size; y++) {
    const row = y * (1 + size * 4);
    rows[row] = 0; // filter: none
    for (let x = 0; x < size; x++) rows.set(paint(x, y, size), row + 1 + x * 4);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** Width and height from a PNG's IHDR chunk. */
export function pngSize(png: Buffer): { width: number; height: number } {
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

const TEAL: Rgba = [0x1b, 0x31, 0x39, 255];
const ORANGE: Rgba = [0xff, 0x36, 0x21, 255];
const WHITE: Rgba = [255, 255, 255, 255];
const CLEAR: Rgba = [0, 0, 0, 0];

/** Three stacked slabs (a nod to data layers), in unit coordinates of the icon. */
function onSlab(u: number, v: number): boolean {
  return [0.28, 0.46, 0.64].some((top) => v >= top && v < top + 0.12 && Math.abs(u - 0.5) < 0.3 - (v - top));
}

/** The 192×192 colour icon: orange slabs on the accent colour. */
export function colorIcon(): Buffer {
  return encodePng(192, (x, y, size) => (onSlab(x / size, y / size) ? ORANGE : TEAL));
}

/** The 32×32 outline icon: white slabs on a transparent background, as Teams requires. */
export function outlineIcon(): Buffer {
  return encodePng(32, (x, y, size) => (onSlab((x + 0.5) / size, (y + 0.5) / size) ? WHITE : CLEAR));
}
