import fs from "node:fs";
import path from "node:path";
import { LANGUAGE_CODES, type Language } from "./languages.ts";
import type { Messages } from "./translator.ts";

/**
 * Catalogs live in locales/<lang>/<namespace>.json, one namespace per module, each a flat
 * object of ICU messages. Keys are "<namespace>.<key>" at run time.
 */
export function localesDir(): string {
  return path.resolve(process.cwd(), "locales");
}

export function readCatalog(lang: Language, dir = localesDir()): Messages {
  const langDir = path.join(dir, lang);
  const out: Messages = {};
  if (!fs.existsSync(langDir)) return out;
  for (const file of fs.readdirSync(langDir).sort()) {
    if (!file.endsWith(".json")) continue;
    const ns = file.slice(0, -5);
    const data = JSON.parse(fs.readFileSync(path.join(langDir, file), "utf8")) as Record<string, string>;
    for (const [k, v] of Object.entries(data)) out[`${ns}.${k}`] = v;
  }
  return out;
}

let loaded: Map<Language, Messages> | undefined;
/** All catalogs, read once per process. */
export function catalogs(): Map<Language, Messages> {
  if (!loaded) {
    loaded = new Map(LANGUAGE_CODES.map((l) => [l, readCatalog(l)]));
  }
  return loaded;
}
