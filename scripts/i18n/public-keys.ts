// Which keys of a staff namespace the public pages show (decision 117): the literal keys and
// template-literal prefixes ("network.kind_${…}") in `src/app/routes/public/*.tsx` and the
// components they import, followed through relative imports under `src/app/components/`.
import fs from "node:fs";
import path from "node:path";

const IMPORT = /from\s+"(\.{1,2}\/[^"]+)"/g;
const KEY = /["'`]([a-z][a-z0-9_]*)\.([a-z0-9_]+)(\$\{)?/g;

/** The German keys (`ns.key`) of `namespaces` that public pages use, sorted. */
export function publicPageKeys(root: string, namespaces: readonly string[], german: Record<string, string>) {
  const components = path.join(root, "src/app/components") + path.sep;
  const pagesDir = path.join(root, "src/app/routes/public");
  const seen = new Set<string>();
  const queue = fs
    .readdirSync(pagesDir)
    .filter((f) => f.endsWith(".tsx"))
    .map((f) => path.join(pagesDir, f));
  const literal = new Set<string>();
  const prefixes = new Set<string>();
  while (queue.length) {
    const file = queue.pop() as string;
    if (seen.has(file)) continue;
    seen.add(file);
    const text = fs.readFileSync(file, "utf8");
    for (const [, spec] of text.matchAll(IMPORT)) {
      const target = path.resolve(path.dirname(file), spec as string);
      if (target.startsWith(components) && fs.existsSync(target)) queue.push(target);
    }
    for (const [, ns, key, template] of text.matchAll(KEY)) {
      if (!namespaces.includes(ns as string)) continue;
      (template ? prefixes : literal).add(`${ns}.${key}`);
    }
  }
  return Object.keys(german)
    .filter((k) => literal.has(k) || [...prefixes].some((p) => k.startsWith(p)))
    .sort();
}
