import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestContext, type TestContext } from "../../../tests/setup/test-db.ts";
import { inTransaction, TransactionMisuseError } from "./ambient.ts";

let ctx: TestContext;

beforeAll(async () => {
  ctx = await createTestContext();
  await ctx.handle.db.execute(sql`CREATE TABLE ambient_probe (n int PRIMARY KEY)`);
});
afterAll(() => ctx.close());

async function count(): Promise<number> {
  const r = (await ctx.handle.db.execute(sql`SELECT count(*)::int AS n FROM ambient_probe`)) as unknown as {
    rows: { n: number }[];
  };
  return r.rows[0]!.n;
}

/** Stands for "another module's service": it knows nothing of the caller's transaction. */
const otherModuleCount = () => count();

describe("the ambient transaction", () => {
  it("runs another module's query on the open transaction: it sees the uncommitted row", async () => {
    await ctx.handle.db.execute(sql`DELETE FROM ambient_probe`);
    const seen = await ctx.handle.db.transaction(async (tx) => {
      await tx.execute(sql`INSERT INTO ambient_probe VALUES (1)`);
      expect(inTransaction()).toBe(true);
      return otherModuleCount();
    });
    expect(seen).toBe(1);
    expect(inTransaction()).toBe(false);
    expect(await count()).toBe(1);
  });

  it("rolls back every module's writes together", async () => {
    await ctx.handle.db.execute(sql`DELETE FROM ambient_probe`);
    await expect(
      ctx.handle.db.transaction(async () => {
        await ctx.handle.db.execute(sql`INSERT INTO ambient_probe VALUES (2)`);
        throw new Error("abort");
      }),
    ).rejects.toThrow("abort");
    expect(await count()).toBe(0);
  });

  it("makes a nested transaction a savepoint the outer one can survive", async () => {
    await ctx.handle.db.execute(sql`DELETE FROM ambient_probe`);
    await ctx.handle.db.transaction(async () => {
      await ctx.handle.db.execute(sql`INSERT INTO ambient_probe VALUES (3)`);
      await ctx.handle.db
        .transaction(async () => {
          await ctx.handle.db.execute(sql`INSERT INTO ambient_probe VALUES (4)`);
          throw new Error("inner");
        })
        .catch(() => undefined);
    });
    expect(await count()).toBe(1);
  });

  it("lets work that outlives the transaction fall back to the database", async () => {
    let late: Promise<number> | undefined;
    let release!: () => void;
    const gate = new Promise<void>((r) => {
      release = r;
    });
    await ctx.handle.db.transaction(async () => {
      late = gate.then(() => otherModuleCount());
    });
    release();
    expect(await late).toBeGreaterThanOrEqual(0);
  });

  it("refuses a planted raw-driver query inside a transaction at once, naming the caller", async () => {
    const raw = {
      query: (text: string): Promise<unknown> =>
        ctx.handle.kind === "pglite" ? ctx.handle.pglite!.query(text) : ctx.handle.pool!.query(text),
    };
    const started = Date.now();
    const attempt = ctx.handle.db.transaction(async () => {
      await raw.query("SELECT 1");
    });
    await expect(attempt).rejects.toBeInstanceOf(TransactionMisuseError);
    await expect(attempt).rejects.toThrow(/ambient\.int\.test\.ts/);
    // It failed instead of waiting on itself: the database still answers.
    expect(await count()).toBeGreaterThanOrEqual(0);
    expect(Date.now() - started).toBeLessThan(30_000);
    // Outside a transaction the raw driver still works (backup and tests use it).
    await expect(raw.query("SELECT 1")).resolves.toBeTruthy();
  });
});
