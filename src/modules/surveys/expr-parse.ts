/**
 * Tokenizer and recursive-descent parser of the form expression language (grammar in `expr.ts`).
 * Never throws: every problem comes back as an ExprError with its position.
 */
import {
  type BinaryOp,
  EXPR_FUNCTIONS,
  EXPR_MAX_DEPTH,
  EXPR_MAX_LENGTH,
  type Expr,
  type ExprError,
  type ExprErrorCode,
  type ExprFunction,
  type ParseOptions,
  type ParseResult,
} from "./expr-syntax.ts";

type Token =
  | { t: "number"; value: number; at: number }
  | { t: "string"; value: string; at: number }
  | { t: "ref"; name: string; at: number }
  | { t: "self"; at: number }
  | { t: "parent"; at: number }
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
    if (c === "." && src[pos + 1] === ".") {
      tokens.push({ t: "parent", at });
      pos += 2;
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

export function parseExpression(src: string, options: ParseOptions = {}): ParseResult {
  try {
    if (typeof src !== "string" || src.trim() === "") return { ok: false, error: { code: "empty", at: 0 } };
    if (src.length > EXPR_MAX_LENGTH) {
      return { ok: false, error: { code: "too_long", at: EXPR_MAX_LENGTH } };
    }
    const parser = new Parser(tokenize(src), options.columns === true);
    const expr = parser.binary(0, 1);
    const rest = parser.peek();
    if (rest.t !== "end") parser.unexpected(rest);
    return { ok: true, expr };
  } catch (e) {
    if (e instanceof ParseFailure) return { ok: false, error: e.error };
    // A stack overflow or anything unforeseen: report it at the start rather than throw.
    return { ok: false, error: { code: "too_deep", at: 0 } };
  }
}

/**
 * Recursive descent over the tokens. Chains of one precedence level are loops (a left-deep
 * tree), so only parentheses, function calls and unary minus nest the parser — and those count
 * toward the depth limit.
 */
class Parser {
  private i = 0;
  private readonly tokens: Token[];
  private readonly columns: boolean;
  constructor(tokens: Token[], columns: boolean) {
    this.tokens = tokens;
    this.columns = columns;
  }

  peek(): Token {
    return this.tokens[this.i]!;
  }

  private next(): Token {
    return this.tokens[this.i++]!;
  }

  unexpected(tok: Token): never {
    return tok.t === "end" ? fail("unexpected_end", tok.at) : fail("unexpected_token", tok.at);
  }

  /** The operator at the current token, if it is one of `ops`. */
  private operator(ops: readonly BinaryOp[]): BinaryOp | null {
    const tok = this.peek();
    const op = tok.t === "punct" ? tok.p : tok.t === "name" && WORD_OPS.has(tok.name) ? tok.name : null;
    return op !== null && (ops as readonly string[]).includes(op) ? (op as BinaryOp) : null;
  }

  private expectPunct(p: string): void {
    const tok = this.next();
    if (tok.t !== "punct" || tok.p !== p) this.unexpected(tok);
  }

  binary(level: number, depth: number): Expr {
    if (level === LEVELS.length) return this.unary(depth);
    let left = this.binary(level + 1, depth);
    for (;;) {
      const op = this.operator(LEVELS[level]!);
      if (!op) return left;
      this.next();
      const right = this.binary(level + 1, depth);
      left = { kind: "binary", op, left, right };
    }
  }

  private unary(depth: number): Expr {
    const tok = this.peek();
    if (depth > EXPR_MAX_DEPTH) fail("too_deep", tok.at);
    if (tok.t === "punct" && tok.p === "-") {
      this.next();
      return { kind: "neg", arg: this.unary(depth + 1) };
    }
    return this.primary(depth);
  }

  private primary(depth: number): Expr {
    const tok = this.next();
    switch (tok.t) {
      case "number":
        return { kind: "number", value: tok.value };
      case "string":
        return { kind: "string", value: tok.value };
      case "ref":
        return { kind: "ref", name: tok.name };
      case "self":
        return { kind: "self" };
      case "parent":
        return { kind: "parent" };
      case "punct": {
        if (tok.p !== "(") return this.unexpected(tok);
        const inner = this.binary(0, depth + 1);
        this.expectPunct(")");
        return inner;
      }
      case "name":
        return this.call(tok, depth);
      default:
        return this.unexpected(tok);
    }
  }

  /** `fn(arg, …)`: a known function with the number of arguments it takes. */
  private call(tok: Token & { t: "name" }, depth: number): Expr {
    const open = this.peek();
    const isCall = open.t === "punct" && open.p === "(";
    if (!isCall && this.columns && !WORD_OPS.has(tok.name)) return { kind: "column", name: tok.name };
    if (!isCall) return this.unexpected(open);
    if (!isFunction(tok.name)) return fail("unknown_function", tok.at, tok.name);
    this.next();
    const args: Expr[] = [];
    const close = this.peek();
    if (close.t === "punct" && close.p === ")") this.next();
    else {
      for (;;) {
        args.push(this.binary(0, depth + 1));
        const sep = this.next();
        if (sep.t === "punct" && sep.p === ")") break;
        if (sep.t !== "punct" || sep.p !== ",") this.unexpected(sep);
      }
    }
    const [min, max] = EXPR_FUNCTIONS[tok.name] as readonly [number, number | null];
    if (args.length < min || (max !== null && args.length > max)) {
      fail("wrong_arity", tok.at, tok.name);
    }
    return { kind: "call", fn: tok.name, args };
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
