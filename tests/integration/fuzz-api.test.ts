// The API fuzz harness (decision 021): every operation of the OpenAPI document, called as a role
// the policy allows, with bodies and parameters generated from its schemas and then made hostile.
// Fails on any 5xx and prints each request that caused one. LOTSE_FUZZ_RUNS / LOTSE_FUZZ_SEED
// tune it; the fixed seed makes a CI failure repeat locally.
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Action, can, PUBLIC } from "#app/server/policy/policy.ts";
import { type Principal, ROLES, type Role } from "#app/server/policy/roles.ts";
import { createUserWithRole, sessionCookieFor } from "../setup/auth.ts";
import {
  deepJson,
  describeRequest,
  FUZZ_RUNS,
  FUZZ_SEED,
  type FuzzRequest,
  fromSchema,
  hostileValue,
  mutate,
  type OpenApiDoc,
  type Operation,
  protoObject,
  uuidsIn,
} from "../setup/fuzz.ts";
import { createTestContext, TEST_BASE_URL, type TestContext } from "../setup/test-db.ts";

type Op = { method: string; path: string; op: Operation; role: Role | null; bodyType: string | undefined };

let ctx: TestContext;
let tenantId: string;
let doc: OpenApiDoc;
let ops: Op[];
const users = new Map<Role, string>();
const ids = new Set<string>();
const knownIds = () => [...ids];
const failures: string[] = [];

const principalOf = (role: Role): Principal => ({
  userId: "fuzz",
  tenantId: "fuzz",
  sessionId: "fuzz",
  grants: [{ role, scopeType: "tenant", scopeId: null }],
  mfaSatisfied: true,
});

/** The first role the policy lets through, so the request reaches the handler. */
function roleFor(permission: string): Role | null {
  if (permission === PUBLIC) return "admin";
  return ROLES.find((r) => can(principalOf(r), permission as Action)) ?? null;
}

const cookies = new Map<Role, string>();
const slow: string[] = [];

/** One session per role, opened again when an operation ended it (sign-out, password change). */
async function cookieFor(role: Role, fresh = false): Promise<string> {
  if (fresh || !cookies.has(role))
    cookies.set(role, await sessionCookieFor(ctx.services, tenantId, users.get(role)!));
  return cookies.get(role)!;
}

async function send(r: FuzzRequest, role: Role | null, retried = false): Promise<number> {
  const cookie = role ? await cookieFor(role, retried) : undefined;
  let res: Response;
  const started = performance.now();
  try {
    res = await ctx.app.request(r.url, {
      method: r.method,
      headers: {
        origin: TEST_BASE_URL,
        accept: "application/json",
        ...r.headers,
        ...(cookie ? { cookie } : {}),
      },
      body: r.body as BodyInit | undefined,
    });
  } catch (e) {
    failures.push(describeRequest(r, 0, `threw ${(e as Error).name}`));
    return 0;
  }
  if (res.status === 401 && role && !retried) {
    await res.body?.cancel();
    return send(r, role, true);
  }
  if (process.env.LOTSE_FUZZ_PROFILE && performance.now() - started > 500)
    slow.push(`${Math.round(performance.now() - started)} ms ${r.method} ${r.url.slice(0, 120)}`);
  const text = await res.text();
  if (res.status >= 500) failures.push(describeRequest(r, res.status, text.slice(0, 200)));
  else if (res.ok) {
    try {
      uuidsIn(JSON.parse(text), ids);
    } catch {
      // not JSON (PDF, CSV, GeoJSON as text): nothing to harvest
    }
  }
  return res.status;
}

/** `pathValue` gives each path parameter already percent-encoded (hostile ones may be invalid UTF-8). */
function urlFor(o: Op, pathValue: (name: string) => string, query: Record<string, string> = {}): string {
  const path = o.path.replace(/\{([^}]+)\}/g, (_, name: string) => pathValue(name));
  const qs = new URLSearchParams(query).toString();
  return `${TEST_BASE_URL}/api/v1${path}${qs ? `?${qs}` : ""}`;
}

const sample = <T>(arb: fc.Arbitrary<T>, seed: number): T => fc.sample(arb, { numRuns: 1, seed })[0]!;
const bodySchema = (o: Op) => (o.bodyType ? o.op.requestBody?.content?.[o.bodyType]?.schema : undefined);
const validPath = (name: string) => knownIds()[name.length % Math.max(1, ids.size)] ?? crypto.randomUUID();

function encodeBody(o: Op, value: unknown): Pick<FuzzRequest, "body" | "headers"> {
  if (!o.bodyType) return { headers: {} };
  if (o.bodyType === "multipart/form-data") {
    const form = new FormData();
    for (const [k, v] of Object.entries((value ?? {}) as Record<string, unknown>))
      if (typeof v === "string") form.append(k, v);
      else form.append(k, new Blob([JSON.stringify(v) ?? ""]), "x.bin");
    return { headers: {}, body: form };
  }
  return { headers: { "content-type": o.bodyType }, body: JSON.stringify(value) };
}

beforeAll(async () => {
  ctx = await createTestContext();
  // The tenant the app resolves for the test host. No demo data: ids come from the crawl and from
  // what the fuzzer's own valid requests create (the demo seed alone would take the time budget).
  tenantId = (
    await ctx.services.tenants.create({
      slug: ctx.services.core.config.defaultTenant,
      name: "Fuzz",
      kind: "municipality",
    })
  ).id;
  const res = await ctx.app.request(`${TEST_BASE_URL}/api/v1/openapi.json`);
  doc = (await res.json()) as OpenApiDoc;
  ops = Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([m]) => ["get", "post", "put", "patch", "delete"].includes(m))
      .map(([method, op]) => ({
        method: method.toUpperCase(),
        path,
        op,
        role: roleFor(op["x-permission"] ?? ""),
        bodyType: Object.keys(op.requestBody?.content ?? {})[0],
      })),
  );
  for (const role of new Set(ops.map((o) => o.role)))
    if (role) users.set(role, (await createUserWithRole(ctx.services, tenantId, role)).user.id);
  // Crawl: every GET once with real-looking input, so later requests can use real ids.
  for (const o of ops.filter((x) => x.method === "GET"))
    await send({ method: "GET", url: urlFor(o, () => crypto.randomUUID()), headers: {} }, o.role);
  if (slow.length) console.log(`crawl:\n${slow.join("\n")}`);
  slow.length = 0;
}, 300_000);
afterAll(() => ctx?.close());

describe("fuzzing the API from its OpenAPI document", () => {
  it("finds operations to fuzz", () => {
    expect(ops.length).toBeGreaterThan(50);
    expect(ids.size).toBeGreaterThan(0);
  });

  it("answers the known hostile inputs with 4xx, never 5xx", async () => {
    for (const [i, o] of ops.entries()) {
      const params = (o.op.parameters ?? []).filter((p) => p.in === "query");
      const schema = bodySchema(o);
      const valid = schema ? sample(fromSchema(schema, doc, knownIds), FUZZ_SEED + i) : undefined;
      const hasPathParams = o.path.includes("{");
      const requests: FuzzRequest[] = [
        // Hostile path parameters (percent-encoded as sent; some are invalid UTF-8).
        ...(hasPathParams ? ["%00", "2147483648", "x".repeat(3000), "%ED%A0%80"] : []).map((v) => ({
          method: o.method,
          url: urlFor(o, () => v),
          headers: {},
        })),
        // Hostile query parameters.
        ...(params.length ? ["a\u0000b", "99999999999"] : []).map((v) => ({
          method: o.method,
          url: urlFor(o, validPath, Object.fromEntries(params.map((p) => [p.name, v]))),
          headers: {},
        })),
      ];
      if (o.bodyType?.includes("json")) {
        const url = urlFor(o, validPath);
        const json = (v: unknown) => ({
          method: o.method,
          url,
          headers: { "content-type": "application/json" },
          body: JSON.stringify(v),
        });
        requests.push(
          json(valid),
          json(mutateAll(valid, "text", "a\u0000b")),
          json(mutateAll(valid, "number", 2 ** 31)),
          json(mutateAll(valid, "text", "x".repeat(200_000))),
          json(protoObject()),
          json({ ...(valid as object), extra: JSON.parse(deepJson(100)) }),
          { method: o.method, url, headers: { "content-type": "application/json" }, body: deepJson(20_000) },
          { method: o.method, url, headers: { "content-type": "application/json" }, body: "{" },
          { method: o.method, url, headers: { "content-type": "application/json" }, body: "1e99999" },
          { method: o.method, url, headers: { "content-type": "application/json" }, body: invalidUtf8Json() },
          { method: o.method, url, headers: { "content-type": "text/plain" }, body: JSON.stringify(valid) },
          {
            method: o.method,
            url,
            headers: { "content-type": "application/x-www-form-urlencoded" },
            body: "a=%00&b=%ff",
          },
          { method: o.method, url, headers: {}, body: JSON.stringify(valid) },
        );
      } else if (o.bodyType) {
        const url = urlFor(o, validPath);
        requests.push(
          { method: o.method, url, ...encodeBody(o, valid) },
          {
            method: o.method,
            url,
            headers: { "content-type": "application/json" },
            body: JSON.stringify(valid ?? {}),
          },
          {
            method: o.method,
            url,
            headers: { "content-type": "multipart/form-data; boundary=x" },
            body: "--x\r\nbroken",
          },
          { method: o.method, url, headers: { "content-type": o.bodyType }, body: invalidUtf8Json() },
        );
      }
      for (const r of requests) await send(r, o.role);
    }
    if (slow.length) console.log(slow.join("\n"));
    expect(failures, failures.join("\n")).toEqual([]);
  }, 600_000);

  it("answers generated and mutated requests with 4xx or success, never 5xx", async () => {
    failures.length = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.nat({ max: ops.length - 1 }),
        fc.nat(),
        hostileValue(),
        fc.nat(),
        fc.boolean(),
        async (opIndex, bodySeed, hostile, where, anonymous) => {
          const o = ops[opIndex]!;
          const schema = bodySchema(o);
          const query = Object.fromEntries(
            (o.op.parameters ?? [])
              .filter((p) => p.in === "query")
              .map((p) => [
                p.name,
                String(sample(fromSchema(p.schema, doc, knownIds), bodySeed + p.name.length)),
              ]),
          );
          const valid = schema ? sample(fromSchema(schema, doc, knownIds), bodySeed) : undefined;
          const body = where % 3 === 0 ? valid : mutate(valid, hostile, where);
          const url = urlFor(o, validPath, query);
          await send({ method: o.method, url, ...encodeBody(o, body) }, anonymous ? null : o.role);
          return true;
        },
      ),
      { numRuns: FUZZ_RUNS * ops.length, seed: FUZZ_SEED, endOnFailure: true },
    );
    expect(failures, failures.join("\n")).toEqual([]);
  }, 600_000);
});

/** Sets every leaf of one kind (strings or numbers) in a generated value. */
function mutateAll(value: unknown, kind: "text" | "number", to: unknown): unknown {
  if (kind === "text" && typeof value === "string") return to;
  if (kind === "number" && typeof value === "number") return to;
  if (Array.isArray(value)) return value.map((v) => mutateAll(v, kind, to));
  if (value && typeof value === "object")
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, mutateAll(v, kind, to)]));
  return value;
}

/** A JSON object whose string is not valid UTF-8 (bytes FF FE in the middle). */
function invalidUtf8Json(): Uint8Array {
  return new Uint8Array([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0xc3, 0x22, 0x7d]);
}
