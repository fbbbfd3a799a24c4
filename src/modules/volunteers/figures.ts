import { and, eq, sql } from "drizzle-orm";
import type { DbOrTx } from "../../server/db/client.ts";
import { AppError } from "../../server/errors.ts";
import { authorize } from "../../server/policy/policy.ts";
import type { Principal } from "../../server/policy/roles.ts";
import { type SafeCount, smallCellRuleFor, suppressTable } from "../statistics/small-cells.ts";
import type { VolunteerDeps } from "./deps.ts";
import { POOL_TIME_ZONE } from "./requests.ts";
import { mediationRequests } from "./schema.ts";

const SERVED = sql`('accepted','confirmed','held','claimed','settled','no_show')`;
const HELD = sql`('held','claimed','settled')`;

/** Aggregates only: per language, setting and place; hours with the number of people behind them. */
const figuresRepo = {
  hours(db: DbOrTx, tenantId: string, year: number) {
    const r = mediationRequests;
    return db
      .select({
        language: r.language,
        setting: r.setting,
        area: r.area,
        minutes: sql<number>`sum(coalesce(${r.heldMinutes}, ${r.durationMinutes}))::int`,
        people: sql<number>`count(distinct ${r.volunteerId})::int`,
      })
      .from(r)
      .where(
        and(
          eq(r.tenantId, tenantId),
          sql`${r.state} in ${HELD}`,
          sql`extract(year from ${r.date})::int = ${year}`,
        ),
      )
      .groupBy(r.language, r.setting, r.area);
  },
  requests(db: DbOrTx, tenantId: string, year: number, today: string) {
    const r = mediationRequests;
    return db
      .select({
        language: r.language,
        area: r.area,
        served: sql<number>`count(*) filter (where ${r.state} in ${SERVED})::int`,
        unserved: sql<number>`count(*) filter (where ${r.state} not in ${SERVED} and ${r.state} <> 'cancelled' and ${r.date} < ${today})::int`,
      })
      .from(r)
      .where(and(eq(r.tenantId, tenantId), sql`extract(year from ${r.date})::int = ${year}`))
      .groupBy(r.language, r.area);
  },
};

export type HoursCell = { value: number | null; suppressed: SafeCount["suppressed"] };
/**
 * The port monitoring and other readers take the pool's figures through (decision 099). Every
 * cell passes the small-cell rule: requests served/unserved per language and place as one table
 * with margins (`suppressTable`, secondary suppression); hours per language and institution type
 * (the request's setting) are shown only where the table of the people who gave them, suppressed
 * the same way, shows the cell — a sum of few people's hours tells about each of them.
 */
export type PoolFigures = {
  year: number;
  minCount: number;
  requests: { language: string; area: string | null; served: SafeCount; unserved: SafeCount }[];
  hours: { language: string; setting: string; hours: HoursCell }[];
};

export function createFigures(deps: VolunteerDeps) {
  const { db } = deps;
  const today = () => deps.clock.now().toLocaleDateString("sv-SE", { timeZone: POOL_TIME_ZONE });

  async function poolFigures(tenantId: string, year: number): Promise<PoolFigures> {
    const [tenant, hours, requests] = await Promise.all([
      deps.tenants.byId(tenantId),
      figuresRepo.hours(db, tenantId, year),
      figuresRepo.requests(db, tenantId, year, today()),
    ]);
    const rule = smallCellRuleFor(tenant?.settings.smallCells);
    const reqRows = [...requests].sort(
      (a, b) => a.language.localeCompare(b.language) || (a.area ?? "").localeCompare(b.area ?? ""),
    );
    const reqTable = reqRows.length
      ? suppressTable(
          reqRows.map((r) => [Number(r.served), Number(r.unserved)]),
          rule,
        )
      : { cells: [] };
    // Hours per language × setting: people and minutes summed over places (a person may count in
    // two places; the people count errs high only where one person served several).
    const cells = new Map<string, { minutes: number; people: number }>();
    for (const h of hours) {
      const key = `${h.language}|${h.setting}`;
      const c = cells.get(key) ?? { minutes: 0, people: 0 };
      c.minutes += Number(h.minutes);
      c.people += Number(h.people);
      cells.set(key, c);
    }
    const languages = [...new Set([...cells.keys()].map((k) => k.split("|")[0]!))].sort();
    const settings = [...new Set([...cells.keys()].map((k) => k.split("|")[1]!))].sort();
    const people = languages.length
      ? suppressTable(
          languages.map((l) => settings.map((s) => cells.get(`${l}|${s}`)?.people ?? 0)),
          rule,
        )
      : { cells: [] };
    return {
      year,
      minCount: rule.minCount,
      requests: reqRows.map((r, i) => ({
        language: r.language,
        area: r.area,
        served: reqTable.cells[i]![0]!,
        unserved: reqTable.cells[i]![1]!,
      })),
      hours: languages.flatMap((language, i) =>
        settings.flatMap((setting, j) => {
          const c = cells.get(`${language}|${setting}`);
          if (!c) return [];
          const p = people.cells[i]![j]!;
          return [
            {
              language,
              setting,
              hours:
                p.value === null
                  ? { value: null, suppressed: p.suppressed }
                  : { value: Math.round(c.minutes / 6) / 10, suppressed: null },
            },
          ];
        }),
      ),
    };
  }

  return {
    /** The port (decision 099): the year's pool figures through the small-cell rule. */
    poolFigures,

    async figures(principal: Principal, year: number) {
      authorize(principal, "volunteers.statistics");
      return poolFigures(principal.tenantId, year);
    },

    /**
     * The year's figures into monitoring as Lotse figures (decision 099, as decision 088 for
     * conflicts): raw counts per place, language or setting go to monitoring's writer, which
     * re-aggregates to its area level and suppresses on output. Needs both rights.
     */
    async publishFigures(principal: Principal, year: number) {
      authorize(principal, "volunteers.statistics");
      if (!deps.monitoring) throw AppError.notFound();
      const [hours, requests] = await Promise.all([
        figuresRepo.hours(db, principal.tenantId, year),
        figuresRepo.requests(db, principal.tenantId, year, today()),
      ]);
      const hoursOf = (m: number) => Math.round(Number(m) / 6) / 10;
      return deps.monitoring.writeVolunteerFigures(principal, {
        period: String(year),
        elements: [
          {
            code: "volunteer_requests_served",
            name: "Sprachmittlung: bediente Anfragen",
            valueType: "count",
            counts: requests.map((r) => ({ area: r.area, category: r.language, n: Number(r.served) })),
          },
          {
            code: "volunteer_requests_unserved",
            name: "Sprachmittlung: unbediente Anfragen",
            valueType: "count",
            counts: requests.map((r) => ({ area: r.area, category: r.language, n: Number(r.unserved) })),
          },
          {
            code: "volunteer_hours_language",
            name: "Sprachmittlung: Stunden nach Sprache",
            valueType: "number",
            counts: hours.map((h) => ({ area: h.area, category: h.language, n: hoursOf(h.minutes) })),
          },
          {
            code: "volunteer_hours_setting",
            name: "Sprachmittlung: Stunden nach Einrichtungsart",
            valueType: "number",
            counts: hours.map((h) => ({ area: h.area, category: h.setting, n: hoursOf(h.minutes) })),
          },
        ],
      });
    },
  };
}
