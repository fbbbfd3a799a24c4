/**
 * Two accommodations, or two periods of one, side by side (issue 21, decision 121): places and
 * utilisation, households and persons living there in the period, move-ins and move-outs, and
 * the residents' age and sex structure. Every count of persons passes the tenant's small-cell
 * rule (`statistics/small-cells.ts`): single figures by primary suppression, the age and sex
 * tables with secondary suppression and margins. Counted by case work as in `structure.ts`.
 */
import { AppError } from "../../server/errors.ts";
import { authorize } from "../../server/policy/policy.ts";
import type { Principal } from "../../server/policy/roles.ts";
import { SEXES } from "../casework/model.ts";
import { type SafeCount, safeCount, smallCellRuleFor, suppressTable } from "../statistics/small-cells.ts";
import type { AccommodationDeps } from "./deps.ts";
import type { ComparisonQuery, ComparisonView } from "./housing.contracts.ts";
import { accommodationRepo, type PlacementRow, placementRepo } from "./housing.repo.ts";
import { type Stay, staysOverlap } from "./housing-model.ts";
import { AGE_BANDS, ageBandOf } from "./structure.ts";

const DAY_MS = 86_400_000;
const nextDay = (day: string) => new Date(Date.parse(day) + DAY_MS).toISOString().slice(0, 10);
const daysIn = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / DAY_MS) + 1;

/** Raw figures of one side: stays overlapping [from, to] (days inclusive). Pure. */
export function periodFigures(stays: readonly Stay[], from: string, to: string) {
  const period = { moveIn: from, moveOut: nextDay(to) };
  const inPeriod = stays.filter((s) => staysOverlap(s, period));
  const sum = (xs: readonly Stay[]) => xs.reduce((n, s) => n + s.persons, 0);
  // Person-days inside the period, for the average occupancy.
  const personDays = inPeriod.reduce((n, s) => {
    const start = s.moveIn > from ? s.moveIn : from;
    const end = s.moveOut !== null && s.moveOut < period.moveOut ? s.moveOut : period.moveOut;
    return n + s.persons * Math.max(0, daysIn(start, end) - 1);
  }, 0);
  return {
    households: inPeriod.length,
    persons: sum(inPeriod),
    moveInPersons: sum(inPeriod.filter((s) => s.moveIn >= from && s.moveIn <= to)),
    moveOutPersons: sum(inPeriod.filter((s) => s.moveOut !== null && s.moveOut >= from && s.moveOut <= to)),
    averageOccupied: personDays / daysIn(from, to),
  };
}

export function createComparison(deps: AccommodationDeps) {
  const { db } = deps;
  return {
    async compare(principal: Principal, q: ComparisonQuery): Promise<ComparisonView> {
      authorize(principal, "accommodation.read");
      const t = principal.tenantId;
      const rule = smallCellRuleFor((await deps.tenants.byId(t))?.settings.smallCells);
      const areas = new Map((await deps.areas.list(t)).map((a) => [a.id, a.name]));
      const sides = [
        { id: q.a, from: q.aFrom, to: q.aTo },
        { id: q.b, from: q.bFrom, to: q.bTo },
      ];
      const loaded = await Promise.all(
        sides.map(async (s) => {
          const acc = await accommodationRepo.byId(db, t, s.id);
          if (!acc)
            throw AppError.validation([{ field: s === sides[0] ? "a" : "b", code: "invalid_choice" }]);
          const stays = await placementRepo.ofAccommodation(db, t, acc.id);
          const period = { moveIn: s.from, moveOut: nextDay(s.to) };
          return { s, acc, living: stays.filter((p: PlacementRow) => staysOverlap(p, period)), stays };
        }),
      );
      const raw = loaded.map((l) => periodFigures(l.stays, l.s.from, l.s.to));
      // Persons by side × sex × age at the period's end, counted in case work; no person leaves it.
      const counts = (
        await Promise.all(
          loaded.map((l, i) =>
            deps.casework.figures.personsByGroup(
              t,
              l.living.map((p) => ({ householdId: p.householdId, key: String(i) })),
              l.s.to,
            ),
          ),
        )
      ).flat();
      const ages = AGE_BANDS.map(() => [0, 0]);
      const sexes = SEXES.map(() => [0, 0]);
      for (const c of counts) {
        const side = Number(c.key);
        ages[AGE_BANDS.indexOf(ageBandOf(c.age))]![side]! += c.n;
        const j = SEXES.indexOf(c.sex as (typeof SEXES)[number]);
        sexes[j < 0 ? SEXES.indexOf("unspecified") : j]![side]! += c.n;
      }
      const figure = (pick: (r: (typeof raw)[number]) => number): SafeCount[] =>
        raw.map((r) => safeCount(pick(r), rule));
      const persons = figure((r) => r.persons);
      return {
        sides: loaded.map((l, i) => ({
          accommodationId: l.acc.id,
          name: l.acc.name,
          areaName: areas.get(l.acc.areaId) ?? "",
          from: l.s.from,
          to: l.s.to,
          places: l.acc.places,
          // A rate over few persons would tell what the hidden count hides.
          utilisation:
            persons[i]!.value === null
              ? null
              : Math.round((raw[i]!.averageOccupied / l.acc.places) * 1000) / 10,
        })),
        figures: [
          { figure: "households", values: figure((r) => r.households) },
          { figure: "persons", values: persons },
          { figure: "move_in_persons", values: figure((r) => r.moveInPersons) },
          { figure: "move_out_persons", values: figure((r) => r.moveOutPersons) },
        ],
        ages: { bands: [...AGE_BANDS], ...suppressTable(ages, rule) },
        sexes: { sexes: [...SEXES], ...suppressTable(sexes, rule) },
        minCount: rule.minCount,
      };
    },
  };
}
