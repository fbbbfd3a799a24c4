import fs from "node:fs";
import path from "node:path";
import {
  PUBLIC_LANGUAGE_CODES,
  type PublicLanguage,
  SIMPLE_GERMAN,
  SIMPLE_NAMESPACES,
  SIMPLE_PAGE_NAMESPACES,
} from "./languages.ts";
import type { Messages } from "./translator.ts";

/**
 * Catalogs live in locales/<lang>/<namespace>.json, one namespace per module, each a flat
 * object of ICU messages. Keys are "<namespace>.<key>" at run time.
 */
export function localesDir(): string {
  return path.resolve(process.cwd(), "locales");
}

const SIMPLE_FILES: readonly string[] = [...SIMPLE_NAMESPACES, ...SIMPLE_PAGE_NAMESPACES];

export function readCatalog(lang: PublicLanguage, dir = localesDir()): Messages {
  const langDir = path.join(dir, lang);
  const out: Messages = {};
  if (!fs.existsSync(langDir)) return out;
  for (const file of fs.readdirSync(langDir).sort()) {
    if (!file.endsWith(".json")) continue;
    const ns = file.slice(0, -5);
    // Easy German has the public namespaces (and the public pages' keys of shared ones) only;
    // everything else is German by design.
    if (lang === SIMPLE_GERMAN && !SIMPLE_FILES.includes(ns)) continue;
    const data = JSON.parse(fs.readFileSync(path.join(langDir, file), "utf8")) as Record<string, string>;
    for (const [k, v] of Object.entries(data)) out[`${ns}.${k}`] = v;
  }
  return out;
}

let loaded: Map<PublicLanguage, Messages> | undefined;
/**
 * All catalogs, read once per process. Easy German's holds only its public namespaces: its
 * translator falls back to German for the rest, like any missing key.
 */
export function catalogs(): Map<PublicLanguage, Messages> {
  if (!loaded) {
    loaded = new Map(PUBLIC_LANGUAGE_CODES.map((l) => [l, readCatalog(l)]));
  }
  return loaded;
}
