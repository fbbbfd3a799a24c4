// The catalogue after migrations, read from pg_catalog: the shape a Citus cluster needs
// (docs/operations.md, "Citus"; decision 046). Every table is keyed by tenant_id first, except the
// declared reference tables; no foreign key crosses tenants (between tenant tables it pairs
// tenant_id with tenant_id); unique indexes of tenant tables include tenant_id, except those
// declared below with their reason.
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "#app/server/db/client.ts";
import { openTestDatabase } from "../setup/test-db.ts";

/** Tables without tenant_id: Citus reference tables (a copy on every node). */
const REFERENCE_TABLES: Record<string, string> = {
  tenants:
    "the registry of tenants; a request is mapped from host or slug to its tenant before any tenant is known",
};

/** Unique indexes of tenant tables without tenant_id: Citus cannot enforce them on a distributed table. */
const GLOBAL_UNIQUE_INDEXES: Record<string, string> = {
  referrals_token_key:
    "a public referral link carries only its token; the lookup by token_hash finds the tenant (cross-tenant query)",
  survey_links_token_uq:
    "a personal survey link carries only its token; the lookup by token_hash finds the tenant (cross-tenant query)",
  conflict_posts_token_key:
    "a fire-alarm post's reporting link carries only its token; the lookup by token_hash finds the tenant (cross-tenant query)",
  conflicts_status_token_key:
    "a reporter's status link carries only its token; the lookup by token_hash finds the tenant (cross-tenant query)",
  conflict_public_reports_status_token_key:
    "a public report's status link, while it waits for moderation, carries only its token; the lookup by token_hash finds the tenant (cross-tenant query)",
  funding_applications_token:
    "an applicant's link carries only its token; the lookup by token_hash finds the tenant (cross-tenant query)",
  mediation_booking_links_token:
    "an institution's booking link carries only its token; the lookup by token_hash finds the tenant (cross-tenant query)",
};

type Table = { table: string; pk: string[] | null; tenant_not_null: boolean | null };
type ForeignKey = { name: string; table: string; cols: string[]; ref: string; ref_cols: string[] };
type UniqueIndex = { index: string; table: string; cols: string[] };

let handle: DatabaseHandle;
let tables: Table[];
let foreignKeys: ForeignKey[];
let uniqueIndexes: UniqueIndex[];

async function rows<T>(query: ReturnType<typeof sql>): Promise<T[]> {
  return ((await handle.db.execute(query)) as unknown as { rows: T[] }).rows;
}

beforeAll(async () => {
  handle = await openTestDatabase();
  tables = await rows<Table>(sql`
    select c.relname as "table",
      (select array_agg(a.attname::text order by k.i) from pg_constraint con
         cross join unnest(con.conkey) with ordinality k(n, i)
         join pg_attribute a on a.attrelid = con.conrelid and a.attnum = k.n
        where con.conrelid = c.oid and con.contype = 'p') as pk,
      (select a.attnotnull from pg_attribute a
        where a.attrelid = c.oid and a.attname = 'tenant_id' and not a.attisdropped) as tenant_not_null
    from pg_class c join pg_namespace ns on ns.oid = c.relnamespace
    where ns.nspname = 'public' and c.relkind in ('r', 'p') and not c.relispartition
    order by 1`);
  foreignKeys = await rows<ForeignKey>(sql`
    select con.conname as name, c.relname as "table", r.relname as ref,
      (select array_agg(a.attname::text order by k.i) from unnest(con.conkey) with ordinality k(n, i)
         join pg_attribute a on a.attrelid = con.conrelid and a.attnum = k.n) as cols,
      (select array_agg(a.attname::text order by k.i) from unnest(con.confkey) with ordinality k(n, i)
         join pg_attribute a on a.attrelid = con.confrelid and a.attnum = k.n) as ref_cols
    from pg_constraint con join pg_class c on c.oid = con.conrelid join pg_class r on r.oid = con.confrelid
    join pg_namespace ns on ns.oid = c.relnamespace
    where con.contype = 'f' and ns.nspname = 'public'
    order by 2, 1`);
  uniqueIndexes = await rows<UniqueIndex>(sql`
    select i.relname as index, c.relname as "table",
      array(select a.attname::text from unnest(x.indkey::int2[]) k(n)
              join pg_attribute a on a.attrelid = c.oid and a.attnum = k.n) as cols
    from pg_index x join pg_class i on i.oid = x.indexrelid join pg_class c on c.oid = x.indrelid
    join pg_namespace ns on ns.oid = c.relnamespace
    where ns.nspname = 'public' and x.indisunique and not x.indisprimary
    order by 2, 1`);
});
afterAll(() => handle.close());

const isReference = (table: string) => Object.hasOwn(REFERENCE_TABLES, table);

describe("the catalogue is ready to distribute by tenant_id", () => {
  it("reads the whole schema", () => {
    expect(tables.length).toBeGreaterThan(40);
    expect(tables.map((t) => t.table)).toEqual(
      expect.arrayContaining(["cases", "offers", "tenants", "jobs"]),
    );
  });

  it("keys every table by tenant_id first, apart from the declared reference tables", () => {
    const tenantTables = tables.filter((t) => !isReference(t.table));
    expect(tenantTables.filter((t) => t.tenant_not_null !== true).map((t) => t.table)).toEqual([]);
    expect(tenantTables.filter((t) => t.pk?.[0] !== "tenant_id").map((t) => `${t.table} (${t.pk})`)).toEqual(
      [],
    );
    // The declared list is exact: a reference table that gained tenant_id leaves it.
    const withoutTenant = tables.filter((t) => t.tenant_not_null === null).map((t) => t.table);
    expect(withoutTenant.sort()).toEqual(Object.keys(REFERENCE_TABLES).sort());
    for (const t of tables.filter((x) => isReference(x.table))) expect(t.pk, t.table).not.toBeNull();
  });

  it("has no foreign key across tenants: tenant tables pair tenant_id, others point at reference tables", () => {
    expect(foreignKeys.length).toBeGreaterThan(0);
    const crossing = foreignKeys.filter((fk) => {
      if (isReference(fk.ref)) return false;
      if (isReference(fk.table)) return true; // a reference table must not depend on tenant rows
      const at = fk.cols.indexOf("tenant_id");
      return at < 0 || fk.ref_cols[at] !== "tenant_id";
    });
    expect(crossing.map((fk) => `${fk.table}.${fk.name} → ${fk.ref}`)).toEqual([]);
  });

  it("includes tenant_id in every unique index of a tenant table, apart from the declared ones", () => {
    const global = uniqueIndexes
      .filter((u) => !isReference(u.table) && !u.cols.includes("tenant_id"))
      .map((u) => u.index);
    expect(global.sort()).toEqual(Object.keys(GLOBAL_UNIQUE_INDEXES).sort());
  });
});
