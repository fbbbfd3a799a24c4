import { authorize } from "../../server/policy/policy.ts";
import type { Principal } from "../../server/policy/roles.ts";
import { isSmallCount, safeCount, smallCellRuleFor, suppressTable } from "../statistics/small-cells.ts";
import type { VolunteerDeps } from "./deps.ts";
import { MEDIATION_LEVELS } from "./model.ts";
import type { VolunteerNumbers } from "./numbers-contracts.ts";
import { numbersRepo } from "./numbers-repo.ts";
import { POOL_TIME_ZONE } from "./requests.ts";

const QUARTERS = [1, 2, 3, 4] as const;

/**
 * Numbers for steering (issue 17, What must work 6; decision 076): aggregates only, every count
 * through the small-cell rule. The language table carries its margins, so it goes through
 * `suppressTable` (secondary suppression). Hours of a quarter show only when enough people
 * gave them: a sum of few people's hours tells about each of them.
 */
export function createNumbers(deps: VolunteerDeps) {
  const { db } = deps;
  return {
    async numbers(principal: Principal, year: number): Promise<VolunteerNumbers> {
      authorize(principal, "volunteers.statistics");
      const t = principal.tenantId;
      const today = deps.clock.now().toLocaleDateString("sv-SE", { timeZone: POOL_TIME_ZONE });
      const [tenant, pool, active, byLanguage, byQuarter, tandem] = await Promise.all([
        deps.tenants.byId(t),
        numbersRepo.poolByStatus(db, t),
        numbersRepo.activeFacts(db, t),
        numbersRepo.requestsByLanguage(db, t, year, today),
        numbersRepo.requestsByQuarter(db, t, year),
        numbersRepo.tandemHoursByQuarter(db, t, year),
      ]);
      const rule = smallCellRuleFor(tenant?.settings.smallCells);
      const status = (s: string) => Number(pool.find((p) => p.status === s)?.n ?? 0);
      const tally = (keys: string[][]) => {
        const m = new Map<string, number>();
        for (const ks of keys) for (const k of new Set(ks)) m.set(k, (m.get(k) ?? 0) + 1);
        return [...m.entries()]
          .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
          .map(([key, n]) => ({ key, count: safeCount(n, rule) }));
      };
      const languages = [...byLanguage].sort((a, b) => a.language.localeCompare(b.language));
      const table = languages.length
        ? suppressTable(
            languages.map((l) => [l.served, l.open, l.unserved, l.cancelled]),
            rule,
          )
        : { cells: [], rowTotals: [] };
      const hours = (minutes: number, people: number) =>
        isSmallCount(people, rule) || (people === 0 && minutes > 0)
          ? { value: null, suppressed: "primary" as const }
          : { value: Math.round(minutes / 6) / 10, suppressed: null };
      return {
        year,
        minCount: rule.minCount,
        pool: {
          total: safeCount(
            pool.reduce((s, p) => s + Number(p.n), 0),
            rule,
          ),
          active: safeCount(status("active"), rule),
          applicants: safeCount(status("applicant"), rule),
          inactive: safeCount(status("inactive"), rule),
        },
        activeByLanguage: tally(
          active.map((v) =>
            v.languages.filter((l) => l.oral && MEDIATION_LEVELS.includes(l.level)).map((l) => l.code),
          ),
        ).map(({ key, count }) => ({ language: key, count })),
        activeByArea: tally(active.map((v) => v.areas)).map(({ key, count }) => ({ area: key, count })),
        requestsByLanguage: languages.map((l, i) => {
          const [served, open, unserved, cancelled] = table.cells[i]!;
          return {
            language: l.language,
            requests: table.rowTotals[i]!,
            served: served!,
            open: open!,
            unserved: unserved!,
            cancelled: cancelled!,
          };
        }),
        quarters: QUARTERS.map((q) => {
          const r = byQuarter.find((x) => Number(x.quarter) === q);
          const h = tandem.find((x) => Number(x.quarter) === q);
          return {
            quarter: q,
            requests: safeCount(Number(r?.requests ?? 0), rule),
            served: safeCount(Number(r?.served ?? 0), rule),
            assignmentHours: hours(Number(r?.minutes ?? 0), Number(r?.mediators ?? 0)),
            tandemHours: hours(Number(h?.minutes ?? 0), Number(h?.volunteers ?? 0)),
          };
        }),
      };
    },
  };
}
