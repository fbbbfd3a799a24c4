import { describe, expect, it } from "vitest";
import { pagePermission, STAFF_PAGES } from "./pages.ts";
import { ACTIONS, authorize, can, PERMISSIONS, SESSION_ACTIONS, scopeIdsFor } from "./policy.ts";
import { type Principal, ROLES, type Role } from "./roles.ts";

const principal = (role: Role, scope: Partial<Principal["grants"][number]> = {}, mfa = true): Principal => ({
  userId: "u",
  tenantId: "t",
  sessionId: "s",
  grants: [{ role, scopeType: "tenant", scopeId: null, ...scope }],
  mfaSatisfied: mfa,
});

describe("policy table", () => {
  it("decides every action for every role exactly as the table says", () => {
    for (const action of ACTIONS) {
      for (const role of ROLES) {
        expect(can(principal(role), action), `${role} × ${action}`).toBe(
          (PERMISSIONS[action] as readonly Role[]).includes(role),
        );
      }
    }
  });

  it("refuses everything while the second factor is pending, and without a principal", () => {
    for (const action of ACTIONS) {
      // Only actions on the own session (sign out, give the second factor) stay open meanwhile.
      expect(can(principal("admin", {}, false), action)).toBe(SESSION_ACTIONS.has(action));
      expect(can(null, action)).toBe(false);
    }
    expect(authorize(principal("volunteer", {}, false), "session.self").userId).toBe("u");
    expect(() => authorize(null, "session.self")).toThrow(
      expect.objectContaining({ code: "unauthenticated" }),
    );
    expect(() => authorize(null, "areas.read")).toThrow(expect.objectContaining({ code: "unauthenticated" }));
    expect(() => authorize(principal("admin", {}, false), "areas.read")).toThrow(
      expect.objectContaining({ code: "mfa_required" }),
    );
    expect(() => authorize(principal("volunteer"), "users.manage")).toThrow(
      expect.objectContaining({ code: "forbidden" }),
    );
  });

  it("narrows a scoped grant to resources in its scope", () => {
    const orgAdmin = principal("coordinator", { scopeType: "organization", scopeId: "org-1" });
    expect(can(orgAdmin, "framework.update", { organizationId: "org-1" })).toBe(true);
    expect(can(orgAdmin, "framework.update", { organizationId: "org-2" })).toBe(false);
    const areaRole = principal("coordinator", { scopeType: "area", scopeId: "district-a" });
    expect(can(areaRole, "framework.update", { areaIds: ["quarter-1", "district-a"] })).toBe(true);
    expect(can(areaRole, "framework.update", { areaIds: ["district-b"] })).toBe(false);
  });

  it("maps every staff page to a permission, longest prefix first", () => {
    expect(pagePermission("/staff/areas/import")).toBe("areas.import");
    expect(pagePermission("/staff/areas/")).toBe("areas.read");
    expect(pagePermission("/staff/unknown")).toBe("staff.access");
    expect(pagePermission("/de")).toBeUndefined();
    for (const p of STAFF_PAGES)
      expect(p.permission === "public" || ACTIONS.includes(p.permission)).toBe(true);
  });
});

describe("scoped grants for lists", () => {
  const org = "0190f5e0-0000-7000-8000-000000000001";
  const office = "0190f5e0-0000-7000-8000-000000000002";

  it("scopeIdsFor: all for a tenant grant, the scope ids otherwise, nothing for other roles or a pending factor", () => {
    expect(scopeIdsFor(principal("coordinator"), "directory.edit", "organization")).toBe("all");
    const partner = principal("partner_staff", { scopeType: "organization", scopeId: org });
    expect(scopeIdsFor(partner, "directory.edit", "organization")).toEqual([org]);
    expect(scopeIdsFor(partner, "directory.publish", "organization")).toEqual([]);
    expect(scopeIdsFor(partner, "directory.edit", "office")).toEqual([]);
    const worker = principal("case_worker", { scopeType: "office", scopeId: office }, false);
    expect(scopeIdsFor(worker, "cases.read", "office")).toEqual([]);
    expect(scopeIdsFor({ ...worker, mfaSatisfied: true }, "cases.read", "office")).toEqual([office]);
  });

  it("a scoped grant without its scope id covers no resource", () => {
    const broken = principal("case_worker", { scopeType: "office", scopeId: null });
    expect(can(broken, "cases.read", { officeId: null })).toBe(false);
    expect(
      can(principal("case_worker", { scopeType: "office", scopeId: office }), "cases.read", {
        officeId: office,
      }),
    ).toBe(true);
  });
});
