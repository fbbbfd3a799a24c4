import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseInput } from "#app/server/validation.ts";
import {
  assignWorkersInput,
  caseInput,
  caseListQuery,
  changePhaseInput,
  closeCaseInput,
  updateCaseInput,
} from "./contracts.ts";
import { type CaseworkWorld, caseworkWorld } from "./fixture.test-support.ts";

let w: CaseworkWorld;
beforeAll(async () => {
  w = await caseworkWorld();
});
afterAll(() => w.close());

const cases = () => w.ctx.services.casework.cases;
const person = (familyName: string) => [{ givenName: "Test", familyName, birthDate: "1985-05-05" }];

describe("cases", () => {
  it("opening a case: assigning someone else needs cases.assign; a supervisor may", async () => {
    const h = await w.intake(w.p("cwA"), "Familie Zuweisung", person("Zuweisung"));
    const withOther = parseInput(caseInput, { caseType: "case_management", workerIds: [w.p("cwA2").userId] });
    await expect(cases().create(w.p("cwA"), h.householdId, withOther)).rejects.toMatchObject({
      code: "forbidden",
    });
    const c = await cases().create(w.p("supA"), h.householdId, withOther);
    expect(c.officeId).toBe(w.officeA);
    const detail = await cases().get(w.p("cwA2"), c.id);
    expect(detail.workers).toEqual([expect.objectContaining({ userId: w.p("cwA2").userId, lead: true })]);
    expect(detail.canAssign).toBe(false);
    const unknown = parseInput(caseInput, { workerIds: ["0190a6f5-0000-7000-8000-000000000000"] });
    await expect(cases().create(w.p("supA"), h.householdId, unknown)).rejects.toMatchObject({
      fields: [{ field: "workerIds.0", code: "invalid_choice" }],
    });
  });

  it("a phase change needs another active phase, a date not in the future and not before the opening", async () => {
    const h = await w.intake(w.p("cwA"), "Familie Phase", person("Phase"));
    const c = await cases().get(w.p("cwA"), h.caseId);
    const change = (toPhase: string, changedOn: string) =>
      cases().changePhase(
        w.p("cwA"),
        h.caseId,
        parseInput(changePhaseInput, { toPhase, changedOn, reason: "Grund", version: c.case.version }),
      );
    await expect(change("ankommen", "2026-03-01")).rejects.toMatchObject({
      fields: [{ field: "toPhase", code: "phase_unchanged" }],
    });
    await expect(change("mondphase", "2026-03-01")).rejects.toMatchObject({
      fields: [{ field: "toPhase", code: "invalid_choice" }],
    });
    await expect(change("orientierung", "2026-03-03")).rejects.toMatchObject({
      fields: [{ field: "changedOn", code: "date_in_future" }],
    });
    await expect(change("orientierung", "2025-01-01")).rejects.toMatchObject({
      fields: [{ field: "changedOn", code: "date_before_opened" }],
    });
    const after = await change("orientierung", "2026-03-02");
    expect(after.phaseKey).toBe("orientierung");
    expect(after.version).toBe(c.case.version + 1);
  });

  it("a closed case takes no phase change, closes once and reopens once", async () => {
    const h = await w.intake(w.p("cwA"), "Familie Ende", person("Ende"));
    const open = (await cases().get(w.p("cwA"), h.caseId)).case;
    const closed = await cases().close(
      w.p("cwA"),
      h.caseId,
      parseInput(closeCaseInput, { closedOn: "2026-03-02", reason: "moved_away", version: open.version }),
    );
    expect(closed).toMatchObject({
      status: "closed",
      closureReason: "moved_away",
      retentionDueOn: "2029-03-02",
    });
    await expect(
      cases().close(
        w.p("cwA"),
        h.caseId,
        parseInput(closeCaseInput, { closedOn: "2026-03-02", reason: "other", version: closed.version }),
      ),
    ).rejects.toMatchObject({ code: "conflict" });
    await expect(
      cases().changePhase(
        w.p("cwA"),
        h.caseId,
        parseInput(changePhaseInput, {
          toPhase: "orientierung",
          changedOn: "2026-03-02",
          reason: "x",
          version: closed.version,
        }),
      ),
    ).rejects.toMatchObject({ code: "conflict" });
    const reopened = await cases().reopen(w.p("cwA"), h.caseId, { version: closed.version });
    await expect(cases().reopen(w.p("cwA"), h.caseId, { version: reopened.version })).rejects.toMatchObject({
      code: "conflict",
    });
  });

  it("the housing-loss stage follows the case type", async () => {
    const h = await w.intake(w.p("cwA"), "Familie Wohnung", person("Wohnung"));
    const v = (await cases().get(w.p("cwA"), h.caseId)).case.version;
    const c = await cases().update(
      w.p("cwA"),
      h.caseId,
      parseInput(updateCaseInput, { caseType: "housing_loss_prevention", version: v }),
    );
    expect(c.housingStage).toBe("threatened");
    const back = await cases().update(
      w.p("cwA"),
      h.caseId,
      parseInput(updateCaseInput, { caseType: "integration", housingStage: "", version: c.version }),
    );
    expect(back.housingStage).toBeNull();
  });

  it("reassigning workers: a supervisor of the office only, and the case list follows", async () => {
    const h = await w.intake(w.p("cwA"), "Familie Team", person("Team"));
    const v = (await cases().get(w.p("cwA"), h.caseId)).case.version;
    const input = parseInput(assignWorkersInput, {
      workerIds: [w.p("cwA2").userId, w.p("cwB").userId],
      leadId: w.p("cwB").userId,
      version: v,
    });
    await expect(cases().assignWorkers(w.p("cwA"), h.caseId, input)).rejects.toMatchObject({
      code: "forbidden",
    });
    await cases().assignWorkers(w.p("supA"), h.caseId, input);
    const list = await cases().list(w.p("cwB"), parseInput(caseListQuery, { q: "Familie Team" }));
    expect(list.items.map((i) => i.id)).toEqual([h.caseId]);
    const detail = await cases().get(w.p("cwB"), h.caseId);
    expect(detail.workers.find((x) => x.lead)?.userId).toBe(w.p("cwB").userId);
  });
});

describe("the CaseAccess handle", () => {
  it("is issued by the need-to-know check and good only for its user, tenant and mode", async () => {
    const h = await w.intake(w.p("cwA"), "Familie Handle", person("Handle"));
    const cw = w.ctx.services.casework;
    const read = await cases().access(w.p("cwA"), h.caseId, "read");
    expect(read).toMatchObject({
      caseId: h.caseId,
      householdId: h.householdId,
      mode: "read",
      breakGlass: false,
    });
    expect(cw.checkAccess(w.p("cwA"), read, "read")).toBe(read);
    // Another user (even of the same team) cannot use it; a read handle does not write.
    expect(() => cw.checkAccess(w.p("cwA2"), read, "read")).toThrow(
      expect.objectContaining({ code: "forbidden" }),
    );
    expect(() => cw.checkAccess(w.p("cwA"), read, "write")).toThrow(
      expect.objectContaining({ code: "forbidden" }),
    );
    // A look-alike object is not a handle.
    expect(() => cw.checkAccess(w.p("cwA"), { ...read }, "read")).toThrow(
      expect.objectContaining({ code: "forbidden" }),
    );
    await expect(cases().access(w.p("cwB"), h.caseId, "read")).rejects.toMatchObject({ code: "forbidden" });
    await expect(cases().access(w.p("coordinator"), h.caseId, "read")).rejects.toMatchObject({
      code: "forbidden",
    });
    // The handle itself writes no audit entry: nothing of the case was read yet.
    const reads = await w.ctx.services.audit.list(
      w.tenantId,
      { actorUserId: w.p("cwA").userId, action: "read", entityType: "case", entityId: h.caseId },
      { limit: 10, offset: 0 },
    );
    expect(reads).toEqual([]);
  });
});
