import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { RouterContextProvider } from "react-router";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pageContext } from "#app/app/context.ts";
import { loader as auditPage } from "#app/app/routes/staff/audit.tsx";
import { loader as userPage } from "#app/app/routes/staff/user-edit.tsx";
import { loader as usersPage } from "#app/app/routes/staff/users.tsx";
import { catalogs } from "#app/i18n/catalogs.server.ts";
import { createTranslator } from "#app/i18n/translator.ts";
import type { Principal } from "#app/server/policy/roles.ts";
import { createUserWithRole } from "../../../tests/setup/auth.ts";
import { createTestContext, TEST_BASE_URL, type TestContext } from "../../../tests/setup/test-db.ts";

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

describe("audit log", () => {
  it("is append-only: updates and deletes are refused by the database", async () => {
    const tenant = await ctx.services.tenants.create({
      slug: "audit-t",
      name: "Audit",
      kind: "municipality",
    });
    const rows = await ctx.services.audit.list(tenant.id, { entityType: "tenant" }, { limit: 10, offset: 0 });
    expect(rows).toHaveLength(1);
    await expect(
      ctx.handle.db.execute(sql`UPDATE audit_log SET action = 'x' WHERE tenant_id = ${tenant.id}`),
    ).rejects.toThrow();
    await expect(
      ctx.handle.db.execute(sql`DELETE FROM audit_log WHERE tenant_id = ${tenant.id}`),
    ).rejects.toThrow();
    expect(await ctx.services.audit.list(tenant.id, {}, { limit: 10, offset: 0 })).toHaveLength(1);
  });
});

describe("the audit and user pages (decision 093)", () => {
  async function page<T>(
    // biome-ignore lint/suspicious/noExplicitAny: each loader types its own params
    load: (args: any) => Promise<T>,
    principal: Principal,
    path: string,
    params: Record<string, string> = {},
  ): Promise<T> {
    const context = new RouterContextProvider();
    const tenant = (await ctx.services.tenants.byId(principal.tenantId))!;
    context.set(pageContext, {
      requestId: "req-audit-page",
      log: ctx.services.core.logger,
      services: ctx.services,
      tenant,
      principal,
      lang: "de",
      t: createTranslator("de", catalogs().get("de") ?? {}),
    });
    const url = new URL(`${TEST_BASE_URL}${path}`);
    return load({ context, request: new Request(url), url, pattern: path, params });
  }

  it("names who acted (or a deleted user), translates actions and shows changes in words", async () => {
    const tenant = await ctx.services.tenants.create({
      slug: "audit-page",
      name: "Audit Seite",
      kind: "municipality",
    });
    const { user: admin } = await createUserWithRole(ctx.services, tenant.id, "admin", {
      displayName: "Ada Admin",
    });
    const principal: Principal = {
      userId: admin.id,
      tenantId: tenant.id,
      sessionId: "s",
      grants: [{ role: "admin", scopeType: "tenant", scopeId: null }],
      mfaSatisfied: true,
    };
    const actor = { kind: "user" as const, principal };
    await ctx.services.audit.record({
      actor,
      action: "update",
      entityType: "user",
      entityId: admin.id,
      changes: { totpEnabled: { old: false, new: true } },
    });
    await ctx.services.audit.record({
      actor,
      action: "login",
      entityType: "user",
      entityId: admin.id,
      changes: { method: { old: null, new: "password" }, mfa: { old: null, new: "none" } },
    });
    const gone = randomUUID();
    await ctx.services.audit.record({
      actor: { kind: "user", principal: { ...principal, userId: gone } },
      action: "directory.submit",
      entityType: "offer",
    });
    const data = (await page(auditPage, principal, "/staff/audit")) as Exclude<
      Awaited<ReturnType<typeof auditPage>>,
      { init: unknown }
    >;
    const rows = data.rows;
    const totp = rows.find((r) => r.changes.some((c) => c.field === "totpEnabled"))!;
    expect(totp.actorName).toBe("Ada Admin");
    expect(totp.actionText).toBe("geändert");
    expect(totp.changes).toEqual([
      { field: "totpEnabled", label: "Zweiter Faktor (TOTP)", old: "keiner", new: "TOTP" },
    ]);
    const login = rows.find((r) => r.action === "login")!;
    // jsonb keeps its own key order.
    expect([...login.changes].sort((a, b) => a.field.localeCompare(b.field))).toEqual([
      { field: "method", label: "Anmeldeweg", old: null, new: "Passwort" },
      { field: "mfa", label: "Zweiter Faktor", old: null, new: "keiner" },
    ]);
    const submitted = rows.find((r) => r.action === "directory.submit")!;
    expect(submitted.actorName).toBe("gelöschte Person");
    expect(submitted.actionText).toBe("eingereicht");

    // The users table and the role page: labels for every role, scopes as names.
    const { user: lead } = await createUserWithRole(ctx.services, tenant.id, "supervisor");
    const users = await page(usersPage, principal, "/staff/users");
    expect(users.users.find((u) => u.id === lead.id)?.roles).toEqual(["supervisor"]);
    const office = await ctx.services.offices.create(
      { kind: "user", principal },
      { name: "Willkommensbüro Mitte", kind: "welcome_office", placeId: null, email: null, phone: null },
    );
    const detail = await page(userPage, principal, `/staff/users/${lead.id}`, { id: lead.id });
    const offices = detail.scopes.find((g) => g.label === "Büro/Team")!;
    expect(offices.options).toContainEqual({ value: `office:${office.id}`, label: "Willkommensbüro Mitte" });
  });
});
