import fs from "node:fs";
import path from "node:path";
import { acceptedCodings, type ContentCoding, isCompressible, varyOnEncoding } from "./compression.ts";

const TYPES: Record<string, string> = {
  ".js": "text/javascript; charset=utf-8",
  // The MapLibre worker ships as an ES module file.
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".webmanifest": "application/manifest+json",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".woff2": "font/woff2",
  ".txt": "text/plain; charset=utf-8",
  ".map": "application/json",
};

const SUFFIX: Record<ContentCoding, string> = { br: ".br", gzip: ".gz" };

/** The precompressed sibling (`file.br`, `file.gz`, written at build time) the client accepts. */
async function precompressed(
  file: string,
  acceptEncoding: string | null,
): Promise<{ file: string; coding: ContentCoding; size: number } | null> {
  for (const coding of acceptedCodings(acceptEncoding)) {
    const candidate = file + SUFFIX[coding];
    const stat = await fs.promises.stat(candidate).catch(() => null);
    if (stat?.isFile()) return { file: candidate, coding, size: stat.size };
  }
  return null;
}

/**
 * Serves the client build. Hashed assets are immutable; everything else revalidates. Text files
 * go out precompressed when the build wrote a `.br`/`.gz` beside them (decision 047); otherwise
 * the compression middleware compresses them on the fly.
 */
export function createStaticHandler(root: string) {
  const base = path.resolve(root);
  return async (req: Request): Promise<Response | null> => {
    if (req.method !== "GET" && req.method !== "HEAD") return null;
    const { pathname } = new URL(req.url);
    if (pathname === "/" || pathname.endsWith("/")) return null;
    let rel: string;
    try {
      rel = decodeURIComponent(pathname);
    } catch {
      return null;
    }
    const file = path.resolve(base, `.${rel}`);
    if (!file.startsWith(base + path.sep)) return null;
    let stat: fs.Stats;
    try {
      stat = await fs.promises.stat(file);
    } catch {
      return null;
    }
    if (!stat.isFile()) return null;
    const type = TYPES[path.extname(file)] ?? "application/octet-stream";
    const immutable = pathname.startsWith("/assets/");
    const headers = new Headers({
      "content-type": type,
      "cache-control": immutable ? "public, max-age=31536000, immutable" : "public, max-age=300",
    });
    let source = file;
    let size = stat.size;
    if (isCompressible(type)) {
      varyOnEncoding(headers);
      const pre = await precompressed(file, req.headers.get("accept-encoding"));
      if (pre) {
        source = pre.file;
        size = pre.size;
        headers.set("content-encoding", pre.coding);
      }
    }
    headers.set("content-length", String(size));
    const body = req.method === "HEAD" ? null : await fs.promises.readFile(source);
    return new Response(body, { headers });
  };
}
