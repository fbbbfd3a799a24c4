import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  EXPR_ERROR_CODES,
  EXPR_FUNCTIONS,
  EXPR_MAX_DEPTH,
  EXPR_MAX_LENGTH,
  type Expr,
  type ExprValue,
  evaluate,
  fieldRefs,
  parseExpression,
  type Scope,
  truthy,
} from "./expr.ts";

const parsed = (src: string): Expr => {
  const r = parseExpression(src);
  if (!r.ok) throw new Error(`did not parse: ${src} (${r.error.code} at ${r.error.at})`);
  return r.expr;
};

const values: Record<string, ExprValue> = {
  birth: "1990-06-15",
  start: "2017-10-01",
  langs: ["ar", "de"],
  none: [],
  n: "12",
  x: 2.5,
  empty: "",
  name: "Amira",
  ages: [34, 31, "", 7],
  members: ["a", "b", "c"],
};
const scope = (self: ExprValue = "", extra: Record<string, ExprValue> = {}): Scope => ({
  get: (name) => extra[name] ?? values[name],
  self,
  today: "2026-11-21",
});
const run = (src: string, self: ExprValue = "", extra: Record<string, ExprValue> = {}) =>
  evaluate(parsed(src), scope(self, extra));

describe("parseExpression", () => {
  it("respects XPath precedence: or < and < = < relational < additive < multiplicative < unary", () => {
    expect(run("1 + 2 * 3")).toBe(7);
    expect(run("(1 + 2) * 3")).toBe(9);
    expect(run("10 - 4 - 3")).toBe(3);
    expect(run("7 div 2 * 2")).toBe(7);
    expect(run("-2 * -3")).toBe(6);
    expect(run("1 < 2 = 2 > 1")).toBe(true);
    expect(run("1 = 2 or 1 = 1 and 2 = 2")).toBe(true);
    expect(run("1 = 1 or 1 = 2 and 2 = 3")).toBe(true);
    expect(parsed("1 or 2 and 3")).toEqual({
      kind: "binary",
      op: "or",
      left: { kind: "number", value: 1 },
      right: {
        kind: "binary",
        op: "and",
        left: { kind: "number", value: 2 },
        right: { kind: "number", value: 3 },
      },
    });
  });

  it("reads refs, self, both quote styles, decimals and word operators without spaces around symbols", () => {
    expect(parsed("${a}")).toEqual({ kind: "ref", name: "a" });
    expect(parsed(" . ")).toEqual({ kind: "self" });
    expect(run(`concat('say "hi"', "it's")`)).toBe(`say "hi"it's`);
    expect(run(".5+1.25")).toBe(1.75);
    expect(run("7 mod 3")).toBe(1);
    expect(run("${n}-2")).toBe(10);
    expect(run("${hh.size_1}", "", { "hh.size_1": "3" })).toBe("3");
  });

  it("gives each error with its code and position", () => {
    const err = (src: string) => {
      const r = parseExpression(src);
      return r.ok ? null : r.error;
    };
    expect(err("")).toEqual({ code: "empty", at: 0 });
    expect(err("   ")).toEqual({ code: "empty", at: 0 });
    expect(err("1 +")).toEqual({ code: "unexpected_end", at: 3 });
    expect(err("(1 + 2")).toEqual({ code: "unexpected_end", at: 6 });
    expect(err("1 2")).toEqual({ code: "unexpected_token", at: 2 });
    expect(err("${a} = 'x")).toEqual({ code: "unterminated_string", at: 7 });
    expect(err("${a} # 1")).toEqual({ code: "unexpected_token", at: 5 });
    expect(err("${1a} = 1")).toEqual({ code: "unexpected_token", at: 0 });
    expect(err("${a")).toEqual({ code: "unexpected_end", at: 3 });
    expect(err("${a} and foo")).toEqual({ code: "unexpected_end", at: 12 });
    expect(err("foo(${a})")).toEqual({ code: "unknown_function", at: 0, detail: "foo" });
    expect(err("1 + selected(${a})")).toEqual({ code: "wrong_arity", at: 4, detail: "selected" });
    expect(err("today(1)")).toEqual({ code: "wrong_arity", at: 0, detail: "today" });
    expect(err("concat()")).toEqual({ code: "wrong_arity", at: 0, detail: "concat" });
    expect(err("not(1,)")).toEqual({ code: "unexpected_token", at: 6 });
    expect(err("constructor(1)")).toEqual({ code: "unknown_function", at: 0, detail: "constructor" });
    expect(err("x".repeat(EXPR_MAX_LENGTH + 1))).toEqual({ code: "too_long", at: EXPR_MAX_LENGTH });
  });

  it("limits nesting to 64 but allows long flat chains", () => {
    const nested = (n: number) => `${"(".repeat(n)}1${")".repeat(n)}`;
    expect(parseExpression(nested(EXPR_MAX_DEPTH - 1)).ok).toBe(true);
    const deep = parseExpression(nested(EXPR_MAX_DEPTH + 1));
    expect(deep.ok ? null : deep.error.code).toBe("too_deep");
    const negs = parseExpression(`${"-".repeat(200)}1`);
    expect(negs.ok ? null : negs.error.code).toBe("too_deep");
    const calls = parseExpression(`${"not(".repeat(100)}1${")".repeat(100)}`);
    expect(calls.ok ? null : calls.error.code).toBe("too_deep");
    const flat = Array.from({ length: 600 }, () => "1").join("+");
    expect(run(flat)).toBe(600);
  });

  it("never throws on any string, and errors point into the source", () => {
    const alphabet = fc.constantFrom(..."${}()'\"., +-*=!<>aboridvmnt_x0123456789".split(""));
    const tokens = fc.constantFrom(
      "${a}",
      "${b}",
      ".",
      "'s'",
      "1",
      "2.5",
      " or ",
      " and ",
      " div ",
      " mod ",
      "=",
      "!=",
      "<",
      "<=",
      "+",
      "-",
      "*",
      "(",
      ")",
      ",",
      ...Object.keys(EXPR_FUNCTIONS).map((f) => `${f}(`),
    );
    const sources = fc.oneof(
      fc.string({ maxLength: 80 }),
      fc.string({ unit: alphabet, maxLength: 80 }),
      fc.array(tokens, { maxLength: 30 }).map((t) => t.join("")),
    );
    fc.assert(
      fc.property(sources, (src) => {
        const r = parseExpression(src);
        if (!r.ok) {
          expect(EXPR_ERROR_CODES).toContain(r.error.code);
          expect(r.error.at).toBeGreaterThanOrEqual(0);
          expect(r.error.at).toBeLessThanOrEqual(src.length);
        }
      }),
      { numRuns: 2000 },
    );
  });
});

describe("fieldRefs", () => {
  it("lists each name once in source order", () => {
    expect(fieldRefs(parsed("${b} + if(${a} > 1, ${c}, ${b}) - count(${d}) * ${a}"))).toEqual([
      "b",
      "a",
      "c",
      "d",
    ]);
    expect(fieldRefs(parsed(". > 3"))).toEqual([]);
  });
});

describe("evaluate", () => {
  it("computes an age from a birth date and compares dates with date strings", () => {
    expect(run("int((today() - ${birth}) div 365.25)")).toBe(36);
    expect(run("${birth} < today()")).toBe(true);
    expect(run("${start} >= '2017-10-01' and ${start} < '2017-11-01'")).toBe(true);
    expect(run("today() - ${start}")).toBe(3338);
    expect(run("date(${start} + 31)")).toBe("2017-11-01");
    expect(run("date(today())")).toBe("2026-11-21");
    expect(run("date('2017-02-30')")).toBe("");
    expect(run("${start} = '2017-10-01'")).toBe(true);
  });

  it("treats empty answers as XPath does", () => {
    expect(run("${empty} = ''")).toBe(true);
    expect(run("${empty} > 3")).toBe(false);
    expect(run("${empty} < 3")).toBe(false);
    expect(run("${empty} != 3")).toBe(true);
    expect(Number.isNaN(run("number(${empty})"))).toBe(true);
    expect(run("${unknown_name} = ''")).toBe(true);
    expect(run("selected(${empty}, 'x')")).toBe(false);
    expect(run("selected(${none}, 'x')")).toBe(false);
    expect(run("count-selected(${empty})")).toBe(0);
    expect(run("string-length(${empty})")).toBe(0);
  });

  it("reads select_multiple answers as lists and as space-joined text", () => {
    expect(run("selected(${langs}, 'de')")).toBe(true);
    expect(run("selected(${langs}, 'fa')")).toBe(false);
    expect(run("selected('ar de', 'ar')")).toBe(true);
    expect(run("count-selected(${langs})")).toBe(2);
    expect(run("string(${langs})")).toBe("ar de");
    expect(run("selected(., 'other')", ["other"])).toBe(true);
  });

  it("counts repeats and sums values across them, skipping empty answers", () => {
    expect(run("count(${members})")).toBe(3);
    expect(run("count(${none})")).toBe(0);
    expect(run("count(${empty})")).toBe(0);
    expect(run("sum(${ages})")).toBe(72);
    expect(run("sum(${n})")).toBe(12);
    expect(Number.isNaN(run("sum(${members})"))).toBe(true);
  });

  it("implements the remaining functions", () => {
    expect(run("if(${x} > 2, 'big', 'small')")).toBe("big");
    expect(run("not(${empty})")).toBe(true);
    expect(run("int(-2.7)")).toBe(-2);
    expect(run("number(' 4.5 ')")).toBe(4.5);
    expect(run("round(2.5)")).toBe(3);
    expect(run("round(-2.5)")).toBe(-2);
    expect(run("round(1.005 * 1000, -1)")).toBe(1010);
    expect(run("round(-1.25, 1)")).toBe(-1.3);
    expect(run("coalesce(${empty}, 'fallback')")).toBe("fallback");
    expect(run("coalesce(${name}, 'fallback')")).toBe("Amira");
    expect(run("concat(${name}, ' (', ${n}, ')')")).toBe("Amira (12)");
    expect(run("string-length('شكرا')")).toBe(4);
    expect(run("true() and not(false())")).toBe(true);
    expect(run("string(1 div 4)")).toBe("0.25");
    expect(run("string(3 = 3)")).toBe("true");
    expect(run("boolean('0')")).toBe(true);
    expect(run("boolean(0)")).toBe(false);
    expect(run("contains(${name}, 'mir')")).toBe(true);
    expect(run("starts-with(${name}, 'mir')")).toBe(false);
    expect(run(". * 2", "21")).toBe(42);
    expect(run("1 div 0")).toBe(Number.POSITIVE_INFINITY);
    expect(run("string(0 div 0)")).toBe("NaN");
  });

  it("compares booleans, numbers and strings by XPath rules", () => {
    expect(run("${n} = 12")).toBe(true);
    expect(run("${n} = '12'")).toBe(true);
    expect(run("${n} = '12.0'")).toBe(false);
    expect(run("12 = '12.0'")).toBe(true);
    expect(run("true() = 'x'")).toBe(true);
    expect(run("false() = ''")).toBe(true);
    expect(run("'abc' < 'abd'")).toBe(false);
  });

  it("matches regular expressions anywhere in the answer (as ODK), in linear time", () => {
    expect(run("regex(., '^[0-9]{5}$')", "44532")).toBe(true);
    expect(run("regex(., '^[0-9]{5}$')", "4453")).toBe(false);
    expect(run("regex(., 'mir')", "Amira")).toBe(true);
    expect(run("regex(., '^\\p{L}+$')", "Ünal")).toBe(true);
    expect(run("regex(., '^\\p{L}+$')", "Ünal1")).toBe(false);
    expect(run("regex(., '^(\\+|00)?[0-9 ]+$')", "+49 2306 123")).toBe(true);
    expect(run("regex(., '^[\\w.]+@\\w+(\\.\\w+)+$')", "a.b@luenen.de")).toBe(true);
    expect(run("regex(., '^[\\w.]+@\\w+(\\.\\w+)+$')", "a.b@luenen")).toBe(false);
    expect(run("regex(., '^\\d{3}-\\d{4}/[a-z]$')", "123-4567/x")).toBe(true);
    expect(run("regex(., '^[0-9]{2}[.][0-9]{2}[.][0-9]{4}$')", "15.06.1990")).toBe(true);
    expect(run("regex(., '^[0-9]{2}[.][0-9]{2}[.][0-9]{4}$')", "15-06-1990")).toBe(false);
    expect(run("regex(., 'a|b|cd')", "xcd")).toBe(true);
    expect(run("regex(., '^(?:ab){2,3}$')", "ababab")).toBe(true);
    expect(run("regex(., '^(?:ab){2,3}$')", "abababab")).toBe(false);
    expect(run("regex(., '\\bword\\b')", "a word here")).toBe(true);
    expect(run("regex(., '\\bword\\b')", "swordfish")).toBe(false);
    expect(run("regex(., '^[^]$')", "\n")).toBe(true);
    expect(run("regex(., '^.$')", "\n")).toBe(false);
    expect(run("regex(., '[')", "[")).toBe(false); // invalid pattern
    expect(run("regex(., '(a)\\1')", "aa")).toBe(false); // back references are not supported
    expect(run("regex(., 'a(?=b)')", "ab")).toBe(false); // nor look-around
    // Exponential for a backtracking engine; here it answers at once.
    expect(run("regex(., '^(a+)+$')", `${"a".repeat(3000)}b`)).toBe(false);
    expect(run("regex(., '^(a|a)*$')", "a".repeat(3000))).toBe(true);
    expect(run("regex(., '^(\\w+\\s?)*$')", `${"word ".repeat(400)}!`)).toBe(false);
    // Limits: answers up to 4,000 characters, patterns up to 5,000 instructions.
    expect(run("regex(., 'a')", "a".repeat(4001))).toBe(false);
    expect(run("regex(., '^a{0,2000}$')", "aaa")).toBe(true);
    expect(run("regex(., '^(?:a{0,100}){100}$')", "aaa")).toBe(false);
  });

  it("agrees with the JavaScript engine on simple patterns", () => {
    const atoms = fc.constantFrom(
      "a",
      "b",
      "-",
      "/",
      ".",
      "[ab]",
      "[^a]",
      "\\d",
      "\\w",
      "\\s",
      "(a|b)",
      "(?:ab)",
      "x",
    );
    const quant = fc.constantFrom("", "*", "+", "?", "{2}", "{1,2}", "{0,}", "*?");
    const pattern = fc
      .tuple(fc.boolean(), fc.array(fc.tuple(atoms, quant), { minLength: 1, maxLength: 5 }), fc.boolean())
      .map(
        ([start, parts, end]) =>
          `${start ? "^" : ""}${parts.map(([a, q]) => a + q).join("")}${end ? "$" : ""}`,
      );
    const text = fc.string({ unit: fc.constantFrom("a", "b", "x", "1", " ", "-", "/", "ü"), maxLength: 8 });
    fc.assert(
      fc.property(pattern, text, (p, t) => {
        const expected = new RegExp(p, "u").test(t);
        expect(run(`regex(., '${p}')`, t)).toBe(expected);
      }),
      { numRuns: 1500 },
    );
  });

  it("never throws on any parsed expression with any scope", () => {
    const value: fc.Arbitrary<ExprValue> = fc.letrec<{ v: ExprValue }>((tie) => ({
      v: fc.oneof(
        { depthSize: "small" },
        fc.string({ maxLength: 12 }),
        fc.constantFrom("", "2020-02-29", "2021-02-29", "12", "-0.5", "yes", "a b", "NaN", "Infinity"),
        fc.double(),
        fc.boolean(),
        fc.array(fc.string({ maxLength: 5 }), { maxLength: 4 }),
        fc.array(tie("v"), { maxLength: 3 }),
      ),
    })).v;
    const tokens = fc.constantFrom(
      "${a}",
      "${b}",
      "${c}",
      ".",
      "'2020-01-01'",
      "'(a+)+$'",
      "'['",
      "1",
      "0",
      "365.25",
      " or ",
      " and ",
      " div ",
      " mod ",
      "=",
      "!=",
      "<",
      ">=",
      "+",
      "-",
      "*",
      "(",
      ")",
      ",",
      ...Object.keys(EXPR_FUNCTIONS).map((f) => `${f}(`),
    );
    const exprs = fc
      .array(tokens, { minLength: 1, maxLength: 25 })
      .map((t) => parseExpression(t.join("")))
      .filter((r) => r.ok)
      .map((r) => (r.ok ? r.expr : { kind: "self" as const }));
    fc.assert(
      fc.property(
        exprs,
        fc.dictionary(fc.constantFrom("a", "b", "c"), value),
        value,
        fc.constantFrom("2026-11-21", "", "garbage"),
        (expr, vars, self, today) => {
          const result = evaluate(expr, { get: (n) => vars[n], self, today });
          expect(["string", "number", "boolean", "object"]).toContain(typeof result);
          expect(typeof truthy(result)).toBe("boolean");
        },
      ),
      { numRuns: 3000 },
    );
  });

  it("does not throw when the scope itself misbehaves", () => {
    const hostile: Scope = {
      get: () => {
        throw new Error("boom");
      },
      self: "",
      today: "2026-11-21",
    };
    expect(evaluate(parsed("${a} + 1"), hostile)).toBe("");
  });
});

describe("truthy", () => {
  it("is XPath boolean()", () => {
    expect(truthy("")).toBe(false);
    expect(truthy("false")).toBe(true);
    expect(truthy(0)).toBe(false);
    expect(truthy(Number.NaN)).toBe(false);
    expect(truthy(-1)).toBe(true);
    expect(truthy([])).toBe(false);
    expect(truthy([""])).toBe(true);
    expect(truthy(false)).toBe(false);
  });
});
