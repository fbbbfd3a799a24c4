// Fails when the Drizzle schema has changes that no committed migration contains.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "lotse-mig-"));
fs.cpSync(path.join(root, "migrations"), tmp, { recursive: true });
const config = path.join(tmp, "drizzle.config.ts");
fs.writeFileSync(
  config,
  `export default { dialect: "postgresql", schema: ["${root}/src/modules/*/schema.ts", "${root}/src/server/*/schema.ts"], out: "${tmp}" };\n`,
);
const r = spawnSync(
  process.execPath,
  [path.join(root, "node_modules/drizzle-kit/bin.cjs"), "generate", "--config", config],
  {
    cwd: root,
    encoding: "utf8",
  },
);
const before = fs.readdirSync(path.join(root, "migrations")).filter((f) => f.endsWith(".sql")).length;
const after = fs.readdirSync(tmp).filter((f) => f.endsWith(".sql")).length;
fs.rmSync(tmp, { recursive: true, force: true });
if (r.status !== 0) {
  console.error(r.stdout, r.stderr);
  process.exit(1);
}
if (after !== before) {
  console.error("The schema changed without a migration. Run `npm run db:generate` and commit the result.");
  process.exit(1);
}
console.log("migrations: up to date with the schema");
