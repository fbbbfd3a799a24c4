import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Principal, RoleGrant } from "#app/server/policy/roles.ts";
import { createUserWithRole } from "../../../tests/setup/auth.ts";
import { createTestContext, type TestContext } from "../../../tests/setup/test-db.ts";

/**
 * A conflict's party linked to a case of case work (decision 080): only someone who may handle
 * the conflict AND write the case links them; case work's erasure of the household takes the
 * link along and its Art. 15 export lists it; the pseudonymised conflict stays.
 */
let ctx: TestContext;
let tenantId: string;
let areaId: string;
let officeId: string;
const who: Record<string, Principal> = {};

async function person(key: string, grants: RoleGrant[]) {
  const { user } = await createUserWithRole(ctx.services, tenantId, grants[0]!.role);
  who[key] = { userId: user.id, tenantId, sessionId: "s", grants, mfaSatisfied: true };
}

async function household() {
  const r = await ctx.services.casework.createHousehold(who.caseWorker!, {
    household: { label: `Familie ${Math.random().toString(36).slice(2, 7)}` },
    persons: [{ givenName: "Leyla", familyName: "Muster" }],
    case: { caseType: "integration" },
    allowDuplicate: true,
  });
  if (r.status !== "created") throw new Error("expected a household");
  return { caseId: r.caseId!, personId: r.personIds[0]! };
}

async function conflict() {
  return ctx.services.conflicts.report(
    { kind: "staff", principal: who.contactPoint! },
    {
      areaId,
      place: "Spielplatz",
      kind: "neighbourhood",
      urgency: "normal",
      parties: ["Familie A", "Nachbar B"],
      description: "Streit um Lärm am Spielplatz",
      tried: null,
      protectedDetails: null,
      reporterEmail: null,
      addressChoice: null,
    },
  );
}

beforeAll(async () => {
  ctx = await createTestContext({ now: new Date("2026-03-06T09:00:00Z") });
  tenantId = (
    await ctx.services.tenants.create({ slug: "unna", name: "Kreisstadt Unna", kind: "municipality" })
  ).id;
  await ctx.services.areas.commitImport(
    { kind: "system" },
    tenantId,
    JSON.stringify({
      type: "FeatureCollection",
      features: [
        {
          type: "Feature",
          properties: { code: "M", name: "Massen", level: "social_area" },
          geometry: {
            type: "Polygon",
            coordinates: [
              [
                [0, 0],
                [5, 0],
                [5, 5],
                [0, 5],
                [0, 0],
              ],
            ],
          },
        },
      ],
    }),
  );
  areaId = (await ctx.services.areas.list(tenantId))[0]!.id;
  const office = await ctx.services.offices.create(
    { kind: "system", tenantId },
    { kind: "welcome_office", placeId: null, email: null, phone: null, name: "Willkommensbüro" },
  );
  officeId = office.id;
  const officeScope = { scopeType: "office" as const, scopeId: officeId };
  const tenantScope = { scopeType: "tenant" as const, scopeId: null };
  await person("contactPoint", [{ role: "coordinator", ...tenantScope }]);
  await person("caseWorker", [{ role: "case_worker", ...officeScope }]);
  // The contact point's member who also works the office's cases.
  await person("both", [
    { role: "coordinator", ...tenantScope },
    { role: "case_worker", ...officeScope },
  ]);
  await person("dpo", [{ role: "data_protection_officer", ...tenantScope }]);
});
afterAll(() => ctx.close());

describe("a party linked to a case", () => {
  it("needs the conflict's handling and the case's need-to-know; the party must be the conflict's", async () => {
    const { caseId } = await household();
    const c = await conflict();
    // The contact point alone may not see the case: case work refuses.
    await expect(
      ctx.services.conflicts.linkCase(who.contactPoint!, c.id, { caseId, party: "Familie A" }),
    ).rejects.toMatchObject({ code: expect.stringMatching(/forbidden|not_found/) });
    // The case worker alone may not handle the conflict.
    await expect(
      ctx.services.conflicts.linkCase(who.caseWorker!, c.id, { caseId, party: "Familie A" }),
    ).rejects.toMatchObject({ code: "forbidden" });
    await expect(
      ctx.services.conflicts.linkCase(who.both!, c.id, { caseId, party: "Familie C" }),
    ).rejects.toMatchObject({ fields: [{ field: "party", code: "conflict_unknown_party" }] });
    await ctx.services.conflicts.linkCase(who.both!, c.id, { caseId, party: "Familie A" });
    await expect(
      ctx.services.conflicts.linkCase(who.both!, c.id, { caseId, party: "Familie A" }),
    ).rejects.toMatchObject({ fields: [{ field: "caseId", code: "conflict_case_linked" }] });
    expect(await ctx.services.conflicts.caseLinks(who.contactPoint!, c.id)).toMatchObject([
      { caseId, party: "Familie A" },
    ]);
    await ctx.services.conflicts.unlinkCase(who.both!, c.id, caseId);
    expect(await ctx.services.conflicts.caseLinks(who.contactPoint!, c.id)).toEqual([]);
  });

  it("the case-link page names a case only to whoever may read it, and is one audited read", async () => {
    const { caseId } = await household();
    const c = await conflict();
    await ctx.services.conflicts.linkCase(who.both!, c.id, { caseId, party: "Familie A" });
    const own = await ctx.services.conflicts.caseLinkPage(who.both!, c.id);
    expect(own).toMatchObject({ reference: c.reference, parties: ["Familie A", "Nachbar B"] });
    expect(own.links).toMatchObject([{ caseId, party: "Familie A" }]);
    // The contact point without a case-work grant sees that a link exists, not which case.
    const other = await ctx.services.conflicts.caseLinkPage(who.contactPoint!, c.id);
    expect(other.links).toMatchObject([{ caseId: null, party: "Familie A" }]);
    expect(JSON.stringify(other)).not.toContain(caseId);
    await expect(ctx.services.conflicts.caseLinkPage(who.caseWorker!, c.id)).rejects.toMatchObject({
      code: "forbidden",
    });
    const reads = await ctx.services.audit.list(
      tenantId,
      { entityId: c.id, action: "read" },
      { limit: 10, offset: 0 },
    );
    expect(reads).toHaveLength(2);
    expect(JSON.stringify(reads[0]!.changes)).toContain("caseLinks");
  });

  it("is in the person's Art. 15 export and goes with the household's erasure; the conflict stays", async () => {
    const { caseId, personId } = await household();
    const c = await conflict();
    await ctx.services.conflicts.linkCase(who.both!, c.id, { caseId, party: "Nachbar B" });
    const exported = JSON.stringify(await ctx.services.privacy.subjectAccess(who.dpo!, personId));
    expect(exported).toContain(c.reference);
    expect(exported).toContain("Nachbar B");
    const { deleted } = await ctx.services.privacy.erase(who.dpo!, personId, { confirm: true });
    expect(deleted.conflict_case_links).toBe(1);
    expect(await ctx.services.conflicts.caseLinks(who.contactPoint!, c.id)).toEqual([]);
    expect((await ctx.services.conflicts.get(who.contactPoint!, c.id)).parties).toEqual([
      "Familie A",
      "Nachbar B",
    ]);
  });
});
