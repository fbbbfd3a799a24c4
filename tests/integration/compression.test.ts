import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createStaticHandler } from "#app/server/http/static.ts";
import { createDemoContext, type DemoContext, TEST_BASE_URL } from "../setup/test-db.ts";

/**
 * Compression through the real HTTP app and the demo data (decision 047): every text type by
 * Accept-Encoding, Vary on every compressible answer, the security headers unchanged, nothing
 * for tiny bodies, HEAD or clients that do not ask; precompressed static files as they are.
 */
let ctx: DemoContext;
beforeAll(async () => {
  ctx = await createDemoContext();
});
afterAll(() => ctx.close());

function get(pathAndQuery: string, acceptEncoding?: string, init: RequestInit = {}) {
  const headers = new Headers(init.headers);
  if (acceptEncoding !== undefined) headers.set("accept-encoding", acceptEncoding);
  return ctx.app.request(`${TEST_BASE_URL}${pathAndQuery}`, { ...init, headers });
}

function decode(coding: string | null, bytes: Buffer): string {
  if (coding === "br") return brotliDecompressSync(bytes).toString("utf8");
  if (coding === "gzip") return gunzipSync(bytes).toString("utf8");
  return bytes.toString("utf8");
}

async function bodyOf(res: Response) {
  return decode(res.headers.get("content-encoding"), Buffer.from(await res.arrayBuffer()));
}

describe("compressed responses", () => {
  const textTypes: [string, RegExp][] = [
    ["/api/public/offers?lang=de", /^application\/json/],
    ["/api/public/map", /^application\/geo\+json/],
    ["/de/offers.ics", /^text\/calendar/],
    ["/api/hsds/services?format=ndjson", /^application\/x-ndjson/],
    ["/api/v1/openapi.json", /^application\/json/],
  ];

  it.each(textTypes)("%s: brotli when accepted, same body as uncompressed", async (url, type) => {
    const plain = await get(url);
    expect(plain.status).toBe(200);
    expect(plain.headers.get("content-type")).toMatch(type);
    expect(plain.headers.get("content-encoding")).toBeNull();
    expect(plain.headers.get("vary")).toMatch(/accept-encoding/i);
    const plainText = await plain.text();
    expect(plainText.length).toBeGreaterThan(1024);

    const br = await get(url, "gzip, deflate, br, zstd");
    expect(br.headers.get("content-encoding")).toBe("br");
    expect(br.headers.get("content-length")).toBeNull();
    expect(br.headers.get("vary")).toMatch(/accept-encoding/i);
    const bytes = Buffer.from(await br.arrayBuffer());
    expect(bytes.length).toBeLessThan(Buffer.byteLength(plainText));
    expect(decode("br", bytes)).toBe(plainText);
  });

  it("answers gzip to a client without brotli, and honours q-values", async () => {
    const gz = await get("/api/public/offers?lang=de", "gzip");
    expect(gz.headers.get("content-encoding")).toBe("gzip");
    expect(JSON.parse(await bodyOf(gz))).toHaveProperty("items");
    const preferGzip = await get("/api/public/offers?lang=de", "br;q=0.5, gzip");
    expect(preferGzip.headers.get("content-encoding")).toBe("gzip");
    const refused = await get("/api/public/offers?lang=de", "br;q=0, gzip;q=0");
    expect(refused.headers.get("content-encoding")).toBeNull();
    expect(JSON.parse(await refused.text())).toHaveProperty("items");
  });

  it("streams NDJSON compressed: every line arrives intact", async () => {
    const plain = await (await get("/api/hsds/services?format=ndjson")).text();
    const res = await get("/api/hsds/services?format=ndjson", "br");
    expect(res.headers.get("content-encoding")).toBe("br");
    const lines = (await bodyOf(res)).trimEnd().split("\n");
    expect(lines.length).toBeGreaterThan(5);
    expect(lines.join("\n")).toBe(plain.trimEnd());
    for (const line of lines) expect(JSON.parse(line)).toHaveProperty("id");
  });

  it("keeps the security and caching headers of the response it compresses", async () => {
    const plain = await get("/api/public/offers?lang=de");
    const br = await get("/api/public/offers?lang=de", "br");
    for (const h of ["cache-control", "x-frame-options", "x-content-type-options", "content-type"]) {
      expect(br.headers.get(h), h).toBe(plain.headers.get(h));
    }
    // The policy is the same apart from its per-response nonce.
    const policy = (r: Response) =>
      r.headers.get("content-security-policy")?.replace(/'nonce-[^']+'/, "'nonce'");
    expect(policy(br)).toBe(policy(plain));
    expect(policy(br)).toContain("script-src 'self' 'nonce'");
    // The API's no-store survives on a compressed answer, too.
    const api = await get("/api/v1/openapi.json", "br");
    expect(api.headers.get("content-encoding")).toBe("br");
    expect(api.headers.get("cache-control")).toBe("no-store");
    expect(api.headers.get("content-security-policy")).toContain("default-src 'self'");
  });

  it("compresses error answers (problem+json) only when they are large enough", async () => {
    const res = await get("/api/public/nothing-here", "br");
    expect(res.status).toBe(404);
    expect(res.headers.get("content-type")).toMatch(/problem\+json/);
    expect(JSON.parse(await bodyOf(res))).toHaveProperty("status", 404);
  });

  it("leaves tiny bodies and HEAD requests uncompressed", async () => {
    const tiny = await get("/healthz", "br, gzip");
    expect(tiny.headers.get("content-encoding")).toBeNull();
    expect(await tiny.json()).toEqual({ status: "ok" });
    expect(tiny.headers.get("vary")).toMatch(/accept-encoding/i);
    const head = await get("/api/public/offers?lang=de", "br", { method: "HEAD" });
    expect(head.headers.get("content-encoding")).toBeNull();
  });
});

describe("static files", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lotse-static-"));
  const js = `export const words = ${JSON.stringify("Sprachkurs Beratung ".repeat(200))};\n`;
  fs.mkdirSync(path.join(dir, "assets"));
  fs.writeFileSync(path.join(dir, "assets/app-abc123.js"), js);
  // Written as the build writes them (scripts/build/precompress.ts), with markers to tell them apart.
  fs.writeFileSync(path.join(dir, "assets/app-abc123.js.br"), Buffer.from("precompressed-br"));
  fs.writeFileSync(path.join(dir, "assets/app-abc123.js.gz"), Buffer.from("precompressed-gz"));
  fs.writeFileSync(path.join(dir, "assets/plain-def456.css"), `.a{color:red}\n`.repeat(200));
  fs.writeFileSync(path.join(dir, "assets/icon.png"), Buffer.alloc(4096, 1));
  const serve = createStaticHandler(dir);
  const request = (p: string, enc?: string) =>
    serve(new Request(`${TEST_BASE_URL}${p}`, { headers: enc ? { "accept-encoding": enc } : {} }));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("serves the precompressed sibling the client accepts, with its length", async () => {
    const br = (await request("/assets/app-abc123.js", "gzip, br"))!;
    expect(br.headers.get("content-encoding")).toBe("br");
    expect(br.headers.get("content-length")).toBe(String("precompressed-br".length));
    expect(br.headers.get("vary")).toBe("Accept-Encoding");
    expect(br.headers.get("cache-control")).toContain("immutable");
    expect(await br.text()).toBe("precompressed-br");
    const gz = (await request("/assets/app-abc123.js", "gzip"))!;
    expect(gz.headers.get("content-encoding")).toBe("gzip");
    expect(await gz.text()).toBe("precompressed-gz");
    const plain = (await request("/assets/app-abc123.js"))!;
    expect(plain.headers.get("content-encoding")).toBeNull();
    expect(await plain.text()).toBe(js);
  });

  it("a text file without siblings is compressed on the fly by the app; images are left alone", async () => {
    const app = new (await import("hono")).Hono();
    const { compression } = await import("#app/server/http/compression.ts");
    app.use(compression());
    app.get("*", async (c) => (await serve(c.req.raw)) ?? c.notFound());
    const css = await app.request(`${TEST_BASE_URL}/assets/plain-def456.css`, {
      headers: { "accept-encoding": "br" },
    });
    expect(css.headers.get("content-encoding")).toBe("br");
    expect(await bodyOf(css)).toBe(`.a{color:red}\n`.repeat(200));
    const png = await app.request(`${TEST_BASE_URL}/assets/icon.png`, {
      headers: { "accept-encoding": "br" },
    });
    expect(png.headers.get("content-encoding")).toBeNull();
    expect(png.headers.get("vary")).toBeNull();
  });
});
