import { describe, expect, it } from "vitest";
import {
  CONFLICT_STATES,
  checkTransition,
  crisisTypeName,
  isCrisisType,
  nextStates,
  OPEN_STATES,
  similarKinds,
} from "./model.ts";

describe("conflict state machine", () => {
  it("walks reported → triaged → local handling → mediation → agreement → closed", () => {
    const path = [
      "reported",
      "triaged",
      "local_handling",
      "mediation",
      "agreement_reached",
      "closed",
    ] as const;
    for (let i = 1; i < path.length; i++) {
      const to = path[i]!;
      expect(
        checkTransition(path[i - 1]!, to, {
          outcome: to === "closed" ? "resolved" : null,
          hasAgreement: true,
          hasHandler: true,
        }),
      ).toBeNull();
    }
  });

  it("refuses moves that skip the contact point's work", () => {
    expect(checkTransition("reported", "mediation", { hasHandler: true })).toBe("not_allowed");
    expect(checkTransition("closed", "triaged", { hasHandler: true })).toBe("not_allowed");
    expect(nextStates("closed")).toEqual([]);
  });

  it("closing needs an outcome and only closing takes one", () => {
    expect(checkTransition("no_agreement", "closed", {})).toBe("outcome_required");
    expect(checkTransition("no_agreement", "closed", { outcome: "closed_not_resolved" })).toBeNull();
    expect(checkTransition("triaged", "mediation", { outcome: "resolved" })).toBe("outcome_only_on_close");
  });

  it("an agreement is recorded before the state says so", () => {
    expect(checkTransition("mediation", "agreement_reached", { hasAgreement: false })).toBe(
      "agreement_missing",
    );
  });

  it("triage names a handler", () => {
    expect(checkTransition("reported", "triaged", { hasHandler: false })).toBe("handler_missing");
    expect(checkTransition("reported", "closed", { outcome: "referred" })).toBeNull();
  });

  it("every state but closed is open, and every state has its entry in the table", () => {
    expect(OPEN_STATES).not.toContain("closed");
    expect(OPEN_STATES.length).toBe(CONFLICT_STATES.length - 1);
  });
});

describe("crisis type names", () => {
  const t = (key: string) => `«${key}»`;
  it("names a catalog type through the catalog and an older plan's own text as written", () => {
    expect(crisisTypeName(t, "attack_place_of_worship")).toBe(
      "«conflicts.crisis_type_attack_place_of_worship»",
    );
    expect(crisisTypeName(t, "Hochwasser an der Seseke")).toBe("Hochwasser an der Seseke");
    expect(isCrisisType("other")).toBe(true);
    expect(isCrisisType("Other")).toBe(false);
  });
});

describe("kinds that warn of a duplicate", () => {
  it("groups noise with neighbourhood, a threat with a religious site, and keeps school apart", () => {
    expect(similarKinds("noise")).toContain("neighbourhood");
    expect(similarKinds("religious_site")).toContain("threat");
    expect(similarKinds("school")).toEqual(["school"]);
    expect(similarKinds("school")).not.toContain("neighbourhood");
    // A tenant's own kind outside the families only matches itself.
    expect(similarKinds("market_stalls")).toEqual(["market_stalls"]);
  });
});
