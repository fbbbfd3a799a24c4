import { describe, expect, it } from "vitest";
import { addWorkingDays, isoWeekday, type RequestFacts, transition } from "./states.ts";

const startsAt = new Date("2027-01-05T09:00:00Z");
const before = new Date("2027-01-01T09:00:00Z");
const after = new Date("2027-01-05T11:00:00Z");
const facts = (state: RequestFacts["state"], volunteerId: string | null = "v1"): RequestFacts => ({
  state,
  volunteerId,
  startsAt,
});

describe("request state machine", () => {
  it("walks the whole chain from submitted to settled", () => {
    let f = facts("submitted", null);
    const steps = [
      [{ type: "check" }, "checked", before],
      [{ type: "offer", volunteerId: "v1" }, "offered", before],
      [{ type: "accept" }, "accepted", before],
      [{ type: "confirm" }, "confirmed", before],
      [{ type: "hold", minutes: 75 }, "held", after],
      [{ type: "claim" }, "claimed", after],
      [{ type: "settle" }, "settled", after],
    ] as const;
    for (const [event, state, now] of steps) {
      const t = transition(f, event, now, 48);
      expect(t).toMatchObject({ ok: true, state });
      if (!t.ok) return;
      f = { ...f, state: t.state, volunteerId: t.volunteerId };
    }
    expect(f.volunteerId).toBe("v1");
  });

  it("a declined offer frees the request for the next search", () => {
    expect(transition(facts("offered"), { type: "decline" }, before, 48)).toEqual({
      ok: true,
      state: "declined",
      volunteerId: null,
    });
    expect(
      transition(facts("declined", null), { type: "offer", volunteerId: "v2" }, before, 48),
    ).toMatchObject({
      ok: true,
      state: "offered",
      volunteerId: "v2",
    });
  });

  it("refuses a claim for a conversation that was not held, and holding one that has not started", () => {
    expect(transition(facts("confirmed"), { type: "claim" }, after, 48)).toEqual({
      ok: false,
      code: "not_yet_held",
    });
    expect(transition(facts("confirmed"), { type: "hold", minutes: 60 }, before, 48)).toEqual({
      ok: false,
      code: "not_yet_started",
    });
    expect(transition(facts("settled"), { type: "accept" }, after, 48)).toEqual({
      ok: false,
      code: "invalid_transition",
    });
  });

  it("records who cancelled and whether it was inside the cut-off", () => {
    expect(transition(facts("confirmed"), { type: "cancel", by: "institution" }, before, 48)).toEqual({
      ok: true,
      state: "cancelled",
      volunteerId: "v1",
      cancelledBy: "institution",
      cancelledLate: false,
    });
    const late = new Date("2027-01-04T12:00:00Z");
    expect(transition(facts("confirmed"), { type: "cancel", by: "institution" }, late, 48)).toMatchObject({
      cancelledLate: true,
    });
    // The mediator's cancellation starts a new search.
    expect(transition(facts("confirmed"), { type: "cancel", by: "mediator" }, late, 48)).toMatchObject({
      state: "declined",
      volunteerId: null,
      cancelledBy: "mediator",
      cancelledLate: true,
    });
    expect(transition(facts("held"), { type: "cancel", by: "coordinator" }, after, 48)).toEqual({
      ok: false,
      code: "invalid_transition",
    });
    expect(transition(facts("confirmed"), { type: "no_show" }, after, 48)).toMatchObject({
      state: "no_show",
    });
  });

  it("counts working days from Monday to Friday", () => {
    // Friday 2027-01-01 + 5 working days = Friday 2027-01-08.
    expect(addWorkingDays("2027-01-01", 5, "NW")).toBe("2027-01-08");
    expect(addWorkingDays("2027-01-04", 1, "NW")).toBe("2027-01-05");
    expect(isoWeekday("2027-01-03")).toBe(7);
  });

  it("skips the public holidays of the tenant's state (decision 068)", () => {
    // Corpus Christi, Thursday 2026-06-04, is a holiday in NRW but not in Berlin.
    expect(addWorkingDays("2026-06-01", 5, "NW")).toBe("2026-06-09");
    expect(addWorkingDays("2026-06-01", 5, "BE")).toBe("2026-06-08");
    // Christmas: Tue 23 Dec 2025 + 3 = Wed 24 (a working day), then past 25/26 and the weekend: Mon 29, Tue 30.
    expect(addWorkingDays("2025-12-23", 3, "NW")).toBe("2025-12-30");
    expect(isoWeekday("2027-01-04")).toBe(1);
  });
});
