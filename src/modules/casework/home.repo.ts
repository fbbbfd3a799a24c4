import { type SQL, sql } from "drizzle-orm";
import type { DbOrTx } from "../../server/db/client.ts";

/** One row of a staff-home item: the window count rides on every row (0 rows: count 0). */
export type HomeRow = {
  id: string;
  caseId: string | null;
  reference: string | null;
  day: string | null;
  total: number;
};

/** count(*) over () with LIMIT: the item's count and its top rows in one bounded query. */
async function rows(db: DbOrTx, query: SQL): Promise<{ total: number; rows: HomeRow[] }> {
  const result = (await db.execute(query)) as unknown as { rows: HomeRow[] };
  const list = result.rows.map((r) => ({
    ...r,
    day: r.day ? String(r.day).slice(0, 10) : null,
    total: Number(r.total),
  }));
  return { total: list[0]?.total ?? 0, rows: list };
}

/** The case is assigned to the user (case_workers). */
const assigned = (userId: string) =>
  sql`exists (select 1 from case_workers cw where cw.tenant_id = c.tenant_id and cw.case_id = c.id and cw.user_id = ${userId})`;

/** The case's office is one the user's grants name ("all": every office). */
function officeVisible(officeIds: string[] | "all"): SQL {
  if (officeIds === "all") return sql`true`;
  if (officeIds.length === 0) return sql`false`;
  return sql`c.office_id in (${sql.join(
    officeIds.map((id) => sql`${id}::uuid`),
    sql`, `,
  )})`;
}

/**
 * The staff home's queries of case work (decision 092). "My cases" are the open cases the user
 * is assigned to, plus tasks the user is responsible for in a case their office grants show:
 * the home lists what needs this user, not everything the team may read.
 */
export const homeRepo = {
  /** Open plan tasks of my cases due in [from, to) (from null: any time before `to`). */
  tasks(
    db: DbOrTx,
    tenantId: string,
    me: { userId: string; officeIds: string[] | "all" },
    range: { from: string | null; to: string },
    order: "newest" | "soonest",
    limit: number,
  ) {
    return rows(
      db,
      sql`select i.id, c.id as "caseId", c.reference, i.due_on as day, count(*) over () as total
        from help_plan_items i
        join cases c on c.tenant_id = i.tenant_id and c.id = i.case_id
        where i.tenant_id = ${tenantId} and i.status = 'open' and c.status = 'open'
          and i.due_on is not null and i.due_on < ${range.to}
          ${range.from ? sql`and i.due_on >= ${range.from}` : sql``}
          and (${assigned(me.userId)} or (i.responsible_user_id = ${me.userId} and ${officeVisible(me.officeIds)}))
        order by i.due_on ${order === "newest" ? sql`desc` : sql`asc`}, i.id
        limit ${limit}`,
    );
  },

  /** Referrals I sent, or sent from my cases, that the receiver accepted or declined since `since`. */
  answeredReferrals(db: DbOrTx, tenantId: string, userId: string, since: Date, limit: number) {
    return rows(
      db,
      sql`select r.id, c.id as "caseId", c.reference, r.decided_at::date::text as day, count(*) over () as total
        from referrals r
        join cases c on c.tenant_id = r.tenant_id and c.id = r.case_id
        where r.tenant_id = ${tenantId} and r.status in ('accepted', 'declined')
          and r.decided_at >= ${since.toISOString()}::timestamptz
          and (r.created_by = ${userId} or ${assigned(userId)})
        order by r.decided_at desc, r.id
        limit ${limit}`,
    );
  },

  /** Consents of persons in my open cases, neither withdrawn nor expired, expiring before `to`. */
  expiringConsents(db: DbOrTx, tenantId: string, userId: string, today: string, to: string, limit: number) {
    return rows(
      db,
      sql`select k.id, m."caseId", m.reference, k.expires_on as day, count(*) over () as total
        from consents k
        join persons p on p.tenant_id = k.tenant_id and p.id = k.person_id
        cross join lateral (
          select c.id as "caseId", c.reference from cases c
          where c.tenant_id = p.tenant_id and c.household_id = p.household_id and c.status = 'open'
            and ${assigned(userId)}
          order by c.opened_on desc, c.id limit 1
        ) m
        where k.tenant_id = ${tenantId} and k.withdrawn_on is null
          and k.expires_on >= ${today} and k.expires_on < ${to}
        order by k.expires_on, k.id
        limit ${limit}`,
    );
  },

  /** Referrals addressed to these organizations ("all": every one) and not yet answered. */
  receivedReferrals(db: DbOrTx, tenantId: string, organizationIds: string[] | "all", limit: number) {
    if (organizationIds !== "all" && organizationIds.length === 0) return { total: 0, rows: [] };
    const orgs =
      organizationIds === "all"
        ? sql`true`
        : sql`r.receiving_organization_id in (${sql.join(
            organizationIds.map((id) => sql`${id}::uuid`),
            sql`, `,
          )})`;
    return rows(
      db,
      sql`select r.id, null as "caseId", r.kind as reference, r.created_at::date::text as day, count(*) over () as total
        from referrals r
        where r.tenant_id = ${tenantId} and r.status = 'sent' and ${orgs}
        order by r.created_at desc, r.id
        limit ${limit}`,
    );
  },

  /** Break-glass accesses nobody has reviewed yet, newest first. */
  pendingBreakGlass(db: DbOrTx, tenantId: string, limit: number) {
    return rows(
      db,
      sql`select b.id, b.case_id as "caseId", c.reference, b.started_at::date::text as day, count(*) over () as total
        from break_glass_accesses b
        left join cases c on c.tenant_id = b.tenant_id and c.id = b.case_id
        where b.tenant_id = ${tenantId} and b.reviewed_at is null
        order by b.started_at desc, b.id
        limit ${limit}`,
    );
  },
};
