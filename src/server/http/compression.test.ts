import zlib from "node:zlib";
import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import { acceptedCodings, compression } from "./compression.ts";

/**
 * The compression middleware on its own, where a test controls when a stream's next line is
 * written: a compressed NDJSON answer must hand each line to the reader before the next exists.
 */
function ndjsonApp(release: Promise<void>) {
  const app = new Hono();
  app.use(compression());
  app.get("/rows", () => {
    const enc = new TextEncoder();
    let step = 0;
    const body = new ReadableStream<Uint8Array>({
      async pull(controller) {
        step++;
        if (step === 1) controller.enqueue(enc.encode(`${JSON.stringify({ id: 1, name: "Sprachcafé" })}\n`));
        else {
          // The second row is written only after the reader has decoded the first.
          await release;
          controller.enqueue(enc.encode(`${JSON.stringify({ id: 2, name: "Beratung" })}\n`));
          controller.close();
        }
      },
    });
    return new Response(body, { headers: { "content-type": "application/x-ndjson; charset=utf-8" } });
  });
  return app;
}

/** Decodes a compressed stream incrementally and resolves each time a full line is out. */
function lineReader(coding: "br" | "gzip") {
  const z = coding === "br" ? zlib.createBrotliDecompress() : zlib.createGunzip();
  let text = "";
  const waiting: (() => void)[] = [];
  z.on("data", (d: Buffer) => {
    text += d.toString("utf8");
    for (const w of waiting.splice(0)) w();
  });
  return {
    /** Resolves once the decoder has taken the chunk in and put out what it could. */
    write: (chunk: Uint8Array) => new Promise<void>((r) => z.write(chunk, () => r())),
    end: () => z.end(),
    lines: () => text.split("\n").filter(Boolean),
    async untilLines(n: number) {
      while (text.split("\n").filter(Boolean).length < n) await new Promise<void>((r) => waiting.push(r));
    },
  };
}

describe("compression of record streams", () => {
  for (const coding of ["br", "gzip"] as const) {
    it(`${coding}: each NDJSON line reaches the reader before the next is written`, async () => {
      let release!: () => void;
      const released = new Promise<void>((r) => {
        release = r;
      });
      const res = await ndjsonApp(released).request("/rows", { headers: { "accept-encoding": coding } });
      expect(res.headers.get("content-encoding")).toBe(coding);
      const reader = res.body!.getReader();
      const decoded = lineReader(coding);
      // Without a flush per chunk, the first line would stay inside the compressor and this
      // loop would never see it (the producer waits for `release`).
      while (decoded.lines().length < 1) {
        const r = await reader.read();
        expect(r.done, "stream ended before the first line was readable").toBe(false);
        await decoded.write(r.value!);
      }
      expect(JSON.parse(decoded.lines()[0]!)).toEqual({ id: 1, name: "Sprachcafé" });
      release();
      for (let r = await reader.read(); !r.done; r = await reader.read()) await decoded.write(r.value);
      decoded.end();
      await decoded.untilLines(2);
      expect(decoded.lines().map((l) => JSON.parse(l).id)).toEqual([1, 2]);
    });
  }
});

describe("a reader that goes away", () => {
  it("does not take the process down when the client disconnects mid-body", async () => {
    const app = new Hono();
    app.use(compression());
    // Varied text, so the compressor keeps putting out data after the reader has gone.
    const text = Array.from({ length: 40_000 }, (_, i) => `Zeile ${i} ${(i * 7919) % 104729}`).join("\n");
    app.get("/big", (c) => c.text(text));
    const errors: unknown[] = [];
    const onError = (e: unknown) => errors.push(e);
    process.on("uncaughtException", onError);
    try {
      const res = await app.request("/big", { headers: { "accept-encoding": "br" } });
      expect(res.headers.get("content-encoding")).toBe("br");
      const reader = res.body!.getReader();
      expect((await reader.read()).done).toBe(false);
      // As the Node adapter does on a closed connection: cancel, without waiting for it.
      void reader.cancel();
      // Let zlib finish whatever it still had in hand.
      for (let i = 0; i < 20; i++) await new Promise((r) => setTimeout(r, 5));
      expect(errors).toEqual([]);
    } finally {
      process.off("uncaughtException", onError);
    }
  });
});

describe("Accept-Encoding", () => {
  it("prefers brotli at equal weight, follows q-values, and honours q=0 and *", () => {
    expect(acceptedCodings("gzip, deflate, br")).toEqual(["br", "gzip"]);
    expect(acceptedCodings("br;q=0.4, gzip;q=0.8")).toEqual(["gzip", "br"]);
    expect(acceptedCodings("br;q=0, gzip")).toEqual(["gzip"]);
    expect(acceptedCodings("*")).toEqual(["br", "gzip"]);
    expect(acceptedCodings("*;q=0, gzip")).toEqual(["gzip"]);
    expect(acceptedCodings("identity")).toEqual([]);
    expect(acceptedCodings(undefined)).toEqual([]);
  });
});
