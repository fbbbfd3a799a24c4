import fs from "node:fs";
import path from "node:path";

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

/** Serves the client build. Hashed assets are immutable; everything else revalidates. */
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
    const body = req.method === "HEAD" ? null : await fs.promises.readFile(file);
    return new Response(body, {
      headers: {
        "content-type": type,
        "content-length": String(stat.size),
        "cache-control": immutable ? "public, max-age=31536000, immutable" : "public, max-age=300",
      },
    });
  };
}
