/**
 * Evaluation of a parsed expression over a scope (XPath 1.0 semantics, see `expr.ts`).
 */
import { regexTest } from "./expr-regex.ts";
import type { Expr, ExprFunction, ExprValue, Scope } from "./expr-syntax.ts";
import {
  arithmetic,
  compare,
  dateToDays,
  daysToDate,
  flatten,
  items,
  NUMERIC,
  round,
  toNum,
  toStr,
  truthy,
} from "./expr-values.ts";

/** Evaluates an expression. Never throws: anything that would fail gives "" (or false/NaN as XPath does). */
export function evaluate(expr: Expr, scope: Scope): ExprValue {
  try {
    return ev(expr, scope);
  } catch {
    return "";
  }
}

function ev(e: Expr, scope: Scope): ExprValue {
  switch (e.kind) {
    case "number":
    case "string":
      return e.value;
    case "ref":
      return scope.get(e.name) ?? "";
    case "self":
      return scope.self;
    case "parent":
      return "";
    case "column":
      return scope.column?.(e.name) ?? "";
    case "neg":
      return -toNum(ev(e.arg, scope));
    case "binary": {
      if (e.op === "or") return truthy(ev(e.left, scope)) || truthy(ev(e.right, scope));
      if (e.op === "and") return truthy(ev(e.left, scope)) && truthy(ev(e.right, scope));
      const a = ev(e.left, scope);
      const b = ev(e.right, scope);
      if (e.op === "+" || e.op === "-" || e.op === "*" || e.op === "div" || e.op === "mod") {
        return arithmetic(e.op, toNum(a), toNum(b));
      }
      return compare(e.op, a, b);
    }
    case "call":
      return call(e.fn, e.args, scope);
  }
}

/** min()/max() over numbers and node-sets (ODK): NaN when empty or when one value is not a number. */
function extreme(fn: "min" | "max", values: ExprValue[]): number {
  const nums = flatten(values).map(toNum);
  if (nums.length === 0 || nums.some((n) => Number.isNaN(n))) return Number.NaN;
  return fn === "min" ? Math.min(...nums) : Math.max(...nums);
}

function call(fn: ExprFunction, args: Expr[], scope: Scope): ExprValue {
  const arg = (k: number): ExprValue => (k < args.length ? ev(args[k]!, scope) : "");
  switch (fn) {
    case "selected": {
      const wanted = toStr(arg(1)).trim();
      return wanted !== "" && items(arg(0)).includes(wanted);
    }
    case "count-selected":
      return items(arg(0)).length;
    case "string-length":
      return [...toStr(arg(0))].length;
    case "regex":
      return regexTest(toStr(arg(0)), toStr(arg(1)));
    case "today":
      return scope.today;
    case "if":
      return truthy(arg(0)) ? arg(1) : arg(2);
    case "not":
      return !truthy(arg(0));
    case "int":
      return Math.trunc(toNum(arg(0)));
    case "number":
      return toNum(arg(0));
    case "round":
      return round(toNum(arg(0)), args.length > 1 ? toNum(arg(1)) : null);
    case "coalesce": {
      const a = arg(0);
      return toStr(a) !== "" ? a : arg(1);
    }
    case "concat":
      return args.map((a) => toStr(ev(a, scope))).join("");
    case "count": {
      const v = arg(0);
      if (Array.isArray(v)) return v.length;
      return toStr(v) === "" ? 0 : 1;
    }
    case "sum": {
      const v = arg(0);
      const list = Array.isArray(v) ? flatten(v) : [v];
      let total = 0;
      for (const x of list) if (toStr(x) !== "") total += toNum(x);
      return total;
    }
    case "date": {
      const v = arg(0);
      if (typeof v === "number") return daysToDate(v);
      const s = toStr(v).trim();
      const days = dateToDays(s);
      if (days !== null) return daysToDate(days);
      return NUMERIC.test(s) ? daysToDate(Number(s)) : "";
    }
    case "true":
      return true;
    case "false":
      return false;
    case "string":
      return toStr(arg(0));
    case "boolean":
      return truthy(arg(0));
    case "contains":
      return toStr(arg(0)).includes(toStr(arg(1)));
    case "starts-with":
      return toStr(arg(0)).startsWith(toStr(arg(1)));
    case "min":
    case "max":
      return extreme(
        fn,
        args.map((a) => ev(a, scope)),
      );
    case "sqrt":
      return Math.sqrt(toNum(arg(0)));
    case "pow":
      return toNum(arg(0)) ** toNum(arg(1));
    case "join": {
      const rest = args.slice(1).map((a) => ev(a, scope));
      return flatten(rest)
        .map(toStr)
        .join(toStr(arg(0)));
    }
    case "position":
      return scope.position ?? Number.NaN;
    case "indexed-repeat": {
      const name = args[0];
      if (name?.kind !== "ref" || args.length % 2 === 0) return "";
      const steps: { repeat: string; n: number }[] = [];
      for (let k = 1; k + 1 < args.length; k += 2) {
        const repeat = args[k]!;
        if (repeat.kind !== "ref") return "";
        steps.push({ repeat: repeat.name, n: toNum(arg(k + 1)) });
      }
      return scope.indexed?.(name.name, steps) ?? "";
    }
  }
}
