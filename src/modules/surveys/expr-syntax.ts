/**
 * The form expression language's syntax: error codes, functions with their arity, the tree a
 * parse gives, values and the scope an evaluation reads from (see `expr.ts`).
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
  min: [1, null],
  max: [1, null],
  sqrt: [1, 1],
  pow: [2, 2],
  join: [1, null],
  position: [0, 1],
  "indexed-repeat": [3, 7],
} as const satisfies Record<string, readonly [number, number | null]>;
export type ExprFunction = keyof typeof EXPR_FUNCTIONS;

export type BinaryOp = "or" | "and" | "=" | "!=" | "<" | "<=" | ">" | ">=" | "+" | "-" | "*" | "div" | "mod";

export type Expr =
  | { kind: "number"; value: number }
  | { kind: "string"; value: string }
  | { kind: "ref"; name: string }
  | { kind: "self" }
  /** `..`: the enclosing repeat instance (only `position(..)` reads it). */
  | { kind: "parent" }
  /** A bare name in a choice_filter: that column of the choice being filtered. */
  | { kind: "column"; name: string }
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
  /** Inside a repeat instance: its 1-based position (`position(..)`). */
  position?: number;
  /**
   * `indexed-repeat(${name}, ${repeat}, n[, ${inner}, m[, ${innermost}, k]])`: the answer to
   * `name` in the n-th instance of `repeat` (and the m-th of `inner` in it …); a repeat not named
   * is the instance the expression sits in.
   */
  indexed?(name: string, steps: { repeat: string; n: number }[]): ExprValue | undefined;
  /** In a choice_filter: a column of the choice being filtered ("name", "label" or the sheet's own). */
  column?(name: string): ExprValue | undefined;
};

/** Options of a parse: `columns` lets bare names stand for choice columns (choice_filter). */
export type ParseOptions = { columns?: boolean };

export type ParseResult = { ok: true; expr: Expr } | { ok: false; error: ExprError };
