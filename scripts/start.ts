// `npm start`: builds when the build is missing or older than the sources, then runs the server bundle.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
const serverBundle = path.join(root, "build/server/index.js");

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const m = fs.statSync(path.join(entry.parentPath, entry.name)).mtimeMs;
    if (m > newest) newest = m;
  }
  return newest;
}

const stale =
  !fs.existsSync(serverBundle) ||
  fs.statSync(serverBundle).mtimeMs <
    Math.max(newestMtime(path.join(root, "src")), newestMtime(path.join(root, "locales")));
if (stale) {
  console.log("Building Lotse (first start or changed sources)…");
  execFileSync(process.execPath, [path.join(root, "node_modules/@react-router/dev/bin.cjs"), "build"], {
    cwd: root,
    stdio: "inherit",
  });
}
process.chdir(root);
const { main } = (await import(serverBundle)) as { main: (clientDir: string) => Promise<unknown> };
await main(path.join(root, "build/client"));
