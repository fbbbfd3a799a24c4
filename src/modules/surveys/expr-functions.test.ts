// biome-ignore-all lint/suspicious/noTemplateCurlyInString: XLSForm expressions refer to fields as ${name}
/**
 * The functions of ODK XPath that real XLSForms use beyond the first subset: min, max, sqrt, pow,
 * join, position(..) and indexed-repeat (decision 035).
 */
import { describe, expect, it } from "vitest";
import { checkAnswers } from "./engine.ts";
import { type ExprValue, evaluate, parseExpression, type Scope } from "./expr.ts";
import type { FormDefinition } from "./types.ts";

const values: Record<string, ExprValue> = { a: 3, b: "7", ages: [34, 31, 7], langs: ["ar", "de"], empty: "" };
const scope: Scope = { get: (n) => values[n], self: "", today: "2026-03-01" };
const run = (src: string) => {
  const r = parseExpression(src);
  if (!r.ok) throw new Error(`did not parse: ${src} (${r.error.code})`);
  return evaluate(r.expr, scope);
};

describe("functions", () => {
  it("min and max over values and node-sets; NaN when one is not a number", () => {
    expect(run("min(${a}, ${b}, 5)")).toBe(3);
    expect(run("max(${ages})")).toBe(34);
    expect(run("min(${ages}, 2)")).toBe(2);
    expect(run("max(${a}, 'x')")).toBeNaN();
    expect(run("max(${empty})")).toBeNaN();
  });

  it("sqrt and pow", () => {
    expect(run("sqrt(16)")).toBe(4);
    expect(run("pow(${a}, 2)")).toBe(9);
    expect(run("sqrt(-1)")).toBeNaN();
  });

  it("join with a separator over values and node-sets", () => {
    expect(run("join(', ', ${langs}, 'fa')")).toBe("ar, de, fa");
    expect(run("join('-', ${ages})")).toBe("34-31-7");
  });

  it("refuses a wrong number of arguments", () => {
    expect(parseExpression("pow(2)")).toMatchObject({ ok: false, error: { code: "wrong_arity" } });
    expect(parseExpression("indexed-repeat(${a}, ${b})")).toMatchObject({
      ok: false,
      error: { code: "wrong_arity" },
    });
  });
});

describe("functions over repeats", () => {
  const def: FormDefinition = {
    formId: "household",
    title: { de: "Haushalt" },
    defaultLanguage: "de",
    languages: ["de"],
    choices: {},
    nodes: [
      {
        type: "repeat",
        name: "member",
        label: { de: "Person" },
        children: [
          { type: "text", name: "first_name", label: { de: "Vorname" } },
          { type: "calculate", name: "number", calculation: "position(..)" },
          { type: "integer", name: "age", label: { de: "Alter" }, constraint: "position(..) > 1 or . >= 18" },
        ],
      },
      { type: "calculate", name: "head", calculation: "indexed-repeat(${first_name}, ${member}, 1)" },
      { type: "calculate", name: "oldest", calculation: "max(${age})" },
    ],
  };

  it("position(..) is the instance's number; indexed-repeat reads one instance", () => {
    const r = checkAnswers(
      def,
      {
        member: [
          { first_name: "Amira", age: 41 },
          { first_name: "Yusuf", age: 9 },
        ],
      },
      { today: "2026-03-01" },
    );
    expect(r.errors).toEqual([]);
    expect(r.answers.head).toBe("Amira");
    expect(r.answers.oldest).toBe(41);
    expect((r.answers.member as { number: number }[]).map((m) => m.number)).toEqual([1, 2]);
  });

  it("a constraint with position(..) holds the first instance to its own rule", () => {
    const r = checkAnswers(def, { member: [{ first_name: "Kind", age: 9 }] }, { today: "2026-03-01" });
    expect(r.errors).toEqual([{ path: "member[0].age", code: "constraint" }]);
  });
});
