import type { DemoPeriod, DemoValue, MonitoringService } from "../monitoring/service.ts";

/**
 * Unna's small-area monitoring for the demo (issue 6).
 *
 * PUBLISHED (seed 001, Unna's integrated report, 2018): 61,098 residents; 8.95 % foreign
 * nationals; old-age ratios (65+ per 100 under 20) Mitte 182, Landgemeinden 124, Massen 120,
 * Königsborn 112, Süd 98; children under 15 on Sozialgeld Königsborn 24.7 %, Mitte 19.5 %,
 * city 15.7 %, Landgemeinden 3.2 %. The report publishes ratios, not the counts behind them:
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
    age: { "0-14": 1950, "15-19": 650, "20-64": 10568, "65+": 4732 },
    foreign: 2100,
    dual: 1400,
    sgb2: 1840,
    sozialgeld: 380,
    naturalisations: 30,
  },
  "unna-koenigsborn": {
    age: { "0-14": 1760, "15-19": 590, "20-64": 7418, "65+": 2632 },
    foreign: 1500,
    dual: 1000,
    sgb2: 1660,
    sozialgeld: 435,
    naturalisations: 22,
  },
  "unna-massen": {
    age: { "0-14": 1350, "15-19": 450, "20-64": 5640, "65+": 2160 },
    foreign: 700,
    dual: 600,
    sgb2: 670,
    sozialgeld: 150,
    naturalisations: 8,
  },
  "unna-landgemeinden": {
    age: { "0-14": 1420, "15-19": 480, "20-64": 6044, "65+": 2356 },
    foreign: 350,
    dual: 300,
    sgb2: 240,
    sozialgeld: 45,
    // A small cell on purpose: the demo shows suppression (and the secondary cell it forces).
    naturalisations: 2,
  },
  "unna-sued": {
    age: { "0-14": 1650, "15-19": 550, "20-64": 6542, "65+": 2156 },
    foreign: 818,
    dual: 700,
    sgb2: 880,
    sozialgeld: 266,
    naturalisations: 12,
  },
};

export const DEMO_PUBLISHED_YEAR = 2018;
export const DEMO_SYNTHETIC_YEARS = [2012, 2013, 2014, 2015, 2016, 2017, 2019, 2020, 2021];
/** Left open (not approved), so the approval can be tried. */
export const DEMO_OPEN_YEAR = 2022;

/** Deterministic invented history: smooth trends per band, plus the 2015/16 immigration. */
export function demoCountsFor(year: number, code: string): AreaCounts {
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
): { element: string; breakdown: string; value: number; published?: true }[] {
  const total = Object.values(counts.age).reduce((a, b) => a + b, 0);
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
    { element: "sozialgeld_u15", breakdown: "", value: counts.sozialgeld, published: true as const },
    { element: "naturalisations", breakdown: "", value: counts.naturalisations },
  ];
  return rows;
}

/** The demo data set: every year, approved except the open one (population only). */
export function unnaDemoPeriods(): DemoPeriod[] {
  const valuesFor = (year: number): DemoValue[] =>
    Object.keys(UNNA_2018).flatMap((code) =>
      demoValueRows(demoCountsFor(year, code)).map((r) => ({
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
