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
export { evaluate } from "./expr-eval.ts";
export { fieldRefs, parseExpression } from "./expr-parse.ts";
export {
  type BinaryOp,
  EXPR_ERROR_CODES,
  EXPR_FUNCTIONS,
  EXPR_MAX_DEPTH,
  EXPR_MAX_LENGTH,
  type Expr,
  type ExprError,
  type ExprErrorCode,
  type ExprFunction,
  type ExprValue,
  type ParseOptions,
  type ParseResult,
  type Scope,
} from "./expr-syntax.ts";
export { dateToDays, daysToDate, toNum, toStr, truthy } from "./expr-values.ts";
