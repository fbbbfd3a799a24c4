// The request boundary (decision 020) on PGlite and PostgreSQL: what a client can send is
// refused with the right 4xx, naming the field in the reader's language, never answered with 500.
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { refusalFromDatabase, sqlStateOf } from "#app/server/errors.database.ts";
import { INT32_MAX, parseInput, requiredText } from "#app/server/validation.ts";
import { createUserWithRole, sessionCookieFor } from "../setup/auth.ts";
import { createTestContext, TEST_BASE_URL, type TestContext } from "../setup/test-db.ts";

let ctx: TestContext;
let adminCookie: string;
let adminId: string;

beforeAll(async () => {
  ctx = await createTestContext();
  const tenant = await ctx.services.tenants.create({
    slug: ctx.services.core.config.defaultTenant,
    name: "Refusals",
    kind: "municipality",
  });
  const { user } = await createUserWithRole(ctx.services, tenant.id, "admin");
  adminId = user.id;
  adminCookie = await sessionCookieFor(ctx.services, tenant.id, user.id);
});
afterAll(() => ctx?.close());

type Problem = { status: number; code: string; errors?: { field: string; code: string; message: string }[] };

async function call(
  path: string,
  init: { method?: string; body?: BodyInit; type?: string; cookie?: string; lang?: string } = {},
) {
  const res = await ctx.app.request(`${TEST_BASE_URL}${path}`, {
    method: init.method ?? "GET",
    headers: {
      origin: TEST_BASE_URL,
      accept: "application/json",
      "accept-language": init.lang ?? "de",
      ...(init.type ? { "content-type": init.type } : {}),
      ...(init.cookie ? { cookie: init.cookie } : {}),
    },
    body: init.body,
  });
  const text = await res.text();
  let body: Problem | null = null;
  try {
    body = JSON.parse(text) as Problem;
  } catch {
    // not JSON
  }
  return { status: res.status, type: res.headers.get("content-type") ?? "", body };
}

const json = (value: unknown) => ({ method: "POST", type: "application/json", body: JSON.stringify(value) });

describe("control characters are refused at the boundary, naming the field", () => {
  it("a NUL byte in the login e-mail is a 400 for the field email, in the reader's language", async () => {
    const de = await call("/api/v1/auth/login", json({ email: "a\u0000@example.org", password: "x" }));
    expect(de.status).toBe(400);
    expect(de.type).toContain("application/problem+json");
    expect(de.body?.errors).toEqual([
      { field: "email", code: "control_characters", message: expect.stringContaining("Steuerzeichen") },
    ]);
    const en = await call("/api/v1/auth/login", {
      ...json({ email: "a\u0000@example.org", password: "x" }),
      lang: "en",
    });
    expect(en.body?.errors?.[0]?.message).toContain("control characters");
  });

  it("other C0 and C1 controls and lone surrogates too, in nested fields and in keys", async () => {
    const res = await call("/api/v1/users", {
      ...json({
        email: "x@example.org",
        displayName: "A\u0085B",
        grants: [{ role: "admin\u0007" }],
        "k\u0001": 1,
      }),
      cookie: adminCookie,
    });
    expect(res.status).toBe(400);
    expect(res.body?.errors?.map((e) => `${e.field}:${e.code}`).sort()).toEqual([
      "?:control_characters",
      "displayName:control_characters",
      "grants.0.role:control_characters",
    ]);
    const surrogate = await call("/api/v1/auth/login", json({ email: "\ud800@example.org", password: "x" }));
    expect(surrogate.status).toBe(400);
  });

  it("tab, line feed and carriage return are text, not refused", async () => {
    const res = await call(
      "/api/v1/auth/login",
      json({ email: "nobody@example.org", password: "a\tb\r\nc" }),
    );
    expect(res.status).toBe(401);
  });

  it("a query parameter with a control character is a 400 naming the parameter", async () => {
    const res = await call("/api/v1/users?q=a%00b", { cookie: adminCookie });
    expect(res.status).toBe(400);
    expect(res.body?.errors?.map((e) => e.field)).toEqual(["q"]);
  });

  it("parseInput (page forms, jobs) names the field with the same code", () => {
    const schema = z.object({ title: requiredText(50), note: z.string().optional() });
    expect(() => parseInput(schema, { title: "x\u0000", note: "y\u001b" }, "form")).toThrow(
      expect.objectContaining({
        code: "validation_failed",
        fields: [
          { field: "form.title", code: "control_characters" },
          { field: "form.note", code: "control_characters" },
        ],
      }),
    );
  });
});

describe("hostile JSON shapes are refused, never a 500", () => {
  it("a __proto__ key is an unknown field", async () => {
    const res = await call("/api/v1/auth/login", {
      method: "POST",
      type: "application/json",
      body: '{"email":"a@example.org","password":"x","__proto__":{"admin":true}}',
    });
    expect(res.status).toBe(400);
    expect(res.body?.errors).toEqual([
      expect.objectContaining({ field: "__proto__", code: "unknown_field" }),
    ]);
  });

  it("nesting deeper than the limit is refused", async () => {
    const res = await call("/api/v1/auth/login", {
      method: "POST",
      type: "application/json",
      body: `{"email":${"[".repeat(5000)}${"]".repeat(5000)}}`,
    });
    expect(res.status).toBe(400);
    expect(res.body?.errors?.[0]?.code).toBe("too_deep");
  });

  it("malformed JSON, invalid UTF-8 and a body of the wrong type are 4xx", async () => {
    expect(
      (await call("/api/v1/auth/login", { method: "POST", type: "application/json", body: "{" })).status,
    ).toBe(400);
    const invalidUtf8 = new Uint8Array([0x7b, 0x22, 0x65, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d]);
    const bad = await call("/api/v1/auth/login", {
      method: "POST",
      type: "application/json",
      body: invalidUtf8,
    });
    expect(bad.status).toBeGreaterThanOrEqual(400);
    expect(bad.status).toBeLessThan(500);
    const plain = await call("/api/v1/auth/login", {
      method: "POST",
      type: "text/plain",
      body: JSON.stringify({ email: "a@example.org", password: "x" }),
    });
    expect(plain.status).toBeGreaterThanOrEqual(400);
    expect(plain.status).toBeLessThan(500);
  });

  it("an integer beyond PostgreSQL's integer is a field error on version, not a database error", async () => {
    const res = await call(`/api/v1/users/${adminId}`, {
      method: "PATCH",
      type: "application/json",
      body: JSON.stringify({ version: INT32_MAX + 1 }),
      cookie: adminCookie,
    });
    expect(res.status).toBe(422);
    expect(res.body?.errors).toEqual([expect.objectContaining({ field: "version", code: "too_big" })]);
  });
});

describe("form actions take form bodies only", () => {
  it("JSON posted to a page is 415", async () => {
    const res = await call("/de/login", json({ email: "a@example.org", password: "x" }));
    expect(res.status).toBe(415);
    expect(res.body?.code).toBe("unsupported_media_type");
  });

  it("a malformed multipart body is 400", async () => {
    const res = await call("/de/login", {
      method: "POST",
      type: "multipart/form-data; boundary=zzz",
      body: "--zzz\r\nContent-Disposition: form-data\r\n\r\nno end",
    });
    expect(res.status).toBe(400);
  });

  it("a body without a content type is 415; an empty one passes on", async () => {
    expect((await call("/de/login", { method: "POST", body: "email=a" })).status).toBe(415);
    // No page handler in this app: an empty POST reaches routing and is not found.
    expect((await call("/de/login", { method: "POST" })).status).toBe(404);
  });
});

describe("a database refusal of input is the client's error (the safety net behind validation)", () => {
  async function sqlError(query: ReturnType<typeof sql>): Promise<unknown> {
    try {
      await ctx.handle.db.execute(query);
    } catch (e) {
      return e;
    }
    throw new Error("the query did not fail");
  }

  it.each([
    ["invalid input syntax", sql`select ${"abc"}::integer`, "22P02"],
    ["numeric out of range", sql`select ${String(2 ** 31)}::integer`, "22003"],
    ["a NUL byte in text", sql`select ${"a\u0000b"}::text`, "22"],
    ["an impossible date", sql`select ${"2026-02-30"}::date`, "22"],
  ])("%s → 400", async (_name, query, state) => {
    const err = await sqlError(query);
    expect(sqlStateOf(err)?.startsWith(state)).toBe(true);
    expect(refusalFromDatabase(err)?.status).toBe(400);
  });

  it("a duplicate is a 409; a server fault stays unmapped", async () => {
    // A real table: on PostgreSQL the pool may run each statement on another connection.
    await ctx.handle.db.execute(sql`create table refusal_probe (id int primary key)`);
    await ctx.handle.db.execute(sql`insert into refusal_probe values (1)`);
    expect(refusalFromDatabase(await sqlError(sql`insert into refusal_probe values (1)`))?.status).toBe(409);
    expect(refusalFromDatabase(await sqlError(sql`select * from no_such_table`))).toBeNull();
  });
});
