import { and, eq, inArray, type SQL, sql } from "drizzle-orm";
import type { DbOrTx } from "../../server/db/client.ts";
import { households, persons } from "./schema.ts";

/** What questionnaires and survey samples need to know about persons (issue 5): no names, no case content. */
export type SurveyPersonFacts = {
  personId: string;
  sex: string;
  birthDate: string | null;
  assignedOn: string | null;
  areaId: string | null;
  accommodationKind: string | null;
  /** The phase of the household's open case, if any. */
  phaseKey: string | null;
  openCase: boolean;
};

export const surveyPersonRepo = {
  /** Persons (not in merged-away households), optionally only those assigned in a year, or only these ids. */
  async facts(
    db: DbOrTx,
    tenantId: string,
    filter: { assignedYear?: number | undefined; personIds?: string[] | undefined },
  ): Promise<SurveyPersonFacts[]> {
    const conds: SQL[] = [sql`p.tenant_id = ${tenantId}`, sql`h.merged_into is null`];
    if (filter.assignedYear !== undefined) {
      conds.push(
        sql`p.assigned_to_municipality_on >= ${`${filter.assignedYear}-01-01`} and p.assigned_to_municipality_on <= ${`${filter.assignedYear}-12-31`}`,
      );
    }
    if (filter.personIds) {
      if (filter.personIds.length === 0) return [];
      conds.push(
        sql`p.id in (${sql.join(
          filter.personIds.map((id) => sql`${id}::uuid`),
          sql`, `,
        )})`,
      );
    }
    const result = await db.execute(sql`
      select p.id as "personId", p.sex, p.birth_date::text as "birthDate",
             p.assigned_to_municipality_on::text as "assignedOn",
             h.area_id as "areaId", h.accommodation_kind as "accommodationKind",
             oc.phase_key as "phaseKey", (oc.id is not null) as "openCase"
      from persons p
      join households h on h.tenant_id = p.tenant_id and h.id = p.household_id
      left join lateral (
        select c.id, c.phase_key from cases c
        where c.tenant_id = p.tenant_id and c.household_id = h.id and c.status = 'open'
        order by c.opened_on desc limit 1
      ) oc on true
      where ${sql.join(conds, sql` and `)}
      order by p.id`);
    return (result as unknown as { rows: SurveyPersonFacts[] }).rows.map((r) => ({
      ...r,
      openCase: r.openCase === true,
    }));
  },

  async names(db: DbOrTx, tenantId: string, personIds: string[]) {
    if (personIds.length === 0) return [];
    return db
      .select({
        id: persons.id,
        givenName: persons.givenName,
        familyName: persons.familyName,
        householdId: persons.householdId,
        householdLabel: households.label,
      })
      .from(persons)
      .innerJoin(
        households,
        and(eq(households.tenantId, persons.tenantId), eq(households.id, persons.householdId)),
      )
      .where(and(eq(persons.tenantId, tenantId), inArray(persons.id, personIds)));
  },
};
