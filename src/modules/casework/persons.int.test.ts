import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseInput } from "#app/server/validation.ts";
import { addPersonInput, personInput, relationInput, updatePersonInput } from "./contracts.ts";
import { type CaseworkWorld, caseworkWorld } from "./fixture.test-support.ts";

let w: CaseworkWorld;
beforeAll(async () => {
  w = await caseworkWorld();
});
afterAll(() => w.close());

const persons = () => w.ctx.services.casework.persons;

describe("persons", () => {
  it("the contract checks dates and residence across fields, and folds codes", () => {
    expect(() =>
      parseInput(personInput, {
        givenName: "Omar",
        familyName: "B.",
        arrivedInGermanyOn: "2024-05-10",
        assignedToMunicipalityOn: "2024-05-01",
        residenceStatus: "duldung",
        residenceParagraph: "§ 25 Abs. 2",
        nationalities: ["QQ"],
      }),
    ).toThrow(
      expect.objectContaining({
        fields: expect.arrayContaining([
          { field: "assignedToMunicipalityOn", code: "assignment_before_arrival" },
          { field: "residenceParagraph", code: "residence_paragraph_only_permit" },
          { field: "nationalities.0", code: "nationality_unknown" },
        ]),
      }),
    );
    const p = parseInput(personInput, {
      givenName: " Lina ",
      familyName: "Nord",
      sex: "",
      nationalities: ["sy"],
      languages: [{ lang: "AR", level: "native" }],
    });
    expect(p).toMatchObject({
      givenName: "Lina",
      sex: "unspecified",
      householdRelation: "self",
      nationalities: ["SY"],
    });
    expect(p.languages).toEqual([{ lang: "ar", level: "native" }]);
  });

  it("adds a person, stopping at a resemblance unless confirmed", async () => {
    const h = await w.intake(w.p("cwA"), "Familie Person", [
      { givenName: "Yusuf", familyName: "Demir", birthDate: "1980-01-15" },
    ]);
    const other = await w.intake(w.p("cwA"), "Familie Anders", [
      { givenName: "Aylin", familyName: "Kaya", birthDate: "1992-09-09" },
    ]);
    const similar = { givenName: "Jusuf", familyName: "Demir", birthDate: "1980-01-16" };
    const stopped = await persons().add(w.p("cwA"), other.householdId, parseInput(addPersonInput, similar));
    expect(stopped.status).toBe("duplicates");
    if (stopped.status === "duplicates") {
      expect(stopped.duplicates.visible.map((d) => d.householdId)).toEqual([h.householdId]);
    }
    const added = await persons().add(
      w.p("cwA"),
      other.householdId,
      parseInput(addPersonInput, { ...similar, allowDuplicate: true }),
    );
    expect(added).toMatchObject({
      status: "created",
      person: { givenName: "Jusuf", householdId: other.householdId },
    });
  });

  it("a changed health note is audited by field name only and stored encrypted", async () => {
    const h = await w.intake(w.p("cwA"), "Familie Gesund", [{ givenName: "Rana", familyName: "Gesund" }]);
    const id = h.personIds[0]!;
    const before = await persons().get(w.p("cwA"), id);
    const after = await persons().update(
      w.p("cwA"),
      id,
      parseInput(updatePersonInput, {
        givenName: "Rana",
        familyName: "Gesund",
        health: "Asthma",
        version: before.version,
      }),
    );
    expect(after.health).toBe("Asthma");
    const [entry] = await w.ctx.services.audit.list(
      w.tenantId,
      { entityType: "person", entityId: id, action: "update" },
      { limit: 1, offset: 0 },
    );
    expect(entry?.changes).toEqual({ fields: { old: null, new: ["health"] } });
    const raw = await w.ctx.handle.db.execute(sql`SELECT health_enc FROM persons WHERE id = ${id}`);
    expect(JSON.stringify(raw)).not.toContain("Asthma");
  });

  it("relates persons the user may see, refuses a person of another team, and removes a relation", async () => {
    const a = await w.intake(w.p("cwA"), "Familie Rel", [{ givenName: "Mona", familyName: "Rel" }]);
    const b = await w.intake(w.p("cwA"), "Familie Rel 2", [{ givenName: "Sami", familyName: "Rel" }]);
    const east = await w.intake(w.p("cwB"), "Familie Rel Ost", [{ givenName: "Dana", familyName: "Rel" }], 7);
    const rel = await persons().addRelation(
      w.p("cwA"),
      a.personIds[0]!,
      parseInput(relationInput, { relatedPersonId: b.personIds[0], kind: "sibling" }),
    );
    await expect(
      persons().addRelation(
        w.p("cwA"),
        a.personIds[0]!,
        parseInput(relationInput, { relatedPersonId: east.personIds[0], kind: "parent" }),
      ),
    ).rejects.toMatchObject({ code: "forbidden" });
    await expect(
      persons().addRelation(
        w.p("cwA"),
        a.personIds[0]!,
        parseInput(relationInput, { relatedPersonId: a.personIds[0], kind: "parent" }),
      ),
    ).rejects.toMatchObject({ fields: [{ field: "relatedPersonId", code: "invalid_choice" }] });
    expect((await w.ctx.services.casework.households.get(w.p("cwA"), a.householdId)).relations).toHaveLength(
      1,
    );
    await persons().removeRelation(w.p("cwA"), a.householdId, rel.id);
    expect((await w.ctx.services.casework.households.get(w.p("cwA"), a.householdId)).relations).toEqual([]);
    await expect(persons().removeRelation(w.p("cwA"), a.householdId, rel.id)).rejects.toMatchObject({
      code: "not_found",
    });
  });
});
