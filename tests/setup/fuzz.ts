// Building blocks of the fuzz harnesses (decision 021): arbitraries from JSON Schema (the
// OpenAPI document's), the hostile values that once caused 500s, and how a failing request is
// printed. Shared by tests/integration/fuzz-api.test.ts and tests/e2e/fuzz-pages.test.ts.
import fc from "fast-check";

/** Runs per operation; `LOTSE_FUZZ_RUNS` raises it for a longer hunt. */
export const FUZZ_RUNS = Math.max(1, Number(process.env.LOTSE_FUZZ_RUNS) || 2);
/** Fixed seed unless `LOTSE_FUZZ_SEED` is set, so a failure in CI repeats locally. */
export const FUZZ_SEED = Number(process.env.LOTSE_FUZZ_SEED) || 20_261_204;

/** Deeply nested JSON text (arrays), parsed or not. */
export const deepJson = (levels: number) => `${"[".repeat(levels)}1${"]".repeat(levels)}`;

/** Text values that broke the server before, or could. */
export const HOSTILE_STRINGS: readonly string[] = [
  "\u0000",
  "a\u0000b",
  "\u0001\u001f\u007f",
  "\u0085 C1",
  "\ud800 lone surrogate",
  "\u202e right-to-left override",
  "x".repeat(100_000),
  "__proto__",
  "constructor",
  "' OR '1'='1",
  "%00%ff",
  "../../../etc/passwd",
  "2147483648",
  "-1",
  "1e999",
  "",
  " ",
];

/** Numbers beyond every column's range, and numbers where integers belong. */
export const HOSTILE_NUMBERS: readonly number[] = [
  2 ** 31,
  -(2 ** 31) - 1,
  2 ** 53,
  -(2 ** 63),
  1e308,
  -1,
  0,
  0.5,
];

/** A JSON object whose own key is `__proto__` (JSON.parse makes it an own property). */
export const protoObject = () => JSON.parse('{"__proto__":{"polluted":true},"constructor":{"prototype":{}}}');

export function hostileValue(): fc.Arbitrary<unknown> {
  return fc.oneof(
    fc.constantFrom(...HOSTILE_STRINGS),
    fc.constantFrom(...HOSTILE_NUMBERS),
    fc.constantFrom(null, true, [], {}),
    fc.constant(0).map(() => protoObject()),
    fc.constant(0).map(() => JSON.parse(deepJson(200))),
  );
}

type Schema = Record<string, unknown>;
export type OpenApiDoc = {
  paths: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, Schema> };
};
export type Operation = {
  "x-permission"?: string;
  parameters?: { name: string; in: string; required?: boolean; schema?: Schema }[];
  requestBody?: { content?: Record<string, { schema?: Schema }> };
};

/**
 * A fast-check arbitrary for values a JSON Schema accepts (the subset the OpenAPI document of
 * zod-openapi uses). `ids` supplies real ids for uuid strings, so requests reach past "not found".
 */
export function fromSchema(
  schema: Schema | undefined,
  doc: OpenApiDoc,
  ids: () => string[],
  depth = 0,
): fc.Arbitrary<unknown> {
  if (!schema || depth > 8) return fc.constant(null);
  const next = (s: unknown) => fromSchema(s as Schema, doc, ids, depth + 1);
  if (typeof schema.$ref === "string") {
    const name = schema.$ref.replace("#/components/schemas/", "");
    return next(doc.components?.schemas?.[name]);
  }
  if (Array.isArray(schema.enum) && schema.enum.length) return fc.constantFrom(...schema.enum);
  if ("const" in schema) return fc.constant(schema.const);
  for (const k of ["anyOf", "oneOf"] as const)
    if (Array.isArray(schema[k]) && (schema[k] as unknown[]).length)
      return fc.oneof(...(schema[k] as unknown[]).map(next));
  if (Array.isArray(schema.allOf))
    return fc
      .tuple(...(schema.allOf as unknown[]).map(next))
      .map((parts) => Object.assign({}, ...parts.filter((p) => p && typeof p === "object")));
  const types = Array.isArray(schema.type) ? (schema.type as string[]) : [schema.type as string | undefined];
  const arbs = types.map((type) => forType(type, schema, next, ids));
  return arbs.length === 1 ? arbs[0]! : fc.oneof(...arbs);
}

function forType(
  type: string | undefined,
  s: Schema,
  next: (s: unknown) => fc.Arbitrary<unknown>,
  ids: () => string[],
): fc.Arbitrary<unknown> {
  const num = (k: string) => (typeof s[k] === "number" ? (s[k] as number) : undefined);
  switch (type) {
    case "null":
      return fc.constant(null);
    case "boolean":
      return fc.boolean();
    case "integer":
      return fc.integer({
        min: Math.max(num("minimum") ?? -5, -1e6),
        max: Math.min(num("maximum") ?? 50, 1e6),
      });
    case "number":
      return fc.double({
        min: Math.max(num("minimum") ?? -100, -1e6),
        max: Math.min(num("maximum") ?? 100, 1e6),
        noNaN: true,
        noDefaultInfinity: true,
      });
    case "string":
      return stringFor(s, ids);
    case "array":
      return fc.array(next(s.items), { maxLength: Math.min(num("maxItems") ?? 3, 3) });
    case "object": {
      const props = (s.properties ?? {}) as Record<string, unknown>;
      const required = new Set((s.required ?? []) as string[]);
      const model: Record<string, fc.Arbitrary<unknown>> = {};
      for (const [k, v] of Object.entries(props)) model[k] = next(v);
      const keys = Object.keys(model);
      return fc.record(model, { requiredKeys: keys.filter((k) => required.has(k)) });
    }
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

function stringFor(s: Schema, ids: () => string[]): fc.Arbitrary<string> {
  const max = Math.min(typeof s.maxLength === "number" ? s.maxLength : 40, 200);
  const min = Math.min(typeof s.minLength === "number" ? s.minLength : 0, max);
  switch (s.format) {
    case "uuid":
      return fc.oneof(
        fc.uuid(),
        fc.nat().map((i) => {
          const known = ids();
          return known.length ? known[i % known.length]! : "00000000-0000-4000-8000-000000000000";
        }),
      );
    case "date":
      return fc
        .date({ min: new Date("1900-01-01"), max: new Date("2100-12-31"), noInvalidDate: true })
        .map((d) => d.toISOString().slice(0, 10));
    case "date-time":
      return fc
        .date({ min: new Date("1970-01-01"), max: new Date("2100-12-31"), noInvalidDate: true })
        .map((d) => d.toISOString());
    case "email":
      return fc.emailAddress();
    case "uri":
      return fc.webUrl();
  }
  if (typeof s.pattern === "string") {
    try {
      return fc.stringMatching(new RegExp(s.pattern)).filter((x) => x.length <= Math.max(max, 1) * 4);
    } catch {
      // a pattern JavaScript cannot read: plain strings
    }
  }
  return fc.string({ minLength: min, maxLength: max });
}

/** Replaces one leaf (or adds a key) of a generated value with a hostile one. */
export function mutate(value: unknown, hostile: unknown, where: number): unknown {
  const slots: { set(v: unknown): void }[] = [];
  const root = { v: structuredClone(value) as unknown };
  const collect = (holder: Record<string, unknown> | unknown[], key: string | number) => {
    slots.push({ set: (v) => ((holder as Record<string, unknown>)[key as string] = v) });
    const child = (holder as Record<string, unknown>)[key as string];
    if (child && typeof child === "object")
      for (const k of Array.isArray(child) ? child.keys() : Object.keys(child))
        collect(child as Record<string, unknown>, k as string);
  };
  collect(root as unknown as Record<string, unknown>, "v");
  if (root.v && typeof root.v === "object" && !Array.isArray(root.v))
    slots.push({ set: (v) => ((root.v as Record<string, unknown>).extra = v) });
  slots[where % slots.length]!.set(hostile);
  return root.v;
}

/** Collects every uuid in a JSON value (ids a crawl found, to reach real rows). */
export function uuidsIn(value: unknown, out = new Set<string>()): Set<string> {
  if (typeof value === "string") {
    if (/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value)) out.add(value);
  } else if (Array.isArray(value)) for (const v of value) uuidsIn(v, out);
  else if (value && typeof value === "object") for (const v of Object.values(value)) uuidsIn(v, out);
  return out;
}

export type FuzzRequest = {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string | Uint8Array | FormData;
};

/** How a failing request is printed: enough to replay it, with long bodies shortened. */
export function describeRequest(r: FuzzRequest, status: number, detail = ""): string {
  const body =
    r.body === undefined
      ? ""
      : typeof r.body === "string"
        ? JSON.stringify(r.body.length > 300 ? `${r.body.slice(0, 300)}… (${r.body.length} chars)` : r.body)
        : r.body instanceof FormData
          ? `<form ${JSON.stringify([...r.body].map(([k, v]) => [k, typeof v === "string" ? v.slice(0, 100) : "(file)"]))}>`
          : `<${r.body.byteLength} bytes: ${Buffer.from(r.body.slice(0, 40)).toString("hex")}>`;
  const type = r.headers["content-type"] ? ` [${r.headers["content-type"]}]` : "";
  return `${status} ← ${r.method} ${r.url}${type} ${body}${detail ? ` — ${detail}` : ""}`;
}
