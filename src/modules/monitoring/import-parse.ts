/**
 * The pure part of the monitoring import (issue 6): reads a table of values in LONG or WIDE
 * format, checks every cell against the tenant's areas and data elements, and returns the
 * values with every problem found (row as the spreadsheet shows it, column as the file names
 * it, a code with a catalog message `monitoring_import.error_<code>`). No database here; the
 * same per-value checks serve the DHIS2-style dataValueSets API.
 *
 * LONG: one value per row.
 *   Gebiet;Jahr;Merkmal;Wert[;Geschlecht;Alter;Staatsangehörigkeit;Kategorie | ;Aufschlüsselung]
 *   unna-mitte;2023;population;17900
 *   unna-mitte;2023;population;9120;f
 * WIDE: one row per area and period, one column per data element (and breakdown):
 *   Gebiet;Jahr;population;population{sex:f};population{age:65+}
 *   unna-mitte;2023;17900;9120;4800
 */
import type { TableRow } from "../../server/tabular.ts";
import { breakdownKey, parseBreakdownKey, parseFormula } from "./formula.ts";
import {
  BREAKDOWN_DIMENSIONS,
  type BreakdownDimension,
  type ElementDimensions,
  type ElementOrigin,
  type ValueType,
} from "./schema.ts";

/** At most this many values per file or dataValueSets request. */
export const IMPORT_MAX_VALUES = 200_000;
/** The earliest period; the latest is the current year (from the clock). */
export const FIRST_PERIOD = 1950;
/** Values beyond this size are typing errors, not statistics. */
const MAX_ABS_VALUE = 1e12;

export type ImportElement = {
  id: string;
  code: string;
  valueType: ValueType;
  dimensions: ElementDimensions;
  origin: ElementOrigin;
};
export type ImportArea = { id: string; code: string };
export type ParseContext = {
  elements: readonly ImportElement[];
  areas: readonly ImportArea[];
  currentYear: number;
  maxValues?: number;
};

/** One problem: row 1 is the header; column is the header as written in the file (null: the whole file). */
export type ImportIssue = {
  row: number | null;
  column: string | null;
  code: string;
  params?: Record<string, string | number>;
};
export type ParsedValue = {
  row: number;
  column: string;
  areaId: string;
  areaCode: string;
  period: string;
  elementId: string;
  element: string;
  breakdown: string;
  value: number;
};
export type ParseOutcome = {
  format: "long" | "wide" | null;
  values: ParsedValue[];
  issues: ImportIssue[];
};

// ---------------------------------------------------------------------------------------------
// Cells

/**
 * "1.000" or "1,234": one separator followed by exactly three digits. A German reads "1.000" as
 * a thousand, an English reader "1,000"; either may mean a decimal. Such a value is refused
 * rather than guessed (a thousand imported as 1 would be silently wrong).
 */
export function isAmbiguousNumber(input: string): boolean {
  return /^[-−+]?[1-9]\d{0,2}[.,]\d{3}$/.test(input.trim().replace(/[\s\u00a0\u202f]/g, ""));
}

/**
 * A number as Germans and others write it: "12,5" and "12.5" → 12.5; "1.234,5" and "1,234.5"
 * → 1234.5; "1.234.567" → 1234567; spaces (also non-breaking) as digit groups. A single
 * separator is the decimal separator ("12,5", "0,125"). Null when not a number, and when
 * ambiguous ("1.000", see isAmbiguousNumber).
 */
export function parseNumber(input: string): number | null {
  let s = input.trim().replace(/[\s\u00a0\u202f]/g, "");
  if (s === "" || isAmbiguousNumber(s)) return null;
  let sign = 1;
  if (/^[-−]/.test(s)) {
    sign = -1;
    s = s.slice(1);
  } else if (s.startsWith("+")) s = s.slice(1);
  if (/^\d+(\.\d+)?e[-+]?\d+$/i.test(s)) return sign * Number(s);
  if (/^\d+$/.test(s)) return sign * Number(s);
  const dots = (s.match(/\./g) ?? []).length;
  const commas = (s.match(/,/g) ?? []).length;
  let normal: string | null = null;
  if (dots > 0 && commas > 0) {
    const decimal = s.lastIndexOf(",") > s.lastIndexOf(".") ? "," : ".";
    const group = decimal === "," ? "\\." : ",";
    const d = decimal === "," ? "," : "\\.";
    if (new RegExp(`^\\d{1,3}(${group}\\d{3})+${d}\\d+$`).test(s))
      normal = s.replace(new RegExp(group, "g"), "").replace(",", ".");
  } else if (commas === 1 || dots === 1) {
    if (/^\d+[.,]\d+$/.test(s)) normal = s.replace(",", ".");
  } else if (commas > 1) {
    if (/^\d{1,3}(,\d{3})+$/.test(s)) normal = s.replace(/,/g, "");
  } else if (dots > 1) {
    if (/^\d{1,3}(\.\d{3})+$/.test(s)) normal = s.replace(/\./g, "");
  }
  if (normal === null) return null;
  const n = Number(normal);
  return Number.isFinite(n) ? sign * n : null;
}

type Check<T> =
  | { ok: true; value: T }
  | { ok: false; code: string; params?: Record<string, string | number> };
const fail = <T>(code: string, params?: Record<string, string | number>): Check<T> =>
  params ? { ok: false, code, params } : { ok: false, code };
const clip = (s: string) => (s.length > 60 ? `${s.slice(0, 59)}…` : s);

/** A year "YYYY" between 1950 and the current year. XLSX numbers like "2018" pass. */
export function checkPeriod(input: string, currentYear: number): Check<string> {
  const s = input.trim();
  if (s === "") return fail("period_required");
  if (!/^\d{4}$/.test(s)) return fail("period_format", { value: clip(s) });
  const y = Number(s);
  if (y < FIRST_PERIOD || y > currentYear)
    return fail("period_out_of_range", { value: s, min: String(FIRST_PERIOD), max: String(currentYear) });
  return { ok: true, value: s };
}

/** A value for an element: counts are whole numbers ≥ 0; `number` elements take any decimal. */
export function checkValue(input: string | number, element: ImportElement | null): Check<number> {
  const text = typeof input === "number" ? String(input) : input.trim();
  if (text === "") return fail("value_required");
  if (typeof input === "string" && isAmbiguousNumber(text))
    return fail("value_ambiguous", { value: clip(text) });
  const n = typeof input === "number" ? (Number.isFinite(input) ? input : null) : parseNumber(text);
  if (n === null) return fail("value_not_number", { value: clip(text) });
  if (Math.abs(n) > MAX_ABS_VALUE) return fail("value_too_large", { value: clip(text) });
  if (element?.valueType === "count") {
    if (n < 0) return fail("count_negative", { value: clip(text), element: element.code });
    if (!Number.isInteger(n)) return fail("count_not_whole", { value: clip(text), element: element.code });
  }
  return { ok: true, value: n === 0 ? 0 : n };
}

const OPTION_ALIASES: Partial<Record<BreakdownDimension, Record<string, string>>> = {
  sex: { w: "f", weiblich: "f", female: "f", männlich: "m", maennlich: "m", male: "m", divers: "d" },
  nationality: { deutsch: "german", ausländisch: "foreign", auslaendisch: "foreign", doppelt: "dual" },
};
const TOTAL_WORDS = new Set(["insgesamt", "gesamt", "total", "alle", "all", "default"]);

/** An option of a dimension as the element lists it (case-insensitive, a few German words). */
function canonicalOption(element: ImportElement, dim: BreakdownDimension, raw: string): string | null {
  const allowed = element.dimensions[dim] ?? [];
  const s = raw.trim().replace(/\s+/g, "").toLowerCase();
  const alias = OPTION_ALIASES[dim]?.[s];
  return allowed.find((o) => o.toLowerCase() === s || (alias !== undefined && o === alias)) ?? null;
}

/** A breakdown (dimension → option text) checked against an element → its canonical key. */
export function checkBreakdown(
  parts: readonly { dim: string; option: string }[],
  element: ImportElement,
): { ok: true; value: string } | { ok: false; dim: string; code: string; params: Record<string, string> } {
  const out: { dim: BreakdownDimension; option: string }[] = [];
  for (const p of parts) {
    const dim = p.dim.trim().toLowerCase();
    if (p.option.trim() === "" || TOTAL_WORDS.has(p.option.trim().toLowerCase())) continue;
    if (
      !(BREAKDOWN_DIMENSIONS as readonly string[]).includes(dim) ||
      !element.dimensions[dim as BreakdownDimension]
    )
      return {
        ok: false,
        dim,
        code: "unknown_dimension",
        params: { dim: clip(p.dim), element: element.code },
      };
    const option = canonicalOption(element, dim as BreakdownDimension, p.option);
    if (option === null) {
      return {
        ok: false,
        dim,
        code: "unknown_option",
        params: {
          dim,
          option: clip(p.option.trim()),
          element: element.code,
          allowed: (element.dimensions[dim as BreakdownDimension] ?? []).join(", "),
        },
      };
    }
    out.push({ dim: dim as BreakdownDimension, option });
  }
  return { ok: true, value: breakdownKey(out) };
}

/** A breakdown key as text ("sex:f;age:65+", "" or "default" = total) → its parts; null if malformed. */
export function breakdownParts(key: string): { dim: string; option: string }[] | null {
  return parseBreakdownKey(key.trim());
}

/** An area by code: exact, else case-insensitive. */
export function areaFinder(areas: readonly ImportArea[]) {
  const exact = new Map(areas.map((a) => [a.code, a]));
  const folded = new Map(areas.map((a) => [a.code.toLowerCase(), a]));
  return (code: string) => exact.get(code.trim()) ?? folded.get(code.trim().toLowerCase()) ?? null;
}

/** An element by code (case-insensitive). */
export function elementFinder(elements: readonly ImportElement[]) {
  const byCode = new Map(elements.map((e) => [e.code.toLowerCase(), e]));
  return (code: string) => byCode.get(code.trim().toLowerCase()) ?? null;
}

// ---------------------------------------------------------------------------------------------
// Headers

/** Folds a header for comparison: case, umlauts, spaces and punctuation do not matter. */
export const foldHeader = (s: string) =>
  s
    .toLowerCase()
    .replace(/ä/g, "ae")
    .replace(/ö/g, "oe")
    .replace(/ü/g, "ue")
    .replace(/ß/g, "ss")
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    .replace(/[^\p{L}\p{N}]+/gu, "");

export const IMPORT_COLUMNS = [
  { key: "area", de: "Gebiet", en: "area", aliases: ["orgunit", "sozialraum", "gebietscode", "areacode"] },
  { key: "period", de: "Jahr", en: "period", aliases: ["zeitraum", "year", "periode"] },
  { key: "element", de: "Merkmal", en: "element", aliases: ["datenelement", "dataelement"] },
  { key: "value", de: "Wert", en: "value", aliases: ["anzahl"] },
  { key: "sex", de: "Geschlecht", en: "sex", aliases: [] },
  { key: "age", de: "Alter", en: "age", aliases: ["altersgruppe"] },
  { key: "nationality", de: "Staatsangehörigkeit", en: "nationality", aliases: [] },
  { key: "category", de: "Kategorie", en: "category", aliases: [] },
  {
    key: "breakdown",
    de: "Aufschlüsselung",
    en: "breakdown",
    aliases: ["categoryoptioncombo", "aufschluesselung"],
  },
] as const;
export type ImportColumnKey = (typeof IMPORT_COLUMNS)[number]["key"];
const COLUMN_BY_HEADER = new Map<string, ImportColumnKey>();
for (const c of IMPORT_COLUMNS)
  for (const h of [c.key, c.de, c.en, ...c.aliases]) COLUMN_BY_HEADER.set(foldHeader(h), c.key);

/** Columns a spreadsheet often carries besides the data (names, comments); they are read over. */
const IGNORED_HEADERS = new Set(
  [
    "name",
    "gebietsname",
    "areaname",
    "bezeichnung",
    "kommentar",
    "comment",
    "bemerkung",
    "anmerkung",
    "storedby",
    "created",
    "lastupdated",
    "followup",
    "quelle",
    "source",
  ].map(foldHeader),
);

const columnName = (key: ImportColumnKey) => {
  const c = IMPORT_COLUMNS.find((x) => x.key === key)!;
  return `${c.de} (${c.en})`;
};

/**
 * A WIDE column header: an element code, optionally with one option per dimension in formula
 * style, `population{sex:f}` or `population{sex:f,age:65+}`. No sums, no offsets, no choices.
 */
export function parseHeaderTerm(
  header: string,
): { ok: true; element: string; parts: { dim: string; option: string }[] } | { ok: false } {
  // Case does not matter; options are matched to the element's case-insensitively.
  const text = header.trim().toLowerCase();
  const parsed = parseFormula(text);
  if (!parsed.ok || parsed.formula.terms.length !== 1) return { ok: false };
  const [term] = parsed.formula.terms as [(typeof parsed.formula.terms)[number]];
  if (term.sign !== 1 || term.offset !== 0 || /^\s*\+/.test(text)) return { ok: false };
  if (term.filters.some((f) => f.options.length !== 1)) return { ok: false };
  return {
    ok: true,
    element: term.element,
    parts: term.filters.map((f) => ({ dim: f.dim, option: f.options[0]! })),
  };
}

// ---------------------------------------------------------------------------------------------
// The table

/**
 * Reads a table (header first) into values, checking everything. Each problem is reported
 * once where the user has to look; nothing is guessed. `values` holds the rows that passed
 * (for the preview); the file is importable only when `issues` is empty.
 */
export function parseImportTable(table: readonly TableRow[], ctx: ParseContext): ParseOutcome {
  const maxValues = ctx.maxValues ?? IMPORT_MAX_VALUES;
  const issues: ImportIssue[] = [];
  const out = (format: ParseOutcome["format"]): ParseOutcome => ({ format, values: [], issues });
  const [head, ...body] = table;
  if (!head) return { format: null, values: [], issues: [{ row: null, column: null, code: "empty_file" }] };
  if (body.length === 0) {
    issues.push({ row: null, column: null, code: "no_rows" });
    return out(null);
  }
  if (body.length > maxValues) {
    issues.push({ row: null, column: null, code: "too_many_values", params: { max: maxValues } });
    return out(null);
  }

  // Which column is what.
  const known = new Map<ImportColumnKey, number>();
  const other: { index: number; header: string }[] = [];
  head.cells.forEach((raw, index) => {
    const header = raw.trim();
    if (!header) return;
    const folded = foldHeader(header);
    if (IGNORED_HEADERS.has(folded)) return;
    const key = header.includes("{") ? undefined : COLUMN_BY_HEADER.get(folded);
    if (!key) other.push({ index, header });
    else if (known.has(key)) issues.push({ row: head.row, column: header, code: "column_twice" });
    else known.set(key, index);
  });
  const headerOf = (key: ImportColumnKey) => head.cells[known.get(key)!]!.trim();
  const isLong = known.has("element") || known.has("value");
  const format = isLong ? "long" : "wide";
  const required: ImportColumnKey[] = isLong ? ["area", "period", "element", "value"] : ["area", "period"];
  for (const key of required)
    if (!known.has(key))
      issues.push({
        row: head.row,
        column: null,
        code: "column_missing",
        params: { column: columnName(key) },
      });
  const dimColumns = (["sex", "age", "nationality", "category"] as const).filter((k) => known.has(k));
  if (isLong) {
    for (const o of other)
      issues.push({
        row: head.row,
        column: o.header,
        code: "column_unknown",
        params: { column: clip(o.header) },
      });
    if (known.has("breakdown") && dimColumns.length)
      issues.push({ row: head.row, column: headerOf("breakdown"), code: "breakdown_and_dimensions" });
  } else {
    for (const k of [...dimColumns, ...(known.has("breakdown") ? (["breakdown"] as const) : [])])
      issues.push({ row: head.row, column: headerOf(k), code: "wide_dimension_column" });
    if (other.length === 0 && known.has("area") && known.has("period"))
      issues.push({ row: head.row, column: null, code: "no_value_columns" });
  }

  const findArea = areaFinder(ctx.areas);
  const findElement = elementFinder(ctx.elements);

  // WIDE: what each value column means.
  type WideColumn = { index: number; header: string; element: ImportElement; breakdown: string };
  const wide: WideColumn[] = [];
  if (!isLong) {
    const seen = new Map<string, string>();
    for (const o of other) {
      const term = parseHeaderTerm(o.header);
      if (!term.ok) {
        issues.push({
          row: head.row,
          column: o.header,
          code: "header_term",
          params: { column: clip(o.header) },
        });
        continue;
      }
      const element = findElement(term.element);
      if (!element) {
        issues.push({
          row: head.row,
          column: o.header,
          code: "unknown_element",
          params: { code: clip(term.element) },
        });
        continue;
      }
      if (element.origin === "lotse") {
        issues.push({
          row: head.row,
          column: o.header,
          code: "element_lotse",
          params: { code: element.code },
        });
        continue;
      }
      const b = checkBreakdown(term.parts, element);
      if (!b.ok) {
        issues.push({ row: head.row, column: o.header, code: b.code, params: b.params });
        continue;
      }
      const key = `${element.id}|${b.value}`;
      const twin = seen.get(key);
      if (twin !== undefined) {
        issues.push({
          row: head.row,
          column: o.header,
          code: "column_same_as",
          params: { column: clip(twin) },
        });
        continue;
      }
      seen.set(key, o.header);
      wide.push({ index: o.index, header: o.header, element, breakdown: b.value });
    }
  }
  if (issues.length) return out(format);

  const values: ParsedValue[] = [];
  const firstAt = new Map<string, { row: number; column: string }>();
  const cell = (r: TableRow, key: ImportColumnKey) =>
    known.has(key) ? (r.cells[known.get(key)!] ?? "") : "";
  const add = (r: TableRow, column: string, v: Omit<ParsedValue, "row" | "column">) => {
    const key = `${v.areaId}|${v.period}|${v.elementId}|${v.breakdown}`;
    const first = firstAt.get(key);
    if (first) {
      issues.push({ row: r.row, column, code: "duplicate", params: { other: first.row } });
      issues.push({ row: first.row, column: first.column, code: "duplicate", params: { other: r.row } });
      return;
    }
    firstAt.set(key, { row: r.row, column });
    values.push({ row: r.row, column, ...v });
  };

  for (const r of body) {
    const areaText = cell(r, "area").trim();
    const area = areaText ? findArea(areaText) : null;
    if (!areaText) issues.push({ row: r.row, column: headerOf("area"), code: "area_required" });
    else if (!area)
      issues.push({
        row: r.row,
        column: headerOf("area"),
        code: "unknown_area",
        params: { code: clip(areaText) },
      });
    const period = checkPeriod(cell(r, "period"), ctx.currentYear);
    if (!period.ok)
      issues.push({ row: r.row, column: headerOf("period"), code: period.code, params: period.params });

    if (isLong) {
      const elementText = cell(r, "element").trim();
      const element = elementText ? findElement(elementText) : null;
      let elementOk = false;
      if (!elementText) issues.push({ row: r.row, column: headerOf("element"), code: "element_required" });
      else if (!element)
        issues.push({
          row: r.row,
          column: headerOf("element"),
          code: "unknown_element",
          params: { code: clip(elementText) },
        });
      else if (element.origin === "lotse")
        issues.push({
          row: r.row,
          column: headerOf("element"),
          code: "element_lotse",
          params: { code: element.code },
        });
      else elementOk = true;

      let breakdown: string | null = "";
      if (element && elementOk) {
        let parts: { dim: string; option: string }[] | null;
        let column: string;
        if (known.has("breakdown")) {
          column = headerOf("breakdown");
          parts = breakdownParts(cell(r, "breakdown"));
          if (parts === null) {
            issues.push({
              row: r.row,
              column,
              code: "breakdown_format",
              params: { value: clip(cell(r, "breakdown").trim()) },
            });
            breakdown = null;
          }
        } else {
          column = "";
          parts = dimColumns.map((k) => ({ dim: k, option: cell(r, k) }));
        }
        if (parts) {
          const b = checkBreakdown(parts, element);
          if (b.ok) breakdown = b.value;
          else {
            breakdown = null;
            const col = known.has("breakdown") ? column : headerOf(b.dim as ImportColumnKey);
            issues.push({ row: r.row, column: col, code: b.code, params: b.params });
          }
        }
      }
      const value = checkValue(
        r.numbers?.[known.get("value")!] ?? cell(r, "value"),
        elementOk ? element : null,
      );
      if (!value.ok)
        issues.push({ row: r.row, column: headerOf("value"), code: value.code, params: value.params });
      if (area && period.ok && element && elementOk && breakdown !== null && value.ok)
        add(r, headerOf("period"), {
          areaId: area.id,
          areaCode: area.code,
          period: period.value,
          elementId: element.id,
          element: element.code,
          breakdown,
          value: value.value,
        });
    } else {
      for (const w of wide) {
        const text = r.cells[w.index] ?? "";
        // A blank cell in a wide table is no value for that element (not a zero).
        if (text.trim() === "") continue;
        const value = checkValue(r.numbers?.[w.index] ?? text, w.element);
        if (!value.ok) {
          issues.push({ row: r.row, column: w.header, code: value.code, params: value.params });
          continue;
        }
        if (area && period.ok)
          add(r, w.header, {
            areaId: area.id,
            areaCode: area.code,
            period: period.value,
            elementId: w.element.id,
            element: w.element.code,
            breakdown: w.breakdown,
            value: value.value,
          });
        if (values.length > maxValues) {
          return {
            format,
            values: [],
            issues: [{ row: null, column: null, code: "too_many_values", params: { max: maxValues } }],
          };
        }
      }
    }
  }
  if (values.length === 0 && issues.length === 0) issues.push({ row: null, column: null, code: "no_values" });
  issues.sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
  return { format, values, issues };
}
