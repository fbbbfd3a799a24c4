import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Principal, Role } from "#app/server/policy/roles.ts";
import { createUserWithRole, sessionCookieFor } from "../../../tests/setup/auth.ts";
import { createTestContext, TEST_BASE_URL, type TestContext } from "../../../tests/setup/test-db.ts";
import { IMPORT_PURGE_JOB, IMPORT_RUN_JOB } from "./service.ts";

// Imports as jobs (decision 042) on both databases: a run's lifecycle, progress, the
// all-or-nothing commit, who may see a run, the API, and the purge of stored uploads.

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

const rect = (w: number, s: number, e: number, n: number) => ({
  type: "Polygon",
  coordinates: [
    [
      [w, s],
      [e, s],
      [e, n],
      [w, n],
      [w, s],
    ],
  ],
});
const feature = (props: Record<string, unknown>, geometry: unknown) => ({
  type: "Feature",
  properties: props,
  geometry,
});
const file = (...features: unknown[]) => Buffer.from(JSON.stringify({ type: "FeatureCollection", features }));
const CITY = feature({ code: "C", name: "Stadt", level: "city" }, rect(0, 0, 10, 10));
const WEST = feature({ code: "W", name: "West", level: "social_area", parent: "C" }, rect(0, 0, 5, 10));
const ORPHAN = feature(
  { code: "X", name: "Waise", level: "social_area", parent: "nope" },
  rect(5, 0, 10, 10),
);

let n = 0;
async function tenant(slug?: string) {
  n += 1;
  return ctx.services.tenants.create({
    slug: slug ?? `imports-${n}`,
    name: `Imports ${n}`,
    kind: "municipality",
  });
}
function principal(tenantId: string, role: Role): Principal {
  return {
    userId: "00000000-0000-7000-8000-000000000001",
    tenantId,
    sessionId: "s",
    grants: [{ role, scopeType: "tenant", scopeId: null }],
    mfaSatisfied: true,
  };
}
async function count(table: "areas" | "import_runs", tenantId: string, where = sql`TRUE`): Promise<number> {
  const r = await ctx.handle.db.execute(
    sql`SELECT count(*)::int AS n FROM ${sql.identifier(table)} WHERE tenant_id = ${tenantId} AND ${where}`,
  );
  return Number((r as unknown as { rows: { n: number }[] }).rows[0]!.n);
}
/** Runs every due job until none is due (other modules' recurring jobs come due as the clock moves). */
async function runJobs() {
  for (let round = 0; round < 20; round++) {
    const jobs = await ctx.services.jobs.runDue({ limit: 50 });
    expect(jobs.failed).toBe(0);
    if (jobs.claimed === 0) return;
  }
  throw new Error("the job queue did not drain");
}

describe("import runs", () => {
  it("previews in a job, reports progress, then commits and drops the stored upload", async () => {
    const t = await tenant();
    const p = principal(t.id, "coordinator");
    const started = await ctx.services.importRuns.start(p, t.id, {
      kind: "areas",
      mode: "preview",
      filename: "gebiete.geojson",
      upload: file(CITY, WEST),
    });
    expect(started).toMatchObject({ status: "queued", progress: { done: 0, total: 0 }, result: null });
    // The job carries the run's id only.
    const [job] = await ctx.services.jobs.list(t.id, { type: IMPORT_RUN_JOB }, { limit: 5, offset: 0 });
    expect(job?.payload).toEqual({ runId: started.id });

    await runJobs();
    const previewed = await ctx.services.importRuns.get(p, t.id, started.id);
    expect(previewed.status).toBe("previewed");
    expect(previewed.progress).toEqual({ done: 2, total: 2 });
    expect(previewed.committable).toBe(true);
    expect(previewed.result).toMatchObject({ ok: true, counts: { create: 2, invalid: 0 }, totalRows: 2 });
    expect(previewed.result?.rows.map((r) => r.row)).toEqual([1, 2]);
    expect(await count("areas", t.id)).toBe(0);

    const queued = await ctx.services.importRuns.commit(p, t.id, started.id);
    expect(queued).toMatchObject({ status: "queued", mode: "commit", committable: false });
    await runJobs();
    const committed = await ctx.services.importRuns.get(p, t.id, started.id);
    expect(committed.status).toBe("committed");
    expect(committed.result?.committed).toEqual({ created: 2, updated: 0, unchanged: 0 });
    expect(await count("areas", t.id)).toBe(2);
    expect(await count("import_runs", t.id, sql`upload IS NULL`)).toBe(1);
    // Committed once: a second commit is refused.
    await expect(ctx.services.importRuns.commit(p, t.id, started.id)).rejects.toMatchObject({
      code: "conflict",
    });
  });

  it("writes nothing when one row fails, and names the row and column", async () => {
    const t = await tenant();
    const p = principal(t.id, "admin");
    const run = await ctx.services.importRuns.start(p, t.id, {
      kind: "areas",
      mode: "commit",
      filename: "gebiete.geojson",
      upload: file(CITY, WEST, ORPHAN),
    });
    await runJobs();
    const after = await ctx.services.importRuns.get(p, t.id, run.id);
    expect(after.status).toBe("previewed");
    expect(after.committable).toBe(false);
    expect(after.result?.ok).toBe(false);
    expect(after.result?.issues).toEqual([
      expect.objectContaining({
        row: 3,
        column: "properties.parent",
        code: "validation.area_parent_unknown",
      }),
    ]);
    expect(await count("areas", t.id)).toBe(0);
    await expect(ctx.services.importRuns.commit(p, t.id, run.id)).rejects.toMatchObject({ code: "conflict" });
  });

  it("refuses roles without the import's permission and other tenants", async () => {
    const t = await tenant();
    const other = await tenant();
    const upload = file(CITY);
    await expect(
      ctx.services.importRuns.start(principal(t.id, "case_worker"), t.id, {
        kind: "areas",
        mode: "preview",
        filename: "a.geojson",
        upload,
      }),
    ).rejects.toMatchObject({ code: "forbidden" });
    const run = await ctx.services.importRuns.start(principal(t.id, "coordinator"), t.id, {
      kind: "areas",
      mode: "preview",
      filename: "a.geojson",
      upload,
    });
    await expect(
      ctx.services.importRuns.get(principal(t.id, "case_worker"), t.id, run.id),
    ).rejects.toMatchObject({
      code: "forbidden",
    });
    // Another tenant's coordinator: its tenant does not hold the run; asking for ours is refused.
    await expect(
      ctx.services.importRuns.get(principal(other.id, "coordinator"), other.id, run.id),
    ).rejects.toMatchObject({ code: "not_found" });
    await expect(
      ctx.services.importRuns.get(principal(other.id, "coordinator"), t.id, run.id),
    ).rejects.toMatchObject({ code: "forbidden" });
    await expect(
      ctx.services.importRuns.start(principal(t.id, "coordinator"), t.id, {
        kind: "areas",
        mode: "preview",
        filename: "a.geojson",
        upload: Buffer.alloc(0),
      }),
    ).rejects.toMatchObject({ code: "validation_failed" });
  });

  it("drops stored uploads after the retention period; such a run can no longer be committed", async () => {
    const t = await tenant();
    // The purge is queued with the tenant, once however often the server schedules it.
    await ctx.services.importRuns.schedulePurge(t.id);
    const purges = await ctx.services.jobs.list(t.id, { type: IMPORT_PURGE_JOB }, { limit: 5, offset: 0 });
    expect(purges.filter((j) => j.status === "queued")).toHaveLength(1);
    // When it has run, it queues the next day's.
    ctx.clock.advance(86_400_000);
    await runJobs();
    const next = await ctx.services.jobs.list(t.id, { type: IMPORT_PURGE_JOB }, { limit: 5, offset: 0 });
    expect(next.map((j) => j.status).sort()).toEqual(["done", "queued"]);
    const p = principal(t.id, "coordinator");
    const run = await ctx.services.importRuns.start(p, t.id, {
      kind: "areas",
      mode: "preview",
      filename: "a.geojson",
      upload: file(CITY),
    });
    await runJobs();
    expect(await ctx.services.importRuns.purge(t.id)).toEqual({ uploads: 0, runs: 0 });
    ctx.clock.advance(25 * 3_600_000);
    expect(await ctx.services.importRuns.purge(t.id)).toEqual({ uploads: 1, runs: 0 });
    expect((await ctx.services.importRuns.get(p, t.id, run.id)).committable).toBe(false);
    await expect(ctx.services.importRuns.commit(p, t.id, run.id)).rejects.toMatchObject({ code: "conflict" });
    ctx.clock.advance(31 * 86_400_000);
    expect(await ctx.services.importRuns.purge(t.id)).toEqual({ uploads: 0, runs: 1 });
  });

  it("starts, shows and commits runs over the API, with messages in the reader's language", async () => {
    const t = await tenant(ctx.services.core.config.defaultTenant);
    const { user } = await createUserWithRole(ctx.services, t.id, "coordinator");
    const cookie = await sessionCookieFor(ctx.services, t.id, user.id);
    const { user: worker } = await createUserWithRole(ctx.services, t.id, "case_worker");
    const workerCookie = await sessionCookieFor(ctx.services, t.id, worker.id);
    const base = `${TEST_BASE_URL}/api/v1/import-runs/areas`;
    const headers = { cookie, "accept-language": "de", "content-type": "application/octet-stream" };

    const bad = await ctx.app.request(`${base}?filename=kaputt.geojson`, {
      method: "POST",
      headers,
      body: file(ORPHAN),
    });
    expect(bad.status).toBe(202);
    const badRun = (await bad.json()) as { id: string; status: string };
    expect(badRun.status).toBe("queued");
    await runJobs();
    const shown = await ctx.app.request(`${base}/${badRun.id}`, { headers });
    expect(shown.status).toBe(200);
    const body = (await shown.json()) as {
      status: string;
      result: { issues: { row: number; message: string }[] };
    };
    expect(body.status).toBe("previewed");
    expect(body.result.issues[0]).toMatchObject({ row: 1 });
    expect(body.result.issues[0]?.message).toContain("„nope“");
    expect((await ctx.app.request(`${base}/${badRun.id}/commit`, { method: "POST", headers })).status).toBe(
      409,
    );

    const refused = await ctx.app.request(`${base}/${badRun.id}`, { headers: { cookie: workerCookie } });
    expect(refused.status).toBe(403);
    expect((await ctx.app.request(`${base}/not-a-uuid`, { headers })).status).toBe(422);
    const empty = await ctx.app.request(base, { method: "POST", headers, body: "" });
    expect(empty.status).toBe(422);

    const good = await ctx.app.request(base, { method: "POST", headers, body: file(CITY) });
    const goodRun = (await good.json()) as { id: string };
    await runJobs();
    const commit = await ctx.app.request(`${base}/${goodRun.id}/commit`, { method: "POST", headers });
    expect(commit.status).toBe(202);
    await runJobs();
    const done = (await (await ctx.app.request(`${base}/${goodRun.id}`, { headers })).json()) as {
      status: string;
      result: { committed: Record<string, number> };
    };
    expect(done.status).toBe("committed");
    expect(done.result.committed).toEqual({ created: 1, updated: 0, unchanged: 0 });
    expect(await count("areas", t.id)).toBe(1);
  });
});
