// Until the first release, the schema has a single generated migration: this rebuilds it from
// all schema files. After the first release, use `npm run db:generate` for incremental ones.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
const dir = path.join(root, "migrations");
fs.rmSync(dir, { recursive: true, force: true });
const r = spawnSync(
  process.execPath,
  [path.join(root, "node_modules/drizzle-kit/bin.cjs"), "generate", "--name", "init"],
  {
    cwd: root,
    stdio: "inherit",
  },
);
process.exit(r.status ?? 1);
