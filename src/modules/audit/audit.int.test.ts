import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestContext, type TestContext } from "../../../tests/setup/test-db.ts";

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
