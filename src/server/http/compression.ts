import zlib from "node:zlib";
import type { MiddlewareHandler } from "hono";
import { COMPRESSIBLE_CONTENT_TYPE_REGEX } from "hono/utils/compress";
import type { AppEnv } from "./env.ts";

/**
 * Compression of every text response (decision 047): brotli or gzip by Accept-Encoding, from
 * Node's zlib. Hono's own `compress` middleware knows only gzip and deflate and cannot flush a
 * stream chunk by chunk, which NDJSON needs to stay a stream.
 */

/** Below this a compressed body plus its framing is hardly smaller (same bound as Hono's). */
export const COMPRESSION_THRESHOLD = 1024;
export type ContentCoding = "br" | "gzip";

/** Hono's list of compressible types, plus the newline-delimited JSON of the HSDS export. */
export function isCompressible(contentType: string | null): boolean {
  if (!contentType) return false;
  return (
    COMPRESSIBLE_CONTENT_TYPE_REGEX.test(contentType) || /^\s*application\/(x-)?ndjson\b/i.test(contentType)
  );
}

/** Record streams: every chunk is flushed so a reader sees each row as soon as it is written. */
function isRecordStream(contentType: string): boolean {
  return /^\s*application\/(x-)?ndjson\b/i.test(contentType);
}

/** The codings the client accepts (q > 0), best first: brotli before gzip at equal weight. */
export function acceptedCodings(header: string | null | undefined): ContentCoding[] {
  if (!header) return [];
  const q = new Map<string, number>();
  for (const part of header.split(",")) {
    const [name, ...params] = part.trim().toLowerCase().split(";");
    if (!name) continue;
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
    const value = qParam ? Number(qParam.slice(2)) : 1;
    q.set(name, Number.isFinite(value) ? value : 0);
  }
  const weight = (coding: string) => q.get(coding) ?? q.get("*") ?? 0;
  return (["br", "gzip"] as const).filter((c) => weight(c) > 0).sort((a, b) => weight(b) - weight(a));
}

/** The preferred coding the client accepts; null for identity. */
export function negotiateEncoding(header: string | null | undefined): ContentCoding | null {
  return acceptedCodings(header)[0] ?? null;
}

/** Appends Accept-Encoding to Vary unless it is there already. */
export function varyOnEncoding(headers: Headers): void {
  const current = headers.get("vary");
  if (current === "*" || (current && /(?:^|,)\s*accept-encoding\s*(?:,|$)/i.test(current))) return;
  headers.set("vary", current ? `${current}, Accept-Encoding` : "Accept-Encoding");
}

function encoder(coding: ContentCoding, sizeHint: number | undefined): zlib.BrotliCompress | zlib.Gzip {
  if (coding === "gzip") return zlib.createGzip({ level: 6 });
  // Quality 5 is the usual on-the-fly setting: most of brotli's gain at a fraction of its cost.
  const params: Record<number, number> = { [zlib.constants.BROTLI_PARAM_QUALITY]: 5 };
  if (sizeHint) params[zlib.constants.BROTLI_PARAM_SIZE_HINT] = sizeHint;
  return zlib.createBrotliCompress({ params });
}

/** A web TransformStream over a zlib stream; with `flushEach`, every input chunk is flushed out. */
export function compressionStream(
  coding: ContentCoding,
  opts: { flushEach?: boolean; sizeHint?: number } = {},
): TransformStream<Uint8Array, Uint8Array> {
  const z = encoder(coding, opts.sizeHint);
  const flushKind = coding === "br" ? zlib.constants.BROTLI_OPERATION_FLUSH : zlib.constants.Z_SYNC_FLUSH;
  // Once the reader has gone (a client that disconnects cancels the stream), zlib may still put
  // out data: it is dropped, never enqueued into a closed stream (that would throw in an event
  // handler and take the process down).
  let open = true;
  // The transform waiting for zlib's callback, released when the stream stops early.
  let pending: (() => void) | null = null;
  const stop = () => {
    open = false;
    z.destroy();
    pending?.();
    pending = null;
  };
  // `cancel` (the reader went away) is in the Streams standard and Node, not yet in TS's DOM types.
  const transformer: Transformer<Uint8Array, Uint8Array> & { cancel(): void } = {
    cancel() {
      stop();
    },
    start(controller) {
      z.on("data", (chunk: Buffer) => {
        if (!open) return;
        try {
          controller.enqueue(new Uint8Array(chunk));
        } catch {
          stop();
        }
      });
      z.on("error", (err) => {
        if (!open) return;
        stop();
        controller.error(err);
      });
    },
    transform(chunk) {
      if (!open) return;
      return new Promise<void>((resolve, reject) => {
        pending = resolve;
        z.write(chunk, (err) => {
          if (!open) return resolve();
          if (err) reject(err);
          else if (opts.flushEach) z.flush(flushKind, () => resolve());
          else resolve();
        });
      });
    },
    flush() {
      if (!open) return;
      return new Promise<void>((resolve, reject) => {
        z.once("end", resolve);
        z.once("error", reject);
        z.end();
      });
    },
  };
  return new TransformStream<Uint8Array, Uint8Array>(transformer);
}

/**
 * Reads the first chunk (and a second when the first is short) of a body whose length is not
 * declared: a body that ends below the threshold goes out as it is, with its length. A stream
 * waits no longer than for its first one or two chunks.
 */
async function peek(
  body: ReadableStream<Uint8Array>,
): Promise<{ small: Uint8Array | null; rest: ReadableStream<Uint8Array> }> {
  const reader = body.getReader();
  const head: Uint8Array[] = [];
  let size = 0;
  let done = false;
  while (!done && size < COMPRESSION_THRESHOLD && head.length < 2) {
    const r = await reader.read();
    if (r.done) done = true;
    else {
      head.push(r.value);
      size += r.value.byteLength;
    }
  }
  if (done && size < COMPRESSION_THRESHOLD) return { small: Buffer.concat(head), rest: body };
  const rest = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const chunk of head) controller.enqueue(chunk);
      if (done) controller.close();
    },
    async pull(controller) {
      const r = await reader.read();
      if (r.done) controller.close();
      else controller.enqueue(r.value);
    },
    cancel(reason) {
      return reader.cancel(reason);
    },
  });
  return { small: null, rest };
}

/**
 * Compresses the final response (register it first, so it sees what every other middleware and
 * the error handler produced). Leaves alone: HEAD, partial and bodiless answers, bodies that are
 * already encoded (precompressed static files), non-text types, `no-transform`, and bodies
 * shorter than the threshold. Headers (CSP, Cache-Control) pass through unchanged.
 */
export function compression(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    await next();
    const res = c.res;
    const type = res.headers.get("content-type");
    if (!isCompressible(type) || res.headers.has("content-encoding")) return;
    if (
      c.req.method === "HEAD" ||
      !res.body ||
      res.status === 204 ||
      res.status === 206 ||
      res.status === 304
    )
      return;
    varyOnEncoding(res.headers);
    if (/(?:^|,)\s*no-transform\s*(?:,|$)/i.test(res.headers.get("cache-control") ?? "")) return;
    const length = res.headers.get("content-length");
    if (length !== null && Number(length) < COMPRESSION_THRESHOLD) return;
    const coding = negotiateEncoding(c.req.header("accept-encoding"));
    if (!coding) return;
    const records = isRecordStream(type ?? "");
    // A record stream is never held back to learn its size.
    const { small, rest } =
      length === null && !records ? await peek(res.body) : { small: null, rest: res.body };
    if (small) {
      c.res = new Response(new Uint8Array(small), res);
      c.res.headers.set("content-length", String(small.byteLength));
      return;
    }
    const stream = compressionStream(coding, {
      flushEach: records,
      sizeHint: length ? Number(length) : undefined,
    });
    c.res = new Response(rest.pipeThrough(stream), res);
    // Hono's `c.res` setter carries the old headers over; the old length no longer holds.
    c.res.headers.delete("content-length");
    c.res.headers.set("content-encoding", coding);
    const etag = c.res.headers.get("etag");
    if (etag && !etag.startsWith("W/")) c.res.headers.set("etag", `W/${etag}`);
  };
}
