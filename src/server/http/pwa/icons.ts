import { crc32, deflateSync } from "node:zlib";

/**
 * The app icons, drawn in code (no binary files to keep in sync): a white compass ring with a
 * needle on the accent colour. "any" icons have rounded corners; the maskable one is full
 * bleed with the drawing inside the safe zone (radius 40 %).
 */
const ACCENT = [0x0b, 0x5c, 0xad] as const;
const WHITE = [0xff, 0xff, 0xff] as const;

export const ICON_SVG = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 512 512"><rect width="512" height="512" rx="96" fill="#0b5cad"/><circle cx="256" cy="256" r="150" fill="none" stroke="#fff" stroke-width="32"/><path d="M256 136 300 256 256 376 212 256Z" fill="#fff"/></svg>`;

/** Coverage of the drawing at a point in unit coordinates (0..1), as white-over-accent. */
function white(x: number, y: number): boolean {
  const dx = x - 0.5;
  const dy = y - 0.5;
  const r = Math.hypot(dx, dy);
  if (r >= 0.2617 && r <= 0.3242) return true; // ring: radius 150/512, width 32/512
  // Needle: a diamond with half-width 44/512 and half-height 120/512.
  return Math.abs(dx) / (44 / 512) + Math.abs(dy) / (120 / 512) <= 1;
}

function insideRoundedSquare(x: number, y: number, radius: number): boolean {
  const cx = Math.min(Math.max(x, radius), 1 - radius);
  const cy = Math.min(Math.max(y, radius), 1 - radius);
  return Math.hypot(x - cx, y - cy) <= radius;
}

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(4);
  head.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "latin1"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([head, body, crc]);
}

/** An RGBA PNG of the icon, supersampled for smooth edges. */
export function iconPng(size: number, maskable: boolean): Buffer {
  const S = size > 256 ? 2 : 4;
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let py = 0; py < size; py++) {
    const row = py * (size * 4 + 1);
    raw[row] = 0; // filter: none
    for (let px = 0; px < size; px++) {
      let bg = 0;
      let fg = 0;
      for (let sy = 0; sy < S; sy++) {
        for (let sx = 0; sx < S; sx++) {
          const x = (px + (sx + 0.5) / S) / size;
          const y = (py + (sy + 0.5) / S) / size;
          if (!maskable && !insideRoundedSquare(x, y, 96 / 512)) continue;
          bg++;
          // The maskable icon keeps the drawing inside the central 80 %.
          const wx = maskable ? 0.5 + (x - 0.5) / 0.8 : x;
          const wy = maskable ? 0.5 + (y - 0.5) / 0.8 : y;
          if (white(wx, wy)) fg++;
        }
      }
      const o = row + 1 + px * 4;
      const alpha = bg / (S * S);
      const f = bg ? fg / bg : 0;
      for (let c = 0; c < 3; c++)
        raw[o + c] = Math.round((ACCENT[c] as number) * (1 - f) + (WHITE[c] as number) * f);
      raw[o + 3] = Math.round(alpha * 255);
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", ihdr),
    chunk("IDAT", deflateSync(raw, { level: 9 })),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}
