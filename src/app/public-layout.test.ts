import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const read = (f: string) => fs.readFileSync(path.join(import.meta.dirname, f), "utf8");

/**
 * A hydrating public page gets only the catalogue namespaces it declares, and the public layout's
 * are PUBLIC_LAYOUT_NAMESPACES. A layout string from any other namespace renders as its key in
 * the browser: a hydration mismatch (React #418) that re-renders the page and wipes input.
 */
describe("the public layout's strings", () => {
  it("come only from the namespaces every hydrating public page ships", () => {
    const declared = /PUBLIC_LAYOUT_NAMESPACES = \[([^\]]*)\]/.exec(read("root.tsx"))?.[1];
    expect(declared).toBeTruthy();
    const shipped = new Set([...declared!.matchAll(/"([a-z_]+)"/g)].map((m) => m[1]));
    const used = [...read("routes/public/layout.tsx").matchAll(/\bt\(\s*[`"]([a-z_]+)\./g)].map((m) => m[1]);
    expect(used.length).toBeGreaterThan(0);
    expect(used.filter((ns) => !shipped.has(ns))).toEqual([]);
  });
});
