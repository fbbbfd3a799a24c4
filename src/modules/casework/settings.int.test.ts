import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseInput } from "#app/server/validation.ts";
import { addPhaseInput, updatePhasesInput, updateSettingsInput } from "./contracts.ts";
import { type CaseworkWorld, caseworkWorld } from "./fixture.test-support.ts";
import { DEFAULT_PHASES } from "./model.ts";

let w: CaseworkWorld;
beforeAll(async () => {
  w = await caseworkWorld();
});
afterAll(() => w.close());

const settings = () => w.ctx.services.casework.settings;

describe("case-work settings", () => {
  it("a tenant starts with the default phases and three years of retention", async () => {
    const s = await settings().get(w.p("admin"));
    expect(s.retentionYears).toBe(3);
    expect(s.phases.map((p) => p.key)).toEqual(DEFAULT_PHASES.map((p) => p.key));
    expect(await w.ctx.services.casework.retentionPeriod(w.tenantId)).toBe(3);
  });

  it("only whoever holds casework.settings changes them; a stale version is refused", async () => {
    const s = await settings().get(w.p("admin"));
    const input = parseInput(updateSettingsInput, { retentionYears: "10", version: s.version });
    await expect(settings().update(w.p("supA"), input)).rejects.toMatchObject({ code: "forbidden" });
    await settings().update(w.p("admin"), input);
    await expect(settings().update(w.p("admin"), input)).rejects.toMatchObject({ code: "version_conflict" });
    expect(await w.ctx.services.casework.retentionPeriod(w.tenantId)).toBe(10);
    expect(() => parseInput(updateSettingsInput, { retentionYears: 31, version: 1 })).toThrow(
      expect.objectContaining({
        fields: [{ field: "retentionYears", code: "too_big", params: { max: 30 } }],
      }),
    );
  });

  it("adds a phase at the end, refuses a key twice, and keeps at least one phase active", async () => {
    await settings().addPhase(
      w.p("admin"),
      parseInput(addPhaseInput, { key: "Nachsorge", label: "Nachsorge" }),
    );
    const s = await settings().get(w.p("admin"));
    expect(s.phases.at(-1)).toMatchObject({ key: "nachsorge", label: "Nachsorge", active: true });
    await expect(
      settings().addPhase(w.p("admin"), parseInput(addPhaseInput, { key: "nachsorge", label: "Nochmal" })),
    ).rejects.toMatchObject({ code: "already_exists", fields: [{ field: "key", code: "taken" }] });
    const allOff = s.phases.map((p) => ({ id: p.id, label: p.label, sort: p.sort, active: false }));
    await expect(
      settings().updatePhases(w.p("admin"), parseInput(updatePhasesInput, { phases: allOff })),
    ).rejects.toMatchObject({ fields: [{ field: "phases", code: "phase_one_active" }] });
    const first = s.phases[0]!;
    await settings().updatePhases(
      w.p("admin"),
      parseInput(updatePhasesInput, {
        phases: [{ id: first.id, label: "Ankunft", sort: "5", active: true }],
      }),
    );
    expect((await settings().get(w.p("admin"))).phases[0]).toMatchObject({
      id: first.id,
      label: "Ankunft",
      sort: 5,
    });
  });
});
