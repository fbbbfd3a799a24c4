import type { Database } from "../../server/db/client.ts";
import { type FigureCount, figuresRepo } from "./figures.repo.ts";

export type { FigureCount };

/**
 * Aggregates of case work for monitoring (issue 6, "Lotse's own figures"): counts per household
 * area and category, "as of" the end of a day or now. The caller (monitoring) authorizes and
 * publishes them only through the small-cell rule; nothing here names a person or a case.
 */
export function createCaseFigures(deps: { db: Database }) {
  const { db } = deps;
  return {
    /** Open cases per household area × phase; asOf null = now (status open, current phase). */
    openCasesByPhase: (tenantId: string, asOf: { day: string } | null) =>
      figuresRepo.openCasesByPhase(db, tenantId, asOf),
    /** Open needs per household area × life domain. */
    openNeedsByDomain: (tenantId: string, asOf: { day: string; instant: Date } | null) =>
      figuresRepo.openNeedsByDomain(db, tenantId, asOf),
    /** Persons of households in need per household area × language spoken (strategy's languages of supply). */
    personsInNeedByLanguage: (tenantId: string) => figuresRepo.personsInNeedByLanguage(db, tenantId),
    /** Referrals sent in [from, to) per household area × status (today's). */
    referralsByStatus: (tenantId: string, from: Date, to: Date) =>
      figuresRepo.referralsByStatus(db, tenantId, from, to),
    /** Persons of households per caller's key × sex × age on a day (accommodation structure). */
    personsByGroup: (
      tenantId: string,
      groups: readonly { householdId: string; key: string }[],
      day: string,
    ) => figuresRepo.personsByGroup(db, tenantId, groups, day),
    /** The tenant's case phases in order (key and label). */
    phases: (tenantId: string) => figuresRepo.phases(db, tenantId),
  };
}
export type CaseFigures = ReturnType<typeof createCaseFigures>;
