import { describe, expect, it } from "vitest";
import { AGREEMENT_STATES, agreementEditable, canMoveAgreement, reviewDueSoon } from "./agreements.model.ts";

describe("agreement state machine", () => {
  it("goes draft → signed → under review → renewed or ended, and ended is final", () => {
    expect(canMoveAgreement("draft", "signed")).toBe(true);
    expect(canMoveAgreement("signed", "under_review")).toBe(true);
    expect(canMoveAgreement("under_review", "renewed")).toBe(true);
    expect(canMoveAgreement("renewed", "under_review")).toBe(true);
    expect(canMoveAgreement("draft", "renewed")).toBe(false);
    expect(canMoveAgreement("signed", "draft")).toBe(false);
    for (const s of AGREEMENT_STATES) expect(canMoveAgreement("ended", s)).toBe(false);
  });

  it("marks running agreements whose review is within 60 days", () => {
    expect(reviewDueSoon({ state: "signed", reviewDate: "2026-05-01" }, "2026-03-02")).toBe(true);
    expect(reviewDueSoon({ state: "signed", reviewDate: "2026-05-02" }, "2026-03-02")).toBe(false);
    expect(reviewDueSoon({ state: "renewed", reviewDate: "2026-01-01" }, "2026-03-02")).toBe(true);
    expect(reviewDueSoon({ state: "draft", reviewDate: "2026-03-10" }, "2026-03-02")).toBe(false);
    expect(reviewDueSoon({ state: "signed", reviewDate: null }, "2026-03-02")).toBe(false);
  });

  it("keeps the signed text: terms change only while a draft or under review", () => {
    expect(AGREEMENT_STATES.filter(agreementEditable)).toEqual(["draft", "under_review"]);
  });
});
