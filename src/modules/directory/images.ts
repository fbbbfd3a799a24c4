/**
 * Checks an uploaded image by its content, never by its name or declared type: the magic bytes
 * must say PNG, JPEG or WebP, and the header's dimensions (read with image-size: PNG IHDR,
 * JPEG SOFn, WebP VP8/VP8L/VP8X) must be sane. SVG (script-capable), PDF, GIF and everything
 * else is refused.
 */
import { imageSize } from "image-size";

/** Largest accepted upload: 2 MiB. */
export const MAX_IMAGE_BYTES = 2 * 1024 * 1024;
/** Largest accepted picture: 25 megapixels (decoding larger ones costs too much memory). */
export const MAX_IMAGE_PIXELS = 25_000_000;

export type ImageMimeType = "image/png" | "image/jpeg" | "image/webp";
export type ImageInspection =
  | { ok: true; mimeType: ImageMimeType; width: number; height: number }
  | { ok: false; code: "image_not_an_image" | "image_too_large" | "image_too_many_pixels" };

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

function startsWith(bytes: Uint8Array, sig: number[], at = 0): boolean {
  if (bytes.length < at + sig.length) return false;
  return sig.every((b, i) => bytes[at + i] === b);
}
const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));

/** The image type its first bytes announce, or null. */
export function sniffImageType(bytes: Uint8Array): ImageMimeType | null {
  if (startsWith(bytes, PNG_SIGNATURE)) return "image/png";
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return "image/jpeg";
  if (startsWith(bytes, ascii("RIFF")) && startsWith(bytes, ascii("WEBP"), 8)) return "image/webp";
  return null;
}

const SIZE_TYPE: Record<ImageMimeType, string> = {
  "image/png": "png",
  "image/jpeg": "jpg",
  "image/webp": "webp",
};

export function inspectImage(bytes: Uint8Array): ImageInspection {
  if (bytes.byteLength > MAX_IMAGE_BYTES) return { ok: false, code: "image_too_large" };
  const mimeType = sniffImageType(bytes);
  if (!mimeType) return { ok: false, code: "image_not_an_image" };
  let size: { width?: number; height?: number; type?: string };
  try {
    size = imageSize(bytes);
  } catch {
    // Truncated or corrupt header.
    return { ok: false, code: "image_not_an_image" };
  }
  const { width, height } = size;
  if (size.type !== SIZE_TYPE[mimeType] || !width || !height || width < 1 || height < 1)
    return { ok: false, code: "image_not_an_image" };
  if (width * height > MAX_IMAGE_PIXELS) return { ok: false, code: "image_too_many_pixels" };
  return { ok: true, mimeType, width, height };
}
