import fs from "node:fs";
import path from "node:path";
import readline from "node:readline";
import { pipeline } from "node:stream/promises";
import { createGunzip, createGzip } from "node:zlib";
import { is, type SQL, sql } from "drizzle-orm";
import { getTableConfig, PgTable } from "drizzle-orm/pg-core";
import type { Database, DbOrTx } from "./client.ts";
import * as schema from "./schema.ts";

/**
 * Portable logical backup: the same file restores on PGlite and on PostgreSQL.
 *
 * Format (gzip, UTF-8, one JSON document per line):
 *   1. header   {"format":"lotse-backup","version":1,"migration":{"hash":…,"createdAt":…},"createdAt":…,"source":"pglite","tables":[…]}
 *   2. per table, in dependency order:
 *        {"table":"<name>"}               section start
 *        <row>                              one line per row: Postgres' own to_jsonb(row) text
 *   3. trailer  {"end":true,"counts":{"<table>":<rows>,…}}
 *
 * Rows are never parsed in JavaScript: they are written as Postgres renders them and read back
 * with jsonb_populate_recordset, so every type (timestamptz, jsonb, arrays, bigint, numeric)
 * comes back exactly. A file without the trailer, or with other counts, is refused as incomplete.
 *
 * Derived data (decision 022): every table of the schema is in the backup, derived ones (search
 * vocabulary, map read model) and trigger-kept columns (offers.geo_cells, search documents)
 * included, all from one snapshot. A restore loads them as saved with the tables' own triggers
 * held off, so no trigger fills a table before its saved rows arrive or computes a column from
 * rows not yet loaded. Foreign keys stay checked. Generated columns are computed again.
 */
export const BACKUP_FORMAT = "lotse-backup";
export const BACKUP_VERSION = 1;
const BATCH_ROWS = 500;
const BATCH_BYTES = 8 * 1024 * 1024;

export class BackupError extends Error {
  override name = "BackupError";
}

export type BackupHeader = {
  format: typeof BACKUP_FORMAT;
  version: number;
  migration: { hash: string; createdAt: string };
  createdAt: string;
  source: "pglite" | "postgres" | "unknown";
  tables: string[];
};

type TableInfo = { name: string; schema: string | undefined; pk: string[]; deps: string[] };

/** Every table of the Drizzle schema, parents before children (foreign keys), else by name. */
export function backupTables(): TableInfo[] {
  const infos = new Map<string, TableInfo>();
  for (const value of Object.values(schema)) {
    if (!is(value, PgTable)) continue;
    const cfg = getTableConfig(value);
    const pk =
      cfg.primaryKeys[0]?.columns.map((c) => c.name) ??
      cfg.columns.filter((c) => c.primary).map((c) => c.name);
    const deps = cfg.foreignKeys
      .map((fk) => getTableConfig(fk.reference().foreignTable).name)
      .filter((n) => n !== cfg.name);
    infos.set(cfg.name, { name: cfg.name, schema: cfg.schema, pk, deps });
  }
  const ordered: TableInfo[] = [];
  const state = new Map<string, "visiting" | "done">();
  const visit = (name: string) => {
    const info = infos.get(name);
    if (!info || state.get(name) === "done") return;
    if (state.get(name) === "visiting") throw new Error(`foreign-key cycle at table ${name}`);
    state.set(name, "visiting");
    for (const d of [...info.deps].sort()) visit(d);
    state.set(name, "done");
    ordered.push(info);
  };
  for (const name of [...infos.keys()].sort()) visit(name);
  return ordered;
}

const ident = (t: TableInfo): SQL =>
  t.schema ? sql`${sql.identifier(t.schema)}.${sql.identifier(t.name)}` : sql`${sql.identifier(t.name)}`;

async function rows<T>(db: DbOrTx, query: SQL): Promise<T[]> {
  const res = (await db.execute(query)) as unknown as { rows: T[] };
  return res.rows;
}

/** The newest applied migration: a backup restores only into the same schema version. */
export async function currentMigration(db: DbOrTx): Promise<{ hash: string; createdAt: string }> {
  const [row] = await rows<{ hash: string; created_at: string | number }>(
    db,
    sql`SELECT hash, created_at FROM drizzle.__drizzle_migrations ORDER BY created_at DESC, id DESC LIMIT 1`,
  );
  if (!row) throw new BackupError("The database has no applied migrations.");
  return { hash: row.hash, createdAt: String(row.created_at) };
}

export type BackupSummary = { file: string; tables: number; rows: number; counts: Record<string, number> };

/** Writes a backup of every table to `file` (written to a temporary file, then renamed). */
export async function backupToFile(
  db: Database,
  file: string,
  opts: { source?: BackupHeader["source"]; now?: Date } = {},
): Promise<BackupSummary> {
  const target = path.resolve(file);
  const tmp = `${target}.partial-${process.pid}`;
  const tables = backupTables();
  const counts: Record<string, number> = {};
  try {
    // One snapshot for all tables: a consistent backup even while PostgreSQL serves requests.
    await db.transaction(
      async (tx) => {
        const header: BackupHeader = {
          format: BACKUP_FORMAT,
          version: BACKUP_VERSION,
          migration: await currentMigration(tx),
          createdAt: (opts.now ?? new Date()).toISOString(),
          source: opts.source ?? "unknown",
          tables: tables.map((t) => t.name),
        };
        async function* lines() {
          yield `${JSON.stringify(header)}\n`;
          for (const t of tables) {
            yield `${JSON.stringify({ table: t.name })}\n`;
            let n = 0;
            const order = t.pk.length
              ? sql.join(
                  t.pk.map((c) => sql.identifier(c)),
                  sql`, `,
                )
              : sql`1`;
            for (;;) {
              const batch = await rows<{ r: string }>(
                tx,
                sql`SELECT to_jsonb(x)::text AS r FROM ${ident(t)} x ORDER BY ${order} LIMIT ${BATCH_ROWS} OFFSET ${n}`,
              );
              for (const b of batch) yield `${b.r}\n`;
              n += batch.length;
              if (batch.length < BATCH_ROWS) break;
            }
            counts[t.name] = n;
          }
          yield `${JSON.stringify({ end: true, counts })}\n`;
        }
        await pipeline(lines(), createGzip(), fs.createWriteStream(tmp, { mode: 0o600 }));
      },
      { isolationLevel: "repeatable read", accessMode: "read only" },
    );
    fs.renameSync(tmp, target);
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    throw e;
  }
  return {
    file: target,
    tables: tables.length,
    rows: Object.values(counts).reduce((a, b) => a + b, 0),
    counts,
  };
}

export type RestoreSummary = {
  tables: number;
  rows: number;
  counts: Record<string, number>;
  header: BackupHeader;
};

/**
 * Replaces ALL data with the backup's, in one transaction: a refused or broken file leaves the
 * database as it was. Refuses a backup written by another schema version.
 */
export async function restoreFromFile(db: Database, file: string): Promise<RestoreSummary> {
  const source = path.resolve(file);
  if (!fs.existsSync(source)) throw new BackupError(`Backup file not found: ${source}`);
  if (!fs.statSync(source).isFile()) throw new BackupError(`Not a file: ${source}`);
  const tables = backupTables();
  const byName = new Map(tables.map((t) => [t.name, t]));
  const input = fs.createReadStream(source).pipe(createGunzip());
  const reader = readline.createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY });
  const it = reader[Symbol.asyncIterator]();
  let lineNo = 0;
  const next = async (): Promise<string | undefined> => {
    try {
      const r = await it.next();
      if (r.done) return undefined;
      lineNo++;
      return r.value;
    } catch (e) {
      const code = (e as { code?: string }).code ?? "";
      throw new BackupError(
        code.startsWith("Z_")
          ? `The backup file is damaged or not a gzip file (${code}).`
          : `Cannot read the backup file (${code || "error"}).`,
      );
    }
  };
  const parseMeta = (line: string | undefined): Record<string, unknown> => {
    try {
      const v = JSON.parse(line ?? "");
      if (v && typeof v === "object" && !Array.isArray(v)) return v as Record<string, unknown>;
    } catch {
      // fall through
    }
    throw new BackupError(`The backup file is damaged (line ${lineNo}).`);
  };

  try {
    const header = parseMeta(await next()) as Partial<BackupHeader>;
    if (header.format !== BACKUP_FORMAT) throw new BackupError("This is not a Lotse backup file.");
    if (header.version !== BACKUP_VERSION) {
      throw new BackupError(`Unsupported backup format version ${String(header.version)}.`);
    }
    const current = await currentMigration(db);
    if (header.migration?.hash !== current.hash) {
      throw new BackupError(
        "The backup was written by a different database schema version and cannot be restored here. " +
          "Restore it with the Lotse version that wrote it.",
      );
    }
    const counts: Record<string, number> = {};
    await db.transaction(async (tx) => {
      await tx.execute(sql`TRUNCATE ${sql.join(tables.map(ident), sql`, `)}`);
      // Held off until the end of this transaction (a failed restore leaves them as they were).
      await setUserTriggers(tx, tables, false);
      let table: TableInfo | undefined;
      let columns: SQL | undefined;
      let batch: string[] = [];
      let bytes = 0;
      const flush = async () => {
        if (!table || !columns || batch.length === 0) return;
        const json = `[${batch.join(",")}]`;
        const first = lineNo - batch.length + 1;
        batch = [];
        bytes = 0;
        try {
          await tx.execute(
            sql`INSERT INTO ${ident(table)} (${columns}) OVERRIDING SYSTEM VALUE SELECT ${columns} FROM jsonb_populate_recordset(NULL::${ident(table)}, ${json}::jsonb)`,
          );
        } catch (e) {
          const code = sqlState(e);
          throw new BackupError(
            `The backup's rows for table ${table.name} (from line ${first}) could not be restored${code ? ` (SQL state ${code})` : ""}.`,
          );
        }
      };
      let ended = false;
      for (let line = await next(); line !== undefined; line = await next()) {
        if (line.startsWith('{"table":') || line.startsWith('{"end":')) {
          await flush();
          const meta = parseMeta(line);
          if (meta.end === true) {
            const expected = (meta.counts ?? {}) as Record<string, number>;
            for (const t of tables) {
              if ((expected[t.name] ?? 0) !== (counts[t.name] ?? 0)) {
                throw new BackupError(`The backup file is incomplete (table ${t.name}).`);
              }
            }
            ended = true;
            break;
          }
          const name = String(meta.table);
          table = byName.get(name);
          if (!table) throw new BackupError(`The backup names an unknown table "${name}".`);
          columns = await insertableColumns(tx, table);
          counts[name] = 0;
          continue;
        }
        if (!table || !line.startsWith("{"))
          throw new BackupError(`The backup file is damaged (line ${lineNo}).`);
        batch.push(line);
        bytes += line.length;
        counts[table.name]!++;
        if (batch.length >= BATCH_ROWS || bytes >= BATCH_BYTES) await flush();
      }
      if (!ended) throw new BackupError("The backup file is incomplete (it ends early).");
      await setUserTriggers(tx, tables, true);
      await resetSequences(tx, tables);
    });
    return {
      tables: tables.length,
      rows: Object.values(counts).reduce((a, b) => a + b, 0),
      counts,
      header: header as BackupHeader,
    };
  } finally {
    reader.close();
    input.destroy();
  }
}

/** The SQL state of a database error: drizzle wraps the driver's error and puts it in `cause`. */
export function sqlState(e: unknown): string | undefined {
  for (let cur: unknown = e, depth = 0; cur && depth < 4; cur = (cur as { cause?: unknown }).cause, depth++) {
    const code = (cur as { code?: unknown }).code;
    if (typeof code === "string" && /^[0-9A-Z]{5}$/.test(code)) return code;
  }
  return undefined;
}

/**
 * Turns the tables' own triggers (not the foreign-key checks) off or on again. ALTER TABLE needs
 * only table ownership, unlike session_replication_role (superuser), so it works for the role that
 * ran the migrations on PostgreSQL and on PGlite alike.
 */
async function setUserTriggers(db: DbOrTx, tables: TableInfo[], enabled: boolean) {
  for (const t of tables) {
    try {
      await db.execute(
        enabled
          ? sql`ALTER TABLE ${ident(t)} ENABLE TRIGGER USER`
          : sql`ALTER TABLE ${ident(t)} DISABLE TRIGGER USER`,
      );
    } catch (e) {
      const code = sqlState(e);
      throw new BackupError(
        `Cannot ${enabled ? "enable" : "hold off"} the triggers of table ${t.name}${code ? ` (SQL state ${code})` : ""}; the restore must run as the owner of the tables.`,
      );
    }
  }
}

/** Columns a restore writes: all but generated ones (those are computed again). */
async function insertableColumns(db: DbOrTx, t: TableInfo): Promise<SQL> {
  const cols = await rows<{ column_name: string }>(
    db,
    sql`SELECT column_name FROM information_schema.columns
        WHERE table_schema = ${t.schema ?? "public"} AND table_name = ${t.name} AND is_generated = 'NEVER'
        ORDER BY ordinal_position`,
  );
  if (cols.length === 0) throw new BackupError(`Table ${t.name} does not exist in this database.`);
  return sql.join(
    cols.map((c) => sql.identifier(c.column_name)),
    sql`, `,
  );
}

/** Serial and identity columns continue after the restored rows. */
async function resetSequences(db: DbOrTx, tables: TableInfo[]) {
  for (const t of tables) {
    const seqs = await rows<{ column_name: string; seq: string }>(
      db,
      sql`SELECT column_name, pg_get_serial_sequence(${`${t.schema ?? "public"}.${t.name}`}, column_name) AS seq
          FROM information_schema.columns
          WHERE table_schema = ${t.schema ?? "public"} AND table_name = ${t.name}
            AND pg_get_serial_sequence(${`${t.schema ?? "public"}.${t.name}`}, column_name) IS NOT NULL`,
    );
    for (const s of seqs) {
      await db.execute(
        sql`SELECT setval(${s.seq}::regclass, coalesce((SELECT max(${sql.identifier(s.column_name)}) FROM ${ident(t)}), 0) + 1, false)`,
      );
    }
  }
}
