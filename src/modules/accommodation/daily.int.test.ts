import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Principal, Role, RoleGrant } from "#app/server/policy/roles.ts";
import { createUserWithRole } from "../../../tests/setup/auth.ts";
import { createTestContext, type TestContext } from "../../../tests/setup/test-db.ts";

// The household's address follows a later move-in on its day: the module's daily job
// (decision 081), idempotent, on PGlite and PostgreSQL.

let ctx: TestContext;
let tenantId: string;
const who: Record<string, Principal> = {};

const square = (code: string, x0: number) => ({
  type: "Feature",
  properties: { code, name: `Quartier ${code}`, level: "quarter", parent: null },
  geometry: {
    type: "Polygon",
    coordinates: [
      [
        [x0, 51.5],
        [x0 + 0.02, 51.5],
        [x0 + 0.02, 51.52],
        [x0, 51.52],
        [x0, 51.5],
      ],
    ],
  },
});

async function person(key: string, role: Role, scope?: Omit<RoleGrant, "role">) {
  const { user } = await createUserWithRole(ctx.services, tenantId, role, scope ? { scope } : {});
  const grants: RoleGrant[] = [{ role, ...(scope ?? { scopeType: "tenant", scopeId: null }) }];
  who[key] = { userId: user.id, tenantId, sessionId: "s", grants, mfaSatisfied: true };
}

beforeAll(async () => {
  ctx = await createTestContext({ now: new Date("2026-03-02T09:00:00Z") });
  tenantId = (
    await ctx.services.tenants.create({ slug: "unna-daily", name: "Kreisstadt Unna", kind: "municipality" })
  ).id;
  const areas = { type: "FeatureCollection", features: [square("D1", 7.6), square("D2", 7.62)] };
  await ctx.services.areas.commitImport({ kind: "system" }, tenantId, JSON.stringify(areas));
  const office = await ctx.services.offices.create(
    { kind: "system", tenantId },
    { kind: "welcome_office", placeId: null, email: null, phone: null, name: "Willkommensbüro" },
  );
  await person("cw", "case_worker", { scopeType: "office", scopeId: office.id });
  await person("coordinator", "coordinator");
});
afterAll(() => ctx.close());

const svc = () => ctx.services.accommodation;
const coordinator = () => ({ kind: "user" as const, principal: who.coordinator! });

async function household() {
  const r = await ctx.services.casework.createHousehold(who.cw!, {
    household: { label: `Familie ${Math.random().toString(36).slice(2, 7)}` },
    persons: [{ givenName: "Amina", familyName: "Muster", sex: "female", birthDate: "1985-05-05" }],
    case: { caseType: "integration" },
    allowDuplicate: true,
  });
  if (r.status !== "created") throw new Error("expected a household");
  return { caseId: r.caseId!, householdId: r.householdId };
}

const addressOf = async (householdId: string) => {
  const { household: h } = await ctx.services.casework.households.get(who.cw!, householdId);
  return { street: h.street, name: h.accommodationName, areaId: h.areaId };
};

describe("the daily job", () => {
  it("moves the address of a later move-in on its day, once, and leaves stays not running today", async () => {
    const acc = await svc().accommodations.create(coordinator(), {
      name: "Haus am Hellweg",
      kind: "flat",
      address: "Hellweg 3, 59423 Unna",
      lon: 7.63,
      lat: 51.51,
      places: 10,
      accessible: false,
      operator: null,
      contact: null,
      opensOn: "2026-01-01",
      closesOn: null,
    });
    const place = async (caseId: string, moveIn: string, moveOut: string | null) => {
      const { version } = await svc().accommodations.get(coordinator(), acc.id);
      return svc().placements.place(who.cw!, acc.id, { caseId, moveIn, moveOut, room: null, version });
    };
    const later = await household();
    const passed = await household();
    const future = await household();
    await place(later.caseId, "2026-03-05", null);
    await place(passed.caseId, "2026-03-03", "2026-03-04");
    await place(future.caseId, "2026-04-01", null);
    expect((await addressOf(later.householdId)).street).toBeNull();

    // Not yet the day: nothing moves.
    expect(await svc().daily.moveAddresses(tenantId)).toEqual({ moved: 0, failed: 0 });

    // On the move-in day the scheduled job (queued when the tenant was created) runs.
    ctx.clock.set(new Date("2026-03-05T09:00:00Z"));
    await ctx.services.jobs.runDue({ limit: 50 });
    const areas = await ctx.services.areas.list(tenantId);
    expect(await addressOf(later.householdId)).toEqual({
      street: "Hellweg 3",
      name: "Haus am Hellweg",
      areaId: areas.find((a) => a.code === "D2")!.id,
    });
    // A stay that ended before the job ran, and one that starts later, leave the address.
    expect((await addressOf(passed.householdId)).street).toBeNull();
    expect((await addressOf(future.householdId)).street).toBeNull();

    // Idempotent: a second run moves nothing again; the one change is audited as the system's.
    expect(await svc().daily.moveAddresses(tenantId)).toEqual({ moved: 0, failed: 0 });
    const audits = await ctx.services.audit.list(
      tenantId,
      { entityType: "household", entityId: later.householdId, action: "update" },
      { limit: 10, offset: 0 },
    );
    expect(audits).toHaveLength(1);
    expect([audits[0]!.actorKind, audits[0]!.actorUserId]).toEqual(["system", null]);

    // The next day's run is queued again.
    ctx.clock.set(new Date("2026-04-01T09:00:00Z"));
    await ctx.services.jobs.runDue({ limit: 50 });
    expect((await addressOf(future.householdId)).street).toBe("Hellweg 3");
  });
});
