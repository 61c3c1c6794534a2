// Writes the app icons into public/icons/ (PNG, Node built-ins only): the favicon's phone glyph in
// white on the brand colour. Run after changing the glyph or colours: `node scripts/make-icons.mjs`.
//   icon-192.png, icon-512.png        rounded square ("any")
//   icon-maskable-512.png             full-bleed square, glyph inside the 80 % safe zone ("maskable")
//   apple-touch-icon.png (180)        full-bleed square (iOS rounds the corners itself)
import { mkdirSync, writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const BRAND = [0x1f, 0x4f, 0x8f];
const WHITE = [0xff, 0xff, 0xff];
/** public/favicon.svg's handset, in its 64×64 view box */
const GLYPH =
  'M22 14c2 0 3 1 4 3l3 7c1 2 0 4-1 5l-3 3c2 5 6 9 11 11l3-3c1-1 3-2 5-1l7 3c2 1 3 2 3 4v6c0 3-2 5-5 5' +
  'C30 57 7 34 7 14c0-3 2-5 5-5z';
/** sub-samples per pixel side: 4×4 gives smooth edges */
const SS = 4;

/** The path as one closed polygon (M, C/c, L/l, H/h, V/v, Z; curves flattened). */
function flatten(d) {
  const tokens = d.match(/[a-zA-Z]|-?\d*\.?\d+/g) ?? [];
  const points = [];
  let x = 0;
  let y = 0;
  let cmd = '';
  const num = () => Number(tokens.shift());
  while (tokens.length) {
    if (/[a-zA-Z]/.test(tokens[0])) cmd = tokens.shift();
    const rel = cmd === cmd.toLowerCase();
    const [ox, oy] = rel ? [x, y] : [0, 0];
    switch (cmd.toLowerCase()) {
      case 'm':
      case 'l':
        [x, y] = [ox + num(), oy + num()];
        points.push([x, y]);
        break;
      case 'h':
        x = ox + num();
        points.push([x, y]);
        break;
      case 'v':
        y = oy + num();
        points.push([x, y]);
        break;
      case 'c': {
        const [x1, y1, x2, y2, x3, y3] = [
          ox + num(),
          oy + num(),
          ox + num(),
          oy + num(),
          ox + num(),
          oy + num(),
        ];
        for (let i = 1; i <= 16; i++) {
          const t = i / 16;
          const u = 1 - t;
          points.push([
            u * u * u * x + 3 * u * u * t * x1 + 3 * u * t * t * x2 + t * t * t * x3,
            u * u * u * y + 3 * u * u * t * y1 + 3 * u * t * t * y2 + t * t * t * y3,
          ]);
        }
        [x, y] = [x3, y3];
        break;
      }
      case 'z':
        break;
      default:
        throw new Error(`unsupported path command ${cmd}`);
    }
  }
  return points;
}

/** Coverage (0..1) of a polygon per pixel, by non-zero scanlines over sub-sample rows. */
function rasterize(polygon, size) {
  const cover = new Float32Array(size * size);
  const n = size * SS;
  for (let row = 0; row < n; row++) {
    const y = (row + 0.5) / SS;
    const hits = [];
    for (let i = 0; i < polygon.length; i++) {
      const [x0, y0] = polygon[i];
      const [x1, y1] = polygon[(i + 1) % polygon.length];
      if (y0 <= y === y1 <= y) continue;
      hits.push({ x: x0 + ((y - y0) / (y1 - y0)) * (x1 - x0), dir: y1 > y0 ? 1 : -1 });
    }
    hits.sort((a, b) => a.x - b.x);
    let winding = 0;
    for (let i = 0; i < hits.length - 1; i++) {
      winding += hits[i].dir;
      if (winding === 0) continue;
      const from = Math.max(0, Math.round(hits[i].x * SS));
      const to = Math.min(n, Math.round(hits[i + 1].x * SS));
      const py = Math.floor(row / SS);
      for (let sx = from; sx < to; sx++) cover[py * size + Math.floor(sx / SS)] += 1 / (SS * SS);
    }
  }
  return cover;
}

/** A rounded rectangle covering the whole icon (radius 0: a plain square). */
function roundedSquare(size, radius) {
  if (radius === 0)
    return [
      [0, 0],
      [size, 0],
      [size, size],
      [0, size],
    ];
  const points = [];
  const corners = [
    [size - radius, radius, -Math.PI / 2],
    [size - radius, size - radius, 0],
    [radius, size - radius, Math.PI / 2],
    [radius, radius, Math.PI],
  ];
  for (const [cx, cy, start] of corners)
    for (let i = 0; i <= 12; i++) {
      const a = start + (i / 12) * (Math.PI / 2);
      points.push([cx + radius * Math.cos(a), cy + radius * Math.sin(a)]);
    }
  return points;
}

/** The icon's RGBA pixels: background shape in brand colour, glyph scaled to `glyphShare` of the side. */
function drawIcon(size, { radius, glyphShare }) {
  const scale = (size * glyphShare) / 50; // the glyph spans about 50 units of its 64-unit box
  const offset = size / 2 - 32 * scale;
  const glyph = flatten(GLYPH).map(([x, y]) => [offset + x * scale, offset + y * scale]);
  const bg = rasterize(roundedSquare(size, radius), size);
  const fg = rasterize(glyph, size);
  const rgba = Buffer.alloc(size * size * 4);
  for (let i = 0; i < size * size; i++) {
    const f = Math.min(1, fg[i]);
    for (let c = 0; c < 3; c++) rgba[i * 4 + c] = Math.round(BRAND[c] * (1 - f) + WHITE[c] * f);
    rgba[i * 4 + 3] = Math.round(Math.min(1, bg[i]) * 255);
  }
  return rgba;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}
/** An 8-bit RGBA PNG, every row with filter type 0. */
function png(size, rgba) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr.set([8, 6, 0, 0, 0], 8);
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) rgba.copy(raw, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([
    signature,
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const out = new URL('../public/icons/', import.meta.url);
mkdirSync(out, { recursive: true });
const icons = [
  ['icon-192.png', 192, { radius: 192 * 0.22, glyphShare: 0.62 }],
  ['icon-512.png', 512, { radius: 512 * 0.22, glyphShare: 0.62 }],
  // maskable: the launcher may crop to a circle of 80 % of the side, so the glyph stays within ~50 %
  ['icon-maskable-512.png', 512, { radius: 0, glyphShare: 0.5 }],
  ['apple-touch-icon.png', 180, { radius: 0, glyphShare: 0.6 }],
];
for (const [name, size, opts] of icons) {
  writeFileSync(new URL(name, out), png(size, drawIcon(size, opts)));
  console.log(`public/icons/${name} (${size}×${size})`);
}
