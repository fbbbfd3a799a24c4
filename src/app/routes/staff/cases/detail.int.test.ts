// The case page's loader reads the case once: one audit entry per case, person and note read,
// although the page also shows the case's questionnaire responses (which take the case's
// handle instead of loading and auditing the case again).
import { RouterContextProvider } from "react-router";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { catalogs } from "#app/i18n/catalogs.server.ts";
import { createTranslator } from "#app/i18n/translator.ts";
import { noteInput } from "#app/modules/casework/contracts.ts";
import type { Principal } from "#app/server/policy/roles.ts";
import { parseInput } from "#app/server/validation.ts";
import { createUserWithRole } from "../../../../../tests/setup/auth.ts";
import { createTestContext, TEST_BASE_URL, type TestContext } from "../../../../../tests/setup/test-db.ts";
import { pageContext } from "../../../context.ts";
import { loader } from "./detail.tsx";

let ctx: TestContext;
let tenantId: string;
let worker: Principal;

beforeAll(async () => {
  ctx = await createTestContext();
  tenantId = (
    await ctx.services.tenants.create({
      slug: ctx.services.core.config.defaultTenant,
      name: "Fallseite",
      kind: "municipality",
    })
  ).id;
  const { user } = await createUserWithRole(ctx.services, tenantId, "case_worker");
  worker = {
    userId: user.id,
    tenantId,
    sessionId: "s",
    grants: [{ role: "case_worker", scopeType: "tenant", scopeId: null }],
    mfaSatisfied: true,
  };
});
afterAll(() => ctx.close());

async function loadPage(principal: Principal, caseId: string) {
  const context = new RouterContextProvider();
  context.set(pageContext, {
    requestId: "req-case-page",
    log: ctx.services.core.logger,
    services: ctx.services,
    tenant: (await ctx.services.tenants.byId(tenantId))!,
    principal,
    lang: "de",
    t: createTranslator("de", catalogs().get("de") ?? {}),
  });
  const url = new URL(`${TEST_BASE_URL}/staff/cases/${caseId}`);
  return loader({
    context,
    request: new Request(url),
    url,
    pattern: "/staff/cases/:id",
    params: { id: caseId },
  });
}

describe("the case page", () => {
  it("writes exactly one audit read per case, person and note on one page load", async () => {
    const r = await ctx.services.casework.createHousehold(worker, {
      household: { label: "Familie Seite" },
      persons: [
        { givenName: "Lina", familyName: "Seite", birthDate: "1988-02-02" },
        { givenName: "Omar", familyName: "Seite", birthDate: "1986-07-07" },
      ],
      case: { caseType: "integration" },
      allowDuplicate: true,
    });
    if (r.status !== "created") throw new Error("expected a created household");
    const caseId = r.caseId!;
    const note = await ctx.services.casework.notes.add(
      worker,
      caseId,
      parseInput(noteInput, { text: "Erstgespräch", health: false }),
    );

    const page = await loadPage(worker, caseId);
    expect(page.caseId).toBe(caseId);
    expect(page.persons.map((p) => p.id).sort()).toEqual([...r.personIds].sort());
    expect(page.surveys.responses).toEqual([]);

    const reads = await ctx.services.audit.list(
      tenantId,
      { actorUserId: worker.userId, action: "read" },
      { limit: 100, offset: 0 },
    );
    const count = (entityType: string, id: string) =>
      reads.filter((e) => e.entityType === entityType && e.entityId === id).length;
    expect(count("case", caseId)).toBe(1);
    for (const id of r.personIds) expect(count("person", id)).toBe(1);
    expect(count("case_note", note.id)).toBe(1);
    expect(reads.every((e) => e.requestId === "req-case-page")).toBe(true);
  });
});
