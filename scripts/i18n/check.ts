// Fails when a UI string is missing from a catalog, when a translation's ICU syntax is broken or
// uses other placeholders than the German source, or when code names a key that does not exist.
// Easy German (de-simple, decisions 094 and 117) is checked for its public namespaces and, of
// namespaces shared with staff pages, the keys public pages show (scripts/i18n/public-keys.ts): complete
// there, absent everywhere else (those keys fall back to German by design).
import fs from "node:fs";
import path from "node:path";
import { type MessageFormatElement, parse, TYPE } from "@formatjs/icu-messageformat-parser";
import { readCatalog } from "../../src/i18n/catalogs.server.ts";
import {
  LANGUAGE_CODES,
  SIMPLE_GERMAN,
  SIMPLE_NAMESPACES,
  SIMPLE_PAGE_NAMESPACES,
  SOURCE_LANGUAGE,
} from "../../src/i18n/languages.ts";
import { ERROR_STATUS } from "../../src/server/errors.ts";
import { publicPageKeys } from "./public-keys.ts";

const root = path.resolve(import.meta.dirname, "../..");
const localesDir = path.join(root, "locales");
const problems: string[] = [];

function argsOf(elements: MessageFormatElement[], out = new Set<string>()): Set<string> {
  for (const el of elements) {
    if (
      el.type === TYPE.argument ||
      el.type === TYPE.number ||
      el.type === TYPE.date ||
      el.type === TYPE.time
    )
      out.add(el.value);
    if (el.type === TYPE.plural || el.type === TYPE.select) {
      out.add(el.value);
      for (const opt of Object.values(el.options)) argsOf(opt.value, out);
    }
    if (el.type === TYPE.tag) argsOf(el.children, out);
  }
  return out;
}

const source = readCatalog(SOURCE_LANGUAGE, localesDir);
const sourceArgs = new Map<string, Set<string>>();
for (const [key, msg] of Object.entries(source)) {
  try {
    sourceArgs.set(key, argsOf(parse(msg)));
  } catch (e) {
    problems.push(`${SOURCE_LANGUAGE}: ${key}: ICU syntax error: ${(e as Error).message}`);
  }
}

// The keys of shared namespaces that public pages show: easy German has these (decision 117).
const simplePageKeys = new Set(publicPageKeys(root, SIMPLE_PAGE_NAMESPACES, source));

/**
 * The German keys a language must translate: all of them, or easy German's public namespaces
 * and the public pages' keys of the shared ones.
 */
function expectedKeys(lang: string): string[] {
  if (lang !== SIMPLE_GERMAN) return Object.keys(source);
  const prefixes = SIMPLE_NAMESPACES.map((ns) => `${ns}.`);
  return Object.keys(source).filter((k) => prefixes.some((p) => k.startsWith(p)) || simplePageKeys.has(k));
}

// Easy German: only the public namespaces may have a file; their keys fall back to nothing.
const simpleDir = path.join(localesDir, SIMPLE_GERMAN);
const simpleFiles = fs.existsSync(simpleDir)
  ? fs.readdirSync(simpleDir).filter((f) => f.endsWith(".json"))
  : [];
const simpleAllowed: readonly string[] = [...SIMPLE_NAMESPACES, ...SIMPLE_PAGE_NAMESPACES];
for (const file of simpleFiles) {
  if (!simpleAllowed.includes(file.slice(0, -5)))
    problems.push(
      `${SIMPLE_GERMAN}: ${file} is not a public namespace (SIMPLE_NAMESPACES in src/i18n/languages.ts); its keys come from German`,
    );
}
for (const ns of simpleAllowed) {
  if (!simpleFiles.includes(`${ns}.json`))
    problems.push(`${SIMPLE_GERMAN}: missing ${ns}.json (a public namespace)`);
}

for (const lang of [...LANGUAGE_CODES, SIMPLE_GERMAN] as const) {
  if (lang === SOURCE_LANGUAGE) continue;
  const cat = readCatalog(lang, localesDir);
  for (const key of expectedKeys(lang)) {
    const msg = cat[key];
    if (msg === undefined || msg.trim() === "") {
      problems.push(
        lang === SIMPLE_GERMAN
          ? `${lang}: missing ${key} (shown on a public page: write it in easy German, decisions 094 and 117)`
          : `${lang}: missing ${key}`,
      );
      continue;
    }
    try {
      const args = argsOf(parse(msg));
      const expected = sourceArgs.get(key) ?? new Set();
      for (const a of expected)
        if (!args.has(a)) problems.push(`${lang}: ${key}: placeholder {${a}} missing`);
      for (const a of args)
        if (!expected.has(a)) problems.push(`${lang}: ${key}: unknown placeholder {${a}}`);
    } catch (e) {
      problems.push(`${lang}: ${key}: ICU syntax error: ${(e as Error).message}`);
    }
  }
  for (const key of Object.keys(cat))
    if (!(key in source)) problems.push(`${lang}: ${key} is not in the German source`);
    else if (
      lang === SIMPLE_GERMAN &&
      (SIMPLE_PAGE_NAMESPACES as readonly string[]).includes(key.split(".")[0] as string) &&
      !simplePageKeys.has(key)
    )
      problems.push(
        `${lang}: ${key} is on no public page (its namespace is shared: only those keys, decision 117)`,
      );
}

// Every error code has its message.
for (const code of Object.keys(ERROR_STATUS)) {
  if (!(`errors.${code}` in source))
    problems.push(`${SOURCE_LANGUAGE}: missing errors.${code} (an AppError code)`);
}

// Every literal key in the code exists: t("ns.key"), and properties named label/labelKey/…Key: "ns.key".
const namespaces = new Set(
  fs.readdirSync(path.join(localesDir, SOURCE_LANGUAGE)).map((f) => f.replace(/\.json$/, "")),
);
const keyLiteral =
  /(?:\bt\(\s*|\b(?:label|[a-zA-Z]*Key)\s*[:=]\s*)["'`]([a-z][a-z0-9_]*)\.([a-z0-9_]+(?:\.[a-z0-9_]+)*)["'`]/g;
function walk(dir: string) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(p);
    else if (/\.(tsx?|mts)$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name)) {
      const text = fs.readFileSync(p, "utf8");
      for (const m of text.matchAll(keyLiteral)) {
        const [, ns, key] = m;
        if (!ns || !namespaces.has(ns) || /\.(ts|tsx|js|json|css|sql)$/.test(`.${key}`)) continue;
        if (!(`${ns}.${key}` in source))
          problems.push(`${path.relative(root, p)}: key "${ns}.${key}" is not in the catalogs`);
      }
    }
  }
}
walk(path.join(root, "src"));

if (problems.length) {
  console.error(`i18n check failed (${problems.length}):\n${problems.map((p) => `  ${p}`).join("\n")}`);
  process.exit(1);
}
console.log(
  `i18n check: ${Object.keys(source).length} messages × ${LANGUAGE_CODES.length} languages complete; ` +
    `${SIMPLE_GERMAN}: ${expectedKeys(SIMPLE_GERMAN).length} messages in ${SIMPLE_NAMESPACES.join(", ")} ` +
    `and the public pages' keys of ${SIMPLE_PAGE_NAMESPACES.join(", ")}, every other key in German.`,
);
