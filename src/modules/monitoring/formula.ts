import { BREAKDOWN_DIMENSIONS, type BreakdownDimension, type ElementDimensions } from "./schema.ts";
import type { AgeLimit } from "./types.ts";

/**
 * The indicator formula language (decision 016): sums and differences of data-element terms.
 *
 *   expr := term (("+" | "-") term)*
 *   term := code ("{" dim ":" opt ("|" opt)* ("," dim ":" opt ("|" opt)*)* "}")? ("@-" digits)?
 *
 * `population{age:0-14|15-19}` sums two age bands; `population@-1` is the previous period.
 * Deliberately no general arithmetic: a formula says what a statistics office writes in a
 * footnote, and each one can be checked against the data elements when it is saved.
 * Nothing here throws on any input; errors carry a code (catalog `monitoring_catalog.formula_<code>`)
 * and the position where the reader should look.
 */

export type FormulaFilter = { dim: BreakdownDimension; options: string[] };
export type FormulaTerm = { sign: 1 | -1; element: string; filters: FormulaFilter[]; offset: number };
export type Formula = { terms: FormulaTerm[] };
export type FormulaError = { code: string; position: number; params?: Record<string, string | number> };
export type ParseResult = { ok: true; formula: Formula } | { ok: false; error: FormulaError };

export const FORMULA_MAX_LENGTH = 500;
const MAX_OFFSET = 20;
const CODE = /[a-z][a-z0-9_]*/y;
const OPTION = /[A-Za-z0-9][A-Za-z0-9_+-]*/y;
const DIGITS = /[0-9]+/y;

export function parseFormula(input: unknown): ParseResult {
  if (typeof input !== "string") return fail("empty", 0);
  const text = input;
  if (text.length > FORMULA_MAX_LENGTH)
    return fail("too_long", FORMULA_MAX_LENGTH, { max: FORMULA_MAX_LENGTH });
  let pos = 0;
  const skip = () => {
    while (pos < text.length && /\s/.test(text[pos]!)) pos++;
  };
  const match = (re: RegExp): string | null => {
    re.lastIndex = pos;
    const m = re.exec(text);
    if (!m) return null;
    pos += m[0].length;
    return m[0];
  };
  const here = () => (pos < text.length ? text[pos]! : "");

  skip();
  if (pos >= text.length) return fail("empty", 0);
  const terms: FormulaTerm[] = [];
  let sign: 1 | -1 = 1;
  if (here() === "-" || here() === "+") {
    sign = here() === "-" ? -1 : 1;
    pos++;
  }
  for (;;) {
    skip();
    const start = pos;
    const element = match(CODE);
    if (!element) {
      return pos >= text.length
        ? fail("expected_element", pos)
        : fail("unexpected_char", pos, { char: here() });
    }
    const filters: FormulaFilter[] = [];
    skip();
    if (here() === "{") {
      pos++;
      for (;;) {
        skip();
        const dimAt = pos;
        const dim = match(CODE);
        if (!dim) return fail("expected_dimension", pos);
        if (!(BREAKDOWN_DIMENSIONS as readonly string[]).includes(dim))
          return fail("unknown_dimension", dimAt, { dim });
        if (filters.some((f) => f.dim === dim)) return fail("duplicate_dimension", dimAt, { dim });
        skip();
        if (here() !== ":") return fail("expected_colon", pos);
        pos++;
        const options: string[] = [];
        for (;;) {
          skip();
          const opt = match(OPTION);
          if (!opt) return fail("expected_option", pos);
          if (options.includes(opt)) return fail("duplicate_option", pos - opt.length, { option: opt });
          options.push(opt);
          skip();
          if (here() !== "|") break;
          pos++;
        }
        filters.push({ dim: dim as BreakdownDimension, options });
        skip();
        if (here() === ",") {
          pos++;
          continue;
        }
        if (here() === "}") {
          pos++;
          break;
        }
        return fail("expected_close", pos);
      }
    }
    skip();
    let offset = 0;
    if (here() === "@") {
      pos++;
      if (here() !== "-") return fail("bad_offset", pos, { max: MAX_OFFSET });
      pos++;
      const digits = match(DIGITS);
      const n = digits ? Number(digits) : Number.NaN;
      if (!Number.isInteger(n) || n < 1 || n > MAX_OFFSET)
        return fail("bad_offset", pos, { max: MAX_OFFSET });
      offset = -n;
    }
    filters.sort((a, b) => BREAKDOWN_DIMENSIONS.indexOf(a.dim) - BREAKDOWN_DIMENSIONS.indexOf(b.dim));
    terms.push({ sign, element, filters, offset });
    if (terms.length > 50) return fail("too_long", start, { max: FORMULA_MAX_LENGTH });
    skip();
    if (pos >= text.length) break;
    const op = here();
    if (op !== "+" && op !== "-") return fail("unexpected_char", pos, { char: op });
    sign = op === "+" ? 1 : -1;
    pos++;
    skip();
    if (pos >= text.length) return fail("expected_element", pos);
  }
  return { ok: true, formula: { terms } };
}

/** Every error code parseFormula/checkFormula can give; each has `monitoring_catalog.formula_<code>`. */
export const FORMULA_ERROR_CODES = [
  "empty",
  "too_long",
  "expected_element",
  "unexpected_char",
  "expected_dimension",
  "unknown_dimension",
  "duplicate_dimension",
  "expected_colon",
  "expected_option",
  "duplicate_option",
  "expected_close",
  "bad_offset",
  "unknown_element",
  "unknown_option",
  "only_negative",
] as const;

/** The catalog key of a formula error's message (params as in the error). */
export function formulaErrorKey(code: string): string {
  return `monitoring_catalog.formula_${(FORMULA_ERROR_CODES as readonly string[]).includes(code) ? code : "invalid"}`;
}

function fail(code: string, position: number, params?: FormulaError["params"]): ParseResult {
  return { ok: false, error: params ? { code, position, params } : { code, position } };
}

/** The canonical text of a formula (parse → print → parse gives the same formula). */
export function printFormula(f: Formula): string {
  return f.terms
    .map((t, i) => {
      const op = i === 0 ? (t.sign === -1 ? "-" : "") : t.sign === -1 ? " - " : " + ";
      const filters = t.filters.length
        ? `{${t.filters.map((x) => `${x.dim}:${x.options.join("|")}`).join(",")}}`
        : "";
      return `${op}${t.element}${filters}${t.offset ? `@${t.offset}` : ""}`;
    })
    .join("");
}

export function formulaElements(f: Formula): string[] {
  return [...new Set(f.terms.map((t) => t.element))];
}

/** Checks a parsed formula against the tenant's data elements. */
export function checkFormula(
  f: Formula,
  elements: readonly { code: string; dimensions: ElementDimensions }[],
): FormulaError[] {
  const errors: FormulaError[] = [];
  const byCode = new Map(elements.map((e) => [e.code, e]));
  for (const t of f.terms) {
    const el = byCode.get(t.element);
    if (!el) {
      errors.push({ code: "unknown_element", position: 0, params: { code: t.element } });
      continue;
    }
    for (const filter of t.filters) {
      const allowed = el.dimensions[filter.dim] ?? [];
      for (const option of filter.options) {
        if (!allowed.includes(option))
          errors.push({
            code: "unknown_option",
            position: 0,
            params: { code: t.element, dim: filter.dim, option },
          });
      }
    }
  }
  if (f.terms.length > 0 && f.terms.every((t) => t.sign === -1))
    errors.push({ code: "only_negative", position: 0 });
  return errors;
}

/** The canonical breakdown key of one combination of options ("" = total). */
export function breakdownKey(parts: readonly { dim: BreakdownDimension; option: string }[]): string {
  return [...parts]
    .sort((a, b) => BREAKDOWN_DIMENSIONS.indexOf(a.dim) - BREAKDOWN_DIMENSIONS.indexOf(b.dim))
    .map((p) => `${p.dim}:${p.option}`)
    .join(";");
}

/** Reads a breakdown key back; null when it is not canonical. */
export function parseBreakdownKey(key: string): { dim: BreakdownDimension; option: string }[] | null {
  if (key === "" || key === "default") return [];
  const parts: { dim: BreakdownDimension; option: string }[] = [];
  for (const raw of key.split(";")) {
    const i = raw.indexOf(":");
    if (i <= 0) return null;
    const dim = raw.slice(0, i).trim();
    const option = raw.slice(i + 1).trim();
    if (!(BREAKDOWN_DIMENSIONS as readonly string[]).includes(dim) || !option) return null;
    if (parts.some((p) => p.dim === dim)) return null;
    parts.push({ dim: dim as BreakdownDimension, option });
  }
  return parts;
}

/** Every breakdown key a term sums over (the cartesian product of its filters' options). */
export function termKeys(t: FormulaTerm): string[] {
  let combos: { dim: BreakdownDimension; option: string }[][] = [[]];
  for (const f of t.filters)
    combos = combos.flatMap((c) => f.options.map((option) => [...c, { dim: f.dim, option }]));
  return combos.map(breakdownKey);
}

/** Looks up one stored value: element code, breakdown key, period offset (0 or negative). */
export type ValueLookup = (element: string, breakdown: string, offset: number) => number | undefined;

/**
 * Evaluates a formula. `undefined` when any value it needs is missing: a sum with a gap would
 * silently understate the figure.
 */
export function evaluateFormula(f: Formula, lookup: ValueLookup): number | undefined {
  let sum = 0;
  for (const t of f.terms) {
    for (const key of termKeys(t)) {
      const v = lookup(t.element, key, t.offset);
      if (v === undefined || !Number.isFinite(v)) return undefined;
      sum += t.sign * v;
    }
  }
  return sum;
}

/** "65+" → {from:65,to:null}; "0-14" → {from:0,to:14}; anything else null. */
export function parseAgeOption(option: string): AgeLimit | null {
  const plus = /^(\d{1,3})\+$/.exec(option);
  if (plus) return { from: Number(plus[1]), to: null };
  const range = /^(\d{1,3})-(\d{1,3})$/.exec(option);
  if (range && Number(range[1]) <= Number(range[2])) return { from: Number(range[1]), to: Number(range[2]) };
  return null;
}

/** The age ranges a formula covers, adjacent bands merged (0-14|15-19 → 0–19). */
export function ageLimitsOf(f: Formula | null): AgeLimit[] {
  if (!f) return [];
  const ranges: AgeLimit[] = [];
  for (const t of f.terms) {
    const age = t.filters.find((x) => x.dim === "age");
    if (!age) continue;
    const parsed = age.options.map(parseAgeOption).filter((x): x is AgeLimit => x !== null);
    parsed.sort((a, b) => a.from - b.from);
    const merged: AgeLimit[] = [];
    for (const r of parsed) {
      const last = merged.at(-1);
      if (last && last.to !== null && r.from === last.to + 1) last.to = r.to;
      else merged.push({ ...r });
    }
    for (const m of merged) if (!ranges.some((x) => x.from === m.from && x.to === m.to)) ranges.push(m);
  }
  return ranges;
}
