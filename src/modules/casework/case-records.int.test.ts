// The records of a case through the one record writer: needs, help-plan items, contacts,
// notes, attachments — the case's write rule, per-record versions, audit by field names.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseInput } from "#app/server/validation.ts";
import {
  contactInput,
  needInput,
  noteInput,
  planItemInput,
  updateNeedInput,
  updateNoteInput,
  updatePlanItemInput,
} from "./contracts.ts";
import { type CaseworkWorld, caseworkWorld } from "./fixture.test-support.ts";

let w: CaseworkWorld;
let caseId: string;
let otherCaseId: string;
let personId: string;
let strangerId: string;
beforeAll(async () => {
  w = await caseworkWorld();
  const h = await w.intake(w.p("cwA"), "Familie Akte", [{ givenName: "Leyla", familyName: "Akte" }]);
  caseId = h.caseId;
  personId = h.personIds[0]!;
  const other = await w.intake(w.p("cwA"), "Familie Nachbar", [
    { givenName: "Karim", familyName: "Nachbar" },
  ]);
  otherCaseId = other.caseId;
  strangerId = other.personIds[0]!;
});
afterAll(() => w.close());

const cw = () => w.ctx.services.casework;
const auditOf = async (entityType: string, entityId: string) =>
  w.ctx.services.audit.list(w.tenantId, { entityType, entityId }, { limit: 10, offset: 0 });

describe("needs", () => {
  it("for a person of the household only; changes audited by field name, versions checked", async () => {
    await expect(
      cw().needs.add(w.p("cwA"), caseId, parseInput(needInput, { domain: "housing", personId: strangerId })),
    ).rejects.toMatchObject({ fields: [{ field: "personId", code: "invalid_choice" }] });
    const need = await cw().needs.add(
      w.p("cwA"),
      caseId,
      parseInput(needInput, { domain: "language", personId, note: "B1 gesucht" }),
    );
    const changed = await cw().needs.update(
      w.p("cwA2"),
      caseId,
      need.id,
      parseInput(updateNeedInput, { status: "in_progress", note: "B1 gesucht", version: need.version }),
    );
    expect(changed.status).toBe("in_progress");
    await expect(
      cw().needs.update(
        w.p("cwA"),
        caseId,
        need.id,
        parseInput(updateNeedInput, { status: "met", version: need.version }),
      ),
    ).rejects.toMatchObject({ code: "version_conflict" });
    // The need belongs to this case, not to another one the user may also write.
    await expect(
      cw().needs.update(
        w.p("cwA"),
        otherCaseId,
        need.id,
        parseInput(updateNeedInput, { status: "met", version: changed.version }),
      ),
    ).rejects.toMatchObject({ code: "not_found" });
    const update = (await auditOf("case_need", need.id)).find((e) => e.action === "update");
    expect(update?.changes).toEqual({
      caseId: { old: null, new: caseId },
      fields: { old: null, new: ["status"] },
    });
  });

  it("a worker of another office may not add one", async () => {
    await expect(
      cw().needs.add(w.p("cwB"), caseId, parseInput(needInput, { domain: "money" })),
    ).rejects.toMatchObject({ code: "forbidden" });
  });
});

describe("help-plan items", () => {
  it("a task hangs under a goal of the same case, never under a task or itself", async () => {
    const goal = await cw().planItems.add(
      w.p("cwA"),
      caseId,
      parseInput(planItemInput, { title: "Arbeit finden" }),
    );
    const task = await cw().planItems.add(
      w.p("cwA"),
      caseId,
      parseInput(planItemInput, { title: "Lebenslauf", goalId: goal.id, dueOn: "2026-04-01" }),
    );
    await expect(
      cw().planItems.add(
        w.p("cwA"),
        caseId,
        parseInput(planItemInput, { title: "Unter Aufgabe", goalId: task.id }),
      ),
    ).rejects.toMatchObject({ fields: [{ field: "goalId", code: "invalid_choice" }] });
    const foreignGoal = await cw().planItems.add(
      w.p("cwA"),
      otherCaseId,
      parseInput(planItemInput, { title: "Fremdes Ziel" }),
    );
    await expect(
      cw().planItems.add(
        w.p("cwA"),
        caseId,
        parseInput(planItemInput, { title: "X", goalId: foreignGoal.id }),
      ),
    ).rejects.toMatchObject({ fields: [{ field: "goalId", code: "invalid_choice" }] });
    await expect(
      cw().planItems.update(
        w.p("cwA"),
        caseId,
        goal.id,
        parseInput(updatePlanItemInput, { title: "Arbeit finden", goalId: goal.id, version: goal.version }),
      ),
    ).rejects.toMatchObject({ fields: [{ field: "goalId", code: "invalid_choice" }] });
    const done = await cw().planItems.update(
      w.p("cwA"),
      caseId,
      task.id,
      parseInput(updatePlanItemInput, {
        title: "Lebenslauf",
        goalId: goal.id,
        dueOn: "2026-04-01",
        status: "done",
        version: task.version,
      }),
    );
    expect(done.status).toBe("done");
    const update = (await auditOf("help_plan_item", task.id)).find((e) => e.action === "update");
    expect(update?.changes).toMatchObject({ fields: { old: null, new: ["status"] } });
  });
});

describe("contacts", () => {
  it("takes a Berlin wall-clock time, and refuses one in the future", async () => {
    const c = await cw().contacts.add(
      w.p("cwA"),
      caseId,
      parseInput(contactInput, { kind: "phone", occurredAt: "2026-03-02T09:30", durationMinutes: "15" }),
    );
    // 09:30 in Berlin in March (CET) is 08:30 UTC.
    expect(c.occurredAt.toISOString()).toBe("2026-03-02T08:30:00.000Z");
    expect(c.durationMinutes).toBe(15);
    await expect(
      cw().contacts.add(
        w.p("cwA"),
        caseId,
        parseInput(contactInput, { kind: "phone", occurredAt: "2026-03-03T10:00" }),
      ),
    ).rejects.toMatchObject({ fields: [{ field: "occurredAt", code: "date_in_future" }] });
    expect(() =>
      parseInput(contactInput, { kind: "phone", occurredAt: "2026-03-02T09:30", durationMinutes: "1.5" }),
    ).toThrow(expect.objectContaining({ fields: [expect.objectContaining({ field: "durationMinutes" })] }));
  });
});

describe("notes", () => {
  it("a second save with the same version is refused, and the first one stays", async () => {
    const note = await cw().notes.add(
      w.p("cwA"),
      caseId,
      parseInput(noteInput, { text: "Erste Fassung", health: false }),
    );
    await cw().notes.update(
      w.p("cwA"),
      caseId,
      note.id,
      parseInput(updateNoteInput, { text: "Zweite Fassung", health: "on", version: note.version }),
    );
    await expect(
      cw().notes.update(
        w.p("cwA2"),
        caseId,
        note.id,
        parseInput(updateNoteInput, { text: "Dritte Fassung", health: false, version: note.version }),
      ),
    ).rejects.toMatchObject({ code: "version_conflict" });
    const shown = (await cw().cases.get(w.p("cwA"), caseId)).notes.find((n) => n.id === note.id);
    expect(shown).toMatchObject({ text: "Zweite Fassung", health: true });
  });
});

describe("attachments", () => {
  it("an attachment is read only through its own case", async () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const a = await cw().attachments.add(w.p("cwA"), caseId, { fileName: "foto.png", content: png });
    expect(a.mimeType).toBe("image/png");
    await expect(cw().attachments.get(w.p("cwA"), otherCaseId, a.id)).rejects.toMatchObject({
      code: "not_found",
    });
    await expect(cw().attachments.get(w.p("cwB"), caseId, a.id)).rejects.toMatchObject({ code: "forbidden" });
    const file = await cw().attachments.get(w.p("cwA2"), caseId, a.id);
    expect([...file.content]).toEqual([...png]);
    expect((await auditOf("case_attachment", a.id)).map((e) => e.action).sort()).toEqual(["create", "read"]);
  });
});

describe("needs from a questionnaire", () => {
  it("open once per domain and person, only with a write handle of the case", async () => {
    const h = await w.intake(w.p("cwA"), "Familie Fragebogen", [{ givenName: "Hiba", familyName: "Bogen" }]);
    const write = await cw().cases.access(w.p("cwA"), h.caseId, "write");
    const read = await cw().cases.access(w.p("cwA"), h.caseId, "read");
    const input = {
      domains: ["language", "housing", "no_such_domain"],
      personId: null,
      source: "survey:test",
    };
    expect(await cw().openNeedsFromSurvey(w.p("cwA"), write, input)).toEqual(["language", "housing"]);
    expect(await cw().openNeedsFromSurvey(w.p("cwA"), write, input)).toEqual([]);
    await expect(
      (async () => cw().openNeedsFromSurvey(w.p("cwA"), read, { ...input, domains: ["money"] }))(),
    ).rejects.toMatchObject({ code: "forbidden" });
    const needs = (await cw().cases.get(w.p("cwA"), h.caseId)).needs;
    expect(needs.map((n) => [n.domain, n.source])).toEqual([
      ["language", "survey:test"],
      ["housing", "survey:test"],
    ]);
  });
});
