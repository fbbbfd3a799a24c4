import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RETENTION_JOB } from "#app/modules/casework/service.ts";
import { REMINDER_JOB } from "#app/modules/directory/service.ts";
import { createTestContext, type TestContext } from "../../../tests/setup/test-db.ts";

/** Per-tenant schedules (decision 023): a tenant created while the server runs has them at once. */
let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

async function queued(tenantId: string, type: string) {
  return (await ctx.services.jobs.list(tenantId, { type }, { limit: 10, offset: 0 })).filter(
    (j) => j.status === "queued",
  );
}

describe("per-tenant schedules", () => {
  it("are queued when the tenant is created, once, however often instances schedule them", async () => {
    const t = await ctx.services.tenants.create({ slug: "neustadt", name: "Neustadt", kind: "municipality" });
    expect(await queued(t.id, RETENTION_JOB)).toHaveLength(1);
    expect(await queued(t.id, REMINDER_JOB)).toHaveLength(1);
    // Every instance schedules at its start: still one queued run of each.
    await ctx.services.retention.scheduleAll();
    await ctx.services.retention.scheduleAll();
    await ctx.services.directory.scheduleReminders(t.id);
    expect(await queued(t.id, RETENTION_JOB)).toHaveLength(1);
    expect(await queued(t.id, REMINDER_JOB)).toHaveLength(1);
  });
});
