import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_USERS, seedDemo } from "#app/modules/demo/seed.ts";
import type { Principal } from "#app/server/policy/roles.ts";
import { createTestContext, type TestContext } from "../../../tests/setup/test-db.ts";
import { backupTables, backupToFile, restoreFromFile } from "./backup.ts";

/**
 * Backup → restore gives the same database (decision 022): every table's row count and content
 * hash, derived tables and trigger-kept columns included, on a database with directory offers,
 * places and their search and map data, areas, monitoring, surveys and case work.
 */
let ctx: TestContext;
let dir: string;
beforeAll(async () => {
  ctx = await createTestContext();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "lotse-roundtrip-"));
});
afterAll(async () => {
  await ctx.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function query<T>(q: ReturnType<typeof sql>): Promise<T[]> {
  return ((await ctx.handle.db.execute(q)) as unknown as { rows: T[] }).rows;
}

/** Per table: row count and a hash over all rows as Postgres renders them, in sorted order. */
async function fingerprint(): Promise<Record<string, { rows: number; hash: string }>> {
  const out: Record<string, { rows: number; hash: string }> = {};
  for (const t of backupTables()) {
    const rows = await query<{ r: string }>(
      sql`SELECT to_jsonb(x)::text AS r FROM ${sql.identifier(t.name)} x`,
    );
    const sorted = rows.map((r) => r.r).sort();
    out[t.name] = { rows: sorted.length, hash: createHash("sha256").update(sorted.join("\n")).digest("hex") };
  }
  return out;
}

async function caseWorker(tenantId: string): Promise<Principal> {
  const u = DEMO_USERS.find((x) => x.role === "case_worker")!;
  const row = (await ctx.services.users.credentials.byEmail(tenantId, u.email))!;
  return {
    userId: row.id,
    tenantId,
    sessionId: "s",
    grants: await ctx.services.users.credentials.grants(tenantId, row.id),
    mfaSatisfied: true,
  };
}

describe("backup → restore round trip", () => {
  it("keeps every table of the database in the backup (future tables included)", async () => {
    const inDb = await query<{ name: string }>(
      sql`SELECT table_name AS name FROM information_schema.tables
          WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`,
    );
    const inBackup = new Set(backupTables().map((t) => t.name));
    expect(inDb.map((r) => r.name).filter((n) => !inBackup.has(n))).toEqual([]);
  });

  it("gives back the same database from the demo and from generated data, derived data included", async () => {
    const { tenantId } = await seedDemo(ctx.services);
    // Case work on top of the demo: a household with two people and its case.
    const cw = await caseWorker(tenantId);
    const officeId = cw.grants.find((g) => g.scopeType === "office")!.scopeId!;
    for (const label of ["Familie Rundreise", "Familie Sicherung"]) {
      const r = await ctx.services.casework.createHousehold(cw, {
        household: { label, officeId },
        persons: [
          { givenName: "Amal", familyName: label.split(" ")[1]!, birthDate: "1990-04-01" },
          { givenName: "Samir", familyName: label.split(" ")[1]!, birthDate: "2015-09-12" },
        ],
        case: { caseType: "integration" },
        allowDuplicate: true,
      } as Parameters<typeof ctx.services.casework.createHousehold>[1]);
      expect(r.status).toBe("created");
    }
    await ctx.services.jobs.runDue();

    const before = await fingerprint();
    // The data the audit found missing after a restore: derived and trigger-kept.
    for (const t of [
      "offers",
      "offer_places",
      "places",
      "search_vocabulary",
      "households",
      "persons",
      "cases",
    ]) {
      expect(before[t]?.rows ?? 0, t).toBeGreaterThan(0);
    }
    const [cells] = await query<{ n: number | string }>(
      sql`SELECT count(*) AS n FROM offers WHERE cardinality(geo_cells) > 0`,
    );
    expect(Number(cells!.n)).toBeGreaterThan(0);

    const file = path.join(dir, "demo.jsonl.gz");
    const saved = await backupToFile(ctx.handle.db, file, { source: ctx.handle.kind });
    // Change things, so the restore has work to do.
    await ctx.handle.db.execute(sql`DELETE FROM offer_places`);
    expect(await fingerprint()).not.toEqual(before);

    const restored = await restoreFromFile(ctx.handle.db, file);
    expect(restored.counts).toEqual(saved.counts);
    const after = await fingerprint();
    for (const t of Object.keys(before)) expect(after[t], t).toEqual(before[t]);

    // The triggers are back on: a change to an offer's places keeps its derived data current.
    const [one] = await query<{ offer_id: string }>(
      sql`SELECT offer_id FROM offer_places GROUP BY offer_id HAVING count(*) = 1 LIMIT 1`,
    );
    await ctx.handle.db.execute(sql`DELETE FROM offer_places WHERE offer_id = ${one!.offer_id}`);
    const [cleared] = await query<{ n: number | string }>(
      sql`SELECT cardinality(geo_cells) AS n FROM offers WHERE id = ${one!.offer_id}`,
    );
    expect(Number(cleared!.n ?? 0)).toBe(0);
    // Seeding the whole demo and two full snapshots take a while on a busy machine.
  }, 300_000);
});
