// S3 Bucket Policy — MIT License.
/**
 * Draws the extension's Marketplace icon, docs/images/icon.png (128×128 RGBA): an orange bucket with a
 * white check mark on a dark rounded square, the colours of package.json's galleryBanner. Shapes are
 * sampled 4×4 per pixel for smooth edges and the PNG is written with node's zlib, so the file is the
 * same on every machine (test/unit/marketplace.test.ts regenerates it and compares).
 *
 *   node scripts/icon.mjs [--out FILE]
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import * as zlib from 'node:zlib';

const SIZE = 128;
const SAMPLES = 4;
const NAVY = [0x23, 0x2f, 0x3e];
const ORANGE = [0xff, 0x99, 0x00];
const RIM = [0xff, 0xc2, 0x66];
const INSIDE = [0xb3, 0x5f, 0x00];
const WHITE = [0xff, 0xff, 0xff];

/** Distance from (x, y) to the segment (ax, ay)–(bx, by). */
function segmentDistance(x, y, [ax, ay], [bx, by]) {
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(x - (ax + t * dx), y - (ay + t * dy));
}

const inEllipse = (x, y, cx, cy, rx, ry) => ((x - cx) / rx) ** 2 + ((y - cy) / ry) ** 2 <= 1;

function inRoundedSquare(x, y, radius) {
  const nearestX = Math.max(radius, Math.min(SIZE - radius, x));
  const nearestY = Math.max(radius, Math.min(SIZE - radius, y));
  return Math.hypot(x - nearestX, y - nearestY) <= radius;
}

/** The colour at a point, or undefined outside the icon (transparent). Later shapes paint over earlier ones. */
function colourAt(x, y) {
  if (!inRoundedSquare(x, y, 24)) {
    return undefined;
  }
  let colour = NAVY;
  // The bucket: a trapezoid narrowing downwards, rounded at the bottom, under an elliptic rim.
  const top = 34;
  const bottom = 104;
  const halfWidth = 38 - ((y - top) / (bottom - top)) * 12;
  if ((y >= top && y <= bottom && Math.abs(x - 64) <= halfWidth) || inEllipse(x, y, 64, bottom, 26, 6)) {
    colour = ORANGE;
  }
  if (inEllipse(x, y, 64, top, 38, 10)) {
    colour = inEllipse(x, y, 64, top, 33, 6.5) ? INSIDE : RIM;
  }
  // The check mark.
  const check = [[44, 70], [58, 84], [85, 55]];
  if (segmentDistance(x, y, check[0], check[1]) <= 5.5 || segmentDistance(x, y, check[1], check[2]) <= 5.5) {
    colour = WHITE;
  }
  return colour;
}

/** The icon's pixels, RGBA rows. */
export function drawIcon() {
  const pixels = Buffer.alloc(SIZE * SIZE * 4);
  for (let py = 0; py < SIZE; py++) {
    for (let px = 0; px < SIZE; px++) {
      const sum = [0, 0, 0, 0];
      for (let sy = 0; sy < SAMPLES; sy++) {
        for (let sx = 0; sx < SAMPLES; sx++) {
          const colour = colourAt(px + (sx + 0.5) / SAMPLES, py + (sy + 0.5) / SAMPLES);
          if (colour) {
            colour.forEach((value, channel) => (sum[channel] += value));
            sum[3] += 255;
          }
        }
      }
      const covered = sum[3] / 255;
      const offset = (py * SIZE + px) * 4;
      for (let channel = 0; channel < 3; channel++) {
        pixels[offset + channel] = covered === 0 ? 0 : Math.round(sum[channel] / covered);
      }
      pixels[offset + 3] = Math.round(sum[3] / (SAMPLES * SAMPLES));
    }
  }
  return pixels;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) {
    c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  }
  return c >>> 0;
});

function crc32(bytes) {
  let crc = 0xffffffff;
  for (const byte of bytes) {
    crc = CRC_TABLE[(crc ^ byte) & 0xff] ^ (crc >>> 8);
  }
  return (crc ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** A PNG file of RGBA pixels, `width` × `height`, 8 bits a channel, no filter. */
export function encodePng(pixels, width, height) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 6, 0, 0, 0], 8);
  const rows = Buffer.alloc(height * (width * 4 + 1));
  for (let y = 0; y < height; y++) {
    pixels.copy(rows, y * (width * 4 + 1) + 1, y * width * 4, (y + 1) * width * 4);
  }
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([signature, chunk('IHDR', header), chunk('IDAT', zlib.deflateSync(rows, { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
}

if (import.meta.filename === path.resolve(process.argv[1] ?? '')) {
  const { values } = parseArgs({ options: { out: { type: 'string', default: path.join(import.meta.dirname, '..', 'docs', 'images', 'icon.png') } } });
  fs.mkdirSync(path.dirname(path.resolve(values.out)), { recursive: true });
  fs.writeFileSync(values.out, encodePng(drawIcon(), SIZE, SIZE));
  console.log(`Wrote ${values.out} (${SIZE}×${SIZE})`);
}
