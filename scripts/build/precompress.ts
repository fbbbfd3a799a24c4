// Vite plugin: writes `.br` and `.gz` beside every text file of the client build, once, at the
// strongest settings, so the server sends static assets compressed without compressing them per
// request (decision 047; src/server/http/static.ts serves them). Node's zlib, no dependency.
import fs from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import zlib from "node:zlib";
import type { Plugin } from "vite";

const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);
const TEXT = /\.(?:js|mjs|css|svg|json|webmanifest|txt|html)$/;
/** Smaller files gain nothing worth a second request path. */
const MIN_BYTES = 1024;

async function precompressFile(file: string): Promise<void> {
  const data = await fs.promises.readFile(file);
  if (data.length < MIN_BYTES) return;
  const [br, gz] = await Promise.all([
    brotli(data, {
      params: {
        [zlib.constants.BROTLI_PARAM_QUALITY]: zlib.constants.BROTLI_MAX_QUALITY,
        [zlib.constants.BROTLI_PARAM_SIZE_HINT]: data.length,
      },
    }),
    gzip(data, { level: zlib.constants.Z_BEST_COMPRESSION }),
  ]);
  // Only where it pays: the server falls back to the plain file.
  if (br.length < data.length) await fs.promises.writeFile(`${file}.br`, br);
  if (gz.length < data.length) await fs.promises.writeFile(`${file}.gz`, gz);
}

export function precompress(): Plugin {
  return {
    name: "lotse:precompress",
    apply: "build",
    async closeBundle() {
      if (this.environment?.name !== "client") return;
      const outDir = path.resolve(this.environment.config.root, this.environment.config.build.outDir);
      const files = fs
        .readdirSync(outDir, { recursive: true, withFileTypes: true })
        .filter((e) => e.isFile() && TEXT.test(e.name))
        .map((e) => path.join(e.parentPath, e.name));
      await Promise.all(files.map(precompressFile));
    },
  };
}
