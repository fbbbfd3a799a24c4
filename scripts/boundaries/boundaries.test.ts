import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";

// The boundary check (decision 025) on a planted tree: the real config and the real tool, run
// in a throwaway directory so the repository itself is never touched.
const root = path.resolve(import.meta.dirname, "../..");
const depcruise = path.join(root, "node_modules/.bin/depcruise");
const config = path.join(root, ".dependency-cruiser.mjs");
const dirs: string[] = [];

function cruise(files: Record<string, string>) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lotse-boundaries-"));
  dirs.push(dir);
  const all = { "package.json": '{ "type": "module" }\n', "tsconfig.json": "{}\n", ...files };
  for (const [name, text] of Object.entries(all)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  const r = spawnSync(depcruise, ["src", "--config", config, "--output-type", "err"], {
    cwd: dir,
    encoding: "utf8",
  });
  return { status: r.status, output: `${r.stdout}${r.stderr}` };
}

afterAll(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

// Each case starts the tool once (a few seconds under load).
describe("module boundaries", { timeout: 60_000 }, () => {
  it("pass when a module uses another through its service", () => {
    const r = cruise({
      "src/modules/beta/service.ts": "export const beta = 1;\n",
      "src/modules/alpha/service.ts":
        'import { beta } from "../beta/service.ts";\nexport const alpha = beta;\n',
    });
    expect(r.output).not.toMatch(/error/);
    expect(r.status).toBe(0);
  });

  it("fail on a planted import of another module's schema.ts, naming the rule", () => {
    const r = cruise({
      "src/modules/beta/schema.ts": "export const betaTable = 1;\n",
      "src/modules/alpha/service.ts":
        'import { betaTable } from "../beta/schema.ts";\nexport const alpha = betaTable;\n',
    });
    expect(r.status).not.toBe(0);
    expect(r.output).toContain("module-internals");
    expect(r.output).toContain("src/modules/alpha/service.ts → src/modules/beta/schema.ts");
  });

  it("fail when a page imports a schema.ts, and on a circle", () => {
    const r = cruise({
      "src/modules/beta/schema.ts": "export const betaTable = 1;\n",
      "src/app/routes/page.tsx":
        'import { betaTable } from "../../modules/beta/schema.ts";\nexport const p = betaTable;\n',
      "src/modules/gamma/a.ts": 'import { b } from "./b.ts";\nexport const a = () => b;\n',
      "src/modules/gamma/b.ts": 'import { a } from "./a.ts";\nexport const b = () => a;\n',
    });
    expect(r.status).not.toBe(0);
    expect(r.output).toContain("no-schema-in-app");
    expect(r.output).toContain("no-circular");
  });
});
