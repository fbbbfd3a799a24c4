/**
 * Values of the form expression language as XPath 1.0 sees them: string(), number(), boolean(),
 * comparison and arithmetic; dates as days since 1970-01-01.
 */
import type { BinaryOp, ExprValue } from "./expr-syntax.ts";

const DATE = /^(\d{4})-(\d{2})-(\d{2})(?:T[0-9:.]*(?:Z|[+-]\d{2}:?\d{2})?)?$/;
export const NUMERIC = /^\s*-?(?:\d+(?:\.\d*)?|\.\d+)\s*$/;
const DAY_MS = 86_400_000;

/** Days since 1970-01-01 for a real calendar date "YYYY-MM-DD" (a time part is ignored), else null. */
export function dateToDays(text: string): number | null {
  const m = DATE.exec(text.trim());
  if (!m) return null;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  const ms = Date.UTC(y, mo - 1, d);
  const back = new Date(ms);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return null;
  return Math.round(ms / DAY_MS);
}

/** "YYYY-MM-DD" for a day count (fractions are cut off), or "" when out of range. */
export function daysToDate(days: number): string {
  if (!Number.isFinite(days)) return "";
  const date = new Date(Math.floor(days) * DAY_MS);
  const y = date.getUTCFullYear();
  if (Number.isNaN(date.getTime()) || y < 0 || y > 9999) return "";
  return `${String(y).padStart(4, "0")}-${String(date.getUTCMonth() + 1).padStart(2, "0")}-${String(date.getUTCDate()).padStart(2, "0")}`;
}

/** The items of a value seen as a list: array items (flattened), or a string's space-separated words. */
export function items(v: ExprValue): string[] {
  if (Array.isArray(v)) return flatten(v).map(toStr);
  const s = toStr(v).trim();
  return s === "" ? [] : s.split(/\s+/);
}

export function flatten(v: ExprValue[]): (string | number | boolean)[] {
  const out: (string | number | boolean)[] = [];
  const stack: ExprValue[] = [...v].reverse();
  while (stack.length > 0) {
    const x = stack.pop()!;
    if (Array.isArray(x)) for (let k = x.length - 1; k >= 0; k--) stack.push(x[k]!);
    else out.push(x);
  }
  return out;
}

/** XPath string(). */
export function toStr(v: ExprValue): string {
  if (typeof v === "string") return v;
  if (typeof v === "boolean") return v ? "true" : "false";
  if (typeof v === "number") {
    if (Number.isNaN(v)) return "NaN";
    if (!Number.isFinite(v)) return v > 0 ? "Infinity" : "-Infinity";
    if (Object.is(v, -0)) return "0";
    if (Math.abs(v) >= 1e21 || (Math.abs(v) < 1e-6 && v !== 0)) {
      return v.toFixed(20).replace(/\.?0+$/, "");
    }
    return String(v);
  }
  return flatten(v).map(toStr).join(" ");
}

/** XPath number(), with dates as days since 1970-01-01. */
export function toNum(v: ExprValue): number {
  if (typeof v === "number") return v;
  if (typeof v === "boolean") return v ? 1 : 0;
  const s = toStr(v);
  if (NUMERIC.test(s)) return Number(s.trim());
  return dateToDays(s) ?? Number.NaN;
}

/** XPath boolean(): a non-zero number, a non-empty string, a non-empty list. */
export function truthy(v: ExprValue): boolean {
  if (typeof v === "boolean") return v;
  if (typeof v === "number") return v !== 0 && !Number.isNaN(v);
  return v.length > 0;
}

export function compare(op: BinaryOp, a: ExprValue, b: ExprValue): boolean {
  if (op === "=" || op === "!=") {
    let equal: boolean;
    if (typeof a === "boolean" || typeof b === "boolean") equal = truthy(a) === truthy(b);
    else if (typeof a === "number" || typeof b === "number") equal = toNum(a) === toNum(b);
    else equal = toStr(a) === toStr(b);
    return op === "=" ? equal : !equal;
  }
  const x = toNum(a);
  const y = toNum(b);
  switch (op) {
    case "<":
      return x < y;
    case "<=":
      return x <= y;
    case ">":
      return x > y;
    default:
      return x >= y;
  }
}

export function arithmetic(op: BinaryOp, a: number, b: number): number {
  switch (op) {
    case "+":
      return a + b;
    case "-":
      return a - b;
    case "*":
      return a * b;
    case "div":
      return a / b;
    default:
      return a % b;
  }
}

/** XPath round(): halves toward +∞; with digits, halves away from zero (as ODK). */
export function round(x: number, digits: number | null): number {
  if (digits === null) return Math.round(x);
  if (!Number.isFinite(digits)) return Number.NaN;
  const n = Math.max(-15, Math.min(15, Math.trunc(digits)));
  const f = 10 ** n;
  return (Math.sign(x) * Math.round(Math.abs(x) * f)) / f;
}
