import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseInput } from "#app/server/validation.ts";
import { householdIntakeInput, listHouseholdsQuery, updateHouseholdInput } from "./contracts.ts";
import { type CaseworkWorld, caseworkWorld } from "./fixture.test-support.ts";

let w: CaseworkWorld;
beforeAll(async () => {
  w = await caseworkWorld();
});
afterAll(() => w.close());

const households = () => w.ctx.services.casework.households;
const amina = { givenName: "Amina", familyName: "Haushalt", birthDate: "1990-04-01" };

describe("households", () => {
  it("the intake contract names every problem at its field, in one answer", () => {
    expect(() =>
      parseInput(householdIntakeInput, {
        household: { label: "", postcode: "123" },
        persons: [],
        case: { caseType: "integration", housingStage: "notice_given" },
      }),
    ).toThrow(
      expect.objectContaining({
        fields: expect.arrayContaining([
          { field: "household.label", code: "required" },
          { field: "household.postcode", code: "postcode_format" },
          { field: "persons", code: "persons_required" },
          { field: "case.housingStage", code: "housing_stage_wrong_type" },
        ]),
      }),
    );
  });

  it("an intake with a case of an unknown office is refused at the case's field, and nothing is stored", async () => {
    const input = parseInput(householdIntakeInput, {
      household: { label: "Familie Unbekannt", lon: 2, lat: 5 },
      persons: [amina],
      case: { caseType: "integration", officeId: "0190a6f5-0000-7000-8000-000000000000" },
      allowDuplicate: true,
    });
    await expect(households().intake(w.p("cwA"), input)).rejects.toMatchObject({
      code: "validation_failed",
      fields: [{ field: "case.officeId", code: "invalid_choice" }],
    });
    const list = await households().list(w.p("cwA"), parseInput(listHouseholdsQuery, { q: "Unbekannt" }));
    expect(list.items).toEqual([]);
  });

  it("a case worker cannot take in a household for another office's team", async () => {
    const input = parseInput(householdIntakeInput, {
      household: { label: "Familie Fremd", lon: 2, lat: 5, officeId: w.officeB },
      persons: [amina],
      allowDuplicate: true,
    });
    await expect(households().intake(w.p("cwA"), input)).rejects.toMatchObject({
      fields: [{ field: "household.officeId", code: "office_not_yours" }],
    });
  });

  it("lists only the households of the viewer's office, and audits the list read by ids", async () => {
    const west = await w.intake(w.p("cwA"), "Familie Westliste", [amina], 2);
    const east = await w.intake(w.p("cwB"), "Familie Ostliste", [{ ...amina, familyName: "Ost" }], 7);
    const list = await households().list(w.p("cwA"), parseInput(listHouseholdsQuery, { q: "liste" }));
    expect(list.items.map((i) => i.id)).toEqual([west.householdId]);
    expect(list.items.map((i) => i.id)).not.toContain(east.householdId);
    const [entry] = await w.ctx.services.audit.list(
      w.tenantId,
      { entityType: "household_list", actorUserId: w.p("cwA").userId },
      { limit: 1, offset: 0 },
    );
    expect(entry?.changes).toEqual({ householdIds: { old: null, new: [west.householdId] } });
  });

  it("a moved address places the household again; a stale version is refused and nothing changes", async () => {
    const h = await w.intake(w.p("supA"), "Familie Umzug", [{ ...amina, familyName: "Umzug" }], 2);
    const before = (await households().get(w.p("supA"), h.householdId)).household;
    expect(before.areaId).toBe(w.areaIds.W);
    const moved = await households().update(
      w.p("supA"),
      h.householdId,
      parseInput(updateHouseholdInput, { label: "Familie Umzug", lon: 7, lat: 5, version: before.version }),
    );
    expect(moved.areaId).toBe(w.areaIds.E);
    expect(moved.officeId).toBe(w.officeB);
    await expect(
      households().update(
        w.p("supA"),
        h.householdId,
        parseInput(updateHouseholdInput, { label: "Familie Alt", version: before.version }),
      ),
    ).rejects.toMatchObject({ code: "version_conflict" });
    expect((await households().get(w.p("cwB"), h.householdId)).household.label).toBe("Familie Umzug");
  });

  it("a case carries its household's area: at the intake, after a move, and after a merge (decision 107)", async () => {
    const areaOf = async (caseId: string) => {
      const r = (await w.ctx.handle.db.execute(
        sql`select area_id from cases where tenant_id = ${w.tenantId} and id = ${caseId}`,
      )) as unknown as { rows: { area_id: string | null }[] };
      return r.rows[0]!.area_id;
    };
    const west = await w.intake(w.p("supA"), "Familie Westen", [{ ...amina, familyName: "Westen" }], 2);
    const east = await w.intake(w.p("supA"), "Familie Osten", [{ ...amina, familyName: "Osten" }], 2);
    expect(await areaOf(west.caseId)).toBe(w.areaIds.W);
    const before = (await households().get(w.p("supA"), east.householdId)).household;
    await households().update(
      w.p("supA"),
      east.householdId,
      // The office stays by hand: the same supervisor merges it below.
      parseInput(updateHouseholdInput, {
        label: "Familie Osten",
        lon: 7,
        lat: 5,
        officeId: w.officeA,
        version: before.version,
      }),
    );
    expect(await areaOf(east.caseId)).toBe(w.areaIds.E);
    expect(await areaOf(west.caseId)).toBe(w.areaIds.W);
    // A stale version changes neither the household nor its case.
    await expect(
      households().update(
        w.p("supA"),
        east.householdId,
        parseInput(updateHouseholdInput, { label: "Familie Osten", lon: 2, lat: 5, version: before.version }),
      ),
    ).rejects.toMatchObject({ code: "version_conflict" });
    expect(await areaOf(east.caseId)).toBe(w.areaIds.E);
    // The merged household's case moves to the survivor and takes the survivor's area.
    const merged = (await households().get(w.p("supA"), east.householdId)).household;
    await households().merge(w.p("supA"), {
      survivorId: west.householdId,
      mergedId: east.householdId,
      mergedVersion: merged.version,
    });
    expect(await areaOf(east.caseId)).toBe(w.areaIds.W);
  });

  it("a merged household cannot be merged again, and a household never into itself", async () => {
    const a = await w.intake(w.p("cwA"), "Familie Eins", [{ ...amina, familyName: "Eins" }], 2);
    const b = await w.intake(w.p("cwA"), "Familie Zwei", [{ ...amina, familyName: "Zwei" }], 2);
    await expect(
      households().merge(w.p("supA"), {
        survivorId: a.householdId,
        mergedId: a.householdId,
        mergedVersion: 1,
      }),
    ).rejects.toMatchObject({ fields: [{ field: "survivorId", code: "merge_same" }] });
    await households().merge(w.p("supA"), {
      survivorId: a.householdId,
      mergedId: b.householdId,
      mergedVersion: 1,
    });
    await expect(
      households().merge(w.p("supA"), {
        survivorId: b.householdId,
        mergedId: a.householdId,
        mergedVersion: 1,
      }),
    ).rejects.toMatchObject({ code: "conflict" });
  });
});
