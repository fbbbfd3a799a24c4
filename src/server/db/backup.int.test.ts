import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { gunzipSync, gzipSync } from "node:zlib";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Principal } from "#app/server/policy/roles.ts";
import { createTestContext, type TestContext } from "../../../tests/setup/test-db.ts";
import { BackupError, backupTables, backupToFile, restoreFromFile } from "./backup.ts";

let ctx: TestContext;
let dir: string;
beforeAll(async () => {
  ctx = await createTestContext();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "lotse-backup-"));
});
afterAll(async () => {
  await ctx.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Every row of every table, as Postgres renders it, in key order. */
async function snapshot(): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const t of backupTables()) {
    const res = (await ctx.handle.db.execute(
      sql`SELECT to_jsonb(x)::text AS r FROM ${sql.identifier(t.name)} x ORDER BY 1`,
    )) as unknown as { rows: { r: string }[] };
    out[t.name] = res.rows.map((r) => r.r).sort();
  }
  return out;
}

const adminOf = (tenantId: string): Principal => ({
  userId: "00000000-0000-7000-8000-000000000001",
  tenantId,
  sessionId: "s",
  grants: [{ role: "admin", scopeType: "tenant", scopeId: null }],
  mfaSatisfied: true,
});

describe("backup and restore", () => {
  it("discovers every table of the schema", () => {
    const names = backupTables().map((t) => t.name);
    for (const n of ["tenants", "audit_log", "jobs", "mail_outbox"]) expect(names).toContain(n);
  });

  it("brings back exactly the same rows after the data changed (audit log included)", async () => {
    const t = await ctx.services.tenants.create({ slug: "bk", name: "Backup-Stadt", kind: "municipality" });
    await ctx.services.tenants.updateSettings(adminOf(t.id), t.id, {
      version: t.version,
      name: "Backup-Stadt Ä ö 🚀",
      defaultLanguage: "ar",
      mfaRequiredRoles: ["admin", "coordinator"],
      contactEmail: "kontakt@example.org",
    });
    await ctx.services.mail.send({
      tenantId: t.id,
      to: "x@example.org",
      subject: "Hallo",
      text: "Zeile 1\nZeile 2",
    });
    await ctx.services.jobs.runDue();
    const before = await snapshot();
    expect(before.audit_log!.length).toBeGreaterThanOrEqual(2);

    const file = path.join(dir, "one.jsonl.gz");
    const summary = await backupToFile(ctx.handle.db, file, { source: ctx.handle.kind });
    expect(summary.counts.tenants).toBe(1);
    const lines = gunzipSync(fs.readFileSync(file)).toString("utf8").trim().split("\n");
    expect(JSON.parse(lines[0]!)).toMatchObject({ format: "lotse-backup", version: 1 });
    expect(JSON.parse(lines.at(-1)!)).toMatchObject({ end: true });

    // Change data: another tenant, a changed one, more audit rows.
    await ctx.services.tenants.create({ slug: "neu", name: "Neu", kind: "county" });
    const cur = (await ctx.services.tenants.bySlug("bk"))!;
    await ctx.services.tenants.updateSettings(adminOf(t.id), t.id, {
      version: cur.version,
      name: "Geändert",
      defaultLanguage: "de",
      mfaRequiredRoles: [],
    });
    expect(await snapshot()).not.toEqual(before);

    const restored = await restoreFromFile(ctx.handle.db, file);
    expect(restored.counts).toEqual(summary.counts);
    expect(await snapshot()).toEqual(before);
    // The append-only trigger still guards the restored audit log.
    await expect(ctx.handle.db.execute(sql`DELETE FROM audit_log`)).rejects.toThrow();
  });

  it("refuses a missing, damaged, foreign, incomplete or other-version file and leaves the data alone", async () => {
    const file = path.join(dir, "good.jsonl.gz");
    await backupToFile(ctx.handle.db, file);
    const before = await snapshot();
    const lines = gunzipSync(fs.readFileSync(file)).toString("utf8").trimEnd().split("\n");
    const write = (name: string, content: string | Buffer, gzip = true) => {
      const p = path.join(dir, name);
      fs.writeFileSync(p, gzip ? gzipSync(content) : content);
      return p;
    };
    const header = JSON.parse(lines[0]!);

    const cases: [string, RegExp][] = [
      [path.join(dir, "nope.gz"), /not found/],
      [write("plain.txt", "hello", false), /damaged or not a gzip/],
      [write("foreign.gz", '{"hello":1}\n'), /not a Lotse backup/],
      [write("garbage.gz", "{{{\n"), /damaged \(line 1\)/],
      [
        write(
          "version.gz",
          [JSON.stringify({ ...header, migration: { hash: "x", createdAt: "1" } }), ...lines.slice(1)].join(
            "\n",
          ),
        ),
        /different database schema version/,
      ],
      [write("cut.gz", lines.slice(0, -1).join("\n")), /incomplete/],
      [
        write(
          "badrow.gz",
          [...lines.slice(0, 2), '{"id": "not-a-uuid", "tenant_id": 5}', ...lines.slice(2)].join("\n"),
        ),
        /could not be restored|incomplete/,
      ],
    ];
    for (const [p, message] of cases) {
      const err = await restoreFromFile(ctx.handle.db, p).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(err, p).toBeInstanceOf(BackupError);
      expect((err as Error).message, p).toMatch(message);
    }
    expect(await snapshot()).toEqual(before);
  });
});
