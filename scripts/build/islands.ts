// Vite plugin: small client entries for public pages that do not hydrate ("islands", decision
// 084). React Router's client build gets them as extra inputs; the server build reads their
// hashed file names from the client manifest through `virtual:lotse-islands`.
import fs from "node:fs";
import path from "node:path";
import type { Plugin } from "vite";

/** Island name → its entry module. */
const ISLANDS = { offersMap: "src/app/islands/offers-map.ts" } as const;
const VIRTUAL = "virtual:lotse-islands";
const RESOLVED = `\0${VIRTUAL}`;

export function islands(): Plugin {
  let root = process.cwd();
  return {
    name: "lotse-islands",
    configResolved(config) {
      root = config.root;
    },
    configEnvironment(name, options) {
      if (name !== "client") return;
      const input = options.build?.rollupOptions?.input;
      // Typegen and React Router's child compiler resolve configs without inputs; the server
      // build below fails loudly if the client build lacked an island.
      if (!Array.isArray(input)) return;
      for (const entry of Object.values(ISLANDS)) input.push(path.resolve(root, entry));
    },
    resolveId(id) {
      return id === VIRTUAL ? RESOLVED : undefined;
    },
    load(id) {
      if (id !== RESOLVED) return undefined;
      // Only the server renders the script tags; the client build never needs the names.
      if (this.environment.name === "client") return "export const islands = {};";
      const manifestFile = path.resolve(root, "build/client/.vite/manifest.json");
      const manifest = JSON.parse(fs.readFileSync(manifestFile, "utf8")) as Record<string, { file: string }>;
      const urls: Record<string, string> = {};
      for (const [name, entry] of Object.entries(ISLANDS)) {
        const chunk = manifest[entry];
        if (!chunk) throw new Error(`islands: ${entry} is not in the client build`);
        urls[name] = `/${chunk.file}`;
      }
      return `export const islands = ${JSON.stringify(urls)};`;
    },
  };
}
