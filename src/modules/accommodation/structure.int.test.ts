import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isAppError } from "#app/server/errors.ts";
import type { Principal, Role, RoleGrant } from "#app/server/policy/roles.ts";
import { createUserWithRole } from "../../../tests/setup/auth.ts";
import { createTestContext, type TestContext } from "../../../tests/setup/test-db.ts";
import { comparisonQuery } from "./housing.contracts.ts";

// The age and gender structure through the small-cell rule, and the housing coordinator's
// need-to-know (decision 081), on PGlite and PostgreSQL.

let ctx: TestContext;
let tenantId: string;
const who: Record<string, Principal> = {};

async function person(key: string, role: Role, scope?: Omit<RoleGrant, "role">) {
  const { user } = await createUserWithRole(ctx.services, tenantId, role, scope ? { scope } : {});
  const grants: RoleGrant[] = [{ role, ...(scope ?? { scopeType: "tenant", scopeId: null }) }];
  who[key] = { userId: user.id, tenantId, sessionId: "s", grants, mfaSatisfied: true };
}

let accId: string;
let caseIds: string[] = [];

beforeAll(async () => {
  ctx = await createTestContext({ now: new Date("2026-03-02T09:00:00Z") });
  tenantId = (
    await ctx.services.tenants.create({
      slug: "unna-structure",
      name: "Kreisstadt Unna",
      kind: "municipality",
    })
  ).id;
  const square = {
    type: "Feature",
    properties: { code: "S1", name: "Quartier S1", level: "quarter", parent: null },
    geometry: {
      type: "Polygon",
      coordinates: [
        [
          [7.6, 51.5],
          [7.64, 51.5],
          [7.64, 51.52],
          [7.6, 51.52],
          [7.6, 51.5],
        ],
      ],
    },
  };
  await ctx.services.areas.commitImport(
    { kind: "system" },
    tenantId,
    JSON.stringify({ type: "FeatureCollection", features: [square] }),
  );
  const office = await ctx.services.offices.create(
    { kind: "system", tenantId },
    { kind: "welcome_office", placeId: null, email: null, phone: null, name: "Willkommensbüro" },
  );
  await person("cw", "case_worker", { scopeType: "office", scopeId: office.id });
  await person("coordinator", "coordinator");
  await person("housing", "housing_coordinator");

  const acc = await ctx.services.accommodation.accommodations.create(
    { kind: "user", principal: who.housing! },
    {
      name: "Haus Königsborn",
      kind: "shared_house",
      address: "Friedrich-Ebert-Straße 5, 59425 Unna",
      lon: 7.62,
      lat: 51.51,
      places: 30,
      accessible: true,
      operator: null,
      contact: null,
      opensOn: "2026-01-01",
      closesOn: null,
    },
  );
  accId = acc.id;
  type M = { sex: "female" | "male"; birthDate: string };
  const families: { members: M[]; moveIn: string }[] = [
    {
      members: Array.from({ length: 6 }, () => ({ sex: "female", birthDate: "1990-01-01" })),
      moveIn: "2026-02-01",
    },
    {
      members: [
        { sex: "male", birthDate: "2024-06-01" },
        ...Array.from({ length: 5 }, () => ({ sex: "male" as const, birthDate: "1980-01-01" })),
      ],
      moveIn: "2026-02-01",
    },
    // Moves in later: not counted before its day.
    { members: [{ sex: "female", birthDate: "2000-01-01" }], moveIn: "2026-06-01" },
  ];
  caseIds = [];
  for (const f of families) {
    const r = await ctx.services.casework.createHousehold(who.cw!, {
      household: { label: `Familie ${Math.random().toString(36).slice(2, 7)}` },
      persons: f.members.map((m, i) => ({ givenName: `Person${i}`, familyName: "Muster", ...m })),
      case: { caseType: "integration" },
      allowDuplicate: true,
    });
    if (r.status !== "created") throw new Error("expected a household");
    const { version } = await ctx.services.accommodation.accommodations.get(
      { kind: "user", principal: who.cw! },
      accId,
    );
    await ctx.services.accommodation.placements.place(who.cw!, accId, {
      caseId: r.caseId!,
      moveIn: f.moveIn,
      moveOut: null,
      room: null,
      version,
    });
    caseIds.push(r.caseId!);
  }
});
afterAll(() => ctx.close());

async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return "ok";
  } catch (e) {
    if (!isAppError(e)) throw e;
    return e.code;
  }
}

describe("age and gender structure", () => {
  it("counts the residents of the day by age band and sex, and lets no small count out", async () => {
    const s = await ctx.services.accommodation.structure.of(who.coordinator!, accId, "2026-03-02");
    expect(s.bands).toContain("27-64");
    expect(s.total).toEqual({ value: 12, suppressed: null });
    const at = (band: string, sex: string) =>
      s.cells[s.bands.indexOf(band as never)]![s.sexes.indexOf(sex as never)]!;
    // One toddler: hidden as a small count; 6 women 27–64 counted.
    expect(at("0-5", "male")).toEqual({ value: null, suppressed: "primary" });
    for (const row of [...s.cells, s.rowTotals, s.columnTotals])
      for (const c of row) if (c.value !== null) expect(c.value === 0 || c.value >= s.minCount).toBe(true);
    // No row or column hides exactly one of its parts (secondary suppression), so nothing can be subtracted.
    for (const [i, row] of s.cells.entries()) {
      const hidden = [...row, s.rowTotals[i]!].filter((c) => c.value === null).length;
      expect(hidden === 0 || hidden >= 2).toBe(true);
    }
    // The later household counts from its day on; nobody lives there before the first move-in.
    const later = await ctx.services.accommodation.structure.of(who.coordinator!, accId, "2026-06-01");
    expect(later.total).toEqual({ value: 13, suppressed: null });
    const before = await ctx.services.accommodation.structure.of(who.coordinator!, accId, "2026-01-15");
    expect(before.total.value).toBe(0);
    expect(await codeOf(ctx.services.accommodation.structure.of(who.housing!, accId, "2026-03-02"))).toBe(
      "ok",
    );
  });
});

describe("comparison (decision 121)", () => {
  it("puts two periods side by side with every count of persons through the small-cell rule", async () => {
    const c = await ctx.services.accommodation.comparison.compare(who.coordinator!, {
      a: accId,
      aFrom: "2026-02-01",
      aTo: "2026-03-31",
      b: accId,
      bFrom: "2026-06-01",
      bTo: "2026-06-30",
    });
    const figure = (f: string) => c.figures.find((x) => x.figure === f)!.values.map((v) => v.value);
    // Two and three households are small counts; twelve and thirteen persons are not.
    expect(figure("households")).toEqual([null, null]);
    expect(figure("persons")).toEqual([12, 13]);
    expect(figure("move_in_persons")).toEqual([12, null]);
    expect(figure("move_out_persons")).toEqual([0, 0]);
    // 12 of 30 places every day; in June 13 of 30.
    expect(c.sides.map((s) => [s.places, s.utilisation])).toEqual([
      [30, 40],
      [30, 43.3],
    ]);
    expect(c.ages.columnTotals.map((x) => x.value)).toEqual([12, 13]);
    const toddler = c.ages.cells[c.ages.bands.indexOf("0-5")]!;
    expect(toddler[0]).toEqual({ value: null, suppressed: "primary" });
    for (const row of [...c.ages.cells, ...c.sexes.cells])
      for (const x of row) if (x.value !== null) expect(x.value === 0 || x.value >= c.minCount).toBe(true);
    // The contract refuses it at the field (the page and the API parse with it first).
    expect(
      comparisonQuery
        .safeParse({
          a: accId,
          b: accId,
          aFrom: "2026-03-01",
          aTo: "2026-02-01",
          bFrom: "2026-06-01",
          bTo: "2026-06-30",
        })
        .error?.issues.map((i) => [i.path.join("."), i.message]),
    ).toEqual([["aTo", "code:accommodation_period_end_before_start"]]);
  });
});

describe("the housing coordinator", () => {
  it("sees every placement of every accommodation without the case file, and no one else does", async () => {
    const residents = await ctx.services.accommodation.placements.residents(who.housing!, accId);
    expect(residents.hiddenCount).toBe(0);
    expect(residents.placements).toHaveLength(3);
    const coordinatorView = await ctx.services.accommodation.placements.residents(who.coordinator!, accId);
    expect([coordinatorView.placements.length, coordinatorView.hiddenCount]).toEqual([0, 3]);

    const readsBy = async () =>
      (
        await ctx.services.audit.readsOf(
          tenantId,
          residents.placements.map((p) => p.id),
        )
      ).filter((r) => r.actorUserId === who.housing!.userId).length;
    const before = await readsBy();
    const roster = await ctx.services.accommodation.placements.roster(who.housing!, "2026-03-02");
    expect(roster.map((p) => p.caseId).sort()).toEqual([...caseIds].sort());
    expect(await readsBy()).toBeGreaterThan(before);
    expect(await codeOf(ctx.services.accommodation.placements.roster(who.coordinator!, "2026-03-02"))).toBe(
      "forbidden",
    );
    expect(await codeOf(ctx.services.accommodation.placements.roster(who.cw!, "2026-03-02"))).toBe(
      "forbidden",
    );
    // No case file: placing reads the household from case work, which the role may not.
    expect(await codeOf(ctx.services.casework.cases.access(who.housing!, caseIds[0]!, "read"))).toBe(
      "forbidden",
    );
    const { version } = await ctx.services.accommodation.accommodations.get(
      { kind: "user", principal: who.housing! },
      accId,
    );
    expect(
      await codeOf(
        ctx.services.accommodation.placements.place(who.housing!, accId, {
          caseId: caseIds[0]!,
          moveIn: "2027-01-01",
          moveOut: null,
          room: null,
          version,
        }),
      ),
    ).toBe("forbidden");
  });
});
