// The world the case-work tests share: a tenant with two offices (west and east half of the
// map, each the catchment of one office), case workers and supervisors of each, and an intake
// helper. Used by the *.int.test.ts files beside it; not part of the application.
import type { Principal, Role, RoleGrant } from "#app/server/policy/roles.ts";
import { parseInput } from "#app/server/validation.ts";
import { createUserWithRole } from "../../../tests/setup/auth.ts";
import { createTestContext, type TestContext } from "../../../tests/setup/test-db.ts";
import { householdIntakeInput } from "./contracts.ts";

export type CaseworkWorld = {
  ctx: TestContext;
  tenantId: string;
  officeA: string;
  officeB: string;
  areaIds: Record<string, string>;
  /** The principal of a person created by `person`. */
  p(key: string): Principal;
  /** A household in office A's catchment (lon 2) or B's (lon 7) with its persons and a case. */
  intake(
    by: Principal,
    label: string,
    persons: { givenName: string; familyName: string; birthDate?: string }[],
    lon?: number,
  ): Promise<{ householdId: string; personIds: string[]; caseId: string }>;
  close(): Promise<void>;
};

const rect = (w: number, s: number, e: number, n: number) => ({
  type: "Polygon",
  coordinates: [
    [
      [w, s],
      [e, s],
      [e, n],
      [w, n],
      [w, s],
    ],
  ],
});
const feature = (properties: Record<string, unknown>, geometry: unknown) => ({
  type: "Feature",
  properties,
  geometry,
});

export async function caseworkWorld(): Promise<CaseworkWorld> {
  const ctx = await createTestContext();
  const tenantId = (
    await ctx.services.tenants.create({
      slug: ctx.services.core.config.defaultTenant,
      name: "Fallarbeit",
      kind: "municipality",
    })
  ).id;
  await ctx.services.areas.commitImport(
    { kind: "system" },
    tenantId,
    JSON.stringify({
      type: "FeatureCollection",
      features: [
        feature({ code: "C", name: "Stadt", level: "city" }, rect(0, 0, 10, 10)),
        feature({ code: "W", name: "West", level: "social_area", parent: "C" }, rect(0, 0, 5, 10)),
        feature({ code: "E", name: "Ost", level: "social_area", parent: "C" }, rect(5, 0, 10, 10)),
      ],
    }),
  );
  const areas = await ctx.services.areas.list(tenantId);
  const areaIds = Object.fromEntries(areas.map((a) => [a.code, a.id]));
  const sys = { kind: "system" as const, tenantId };
  const office = { kind: "welcome_office", placeId: null, email: null, phone: null } as const;
  const a = await ctx.services.offices.create(sys, { ...office, name: "Willkommensbüro West" });
  const b = await ctx.services.offices.create(sys, { ...office, name: "Willkommensbüro Ost" });
  await ctx.services.offices.setCatchment(sys, a.id, { version: a.version, areaIds: [areaIds.W!] });
  await ctx.services.offices.setCatchment(sys, b.id, { version: b.version, areaIds: [areaIds.E!] });

  const people = new Map<string, Principal>();
  async function person(key: string, role: Role, scope?: Omit<RoleGrant, "role">) {
    const { user } = await createUserWithRole(ctx.services, tenantId, role, scope ? { scope } : {});
    const grants: RoleGrant[] = [{ role, ...(scope ?? { scopeType: "tenant", scopeId: null }) }];
    people.set(key, { userId: user.id, tenantId, sessionId: "s", grants, mfaSatisfied: true });
  }
  await person("cwA", "case_worker", { scopeType: "office", scopeId: a.id });
  await person("cwA2", "case_worker", { scopeType: "office", scopeId: a.id });
  await person("cwB", "case_worker", { scopeType: "office", scopeId: b.id });
  await person("supA", "supervisor", { scopeType: "office", scopeId: a.id });
  await person("admin", "admin");
  await person("coordinator", "coordinator");

  return {
    ctx,
    tenantId,
    officeA: a.id,
    officeB: b.id,
    areaIds,
    p: (key) => people.get(key)!,
    async intake(by, label, persons, lon = 2) {
      const input = parseInput(householdIntakeInput, {
        household: { label, lon, lat: 5 },
        persons,
        case: { caseType: "integration" },
        allowDuplicate: true,
      });
      const r = await ctx.services.casework.households.intake(by, input);
      if (r.status !== "created") throw new Error("expected a created household");
      return { householdId: r.householdId, personIds: r.personIds, caseId: r.caseId! };
    },
    close: () => ctx.handle.close(),
  };
}
