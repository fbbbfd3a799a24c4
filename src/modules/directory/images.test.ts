import { crc32, deflateSync } from "node:zlib";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { inspectImage, MAX_IMAGE_BYTES } from "./images.ts";

const u32 = (n: number) => [(n >>> 24) & 255, (n >>> 16) & 255, (n >>> 8) & 255, n & 255];
const bytesOf = (s: string) => [...Buffer.from(s, "latin1")];

/** A complete, decodable PNG (8-bit grey, all black) of the given size. */
function png(width: number, height: number, withPixels = true): Uint8Array {
  const chunk = (type: string, data: number[]) => {
    const body = Buffer.from([...bytesOf(type), ...data]);
    return [...u32(data.length), ...body, ...u32(crc32(body))];
  };
  const ihdr = chunk("IHDR", [...u32(width), ...u32(height), 8, 0, 0, 0, 0]);
  const raw = withPixels ? Buffer.alloc(height * (width + 1)) : Buffer.alloc(0);
  const idat = chunk("IDAT", [...deflateSync(raw)]);
  return new Uint8Array([
    0x89,
    0x50,
    0x4e,
    0x47,
    0x0d,
    0x0a,
    0x1a,
    0x0a,
    ...ihdr,
    ...idat,
    ...chunk("IEND", []),
  ]);
}

/** A baseline JPEG's header: SOI, JFIF APP0, SOF0 with the size, EOI. */
function jpeg(width: number, height: number): Uint8Array {
  const app0 = [0xff, 0xe0, 0x00, 0x10, ...bytesOf("JFIF"), 0, 1, 1, 0, 0, 1, 0, 1, 0, 0];
  const sof0 = [0xff, 0xc0, 0x00, 0x0b, 8, height >> 8, height & 255, width >> 8, width & 255, 1, 1, 0x11, 0];
  return new Uint8Array([0xff, 0xd8, ...app0, ...sof0, 0xff, 0xd9]);
}

function riff(chunkType: string, payload: number[]): Uint8Array {
  const le32 = (n: number) => [n & 255, (n >>> 8) & 255, (n >>> 16) & 255, (n >>> 24) & 255];
  const padded = payload.length % 2 ? [...payload, 0] : payload;
  const body = [...bytesOf("WEBP"), ...bytesOf(chunkType), ...le32(payload.length), ...padded];
  return new Uint8Array([...bytesOf("RIFF"), ...le32(body.length), ...body]);
}

/** Lossless WebP (VP8L) header. */
function webpLossless(width: number, height: number): Uint8Array {
  const bits = (width - 1) | ((height - 1) << 14); // 14 bits each, alpha and version 0
  return riff("VP8L", [
    0x2f,
    bits & 255,
    (bits >>> 8) & 255,
    (bits >>> 16) & 255,
    (bits >>> 24) & 255,
    0,
    0,
    0,
  ]);
}
/** Lossy WebP (VP8) key frame header. */
function webpLossy(width: number, height: number): Uint8Array {
  return riff("VP8 ", [
    0x30,
    0x01,
    0x00,
    0x9d,
    0x01,
    0x2a,
    width & 255,
    width >> 8,
    height & 255,
    height >> 8,
    0,
    0,
  ]);
}
/** Extended WebP (VP8X) with the canvas size. */
function webpExtended(width: number, height: number): Uint8Array {
  const w = width - 1;
  const h = height - 1;
  return riff("VP8X", [0, 0, 0, 0, w & 255, (w >> 8) & 255, w >> 16, h & 255, (h >> 8) & 255, h >> 16]);
}

describe("inspectImage", () => {
  it("accepts PNG, JPEG and the three WebP flavours with their dimensions", () => {
    expect(inspectImage(png(3, 2))).toEqual({ ok: true, mimeType: "image/png", width: 3, height: 2 });
    expect(inspectImage(jpeg(640, 480))).toEqual({
      ok: true,
      mimeType: "image/jpeg",
      width: 640,
      height: 480,
    });
    expect(inspectImage(webpLossless(17, 9))).toEqual({
      ok: true,
      mimeType: "image/webp",
      width: 17,
      height: 9,
    });
    expect(inspectImage(webpLossy(300, 200))).toEqual({
      ok: true,
      mimeType: "image/webp",
      width: 300,
      height: 200,
    });
    expect(inspectImage(webpExtended(1920, 1080))).toEqual({
      ok: true,
      mimeType: "image/webp",
      width: 1920,
      height: 1080,
    });
  });

  it("refuses files over 2 MiB", () => {
    const big = new Uint8Array(MAX_IMAGE_BYTES + 1);
    big.set(png(1, 1));
    expect(inspectImage(big)).toEqual({ ok: false, code: "image_too_large" });
    const exact = new Uint8Array(MAX_IMAGE_BYTES);
    exact.set(png(1, 1));
    expect(inspectImage(exact).ok).toBe(true);
  });

  it("refuses more than 25 megapixels (a decompression bomb)", () => {
    expect(inspectImage(png(6000, 5000, false))).toEqual({ ok: false, code: "image_too_many_pixels" });
    expect(inspectImage(jpeg(5000, 5000))).toEqual({
      ok: true,
      mimeType: "image/jpeg",
      width: 5000,
      height: 5000,
    });
    expect(inspectImage(jpeg(5001, 5000))).toEqual({ ok: false, code: "image_too_many_pixels" });
    expect(inspectImage(webpExtended(16_000, 16_000))).toEqual({ ok: false, code: "image_too_many_pixels" });
  });

  it("refuses SVG, a renamed PDF, GIF, HTML and truncated headers", () => {
    const svg =
      '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script></svg>';
    for (const text of [
      svg,
      `<?xml version="1.0"?>${svg}`,
      "%PDF-1.7\n%âãÏÓ\n1 0 obj",
      "GIF89a\x01\x00\x01\x00",
      "<html>",
    ])
      expect(inspectImage(new Uint8Array(Buffer.from(text, "latin1")))).toEqual({
        ok: false,
        code: "image_not_an_image",
      });
    expect(inspectImage(png(3, 2).slice(0, 12))).toEqual({ ok: false, code: "image_not_an_image" });
    expect(inspectImage(new Uint8Array([0xff, 0xd8, 0xff]))).toEqual({
      ok: false,
      code: "image_not_an_image",
    });
    expect(inspectImage(new Uint8Array(0))).toEqual({ ok: false, code: "image_not_an_image" });
    // A zero-sized picture.
    expect(inspectImage(jpeg(0, 10))).toEqual({ ok: false, code: "image_not_an_image" });
  });

  it("never throws and never accepts random bytes", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 256 }), (bytes) => {
        expect(inspectImage(bytes)).toEqual({ ok: false, code: "image_not_an_image" });
      }),
      { numRuns: 300 },
    );
  });
});
