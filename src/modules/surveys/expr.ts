/**
 * The form expression language (issue 5): the subset of XLSForm / ODK XPath that relevance,
 * constraints, required, calculations and repeat counts are written in.
 *
 *   or        := and ("or" and)*
 *   and       := equality ("and" equality)*
 *   equality  := relational (("=" | "!=") relational)*
 *   relational:= additive (("<" | "<=" | ">" | ">=") additive)*
 *   additive  := mult (("+" | "-") mult)*
 *   mult      := unary (("*" | "div" | "mod") unary)*
 *   unary     := "-" unary | primary
 *   primary   := number | 'text' | "text" | ${name} | "." | "(" or ")" | fn "(" (or ("," or)*)? ")"
 *
 * Values follow XPath 1.0: empty answers are "", number("") is NaN and NaN compares false.
 * Dates are ISO strings ("2017-10-01"); in arithmetic and in < <= > >= they count as days since
 * 1970-01-01, so `today() - ${birth}` is an age in days and `${start} < today()` works.
 * An array (a select_multiple answer, or the values of a question across repeat instances)
 * reads as its items joined with spaces where one value is needed; selected(), count-selected(),
 * count() and sum() look at the items.
 *
 * This module runs on the server and in the browser (offline capture), so it uses nothing but
 * the language. Neither parsing nor evaluation throws on any input.
 */

export const EXPR_ERROR_CODES = [
  "empty",
  "unexpected_token",
  "unexpected_end",
  "unterminated_string",
  "unknown_function",
  "wrong_arity",
  "too_long",
  "too_deep",
] as const;
export type ExprErrorCode = (typeof EXPR_ERROR_CODES)[number];
/** `at`: 0-based index into the source where the reader should look; `detail`: the function name. */
export type ExprError = { code: ExprErrorCode; at: number; detail?: string };

export const EXPR_MAX_LENGTH = 2000;
export const EXPR_MAX_DEPTH = 64;

/** Functions with their arity [min, max] (max null: any number). */
export const EXPR_FUNCTIONS = {
  selected: [2, 2],
  "count-selected": [1, 1],
  "string-length": [1, 1],
  regex: [2, 2],
  today: [0, 0],
  if: [3, 3],
  not: [1, 1],
  int: [1, 1],
  number: [1, 1],
  round: [1, 2],
  coalesce: [2, 2],
  concat: [1, null],
  count: [1, 1],
  sum: [1, 1],
  date: [1, 1],
  true: [0, 0],
  false: [0, 0],
  string: [1, 1],
  boolean: [1, 1],
  contains: [2, 2],
  "starts-with": [2, 2],
} as const satisfies Record<string, readonly [number, number | null]>;
export type ExprFunction = keyof typeof EXPR_FUNCTIONS;

export type BinaryOp = "or" | "and" | "=" | "!=" | "<" | "<=" | ">" | ">=" | "+" | "-" | "*" | "div" | "mod";

export type Expr =
  | { kind: "number"; value: number }
  | { kind: "string"; value: string }
  | { kind: "ref"; name: string }
  | { kind: "self" }
  | { kind: "neg"; arg: Expr }
  | { kind: "binary"; op: BinaryOp; left: Expr; right: Expr }
  | { kind: "call"; fn: ExprFunction; args: Expr[] };

export type ExprValue = string | number | boolean | string[] | ExprValue[];

export type Scope = {
  /** The value of `${name}`; undefined when the form has no such name (reads as ""). */
  get(name: string): ExprValue | undefined;
  /** The value of `.` (the answer a constraint is checking). */
  self: ExprValue;
  /** today() as YYYY-MM-DD. */
  today: string;
};

export type ParseResult = { ok: true; expr: Expr } | { ok: false; error: ExprError };

// ---------------------------------------------------------------------------------------------
// Tokens

type Token =
  | { t: "number"; value: number; at: number }
  | { t: "string"; value: string; at: number }
  | { t: "ref"; name: string; at: number }
  | { t: "self"; at: number }
  | { t: "name"; name: string; at: number }
  | { t: "punct"; p: string; at: number }
  | { t: "end"; at: number };

class ParseFailure {
  readonly error: ExprError;
  constructor(error: ExprError) {
    this.error = error;
  }
}

const fail = (code: ExprErrorCode, at: number, detail?: string): never => {
  throw new ParseFailure(detail === undefined ? { code, at } : { code, at, detail });
};

const NUMBER = /[0-9]+(?:\.[0-9]*)?|\.[0-9]+/y;
const NAME = /[A-Za-z_][A-Za-z0-9_-]*/y;
/** XLSForm question names, as in types.ts. */
const FIELD_NAME = /^[A-Za-z_][A-Za-z0-9_.-]*$/;
const PUNCT = ["!=", "<=", ">=", "=", "<", ">", "+", "-", "*", "(", ")", ","];

function tokenize(src: string): Token[] {
  const tokens: Token[] = [];
  let pos = 0;
  while (pos < src.length) {
    const c = src[pos]!;
    if (/\s/.test(c)) {
      pos++;
      continue;
    }
    const at = pos;
    if (c === "'" || c === '"') {
      const close = src.indexOf(c, pos + 1);
      if (close < 0) fail("unterminated_string", at);
      tokens.push({ t: "string", value: src.slice(pos + 1, close), at });
      pos = close + 1;
      continue;
    }
    if (c === "$" && src[pos + 1] === "{") {
      const close = src.indexOf("}", pos + 2);
      if (close < 0) fail("unexpected_end", src.length);
      const name = src.slice(pos + 2, close).trim();
      if (!FIELD_NAME.test(name)) fail("unexpected_token", at);
      tokens.push({ t: "ref", name, at });
      pos = close + 1;
      continue;
    }
    NUMBER.lastIndex = pos;
    const num = NUMBER.exec(src);
    if (num) {
      tokens.push({ t: "number", value: Number(num[0]), at });
      pos += num[0].length;
      continue;
    }
    if (c === ".") {
      tokens.push({ t: "self", at });
      pos++;
      continue;
    }
    NAME.lastIndex = pos;
    const name = NAME.exec(src);
    if (name) {
      tokens.push({ t: "name", name: name[0], at });
      pos += name[0].length;
      continue;
    }
    const p = PUNCT.find((q) => src.startsWith(q, pos));
    if (!p) fail("unexpected_token", at);
    tokens.push({ t: "punct", p: p!, at });
    pos += p!.length;
  }
  tokens.push({ t: "end", at: src.length });
  return tokens;
}

// ---------------------------------------------------------------------------------------------
// Parser

const LEVELS: readonly (readonly BinaryOp[])[] = [
  ["or"],
  ["and"],
  ["=", "!="],
  ["<", "<=", ">", ">="],
  ["+", "-"],
  ["*", "div", "mod"],
];
const WORD_OPS = new Set<string>(["or", "and", "div", "mod"]);

function isFunction(name: string): name is ExprFunction {
  return Object.hasOwn(EXPR_FUNCTIONS, name);
}

export function parseExpression(src: string): ParseResult {
  try {
    if (typeof src !== "string" || src.trim() === "") return { ok: false, error: { code: "empty", at: 0 } };
    if (src.length > EXPR_MAX_LENGTH) {
      return { ok: false, error: { code: "too_long", at: EXPR_MAX_LENGTH } };
    }
    const tokens = tokenize(src);
    let i = 0;
    const peek = (): Token => tokens[i]!;
    const next = (): Token => tokens[i++]!;
    /** The operator at the current token, if it is one of `ops`. */
    const operator = (ops: readonly BinaryOp[]): BinaryOp | null => {
      const tok = peek();
      const op = tok.t === "punct" ? tok.p : tok.t === "name" && WORD_OPS.has(tok.name) ? tok.name : null;
      return op !== null && (ops as readonly string[]).includes(op) ? (op as BinaryOp) : null;
    };
    const unexpected = (tok: Token): never =>
      tok.t === "end" ? fail("unexpected_end", tok.at) : fail("unexpected_token", tok.at);
    const expectPunct = (p: string): void => {
      const tok = next();
      if (tok.t !== "punct" || tok.p !== p) unexpected(tok);
    };

    // Chains of one precedence level are loops (a left-deep tree), so only parentheses,
    // function calls and unary minus nest the parser — and those count toward the depth limit.
    const binary = (level: number, depth: number): Expr => {
      if (level === LEVELS.length) return unary(depth);
      let left = binary(level + 1, depth);
      for (;;) {
        const op = operator(LEVELS[level]!);
        if (!op) return left;
        next();
        const right = binary(level + 1, depth);
        left = { kind: "binary", op, left, right };
      }
    };
    const unary = (depth: number): Expr => {
      const tok = peek();
      if (depth > EXPR_MAX_DEPTH) fail("too_deep", tok.at);
      if (tok.t === "punct" && tok.p === "-") {
        next();
        return { kind: "neg", arg: unary(depth + 1) };
      }
      return primary(depth);
    };
    const primary = (depth: number): Expr => {
      const tok = next();
      switch (tok.t) {
        case "number":
          return { kind: "number", value: tok.value };
        case "string":
          return { kind: "string", value: tok.value };
        case "ref":
          return { kind: "ref", name: tok.name };
        case "self":
          return { kind: "self" };
        case "punct": {
          if (tok.p !== "(") return unexpected(tok);
          const inner = binary(0, depth + 1);
          expectPunct(")");
          return inner;
        }
        case "name": {
          const open = peek();
          if (open.t !== "punct" || open.p !== "(") return unexpected(open);
          if (!isFunction(tok.name)) return fail("unknown_function", tok.at, tok.name);
          next();
          const args: Expr[] = [];
          const close = peek();
          if (close.t === "punct" && close.p === ")") next();
          else {
            for (;;) {
              args.push(binary(0, depth + 1));
              const sep = next();
              if (sep.t === "punct" && sep.p === ")") break;
              if (sep.t !== "punct" || sep.p !== ",") unexpected(sep);
            }
          }
          const [min, max] = EXPR_FUNCTIONS[tok.name] as readonly [number, number | null];
          if (args.length < min || (max !== null && args.length > max)) {
            fail("wrong_arity", tok.at, tok.name);
          }
          return { kind: "call", fn: tok.name, args };
        }
        default:
          return unexpected(tok);
      }
    };

    const expr = binary(0, 1);
    const rest = peek();
    if (rest.t !== "end") unexpected(rest);
    return { ok: true, expr };
  } catch (e) {
    if (e instanceof ParseFailure) return { ok: false, error: e.error };
    // A stack overflow or anything unforeseen: report it at the start rather than throw.
    return { ok: false, error: { code: "too_deep", at: 0 } };
  }
}

/** The names used as `${…}`, each once, in the order they first appear. */
export function fieldRefs(expr: Expr): string[] {
  const seen = new Set<string>();
  const stack: Expr[] = [expr];
  while (stack.length > 0) {
    const e = stack.pop()!;
    switch (e.kind) {
      case "ref":
        seen.add(e.name);
        break;
      case "neg":
        stack.push(e.arg);
        break;
      case "binary":
        stack.push(e.right, e.left);
        break;
      case "call":
        for (let k = e.args.length - 1; k >= 0; k--) stack.push(e.args[k]!);
        break;
      default:
        break;
    }
  }
  return [...seen];
}

// ---------------------------------------------------------------------------------------------
// Values

const DATE = /^(\d{4})-(\d{2})-(\d{2})(?:T[0-9:.]*(?:Z|[+-]\d{2}:?\d{2})?)?$/;
const NUMERIC = /^\s*-?(?:\d+(?:\.\d*)?|\.\d+)\s*$/;
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
function items(v: ExprValue): string[] {
  if (Array.isArray(v)) return flatten(v).map(toStr);
  const s = toStr(v).trim();
  return s === "" ? [] : s.split(/\s+/);
}

function flatten(v: ExprValue[]): (string | number | boolean)[] {
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

function compare(op: BinaryOp, a: ExprValue, b: ExprValue): boolean {
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

function arithmetic(op: BinaryOp, a: number, b: number): number {
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
function round(x: number, digits: number | null): number {
  if (digits === null) return Math.round(x);
  if (!Number.isFinite(digits)) return Number.NaN;
  const n = Math.max(-15, Math.min(15, Math.trunc(digits)));
  const f = 10 ** n;
  return (Math.sign(x) * Math.round(Math.abs(x) * f)) / f;
}

// ---------------------------------------------------------------------------------------------
// Regular expressions
//
// Patterns come from form authors and run against answers anyone can type. A backtracking engine
// can take exponential time on patterns like (a+)+$, so regex() runs the pattern on a small
// Thompson-NFA (Pike VM) instead: time linear in answer length × pattern size, whatever the pattern.
// Single characters and character classes are still tested by the JavaScript engine (on one
// character, which cannot backtrack), so their syntax is exactly JavaScript's.
// Back references and look-around are not supported (regex() is false), nor are invalid patterns,
// patterns that compile to more than REGEX_MAX_PROGRAM instructions (counted repetitions are
// unrolled: a{0,2000} is fine, (a{0,100}){100} is not), and answers longer than REGEX_MAX_INPUT.

/** A compiled pattern: instructions for the Pike VM, and whether it works on code points. */
type Program = { code: Inst[]; unicode: boolean };
type Inst =
  | { op: "char"; test: RegExp }
  | { op: "split"; x: number; y: number }
  | { op: "jmp"; x: number }
  | { op: "assert"; kind: "^" | "$" | "b" | "B" }
  | { op: "match" };
type RxNode =
  | { t: "char"; test: RegExp }
  | { t: "assert"; kind: "^" | "$" | "b" | "B" }
  | { t: "cat"; items: RxNode[] }
  | { t: "alt"; options: RxNode[] }
  | { t: "rep"; node: RxNode; min: number; max: number | null };

const REGEX_MAX_PROGRAM = 5_000;
const REGEX_MAX_INPUT = 4_000;
const REGEX_CACHE_SIZE = 200;
const regexCache = new Map<string, Program | null>();

class RegexUnsupported {}

function parseRegex(pattern: string, unicode: boolean): RxNode {
  let pos = 0;
  const flags = unicode ? "u" : "";
  const single = (src: string): RxNode => ({ t: "char", test: new RegExp(`^(?:${src})$`, flags) });
  const codePoint = (): string => {
    const cp = unicode ? pattern.codePointAt(pos)! : pattern.charCodeAt(pos);
    return String.fromCodePoint(cp);
  };
  const alt = (): RxNode => {
    const options = [cat()];
    while (pattern[pos] === "|") {
      pos++;
      options.push(cat());
    }
    return options.length === 1 ? options[0]! : { t: "alt", options };
  };
  const cat = (): RxNode => {
    const items: RxNode[] = [];
    while (pos < pattern.length && pattern[pos] !== "|" && pattern[pos] !== ")") items.push(quantified());
    return { t: "cat", items };
  };
  const quantified = (): RxNode => {
    let node = atom();
    for (;;) {
      const c = pattern[pos];
      let min: number;
      let max: number | null;
      if (c === "*" || c === "+" || c === "?") {
        pos++;
        [min, max] = c === "*" ? [0, null] : c === "+" ? [1, null] : [0, 1];
      } else {
        const m = c === "{" ? /^\{(\d+)(,(\d*))?\}/.exec(pattern.slice(pos)) : null;
        if (!m) return node;
        pos += m[0].length;
        min = Number(m[1]);
        max = m[2] === undefined ? min : m[3] === "" ? null : Number(m[3]);
      }
      if (pattern[pos] === "?") pos++; // lazy: the same for "is there a match"
      node = { t: "rep", node, min, max };
    }
  };
  const atom = (): RxNode => {
    const c = pattern[pos]!;
    if (c === "(") {
      pos++;
      if (pattern.startsWith("?:", pos)) pos += 2;
      else if (/^\?<[A-Za-z_$][\w$]*>/.test(pattern.slice(pos))) pos = pattern.indexOf(">", pos) + 1;
      else if (pattern[pos] === "?") throw new RegexUnsupported();
      const inner = alt();
      if (pattern[pos] !== ")") throw new RegexUnsupported();
      pos++;
      return inner;
    }
    if (c === "[") {
      const start = pos;
      pos++;
      while (pos < pattern.length && pattern[pos] !== "]") pos += pattern[pos] === "\\" ? 2 : 1;
      pos++;
      return single(pattern.slice(start, pos));
    }
    if (c === "^" || c === "$") {
      pos++;
      return { t: "assert", kind: c };
    }
    if (c === "\\") {
      const e = pattern[pos + 1] ?? "";
      if (e === "b" || e === "B") {
        pos += 2;
        return { t: "assert", kind: e };
      }
      if (/[1-9k]/.test(e)) throw new RegexUnsupported();
      const rest = pattern.slice(pos);
      const m =
        /^\\[pP]\{[^}]*\}/.exec(rest) ??
        /^\\u\{[0-9A-Fa-f]+\}/.exec(rest) ??
        /^\\u[0-9A-Fa-f]{4}/.exec(rest) ??
        /^\\x[0-9A-Fa-f]{2}/.exec(rest) ??
        /^\\c[A-Za-z]/.exec(rest) ??
        /^\\0/.exec(rest);
      const src = m ? m[0] : `\\${unicode ? String.fromCodePoint(pattern.codePointAt(pos + 1) ?? 0) : e}`;
      pos += src.length;
      return single(src);
    }
    if (c === ")" || c === "*" || c === "+" || c === "?") throw new RegexUnsupported();
    const ch = codePoint();
    pos += ch.length;
    return single(c === "." ? "." : ch.replace(/[\\^$.*+?()[\]{}|]/g, "\\$&"));
  };
  const node = alt();
  if (pos < pattern.length) throw new RegexUnsupported();
  return node;
}

function compileProgram(node: RxNode): Inst[] {
  const code: Inst[] = [];
  const push = (inst: Inst): number => {
    if (code.length >= REGEX_MAX_PROGRAM) throw new RegexUnsupported();
    code.push(inst);
    return code.length - 1;
  };
  const emit = (n: RxNode): void => {
    switch (n.t) {
      case "char":
        push({ op: "char", test: n.test });
        return;
      case "assert":
        push({ op: "assert", kind: n.kind });
        return;
      case "cat":
        for (const item of n.items) emit(item);
        return;
      case "alt": {
        const jumps: number[] = [];
        n.options.forEach((option, k) => {
          if (k < n.options.length - 1) {
            const split = push({ op: "split", x: 0, y: 0 });
            (code[split] as { x: number }).x = code.length;
            emit(option);
            jumps.push(push({ op: "jmp", x: 0 }));
            (code[split] as { y: number }).y = code.length;
          } else emit(option);
        });
        for (const j of jumps) (code[j] as { x: number }).x = code.length;
        return;
      }
      case "rep": {
        for (let k = 0; k < n.min; k++) emit(n.node);
        if (n.max === null) {
          const split = push({ op: "split", x: 0, y: 0 });
          (code[split] as { x: number }).x = code.length;
          emit(n.node);
          push({ op: "jmp", x: split });
          (code[split] as { y: number }).y = code.length;
        } else {
          for (let k = n.min; k < n.max; k++) {
            const split = push({ op: "split", x: 0, y: 0 });
            (code[split] as { x: number }).x = code.length;
            emit(n.node);
            (code[split] as { y: number }).y = code.length;
          }
        }
        return;
      }
    }
  };
  emit(node);
  push({ op: "match" });
  return code;
}

function compileRegex(pattern: string): Program | null {
  const cached = regexCache.get(pattern);
  if (cached !== undefined) return cached;
  let program: Program | null = null;
  if (pattern.length <= EXPR_MAX_LENGTH) {
    for (const unicode of [true, false]) {
      try {
        new RegExp(pattern, unicode ? "u" : ""); // syntax check by the real engine
      } catch {
        continue;
      }
      try {
        program = { code: compileProgram(parseRegex(pattern, unicode)), unicode };
      } catch {
        program = null;
      }
      break;
    }
  }
  if (regexCache.size >= REGEX_CACHE_SIZE) regexCache.delete(regexCache.keys().next().value!);
  regexCache.set(pattern, program);
  return program;
}

const WORD_CHAR = /^[A-Za-z0-9_]$/;

/** Pike VM: is there a match starting anywhere in `chars`? */
function runProgram({ code }: Program, chars: string[]): boolean {
  const seen = new Int32Array(code.length).fill(-1);
  let current: number[] = [];
  let generation = 0;
  const isWord = (k: number) => k >= 0 && k < chars.length && WORD_CHAR.test(chars[k]!);
  /** Follows jumps, splits and assertions from `pc` at position `at`, adding char/match threads. */
  const add = (list: number[], pc: number, at: number): boolean => {
    const stack = [pc];
    while (stack.length > 0) {
      const p = stack.pop()!;
      if (seen[p] === generation) continue;
      seen[p] = generation;
      const inst = code[p]!;
      switch (inst.op) {
        case "match":
          return true;
        case "char":
          list.push(p);
          break;
        case "jmp":
          stack.push(inst.x);
          break;
        case "split":
          stack.push(inst.y, inst.x);
          break;
        case "assert": {
          const ok =
            inst.kind === "^"
              ? at === 0
              : inst.kind === "$"
                ? at === chars.length
                : (isWord(at - 1) !== isWord(at)) === (inst.kind === "b");
          if (ok) stack.push(p + 1);
          break;
        }
      }
    }
    return false;
  };
  for (let at = 0; at <= chars.length; at++) {
    if (add(current, 0, at)) return true;
    if (at === chars.length) break;
    const ch = chars[at]!;
    const next: number[] = [];
    generation++;
    for (const p of current) {
      const inst = code[p]!;
      if (inst.op === "char" && inst.test.test(ch) && add(next, p + 1, at + 1)) return true;
    }
    current = next;
  }
  return false;
}

/** ODK regex(): does the pattern match somewhere in the text. Invalid or unsupported patterns: false. */
function regexTest(text: string, pattern: string): boolean {
  if (text.length > REGEX_MAX_INPUT) return false;
  const program = compileRegex(pattern);
  if (!program) return false;
  return runProgram(program, program.unicode ? Array.from(text) : text.split(""));
}

// ---------------------------------------------------------------------------------------------
// Evaluation

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
  }
}
