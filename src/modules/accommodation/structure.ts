/**
 * The age and gender structure of an accommodation's residents on a day (issue 21 "What must
 * work" 1, decision 081): persons of the households living there, by age band × sex, counted by
 * case work (`figures.personsByGroup`, no person leaves it) and shown only through the tenant's
 * small-cell rule with secondary suppression, so it may be read outside case work.
 */
import { AppError } from "../../server/errors.ts";
import { authorize } from "../../server/policy/policy.ts";
import type { Principal } from "../../server/policy/roles.ts";
import { SEXES } from "../casework/model.ts";
import { type SafeCount, smallCellRuleFor, suppressTable } from "../statistics/small-cells.ts";
import type { AccommodationDeps } from "./deps.ts";
import { accommodationRepo, placementRepo } from "./housing.repo.ts";
import { livesOn } from "./placements.ts";

/** Bands that matter for an accommodation: Kita, school, youth, young adults, adults, seniors. */
export const AGE_BANDS = ["0-5", "6-13", "14-17", "18-26", "27-64", "65+", "unknown"] as const;
export type AgeBand = (typeof AGE_BANDS)[number];

export function ageBandOf(age: number | null): AgeBand {
  if (age === null || age < 0) return "unknown";
  if (age <= 5) return "0-5";
  if (age <= 13) return "6-13";
  if (age <= 17) return "14-17";
  if (age <= 26) return "18-26";
  if (age <= 64) return "27-64";
  return "65+";
}

export type StructureView = {
  accommodationId: string;
  day: string;
  bands: readonly AgeBand[];
  sexes: readonly (typeof SEXES)[number][];
  cells: SafeCount[][];
  rowTotals: SafeCount[];
  columnTotals: SafeCount[];
  total: SafeCount;
  minCount: number;
};

export function createStructure(deps: AccommodationDeps) {
  const { db } = deps;
  return {
    async of(principal: Principal, accommodationId: string, day: string): Promise<StructureView> {
      authorize(principal, "accommodation.read");
      const t = principal.tenantId;
      const acc = await accommodationRepo.byId(db, t, accommodationId);
      if (!acc) throw AppError.notFound();
      const living = (await placementRepo.ofAccommodation(db, t, acc.id)).filter((p) => livesOn(p, day));
      const counts = await deps.casework.figures.personsByGroup(
        t,
        living.map((p) => ({ householdId: p.householdId, key: acc.id })),
        day,
      );
      const table = AGE_BANDS.map(() => SEXES.map(() => 0));
      for (const c of counts) {
        const j = SEXES.indexOf(c.sex as (typeof SEXES)[number]);
        table[AGE_BANDS.indexOf(ageBandOf(c.age))]![j < 0 ? SEXES.indexOf("unspecified") : j]! += c.n;
      }
      const rule = smallCellRuleFor((await deps.tenants.byId(t))?.settings.smallCells);
      return {
        accommodationId: acc.id,
        day,
        bands: AGE_BANDS,
        sexes: SEXES,
        ...suppressTable(table, rule),
        minCount: rule.minCount,
      };
    },
  };
}
