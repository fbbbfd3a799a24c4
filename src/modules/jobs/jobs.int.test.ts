import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createUserWithRole, sessionCookieFor } from "../../../tests/setup/auth.ts";
import { createTestContext, TEST_BASE_URL, type TestContext } from "../../../tests/setup/test-db.ts";
import {
  backoffMs,
  createJobQueue,
  errorClass,
  type JobQueue,
  KEEP_DONE_MS,
  KEEP_FAILED_MS,
} from "./queue.ts";

let ctx: TestContext;
let tenantId: string;
beforeAll(async () => {
  ctx = await createTestContext();
  tenantId = (await ctx.services.tenants.create({ slug: "jobs-t", name: "Jobs", kind: "municipality" })).id;
});
afterAll(() => ctx.close());

function queue(): JobQueue {
  return createJobQueue(ctx.services.core);
}

describe("job queue", () => {
  it("runs a due job once and marks it done; a job for later waits", async () => {
    const q = queue();
    const seen: unknown[] = [];
    q.register("test.echo", async (payload, jc) => {
      seen.push({ payload, attempt: jc.attempt, tenantId: jc.tenantId });
    });
    const now = ctx.clock.now();
    const a = await q.enqueue("test.echo", { n: 1 }, { tenantId });
    const later = await q.enqueue(
      "test.echo",
      { n: 2 },
      { tenantId, runAt: new Date(now.getTime() + 60_000) },
    );
    expect(await q.runDue()).toMatchObject({ claimed: 1, done: 1 });
    expect(seen).toEqual([{ payload: { n: 1 }, attempt: 1, tenantId }]);
    expect(await q.get(tenantId, a.id)).toMatchObject({ status: "done", attempts: 1, lockedUntil: null });
    expect(await q.runDue()).toMatchObject({ claimed: 0 });
    ctx.clock.advance(60_000);
    expect(await q.runDue()).toMatchObject({ claimed: 1, done: 1 });
    expect((await q.get(tenantId, later.id))?.status).toBe("done");
  });

  it("retries a failing job with exponential backoff and fails it after max attempts, keeping only the error code", async () => {
    const q = queue();
    let calls = 0;
    q.register("test.flaky", async () => {
      calls++;
      throw Object.assign(new Error("secret@example.org refused"), { code: "EREFUSED" });
    });
    const { id } = await q.enqueue("test.flaky", {}, { tenantId, maxAttempts: 3 });
    const t0 = ctx.clock.now().getTime();
    expect(await q.runDue()).toMatchObject({ claimed: 1, retried: 1 });
    let job = await q.get(tenantId, id);
    expect(job).toMatchObject({ status: "queued", attempts: 1, lastError: "Error:EREFUSED" });
    expect(job!.runAt.getTime()).toBe(t0 + backoffMs(1));
    expect(job!.lastError).not.toContain("example.org");

    // Not yet due: nothing happens.
    ctx.clock.advance(backoffMs(1) - 1);
    expect(await q.runDue()).toMatchObject({ claimed: 0 });
    ctx.clock.advance(1);
    expect(await q.runDue()).toMatchObject({ claimed: 1, retried: 1 });
    job = await q.get(tenantId, id);
    expect(job!.runAt.getTime()).toBe(ctx.clock.now().getTime() + backoffMs(2));
    expect(backoffMs(2)).toBe(2 * backoffMs(1));

    ctx.clock.advance(backoffMs(2));
    expect(await q.runDue()).toMatchObject({ claimed: 1, failed: 1 });
    expect(await q.get(tenantId, id)).toMatchObject({ status: "failed", attempts: 3 });
    ctx.clock.advance(24 * 3600_000);
    expect(await q.runDue()).toMatchObject({ claimed: 0 });
    expect(calls).toBe(3);
  });

  it("takes over a job stuck in running past its lease (its worker died)", async () => {
    const q = queue();
    let calls = 0;
    q.register("test.stuck", async () => {
      calls++;
    });
    const { id } = await q.enqueue("test.stuck", {}, { tenantId, maxAttempts: 2 });
    const now = ctx.clock.now();
    // A worker claimed it and died: running, one attempt used, lease still valid.
    await ctx.handle.db.execute(
      sql`UPDATE jobs SET status = 'running', attempts = 1, locked_until = ${new Date(now.getTime() + 1000).toISOString()}::timestamptz WHERE id = ${id}`,
    );
    expect(await q.runDue()).toMatchObject({ claimed: 0 });
    ctx.clock.advance(1001);
    expect(await q.runDue()).toMatchObject({ claimed: 1, done: 1 });
    expect(await q.get(tenantId, id)).toMatchObject({ status: "done", attempts: 2 });
    expect(calls).toBe(1);

    // Stuck again with no attempt left: it fails instead of running a third time.
    const second = await q.enqueue("test.stuck", {}, { tenantId, maxAttempts: 1 });
    await ctx.handle.db.execute(
      sql`UPDATE jobs SET status = 'running', attempts = 1, locked_until = ${new Date(ctx.clock.now().getTime() - 1).toISOString()}::timestamptz WHERE id = ${second.id}`,
    );
    expect(await q.runDue()).toMatchObject({ failed: 1, claimed: 0 });
    expect(await q.get(tenantId, second.id)).toMatchObject({ status: "failed", lastError: "lease_expired" });
    expect(calls).toBe(1);
  });

  it("deduplicates by key while a job is queued, and accepts the key again once it is done", async () => {
    const q = queue();
    q.register("test.dedupe", async () => {});
    const a = await q.enqueue("test.dedupe", {}, { tenantId, dedupeKey: "k1" });
    const b = await q.enqueue("test.dedupe", {}, { tenantId, dedupeKey: "k1" });
    expect(b).toEqual({ id: a.id, deduplicated: true });
    await q.runDue();
    const c = await q.enqueue("test.dedupe", {}, { tenantId, dedupeKey: "k1" });
    expect(c.deduplicated).toBe(false);
    expect(c.id).not.toBe(a.id);
  });

  it("two workers side by side run every job exactly once (FOR UPDATE SKIP LOCKED)", async () => {
    const counts = new Map<string, number>();
    const handler = async (p: Record<string, unknown>) => {
      const k = String(p.k);
      counts.set(k, (counts.get(k) ?? 0) + 1);
    };
    const q1 = queue();
    const q2 = queue();
    q1.register("test.parallel", handler);
    q2.register("test.parallel", handler);
    for (let i = 0; i < 20; i++) await q1.enqueue("test.parallel", { k: i }, { tenantId });
    const [r1, r2] = await Promise.all([q1.runDue({ limit: 20 }), q2.runDue({ limit: 20 })]);
    const [r3] = await Promise.all([q1.runDue({ limit: 20 })]);
    expect(r1.done + r2.done + r3.done).toBe(20);
    expect(counts.size).toBe(20);
    expect([...counts.values()].every((n) => n === 1)).toBe(true);
  });

  it("deletes finished jobs after their keeping time: done after 30 days, failed after 90", async () => {
    const q = queue();
    q.register("test.kept", async () => {});
    q.register("test.broken", async () => {
      throw new Error("boom");
    });
    const done = await q.enqueue("test.kept", {}, { tenantId });
    const failed = await q.enqueue("test.broken", {}, { tenantId, maxAttempts: 1 });
    expect(await q.runDue()).toMatchObject({ done: 1, failed: 1 });
    ctx.clock.advance(KEEP_DONE_MS - 60_000);
    await q.runDue();
    expect((await q.get(tenantId, done.id))?.status).toBe("done");
    ctx.clock.advance(2 * 3600_000);
    await q.runDue();
    expect(await q.get(tenantId, done.id)).toBeUndefined();
    expect((await q.get(tenantId, failed.id))?.status).toBe("failed");
    ctx.clock.advance(KEEP_FAILED_MS - KEEP_DONE_MS);
    await q.runDue();
    expect(await q.get(tenantId, failed.id)).toBeUndefined();
  });

  it("leaves job types no worker knows alone, and refuses bad types", async () => {
    const q = queue();
    const { id } = await q.enqueue("test.unknown", {}, { tenantId });
    expect(await q.runDue()).toMatchObject({ claimed: 0 });
    expect((await q.get(tenantId, id))?.status).toBe("queued");
    await expect(q.enqueue("Bad Type", {}, { tenantId })).rejects.toThrow();
    expect(() => q.register("test.echo2", async () => {})).not.toThrow();
    expect(() => q.register("test.echo2", async () => {})).toThrow();
  });

  it("the polling worker picks up jobs and stops cleanly", async () => {
    const q = queue();
    let resolveRan: () => void;
    const ran = new Promise<void>((r) => {
      resolveRan = r;
    });
    q.register("test.poll", async () => resolveRan());
    await q.enqueue("test.poll", {}, { tenantId });
    q.start({ intervalMs: 20 });
    await ran;
    await q.stop();
  });

  it("describes errors by class and code only", () => {
    expect(errorClass(Object.assign(new TypeError("x@y.de"), { code: "E1" }))).toBe("TypeError:E1");
    expect(errorClass(new Error("Max Mustermann"))).toBe("Error");
    expect(errorClass("string thrown")).toBe("unknown");
  });
});

describe("GET /api/v1/jobs", () => {
  it("shows the tenant's jobs to admins without payloads, and refuses other roles", async () => {
    const tenant = await ctx.services.tenants.create({
      slug: "unna",
      name: "Kreisstadt Unna",
      kind: "municipality",
    });
    const a = await createUserWithRole(ctx.services, tenant.id, "admin");
    const c = await createUserWithRole(ctx.services, tenant.id, "analyst");
    await ctx.services.jobs.enqueue("test.api", { secretish: "x" }, { tenantId: tenant.id });
    const get = async (cookie: string, q = "") =>
      ctx.app.request(`${TEST_BASE_URL}/api/v1/jobs${q}`, { headers: { cookie } });
    const res = await get(
      await sessionCookieFor(ctx.services, tenant.id, a.user.id),
      "?status=queued&type=test.api",
    );
    expect(res.status).toBe(200);
    const body = (await res.json()) as { items: Record<string, unknown>[] };
    expect(body.items).toHaveLength(1);
    expect(body.items[0]).toMatchObject({ type: "test.api", status: "queued", attempts: 0 });
    expect(body.items[0]).not.toHaveProperty("payload");
    expect((await get(await sessionCookieFor(ctx.services, tenant.id, c.user.id))).status).toBe(403);
  });
});
