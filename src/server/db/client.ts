import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { unaccent } from "@electric-sql/pglite/contrib/unaccent";
import { drizzle as drizzleNodePg } from "drizzle-orm/node-postgres";
import { migrate as migrateNodePg } from "drizzle-orm/node-postgres/migrator";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import pg from "pg";
import { ambientDatabase, assertOutsideTransaction } from "./ambient.ts";
import type { Database } from "./database.ts";
import * as schema from "./schema.ts";

export type { Database, DbOrTx, Schema, Tx } from "./database.ts";

export type DatabaseHandle = {
  /** The shared handle: follows the ambient transaction (ambient.ts). The only one services get. */
  db: Database;
  kind: "pglite" | "postgres";
  migrate(): Promise<void>;
  close(): Promise<void>;
  /** PGlite only: the embedded instance (used by backup and the test template). Guarded. */
  pglite?: PGlite;
  /** PostgreSQL only: the connection pool (tests). Guarded. */
  pool?: pg.Pool;
  /** PostgreSQL with DATABASE_URL_READ only: the read replica's pool, used by readOnly() (ambient.ts). Guarded. */
  replicaPool?: pg.Pool;
};

export function migrationsFolder(): string {
  // Works from src/server/db (tests, CLI) and from build/server (bundled server).
  const candidates = [
    path.resolve(process.cwd(), "migrations"),
    path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../migrations"),
  ];
  const found = candidates.find((c) => fs.existsSync(path.join(c, "meta", "_journal.json")));
  if (!found) throw new Error(`No migrations folder found (looked in ${candidates.join(", ")})`);
  return found;
}

/**
 * SQL that Drizzle cannot express (triggers, functions). Idempotent, applied after the
 * migrations on every start, in file-name order.
 */
/**
 * Runs before the generated migrations, because they index with these extensions: trigram
 * similarity (typo-tolerant search) and accent folding. Both are trusted extensions
 * (PostgreSQL ≥ 13), so the database owner may create them; PGlite loads them above.
 */
export const PRE_MIGRATION_SQL =
  "CREATE EXTENSION IF NOT EXISTS pg_trgm; CREATE EXTENSION IF NOT EXISTS unaccent;";

export function postMigrationSql(): string[] {
  const dir = path.join(path.dirname(migrationsFolder()), "migrations-post");
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith(".sql"))
    .sort()
    .map((f) => fs.readFileSync(path.join(dir, f), "utf8"));
}

export type OpenOptions =
  | {
      kind: "postgres";
      url: string;
      poolSize?: number /** A read replica (decision 083). */;
      readUrl?: string;
    }
  | { kind: "pglite"; dataDir?: string; loadDataDir?: Blob | File };

export async function openDatabase(opts: OpenOptions): Promise<DatabaseHandle> {
  if (opts.kind === "postgres") {
    const pool = newPool(opts.url, opts.poolSize);
    const replicaPool = opts.readUrl ? newPool(opts.readUrl, opts.poolSize) : undefined;
    const replica = replicaPool
      ? (drizzleNodePg({ client: replicaPool, schema }) as unknown as Database)
      : undefined;
    const db = ambientDatabase(drizzleNodePg({ client: pool, schema }) as unknown as Database, replica);
    return {
      db,
      kind: "postgres",
      pool,
      ...(replicaPool ? { replicaPool } : {}),
      migrate: async () => {
        await pool.query(PRE_MIGRATION_SQL);
        await migrateNodePg(db as never, { migrationsFolder: migrationsFolder() });
        for (const text of postMigrationSql()) await pool.query(text);
      },
      close: async () => {
        await Promise.all([pool.end(), replicaPool?.end()]);
      },
    };
  }
  const dataDir = opts.dataDir;
  if (dataDir) {
    fs.mkdirSync(dataDir, { recursive: true });
    clearStalePostmasterPid(dataDir);
  }
  const client = await PGlite.create({
    // Trigram similarity and accent folding for typo-tolerant search (same extensions as on a server).
    extensions: { pg_trgm, unaccent },
    ...(dataDir ? { dataDir } : {}),
    ...(opts.loadDataDir ? { loadDataDir: opts.loadDataDir } : {}),
  });
  guardPglite(client);
  const db = ambientDatabase(drizzlePglite({ client, schema }) as unknown as Database);
  let closed = false;
  return {
    db,
    kind: "pglite",
    pglite: client,
    migrate: async () => {
      await client.exec(PRE_MIGRATION_SQL);
      await migratePglite(db as never, { migrationsFolder: migrationsFolder() });
      for (const text of postMigrationSql()) await client.exec(text);
    },
    close: async () => {
      if (closed) return;
      closed = true;
      await client.close();
    },
  };
}

function newPool(url: string, size = 10): pg.Pool {
  // No JIT (decision 108): Lotse's queries are short, and row estimates of jsonb functions push
  // their planned cost past jit_above_cost; compiling then took 5 s beside 0.7 s of execution.
  const pool = new pg.Pool({ connectionString: url, max: size, options: "-c jit=off" });
  // Idle clients can error when the server restarts; without a listener that would crash the process.
  pool.on("error", () => {});
  guardPool(pool);
  return pool;
}

/**
 * PGlite runs in this process only, so a postmaster.pid left by a killed process is always stale.
 * Another live Lotse process on the same directory is refused by our own lock (see lock.ts).
 */
function clearStalePostmasterPid(dataDir: string) {
  const pidFile = path.join(dataDir, "postmaster.pid");
  if (fs.existsSync(pidFile)) fs.rmSync(pidFile);
}

/**
 * Raw driver calls from inside an open transaction scope throw at once (ambient.ts). On PGlite
 * such a call would wait for the one connection its own transaction holds; on PostgreSQL it
 * would silently run outside the transaction. Transactions' own queries use other entry points.
 */
function guardPglite(client: PGlite) {
  for (const name of ["query", "exec", "transaction"] as const) {
    const original = client[name].bind(client) as (...args: unknown[]) => Promise<unknown>;
    Object.defineProperty(client, name, {
      value: (...args: unknown[]) => {
        assertOutsideTransaction(`PGlite.${name}`);
        return original(...args);
      },
    });
  }
}

function guardPool(pool: pg.Pool) {
  for (const name of ["query", "connect"] as const) {
    const original = pool[name].bind(pool) as (...args: unknown[]) => unknown;
    Object.defineProperty(pool, name, {
      value: (...args: unknown[]) => {
        assertOutsideTransaction(`pg.Pool.${name}`);
        return original(...args);
      },
    });
  }
}
