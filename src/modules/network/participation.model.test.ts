import { describe, expect, it } from "vitest";
import { CONTRIBUTION_STATES, canMoveContribution } from "./participation.model.ts";

describe("the contribution state machine", () => {
  it("goes received → examined → adopted or declined, and adopted and declined are final", () => {
    const allowed = CONTRIBUTION_STATES.flatMap((from) =>
      CONTRIBUTION_STATES.filter((to) => canMoveContribution(from, to)).map((to) => `${from}→${to}`),
    );
    expect(allowed).toEqual([
      "received→examined",
      "received→declined",
      "examined→received",
      "examined→adopted",
      "examined→declined",
    ]);
  });
});
