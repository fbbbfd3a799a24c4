// The authorization walk over staff pages: every page of the policy's page table × anonymous
// and every demo role, over HTTP against the real server. Expectations come from the policy.
import { describe, expect, it } from "vitest";
import { STAFF_PAGES } from "#app/server/policy/pages.ts";
import { ROLES, type Role } from "#app/server/policy/roles.ts";
import { apiLogin, baseUrl, demoUser, roleCan } from "./support.ts";

async function get(path: string, cookie?: string) {
  return fetch(`${baseUrl()}${path}`, {
    headers: { accept: "text/html", "accept-language": "de", ...(cookie ? { cookie } : {}) },
    redirect: "manual",
  });
}

describe("staff pages × roles", () => {
  it("anonymous readers are sent to the login page (303) from every staff page", async () => {
    for (const page of STAFF_PAGES) {
      const res = await get(page.path);
      expect(res.status, page.path).toBe(303);
      const location = new URL(res.headers.get("location") ?? "", baseUrl());
      expect(location.pathname, page.path).toBe("/de/login");
      expect(location.searchParams.get("next"), page.path).toBe(page.path);
      await res.body?.cancel();
    }
  });

  it.each(ROLES)("%s gets 200 on the pages the policy allows and 403 on the others", async (role: Role) => {
    const cookie = await apiLogin(baseUrl(), demoUser(role));
    const wrong: string[] = [];
    for (const page of STAFF_PAGES) {
      const res = await get(page.path, cookie);
      const expected = roleCan(role, page.permission) ? 200 : 403;
      if (res.status >= 500) wrong.push(`${page.path}: ${res.status}`);
      else if (res.status !== expected)
        wrong.push(`${page.path} (${page.permission}): expected ${expected}, got ${res.status}`);
      else if (expected === 200) {
        // The same check on the data request of client-side navigation.
        const data = await get(`${page.path}.data`, cookie);
        if (data.status >= 500) wrong.push(`${page.path}.data: ${data.status}`);
        else if (data.status !== 200 && data.status !== 204)
          wrong.push(`${page.path}.data: expected 200, got ${data.status}`);
        await data.body?.cancel();
      }
      await res.body?.cancel();
    }
    expect(wrong).toEqual([]);
  });

  it("checks a path in another case, encoded or with a trailing slash as the page the router renders", async () => {
    const role = ROLES.find((r) => !roleCan(r, "cases.read"));
    if (!role) throw new Error("every role may read cases");
    const cookie = await apiLogin(baseUrl(), demoUser(role));
    for (const path of ["/STAFF/Cases", "/staff/cases/", "/staff/%63ases", "/staff/cases/0/unknown"]) {
      const res = await get(path, cookie);
      expect(res.status, path).toBe(403);
      await res.body?.cancel();
    }
  });

  it("a denied .data request of client navigation is refused too", async () => {
    const denied = ROLES.flatMap((role) =>
      STAFF_PAGES.filter((p) => !roleCan(role, p.permission)).map((p) => ({ role, path: p.path })),
    );
    expect(denied.length).toBeGreaterThan(0);
    const { role, path } = denied[0]!;
    const cookie = await apiLogin(baseUrl(), demoUser(role));
    const res = await get(`${path}.data`, cookie);
    expect(res.status).toBe(403);
    await res.body?.cancel();
  });
});
