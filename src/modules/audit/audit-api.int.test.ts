import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createUserWithRole, sessionCookieFor } from "../../../tests/setup/auth.ts";
import { createTestContext, TEST_BASE_URL, type TestContext } from "../../../tests/setup/test-db.ts";

let ctx: TestContext;
let tenantId: string;
let admin: string;
let coordinator: string;
let adminId: string;

beforeAll(async () => {
  ctx = await createTestContext({ now: new Date("2026-03-02T09:00:00Z") });
  const tenant = await ctx.services.tenants.create({
    slug: "unna",
    name: "Kreisstadt Unna",
    kind: "municipality",
  });
  tenantId = tenant.id;
  // The tenant was created three days ago; sessions start now (they expire when idle).
  ctx.clock.set(new Date("2026-03-05T10:00:00Z"));
  const a = await createUserWithRole(ctx.services, tenantId, "admin");
  const c = await createUserWithRole(ctx.services, tenantId, "coordinator");
  adminId = a.user.id;
  admin = await sessionCookieFor(ctx.services, tenantId, a.user.id);
  coordinator = await sessionCookieFor(ctx.services, tenantId, c.user.id);
});
afterAll(() => ctx.close());

const get = (path: string, cookie?: string, lang = "de") =>
  ctx.app.request(`${TEST_BASE_URL}${path}`, {
    headers: { ...(cookie ? { cookie } : {}), "accept-language": lang },
  });

type AuditPage = {
  items: {
    action: string;
    entityType: string;
    entityId: string | null;
    actorUserId: string | null;
    at: string;
    changes: unknown;
  }[];
  hasMore: boolean;
};

describe("GET /api/v1/audit", () => {
  it("lists the tenant's entries for admins, filtered and paged", async () => {
    const tenant = (await ctx.services.tenants.byId(tenantId))!;
    const principal = {
      userId: adminId,
      tenantId,
      sessionId: "s",
      grants: [{ role: "admin" as const, scopeType: "tenant" as const, scopeId: null }],
      mfaSatisfied: true,
    };
    await ctx.services.tenants.updateSettings(principal, tenantId, {
      version: tenant.version,
      name: "Unna neu",
      defaultLanguage: "de",
      mfaRequiredRoles: ["admin"],
    });

    const all = (await (await get("/api/v1/audit?limit=2", admin)).json()) as AuditPage;
    expect(all.items).toHaveLength(2);
    expect(all.hasMore).toBe(true);

    const res = await get(`/api/v1/audit?entityType=tenant&action=update&actor=${adminId}`, admin);
    expect(res.status).toBe(200);
    const page = (await res.json()) as AuditPage;
    expect(page.items).toHaveLength(1);
    expect(page.items[0]).toMatchObject({
      action: "update",
      entityType: "tenant",
      entityId: tenantId,
      actorUserId: adminId,
      at: "2026-03-05T10:00:00.000Z",
      changes: { name: { old: "Kreisstadt Unna", new: "Unna neu" } },
    });

    // Days are inclusive, read in Europe/Berlin.
    const day = (await (
      await get("/api/v1/audit?entityType=tenant&from=2026-03-05&to=2026-03-05", admin)
    ).json()) as AuditPage;
    expect(day.items.map((i) => i.action)).toEqual(["update"]);
    const before = (await (
      await get("/api/v1/audit?entityType=tenant&to=2026-03-04", admin)
    ).json()) as AuditPage;
    expect(before.items.map((i) => i.action)).toEqual(["create"]);
  });

  it("answers bad filters with per-field messages in the reader's language", async () => {
    const res = await get("/api/v1/audit?from=2026-02-30&actor=x", admin, "en");
    expect(res.status).toBe(422);
    const body = (await res.json()) as { errors: { field: string; message: string }[] };
    expect(body.errors).toEqual(
      expect.arrayContaining([
        { field: "from", code: "invalid_date", message: "Please enter a valid date." },
        expect.objectContaining({ field: "actor" }),
      ]),
    );
  });

  it("refuses roles without audit.read (403) and anonymous readers (401)", async () => {
    expect((await get("/api/v1/audit", coordinator)).status).toBe(403);
    expect((await get("/api/v1/audit")).status).toBe(401);
  });
});

describe("GET /api/v1/outbox", () => {
  it("lists and reads mails for admins; reading is audited; unknown ids are 404", async () => {
    await ctx.services.mail.send({
      tenantId,
      to: "rita@example.org",
      subject: "Zurücksetzen",
      text: "Link: …",
    });
    // Every due job, the tenant's daily ones included (more than one pass's ten).
    while ((await ctx.services.jobs.runDue()).claimed > 0) {}
    const list = (await (await get("/api/v1/outbox", admin)).json()) as {
      items: { id: string; subject: string; status: string }[];
      total: number;
    };
    expect(list.total).toBe(1);
    expect(list.items[0]).toMatchObject({ subject: "Zurücksetzen", status: "stored" });
    expect(list.items[0]).not.toHaveProperty("text");
    const one = await get(`/api/v1/outbox/${list.items[0]!.id}`, admin);
    expect(one.status).toBe(200);
    expect(await one.json()).toMatchObject({ text: "Link: …", to: "rita@example.org" });
    const reads = (await (await get(`/api/v1/audit?action=read&entityType=mail`, admin)).json()) as AuditPage;
    expect(reads.items[0]?.entityId).toBe(list.items[0]!.id);

    expect((await get("/api/v1/outbox/00000000-0000-7000-8000-000000000000", admin)).status).toBe(404);
    expect((await get("/api/v1/outbox/nonsense", admin)).status).toBe(404);
    expect((await get("/api/v1/outbox", coordinator)).status).toBe(403);
    expect((await get("/api/v1/outbox?limit=100000", admin)).status).toBe(422);
  });
});
