// Public pages light by construction (issue 15 item 10, issue 22 item 2; decision 047): runs the
// real build (`npm run build` first) on PGlite with the demo data and reports, per public page in
// German and Arabic, the first-load JavaScript (every script and modulepreload the HTML
// references, gzipped, plus inline scripts) and the HTML as it travels (Accept-Encoding: br, gzip),
// against ≤ 100 KB JS and ≤ 50 KB HTML. A bare route of the same run is the baseline.
// Sizes only: nothing here is timed.
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import type { Bench, BenchRow } from "./types.ts";

const JS_LIMIT_KB = 100;
const HTML_LIMIT_KB = 50;
const kb = (n: number) =>
  (n / 1024).toLocaleString("en-US", { maximumFractionDigits: 1, minimumFractionDigits: 1 });

type Raw = { status: number; headers: http.IncomingHttpHeaders; body: Buffer };

/** GET without the automatic decompression of fetch(): the bytes as they cross the wire. */
function rawGet(url: string, acceptEncoding: string): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const req = http.get(
      url,
      { headers: { "accept-encoding": acceptEncoding, accept: "text/html" } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
        );
        res.on("error", reject);
      },
    );
    req.on("error", reject);
  });
}

/** Scripts and modulepreloads the HTML references, and the inline scripts. */
function scriptsOf(html: string): { files: string[]; inline: string[] } {
  const files = new Set<string>();
  for (const m of html.matchAll(/<script[^>]*\ssrc="([^"]+)"/g)) files.add(m[1]!);
  for (const m of html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+)"/g)) files.add(m[1]!);
  for (const m of html.matchAll(/<link[^>]*href="([^"]+)"[^>]*rel="modulepreload"/g)) files.add(m[1]!);
  const inline = [...html.matchAll(/<script(?![^>]*\ssrc=)[^>]*>([\s\S]*?)<\/script>/g)]
    .map((m) => m[1]!)
    .filter(Boolean);
  return { files: [...files], inline };
}

type PageFigures = { html: number; encoding: string; js: number; files: number };

async function measurePage(base: string, pagePath: string): Promise<PageFigures> {
  const page = await rawGet(`${base}${pagePath}`, "br, gzip");
  if (page.status !== 200) throw new Error(`${pagePath} answered ${page.status}`);
  const encoding = String(page.headers["content-encoding"] ?? "identity");
  const identity = await rawGet(`${base}${pagePath}`, "identity");
  const { files, inline } = scriptsOf(identity.body.toString("utf8"));
  let js = 0;
  for (const f of files) {
    const res = await rawGet(new URL(f, base).href, "identity");
    js += gzipSync(res.body).length;
  }
  for (const s of inline) js += gzipSync(s).length;
  return { html: page.body.length, encoding, js, files: files.length };
}

/** The first published offer of the demo data, for the offer page. */
async function someOfferId(base: string): Promise<string> {
  const res = await fetch(`${base}/api/public/offers?lang=de`);
  const body = (await res.json()) as { items?: { id: string }[] };
  const id = body.items?.[0]?.id;
  if (!id) throw new Error("the demo data has no published offer");
  return id;
}

const bench: Bench = {
  title: "public page weight",
  async run(log) {
    const buildDir = path.resolve(import.meta.dirname, "..", process.env.LOTSE_BUILD_DIR ?? "build");
    if (!fs.existsSync(path.join(buildDir, "server/index.js"))) {
      return [{ metric: "public pages", value: "n/a", note: `no build at ${buildDir} (run npm run build)` }];
    }
    const { startServerProcess } = await import("../tests/setup/server-process.ts");
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "lotse-bench-delivery-"));
    const server = await startServerProcess({ dataDir });
    const rows: BenchRow[] = [];
    try {
      const offerId = await someOfferId(server.baseUrl);
      const pages: [string, string][] = [
        ["baseline (offline page)", "offline"],
        ["offers list", "offers"],
        ["offer page", `offers/${offerId}`],
        ["map page", "offers/map"],
        ["office finder", "offices"],
        ["events", "events"],
      ];
      for (const lang of ["de", "ar"]) {
        for (const [label, rel] of pages) {
          const f = await measurePage(server.baseUrl, `/${lang}/${rel}`);
          const jsOk = f.js / 1024 <= JS_LIMIT_KB;
          const htmlOk = f.html / 1024 <= HTML_LIMIT_KB;
          log(
            `/${lang}/${rel}: HTML ${kb(f.html)} KB (${f.encoding}), JS ${kb(f.js)} KB gz in ${f.files} files`,
          );
          rows.push({
            metric: `${lang} ${label}: first-load JS (gz)`,
            value: `${kb(f.js)} KB`,
            note: `${f.files} files + inline; target ≤ ${JS_LIMIT_KB} KB — ${jsOk ? "met" : "missed"}`,
          });
          rows.push({
            metric: `${lang} ${label}: HTML (${f.encoding})`,
            value: `${kb(f.html)} KB`,
            note: `target ≤ ${HTML_LIMIT_KB} KB compressed — ${htmlOk && f.encoding !== "identity" ? "met" : "missed"}`,
          });
        }
      }
    } finally {
      await server.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
    return rows;
  },
};
export default bench;
