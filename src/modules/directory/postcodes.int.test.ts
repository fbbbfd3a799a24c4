// Postcode centroids the tenant maintains: validation per field, inside the tenant's areas,
// permissions over HTTP, audit entries, and what the public search does with them.
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog } from "#app/server/db/schema.ts";
import { createUserWithRole, sessionCookieFor } from "../../../tests/setup/auth.ts";
import { createDemoContext, type DemoContext, TEST_BASE_URL } from "../../../tests/setup/test-db.ts";

let ctx: DemoContext;
let tenantId: string;
let coordinatorCookie: string;
let partnerCookie: string;

beforeAll(async () => {
  ctx = await createDemoContext();
  tenantId = ctx.tenantId;
  const coordinator = await createUserWithRole(ctx.services, tenantId, "coordinator");
  coordinatorCookie = await sessionCookieFor(ctx.services, tenantId, coordinator.user.id);
  const partner = await createUserWithRole(ctx.services, tenantId, "partner_staff");
  partnerCookie = await sessionCookieFor(ctx.services, tenantId, partner.user.id);
});
afterAll(() => ctx.close());

function call(method: string, path: string, cookie: string, body?: unknown, lang = "de") {
  return ctx.app.request(`${TEST_BASE_URL}/api/v1${path}`, {
    method,
    headers: {
      cookie,
      origin: TEST_BASE_URL,
      "accept-language": lang,
      ...(body === undefined ? {} : { "content-type": "application/json" }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}

describe("postcode centroids", () => {
  it("a coordinator adds one inside the areas; it is listed and audited", async () => {
    const res = await call("PUT", "/directory/postcodes/59423", coordinatorCookie, {
      name: "Unna-Mitte (neu)",
      lat: 51.5352,
      lon: 7.6895,
      approximate: true,
    });
    expect(res.status).toBe(200);
    const list = (await (await call("GET", "/directory/postcodes", coordinatorCookie)).json()) as {
      postcode: string;
      name: string | null;
    }[];
    expect(list.find((p) => p.postcode === "59423")?.name).toBe("Unna-Mitte (neu)");
    const audit = await ctx.handle.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.tenantId, tenantId), eq(auditLog.entityType, "postcode")));
    expect(audit.some((e) => e.entityId === "59423" && e.action === "update")).toBe(true);
  });

  it("refuses a point outside the tenant's areas and a malformed postcode, per field, in the reader's language", async () => {
    const outside = await call(
      "PUT",
      "/directory/postcodes/59999",
      coordinatorCookie,
      { lat: 48.1, lon: 11.5 },
      "ar",
    );
    expect(outside.status).toBe(422);
    const p = (await outside.json()) as { errors: { field: string; code: string; message: string }[] };
    expect(p.errors.map((e) => e.field).sort()).toEqual(["lat", "lon"]);
    expect(p.errors[0]!.code).toBe("place_outside_areas");
    expect(p.errors[0]!.message).toMatch(/[\u0600-\u06FF]/);

    const bad = await call("PUT", "/directory/postcodes/5942x", coordinatorCookie, { lat: 91, lon: "x" });
    expect(bad.status).toBe(422);
    const fields = ((await bad.json()) as { errors: { field: string }[] }).errors.map((e) => e.field).sort();
    expect(fields).toEqual(["lat", "lon", "postcode"]);
    const list = await ctx.services.postcodes.list(tenantId);
    expect(list.map((r) => r.postcode)).not.toContain("59999");
  });

  it("partner staff may read but not change them", async () => {
    expect((await call("GET", "/directory/postcodes", partnerCookie)).status).toBe(200);
    const res = await call("PUT", "/directory/postcodes/59423", partnerCookie, { lat: 51.53, lon: 7.69 });
    expect(res.status).toBe(403);
  });

  it("removes one; removing it again is 404", async () => {
    await call("PUT", "/directory/postcodes/59427", coordinatorCookie, { lat: 51.55, lon: 7.72 });
    expect((await call("DELETE", "/directory/postcodes/59427", coordinatorCookie)).status).toBe(204);
    expect((await call("DELETE", "/directory/postcodes/59427", coordinatorCookie)).status).toBe(404);
    expect((await ctx.services.postcodes.list(tenantId)).map((r) => r.postcode)).not.toContain("59427");
  });
});
