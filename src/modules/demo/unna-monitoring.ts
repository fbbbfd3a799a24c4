import type { DemoPeriod, DemoValue, MonitoringService } from "../monitoring/service.ts";

/**
 * Unna's small-area monitoring for the demo (issue 6).
 *
 * PUBLISHED (seed 001, Unna's integrated report, 2018): 61,098 residents, 104 fewer than in 2017;
 * 49 % male, 51 % female; 8.95 % foreign nationals; shares of the population: Königsborn and
 * Mitte about 25 % each, Landgemeinden and Massen 18 % each, Süd just under 14 %; old-age ratio
 * (65+ per 100 under 20) city 128, Mitte 182, Landgemeinden 124, Massen 120, Königsborn 112,
 * Süd 98; children under 15 on Sozialgeld Königsborn 24.7 %, Mitte 19.5 %, city 15.7 %,
 * Landgemeinden 3.2 %; Königsborn has the highest share of foreign and dual nationals. The report publishes ratios, not the counts behind them:
 * the 2018 counts below are CONSTRUCTED so that exactly these figures come out at the published
 * precision (unna-monitoring.test.ts recomputes them). They carry origin `demo_published`.
 * Everything else — the split by sex, dual citizens, SGB II, naturalisations, and every other
 * year (2012–2017, 2019–2021, and the open year 2022) — is INVENTED, origin `demo_synthetic`,
 * and marked as such wherever it shows.
 */

type AreaCounts = {
  age: { "0-14": number; "15-19": number; "20-64": number; "65+": number };
  foreign: number;
  dual: number;
  sgb2: number;
  sozialgeld: number;
  naturalisations: number;
};

export const UNNA_2018: Record<string, AreaCounts> = {
  "unna-mitte": {
    age: { "0-14": 1725, "15-19": 575, "20-64": 8911, "65+": 4186 },
    foreign: 1600,
    dual: 1100,
    sgb2: 1840,
    sozialgeld: 336,
    naturalisations: 30,
  },
  "unna-koenigsborn": {
    age: { "0-14": 1950, "15-19": 650, "20-64": 9701, "65+": 2912 },
    foreign: 2000,
    dual: 1500,
    sgb2: 1960,
    sozialgeld: 482,
    naturalisations: 22,
  },
  "unna-massen": {
    age: { "0-14": 1350, "15-19": 450, "20-64": 7038, "65+": 2160 },
    foreign: 700,
    dual: 600,
    sgb2: 670,
    sozialgeld: 150,
    naturalisations: 8,
  },
  "unna-landgemeinden": {
    age: { "0-14": 1425, "15-19": 475, "20-64": 6803, "65+": 2356 },
    foreign: 350,
    dual: 300,
    sgb2: 240,
    sozialgeld: 46,
    // A small cell on purpose: the demo shows suppression (and the secondary cell it forces).
    naturalisations: 2,
  },
  "unna-sued": {
    age: { "0-14": 1425, "15-19": 475, "20-64": 4669, "65+": 1862 },
    foreign: 818,
    dual: 700,
    sgb2: 880,
    sozialgeld: 223,
    naturalisations: 12,
  },
};

/**
 * Figures seed 001 publishes per social area; every other stored 2018 value is constructed
 * around them and carries the `demo_synthetic` origin (the `*` mark): the seed names no
 * Sozialgeld share for Massen and Unna-Süd, only the city's, so those two are invented.
 */
const SOZIALGELD_PUBLISHED = new Set(["unna-mitte", "unna-koenigsborn", "unna-landgemeinden"]);

/** City totals the seed gives for other years: "gegenüber 2017 … um 104 … gesunken". */
const CITY_POPULATION: Record<number, number> = { 2017: 61_098 + 104 };
/** The area whose 20–64 band absorbs the difference to a city total above. */
const BALANCING_AREA = "unna-mitte";

export const DEMO_PUBLISHED_YEAR = 2018;
export const DEMO_SYNTHETIC_YEARS = [2012, 2013, 2014, 2015, 2016, 2017, 2019, 2020, 2021];
/** Left open (not approved), so the approval can be tried. */
export const DEMO_OPEN_YEAR = 2022;

/**
 * Deterministic invented history: smooth trends per band, plus the 2015/16 immigration. Where
 * the seed gives the city's total for a year, one area's 20–64 band takes up the rounding so
 * that the total comes out exactly.
 */
export function demoCountsFor(year: number, code: string): AreaCounts {
  const counts = trendCounts(year, code);
  const cityTotal = CITY_POPULATION[year];
  if (cityTotal === undefined || code !== BALANCING_AREA) return counts;
  const sum = Object.keys(UNNA_2018).reduce((acc, c) => acc + totalOf(trendCounts(year, c)), 0);
  return { ...counts, age: { ...counts.age, "20-64": counts.age["20-64"] + cityTotal - sum } };
}

const totalOf = (c: AreaCounts) => Object.values(c.age).reduce((a, b) => a + b, 0);

function trendCounts(year: number, code: string): AreaCounts {
  const base = UNNA_2018[code]!;
  if (year === DEMO_PUBLISHED_YEAR) return base;
  const d = year - DEMO_PUBLISHED_YEAR;
  const wobble = ((code.length * 7 + year * 13) % 5) / 1000; // small, fixed per area and year
  const scale = (v: number, perYear: number) => Math.max(0, Math.round(v * (1 + perYear * d + wobble)));
  // Arrivals in 2015/16 raise the number of foreign nationals then; before, it was lower.
  const foreignFactor =
    year <= 2014 ? 0.78 + 0.03 * (year - 2012) : year === 2015 ? 0.9 : year === 2016 ? 0.97 : 1 + 0.025 * d;
  return {
    age: {
      "0-14": scale(base.age["0-14"], 0.004),
      "15-19": scale(base.age["15-19"], -0.008),
      "20-64": scale(base.age["20-64"], -0.003),
      "65+": scale(base.age["65+"], 0.012),
    },
    foreign: Math.round(base.foreign * foreignFactor),
    dual: scale(base.dual, 0.02),
    sgb2: scale(base.sgb2, year >= 2016 && year <= 2017 ? 0.01 : -0.015),
    sozialgeld: scale(base.sozialgeld, -0.012),
    naturalisations: Math.max(0, base.naturalisations + ((year * 3 + code.length) % 5) - 2),
  };
}

/** The stored values of one area and year: totals, and every option of every dimension. */
export function demoValueRows(
  counts: AreaCounts,
  code: string,
): { element: string; breakdown: string; value: number; published?: true }[] {
  const total = totalOf(counts);
  const female = Math.round(total * 0.512);
  const rows = [
    { element: "population", breakdown: "", value: total, published: true as const },
    { element: "population", breakdown: "sex:f", value: female },
    { element: "population", breakdown: "sex:m", value: total - female },
    { element: "population", breakdown: "sex:d", value: 0 },
    ...Object.entries(counts.age).map(([band, value]) => ({
      element: "population",
      breakdown: `age:${band}`,
      value,
      published: true as const,
    })),
    {
      element: "population",
      breakdown: "nationality:german",
      value: total - counts.foreign - counts.dual,
    },
    { element: "population", breakdown: "nationality:dual", value: counts.dual },
    {
      element: "population",
      breakdown: "nationality:foreign",
      value: counts.foreign,
      published: true as const,
    },
    { element: "sgb2_recipients_u65", breakdown: "", value: counts.sgb2 },
    {
      element: "sozialgeld_u15",
      breakdown: "",
      value: counts.sozialgeld,
      ...(SOZIALGELD_PUBLISHED.has(code) ? { published: true as const } : {}),
    },
    { element: "naturalisations", breakdown: "", value: counts.naturalisations },
  ];
  return rows;
}

/** The demo data set: every year, approved except the open one (population only). */
export function unnaDemoPeriods(): DemoPeriod[] {
  const valuesFor = (year: number): DemoValue[] =>
    Object.keys(UNNA_2018).flatMap((code) =>
      demoValueRows(demoCountsFor(year, code), code).map((r) => ({
        element: r.element,
        area: code,
        breakdown: r.breakdown,
        value: r.value,
        origin: year === DEMO_PUBLISHED_YEAR && r.published === true ? "demo_published" : "demo_synthetic",
      })),
    );
  const years = [...DEMO_SYNTHETIC_YEARS, DEMO_PUBLISHED_YEAR].sort((a, b) => a - b);
  return [
    ...years.map((year) => ({
      period: String(year),
      values: valuesFor(year),
      releaseNote:
        year === DEMO_PUBLISHED_YEAR
          ? "Demo: nachgebildete Zählwerte zu Unnas veröffentlichten Kennzahlen 2018"
          : "Demo: erfundene Zeitreihe",
    })),
    // The open year: population only, not approved.
    {
      period: String(DEMO_OPEN_YEAR),
      values: valuesFor(DEMO_OPEN_YEAR).filter((v) => v.element === "population"),
      releaseNote: null,
    },
  ];
}

/** Seeds the monitoring once (idempotent: skipped when the tenant has any release). */
export function seedMonitoringDemo(
  services: { monitoring: Pick<MonitoringService, "seedDemo"> },
  tenantId: string,
): Promise<{ releases: number }> {
  return services.monitoring.seedDemo(tenantId, unnaDemoPeriods());
}
