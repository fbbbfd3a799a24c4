import { describe, expect, it } from "vitest";
import { isPublicSitePath } from "./live-gate.ts";

// Decision 097: a tenant that is not live hides its public site from anonymous readers.
describe("the live gate's paths", () => {
  it("hides the public site only: sign-in, staff pages and one-time links stay open", () => {
    for (const path of [
      "/de",
      "/ar/offers",
      "/de/offers/map",
      "/de/guide/wohnen",
      "/api/public/offers",
      "/api/hsds/services",
      "/de/offers.ics",
      "/api/v1/areas.geojson",
      "/de/funding",
    ]) {
      expect(isPublicSitePath(path), path).toBe(true);
    }
    for (const path of [
      "/staff",
      "/staff/onboarding",
      "/de/login",
      "/ar/reset-password",
      "/de/survey/abc",
      "/de/funding/apply/abc",
      "/api/v1/auth/login",
      "/api/v1/tenant",
      "/assets/app.js",
      "/healthz",
    ]) {
      expect(isPublicSitePath(path), path).toBe(false);
    }
  });
});
