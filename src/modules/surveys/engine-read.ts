/**
 * Reading answers: one raw value typed by its question (digits typed on Arabic and Farsi
 * keyboards included), an HTML form submission into typed answers, and answers from outside
 * (an API body, stored JSON) kept to the form's own questions.
 */

import { childrenOf, flatten, isAnswerable, nodesIn } from "./engine-tree.ts";
import { dateToDays } from "./expr.ts";
import type {
  AnswerError,
  AnswerErrorCode,
  Answers,
  AnswerValue,
  FormDefinition,
  FormNode,
  LanguageLevelAnswer,
} from "./types.ts";

type Coerced = { value?: AnswerValue; error?: AnswerErrorCode };

const INTEGER = /^[+-]?\d+$/;
const DECIMAL = /^[+-]?(?:\d+(?:[.,]\d*)?|[.,]\d+)$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const FILE_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const COORDINATE = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$/;

/** "lat lon [altitude [accuracy]]" with latitude in ±90 and longitude in ±180 degrees. */
function isGeopoint(s: string): boolean {
  const parts = s.trim().split(/\s+/);
  if (parts.length < 2 || parts.length > 4 || !parts.every((p) => COORDINATE.test(p))) return false;
  const [lat, lon] = parts.map(Number) as [number, number];
  return Math.abs(lat) <= 90 && Math.abs(lon) <= 180;
}

/** A time of day as browsers and ODK write it; seconds, fractions and a zone are allowed and dropped. */
const TIME = /^([01]\d|2[0-3]):([0-5]\d)(?::([0-5]\d)(?:\.\d+)?)?(?:Z|[+-]\d\d:?\d\d)?$/;

function choiceNames(def: FormDefinition, list: string | undefined): Set<string> {
  const raw = list && def.choices && Object.hasOwn(def.choices, list) ? def.choices[list] : undefined;
  return new Set(Array.isArray(raw) ? raw.map((c) => c?.name).filter((n) => typeof n === "string") : []);
}

/**
 * Arabic-Indic (٠–٩) and Persian (۰–۹) digits as typed on Arabic and Farsi phone keyboards, and
 * the Arabic decimal separator (٫), read as the Western digits and "." they stand for.
 */
export function westernDigits(s: string | null): string | null {
  if (s === null) return null;
  return s
    .replace(/[\u0660-\u0669]/g, (d) => String(d.charCodeAt(0) - 0x0660))
    .replace(/[\u06F0-\u06F9]/g, (d) => String(d.charCodeAt(0) - 0x06f0))
    .replace(/\u066B/g, ".");
}

function scalarText(raw: unknown): string | null {
  if (typeof raw === "string") return raw.trim();
  if (typeof raw === "number" && Number.isFinite(raw)) return String(raw);
  return null;
}

/** Types one raw answer (from a form field, a default or an API body). Empty → no value. */
export function coerce(def: FormDefinition, node: FormNode, raw: unknown): Coerced {
  if (raw === undefined || raw === null) return {};
  switch (node.type) {
    case "text": {
      const s = scalarText(raw);
      return s ? { value: s } : {};
    }
    case "integer": {
      if (typeof raw === "number") return Number.isSafeInteger(raw) ? { value: raw } : { error: "integer" };
      const s = westernDigits(scalarText(raw));
      if (!s) return s === "" ? {} : { error: "integer" };
      const n = Number(s);
      return INTEGER.test(s) && Number.isSafeInteger(n) ? { value: n } : { error: "integer" };
    }
    case "decimal": {
      if (typeof raw === "number") return Number.isFinite(raw) ? { value: raw } : { error: "decimal" };
      const s = westernDigits(scalarText(raw));
      if (!s) return s === "" ? {} : { error: "decimal" };
      const n = Number(s.replace(",", "."));
      return DECIMAL.test(s) && Number.isFinite(n) ? { value: n } : { error: "decimal" };
    }
    case "date": {
      const s = scalarText(raw);
      if (!s) return s === "" ? {} : { error: "date" };
      return ISO_DATE.test(s) && dateToDays(s) !== null ? { value: s } : { error: "date" };
    }
    case "time": {
      const s = scalarText(raw);
      if (!s) return s === "" ? {} : { error: "time" };
      const m = TIME.exec(s);
      if (!m) return { error: "time" };
      return { value: m[3] && m[3] !== "00" ? `${m[1]}:${m[2]}:${m[3]}` : `${m[1]}:${m[2]}` };
    }
    case "range": {
      if (typeof raw === "number") return Number.isFinite(raw) ? { value: raw } : { error: "range" };
      const s = westernDigits(scalarText(raw));
      if (!s) return s === "" ? {} : { error: "range" };
      const n = Number(s.replace(",", "."));
      return DECIMAL.test(s) && Number.isFinite(n) ? { value: n } : { error: "range" };
    }
    case "geopoint": {
      const s = scalarText(raw);
      if (!s) return s === "" ? {} : { error: "geopoint" };
      return isGeopoint(s) ? { value: s.split(/\s+/).join(" ") } : { error: "geopoint" };
    }
    case "image":
    case "audio":
    case "file": {
      // the id the server gave this submission's upload (media.ts); the store checks it is one
      const s = scalarText(raw);
      if (!s) return {};
      return FILE_ID.test(s) ? { value: s.toLowerCase() } : { error: "file" };
    }
    case "acknowledge": {
      const s = scalarText(raw);
      if (!s) return {};
      return s === "OK" ? { value: "OK" } : { error: "choice" };
    }
    case "yes_no": {
      const s = scalarText(raw);
      if (!s) return s === "" ? {} : { error: "choice" };
      return s === "yes" || s === "no" ? { value: s } : { error: "choice" };
    }
    case "select_one": {
      const s = scalarText(raw);
      if (!s) return s === "" ? {} : { error: "choice" };
      return choiceNames(def, node.listName).has(s) ? { value: s } : { error: "choice" };
    }
    case "select_multiple": {
      const list = Array.isArray(raw) ? raw : typeof raw === "string" ? raw.split(/\s+/) : [raw];
      const allowed = choiceNames(def, node.listName);
      const given = new Set<string>();
      let bad = false;
      for (const item of list) {
        const s = scalarText(item);
        if (s === "") continue;
        if (s !== null && allowed.has(s)) given.add(s);
        else bad = true;
      }
      // in the list's order, each once
      const value = [...allowed].filter((n) => given.has(n));
      const out: Coerced = value.length > 0 ? { value } : {};
      if (bad) out.error = "choice";
      return out;
    }
    case "language_level": {
      if (!Array.isArray(raw)) return {};
      const rows: LanguageLevelAnswer[] = [];
      for (const item of raw) {
        if (!item || typeof item !== "object") continue;
        const { lang, level } = item as { lang?: unknown; level?: unknown };
        const l = typeof lang === "string" ? lang.trim().toLowerCase() : "";
        const v = typeof level === "string" ? level.trim() : "";
        if (l === "" && v === "") continue;
        rows.push({ lang: l, level: v as LanguageLevelAnswer["level"] });
      }
      return rows.length > 0 ? { value: rows } : {};
    }
    default:
      return {};
  }
}

/**
 * Reads `q.<name>` fields (select_multiple: the key repeated; language_level:
 * `q.<name>.<i>.lang` / `.level`; repeat: `q.<repeat>.<i>.<child>`, nested
 * `q.<outer>.<i>.<inner>.<j>.<child>`) into typed answers.
 * A value that does not fit its type is dropped with an error; empty fields give no entry;
 * empty repeat instances and language rows are skipped (the others are numbered from 0).
 */
export function readSubmission(
  def: FormDefinition,
  entries: Iterable<[string, string]>,
): { answers: Answers; errors: AnswerError[] } {
  const fields = new Map<string, string[]>();
  for (const [key, value] of entries) {
    if (typeof key !== "string" || !key.startsWith("q.") || typeof value !== "string") continue;
    const list = fields.get(key);
    if (list) list.push(value);
    else fields.set(key, [value]);
  }
  const errors: AnswerError[] = [];
  const answers = readLevel(def, nodesIn(def.nodes), fields, "q.", "", errors);
  return { answers, errors };
}

/** Indices i of keys `<prefix><i>.<rest>` where rest satisfies `tail`, ascending. */
function indicesUnder(
  fields: Map<string, string[]>,
  prefix: string,
  tail: (rest: string) => boolean,
): number[] {
  const found = new Set<number>();
  for (const key of fields.keys()) {
    if (!key.startsWith(prefix)) continue;
    const m = /^(\d{1,6})\.(.+)$/.exec(key.slice(prefix.length));
    if (m && tail(m[2]!)) found.add(Number(m[1]));
  }
  return [...found].sort((a, b) => a - b);
}

function readLevel(
  def: FormDefinition,
  nodes: readonly FormNode[],
  fields: Map<string, string[]>,
  prefix: string,
  pathPrefix: string,
  errors: AnswerError[],
): Answers {
  const answers: Answers = {};
  const stack = [...nodes].reverse();
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (!node || typeof node !== "object") continue;
    const key = `${prefix}${node.name}`;
    if (node.type === "group" || node.type === "matrix") {
      stack.push(...[...childrenOf(node)].reverse());
      continue;
    }
    if (node.type === "repeat") {
      const childNames = new Set(flatten(childrenOf(node)).map((v) => v.node.name));
      const instances: Answers[] = [];
      const ownField = (rest: string) => [...childNames].some((n) => rest === n || rest.startsWith(`${n}.`));
      for (const i of indicesUnder(fields, `${key}.`, ownField)) {
        const instanceErrors: AnswerError[] = [];
        const instance = readLevel(
          def,
          childrenOf(node),
          fields,
          `${key}.${i}.`,
          `${pathPrefix}${node.name}[${instances.length}].`,
          instanceErrors,
        );
        if (Object.keys(instance).length === 0 && instanceErrors.length === 0) continue;
        instances.push(instance);
        errors.push(...instanceErrors);
      }
      if (instances.length > 0) answers[node.name] = instances;
      continue;
    }
    if (!isAnswerable(node.type) || node.type === "calculate") continue;
    let raw: unknown;
    if (node.type === "select_multiple") raw = fields.get(key) ?? [];
    else if (node.type === "language_level") {
      raw = indicesUnder(fields, `${key}.`, (rest) => rest === "lang" || rest === "level").map((i) => ({
        lang: fields.get(`${key}.${i}.lang`)?.[0] ?? "",
        level: fields.get(`${key}.${i}.level`)?.[0] ?? "",
      }));
    } else if (node.type === "geopoint" && !fields.has(key)) {
      // the picker's two fields, latitude and longitude
      const lat = fields.get(`${key}.lat`)?.[0]?.trim() ?? "";
      const lon = fields.get(`${key}.lon`)?.[0]?.trim() ?? "";
      raw =
        lat === "" && lon === "" ? undefined : `${westernDigits(lat) || "?"} ${westernDigits(lon) || "?"}`;
    } else raw = fields.get(key)?.[0];
    const { value, error } = coerce(def, node, raw);
    if (value !== undefined) answers[node.name] = value;
    if (error) errors.push({ path: `${pathPrefix}${node.name}`, code: error });
  }
  return answers;
}

/** Keeps only the form's own questions with values of the right type; errors for values that do not fit. */
export function sanitize(
  def: FormDefinition,
  nodes: readonly FormNode[],
  raw: unknown,
  pathPrefix: string,
  errors: AnswerError[],
): Answers {
  const given = (raw && typeof raw === "object" && !Array.isArray(raw) ? raw : {}) as Record<string, unknown>;
  const out: Answers = {};
  const stack = [...nodes].reverse();
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.type === "group" || node.type === "matrix") {
      stack.push(...[...childrenOf(node)].reverse());
      continue;
    }
    if (!Object.hasOwn(given, node.name)) continue;
    const value = given[node.name];
    if (node.type === "repeat") {
      if (!Array.isArray(value)) continue;
      const instances = value
        .filter((inst) => inst && typeof inst === "object" && !Array.isArray(inst))
        .map((inst, i) => sanitize(def, childrenOf(node), inst, `${pathPrefix}${node.name}[${i}].`, errors));
      if (instances.length > 0) out[node.name] = instances;
      continue;
    }
    if (!isAnswerable(node.type) || node.type === "calculate") continue;
    const coerced = coerce(def, node, value);
    if (coerced.value !== undefined) out[node.name] = coerced.value;
    if (coerced.error) errors.push({ path: `${pathPrefix}${node.name}`, code: coerced.error });
  }
  return out;
}
