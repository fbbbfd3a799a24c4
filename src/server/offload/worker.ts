/**
 * The worker thread's entry (see ./pool.ts): imports a source module of the repository and
 * calls one of its exported pure functions. Runs as plain Node with type stripping, so it
 * loads source files (no bundler here), resolved against the repository root.
 */
import path from "node:path";
import { pathToFileURL } from "node:url";
import { workerData } from "node:worker_threads";

export type OffloadCall = { file: string; fn: string; args: unknown[] };

const root = (workerData as { root: string }).root;

export default async function run({ file, fn, args }: OffloadCall): Promise<unknown> {
  if (file === "") return null; // warm-up: the thread is up
  if (!/^src\/[\w/.-]+\.ts$/.test(file) || file.includes("..")) throw new Error(`offload: bad file ${file}`);
  const mod = (await import(pathToFileURL(path.join(root, file)).href)) as Record<string, unknown>;
  const f = mod[fn];
  if (typeof f !== "function") throw new Error(`offload: ${file} exports no function ${fn}`);
  return f(...args);
}
