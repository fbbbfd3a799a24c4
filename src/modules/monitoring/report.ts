import { z } from "zod";
import type { Translate } from "#app/i18n/translator.ts";
import { validationError } from "#app/server/errors.problem.ts";
import { AppError, isAppError } from "#app/server/errors.ts";
import type { Principal } from "#app/server/policy/roles.ts";
import type { SmallCellRule } from "../statistics/small-cells.ts";
import { type FormulaTerm, parseAgeOption, parseFormula } from "./formula.ts";
import type { MonitoringService } from "./service.ts";
import type {
  AgeLimit,
  IndexResults,
  IndicatorDefinition,
  MonitoringArea,
  MonitoringCell,
  PeriodResults,
  SeriesResults,
} from "./types.ts";

/**
 * The annual integrated report to the council (integrierter Bericht), as one model that the
 * HTML pages and the PDF both render. It is assembled ONLY from the engine's results, series
 * and index (services.monitoring), which have passed the small-cell rule: nothing here reads a
 * raw value, so the report can hide nothing the engine showed and show nothing it hid.
 *
 * Reproducible: the report names the data version it was built from (Datenstand n); built again
 * from the same period and version it shows the same figures, whatever was released later.
 */

export const REPORT_AUDIENCES = ["internal", "public"] as const;
export type ReportAudience = (typeof REPORT_AUDIENCES)[number];

/** Years of a district's time series in the report. */
export const REPORT_SERIES_YEARS = 10;

export type ReportRow = {
  indicator: IndicatorDefinition;
  value: MonitoringCell;
  city: MonitoringCell;
  change: MonitoringCell;
  rank: number | null;
};

export type ReportDistrict = {
  area: MonitoringArea;
  rows: ReportRow[];
  /** The key indicator over the years up to the report's period (same order as `series.periods`). */
  series: MonitoringCell[];
  index: IndexResults["areas"][number] | null;
};

export type ReportModel = {
  tenantName: string;
  audience: ReportAudience;
  period: string;
  previousPeriod: string | null;
  /** The data version the report is built from (as requested, else the latest release). */
  dataVersion: number;
  /** When that release was made (ISO). */
  dataVersionAt: string;
  /** The highest release actually used by the period's figures (≤ dataVersion). */
  resultsVersion: number;
  areaCount: number;
  results: PeriodResults;
  index: IndexResults;
  /** The indicator the overview maps and every district's time series shows. */
  keyIndicator: IndicatorDefinition | null;
  /** The key indicator's series, cut to the report's period and the years before it. */
  series: { periods: string[]; city: MonitoringCell[] } | null;
  districts: ReportDistrict[];
  synthetic: boolean;
  rule: SmallCellRule;
};

const periodSchema = z.string().regex(/^\d{4}$/, { error: "invalid" });
const versionSchema = z.coerce.number().int().min(1).max(1_000_000_000);

export const reportQuerySchema = z.object({
  period: periodSchema.optional(),
  version: versionSchema.optional(),
  audience: z.enum(REPORT_AUDIENCES).optional(),
});
export type ReportQuery = { period?: string; version?: number; audience?: ReportAudience };

/** Reads period, version and audience from a query string; bad input → validation_failed. */
export function parseReportQuery(params: URLSearchParams): ReportQuery {
  const raw: Record<string, string> = {};
  for (const k of ["period", "version", "audience"]) {
    const v = params.get(k);
    if (v !== null && v.trim() !== "") raw[k] = v.trim();
  }
  const parsed = reportQuerySchema.safeParse(raw);
  if (!parsed.success) throw validationError(parsed.error.issues);
  return parsed.data;
}

/** Prefers a rate in the status index (the figure the council steers by), then any rate. */
export function chooseKeyIndicator(results: PeriodResults): IndicatorDefinition | null {
  const defs = results.indicators.map((i) => i.indicator);
  return (
    defs.find((d) => d.inStatusIndex && d.unit !== "count") ??
    defs.find((d) => d.unit !== "count") ??
    defs[0] ??
    null
  );
}

/** Pure assembly of the report from the engine's outputs (tested on its own). */
export function assembleReport(input: {
  tenantName: string;
  audience: ReportAudience;
  dataVersion: number;
  dataVersionAt: string;
  results: PeriodResults;
  index: IndexResults;
  keySeries: SeriesResults | null;
}): ReportModel {
  const { results, index } = input;
  const key = input.keySeries?.indicator ?? chooseKeyIndicator(results);
  let series: ReportModel["series"] = null;
  let seriesIdx: number[] = [];
  if (input.keySeries) {
    const all = input.keySeries.periods;
    seriesIdx = all
      .map((p, i) => ({ p, i }))
      .filter(({ p }) => p <= results.period)
      .slice(-REPORT_SERIES_YEARS)
      .map(({ i }) => i);
    series = {
      periods: seriesIdx.map((i) => all[i]!),
      city: seriesIdx.map((i) => input.keySeries!.city[i]!),
    };
  }
  const none: MonitoringCell = { value: null, suppressed: null, missing: "no_data", synthetic: false };
  const districts: ReportDistrict[] = results.areas.map((area) => ({
    area,
    rows: results.indicators.map((r) => ({
      indicator: r.indicator,
      value: r.byArea[area.id] ?? none,
      city: r.city,
      change: r.change[area.id] ?? none,
      rank: r.rank[area.id] ?? null,
    })),
    series: input.keySeries ? seriesIdx.map((i) => input.keySeries!.byArea[area.id]?.[i] ?? none) : [],
    index: index.areas.find((a) => a.area.id === area.id) ?? null,
  }));
  const seriesSynthetic =
    (series?.city.some((c) => c.synthetic && c.value !== null) ?? false) ||
    districts.some((d) => d.series.some((c) => c.synthetic && c.value !== null));
  return {
    tenantName: input.tenantName,
    audience: input.audience,
    period: results.period,
    previousPeriod: results.previousPeriod,
    dataVersion: input.dataVersion,
    dataVersionAt: input.dataVersionAt,
    resultsVersion: results.dataVersion,
    areaCount: results.areas.length,
    results,
    index,
    keyIndicator: key,
    series,
    districts,
    synthetic: results.synthetic || seriesSynthetic,
    rule: results.rule,
  };
}

/**
 * Builds the report for a period at a data version. The internal report needs monitoring.view
 * (checked by the engine) and shows every indicator; the public one is what the engine gives
 * the public (principal null): public indicators only.
 */
export async function buildReport(
  monitoring: MonitoringService,
  principal: Principal | null,
  tenant: { id: string; name: string },
  query: { period: string; version?: number; audience: ReportAudience },
): Promise<ReportModel> {
  const reader = query.audience === "public" ? null : principal;
  const releases = await monitoring.releases(principal, tenant.id);
  const version = query.version ?? releases[0]?.number;
  const release = releases.find((r) => r.number === version);
  if (version === undefined || !release) {
    if (query.version !== undefined)
      throw new AppError("monitoring_version_unknown", { params: { version: query.version } });
    throw new AppError("monitoring_period_unpublished", { params: { period: query.period } });
  }
  const periods = await monitoring.publishedPeriods(reader, tenant.id, { version });
  if (!periods.includes(query.period))
    throw new AppError("monitoring_period_unpublished", { params: { period: query.period } });
  const results = await monitoring.results(reader, tenant.id, { period: query.period, version });
  const index = await monitoring.index(reader, tenant.id, {
    period: query.period,
    version,
    level: results.level,
  });
  const key = chooseKeyIndicator(results);
  let keySeries: SeriesResults | null = null;
  if (key) {
    try {
      keySeries = await monitoring.series(reader, tenant.id, {
        indicator: key.code,
        version,
        level: results.level,
      });
    } catch (e) {
      // An indicator present this year but missing from the latest period's definitions.
      if (!isAppError(e) || e.code !== "not_found") throw e;
    }
  }
  return assembleReport({
    tenantName: tenant.name,
    audience: query.audience,
    dataVersion: version,
    dataVersionAt: release.createdAt,
    results,
    index,
    keySeries,
  });
}

/** The latest published period for a reader (public: principal null), or null when none. */
export async function latestPeriod(
  monitoring: MonitoringService,
  principal: Principal | null,
  tenantId: string,
): Promise<string | null> {
  return (await monitoring.publishedPeriods(principal, tenantId)).at(-1) ?? null;
}

// ---------------------------------------------------------------------------------------------
// Formatting shared by the HTML report and the PDF (which uses the German catalog).

export function indicatorName(def: IndicatorDefinition, t: Translate): string {
  if (def.labelKey) {
    const s = t(def.labelKey);
    if (s !== def.labelKey) return s;
  }
  return def.name;
}

/** "%", "je 100", "je 1.000" or "" (counts and plain numbers). */
export function unitText(def: IndicatorDefinition, t: Translate): string {
  switch (def.unit) {
    case "percent":
      return t("monitoring_report.unit_percent");
    case "per_100":
      return t("monitoring_catalog.unit_per_100");
    case "per_1000":
      return t("monitoring_catalog.unit_per_1000");
    default:
      return "";
  }
}

/** A figure as the reader sees it; suppressed and missing figures as their legend symbols. */
export function cellText(
  cell: MonitoringCell,
  def: IndicatorDefinition,
  lang: string,
  rule: SmallCellRule,
  opts: { signed?: boolean; synthetic?: boolean } = {},
): string {
  if (cell.suppressed === "primary") return `<${rule.minCount}`;
  if (cell.suppressed === "secondary") return "•";
  if (cell.value === null) return cell.missing === "zero_denominator" ? "÷0" : "–";
  const decimals = def.unit === "count" ? Math.min(def.decimals, 0) : def.decimals;
  const text = new Intl.NumberFormat(lang, {
    minimumFractionDigits: Math.max(0, decimals),
    maximumFractionDigits: Math.max(0, decimals),
    signDisplay: opts.signed ? "exceptZero" : "auto",
  }).format(cell.value);
  return opts.synthetic !== false && cell.synthetic ? `${text}*` : text;
}

export function numberText(value: number, lang: string, decimals: number, signed = false): string {
  return new Intl.NumberFormat(lang, {
    minimumFractionDigits: decimals,
    maximumFractionDigits: decimals,
    signDisplay: signed ? "exceptZero" : "auto",
  }).format(value);
}

export function dateText(iso: string, lang: string): string {
  return new Intl.DateTimeFormat(lang, { dateStyle: "long", timeZone: "Europe/Berlin" }).format(
    new Date(iso),
  );
}

function ageText(a: AgeLimit, t: Translate): string {
  if (a.to === null) return t("monitoring_catalog.age_from", { from: a.from });
  if (a.from === 0) return t("monitoring_catalog.age_under", { below: a.to + 1 });
  return t("monitoring_catalog.age_range", { from: a.from, to: a.to });
}

/** The age limits of a formula side, e.g. "65 Jahre und älter"; "" when it has none. */
export function ageLimitsText(limits: readonly AgeLimit[], t: Translate): string {
  return limits.map((a) => ageText(a, t)).join(", ");
}

/** "Altersgrenzen: Zähler 65 Jahre und älter; Nenner unter 20 Jahren." or null without any. */
export function ageLimitsLine(def: IndicatorDefinition, t: Translate): string | null {
  const parts: string[] = [];
  const num = ageLimitsText(def.ageLimits.numerator, t);
  const den = ageLimitsText(def.ageLimits.denominator, t);
  if (num) parts.push(t("monitoring_report.age_side_numerator", { ages: num }));
  if (den) parts.push(t("monitoring_report.age_side_denominator", { ages: den }));
  return parts.length ? t("monitoring_report.source_ages", { parts: parts.join("; ") }) : null;
}

function optionText(dim: string, option: string, t: Translate): string {
  if (dim === "age") {
    const a = parseAgeOption(option);
    return a ? ageText(a, t) : option;
  }
  if (dim === "sex" || dim === "nationality") {
    const key = `monitoring_catalog.opt_${dim}_${option}`;
    const text = t(key);
    if (text !== key) return text;
  }
  return option;
}

function termText(term: FormulaTerm, t: Translate): string {
  const key = `monitoring_catalog.element_${term.element}`;
  const label = t(key);
  const name = label === key ? term.element : label;
  const filters = term.filters.map((f) =>
    f.options.map((o) => optionText(f.dim, o, t)).join(t("monitoring_report.or")),
  );
  let s = filters.length ? `${name} (${filters.join("; ")})` : name;
  if (term.offset) s = t("monitoring_report.term_previous", { term: s, years: -term.offset });
  return s;
}

/** A formula side in words: "Einwohner (65 Jahre und älter) − …"; the raw text if it does not parse. */
export function formulaText(formula: string, t: Translate): string {
  const parsed = parseFormula(formula);
  if (!parsed.ok) return formula;
  return parsed.formula.terms
    .map((term, i) => {
      const s = termText(term, t);
      if (i === 0) return term.sign === -1 ? `− ${s}` : s;
      return `${term.sign === -1 ? "−" : "+"} ${s}`;
    })
    .join(" ");
}

/** "Lesart: ein niedrigerer Wert ist günstiger." */
export function polarityText(def: IndicatorDefinition, t: Translate): string {
  return t("monitoring_report.polarity", { text: t(`monitoring_catalog.polarity_${def.polarity}`) });
}

/** The whole definition in words: "Zähler ÷ Nenner × 100". */
export function definitionText(def: IndicatorDefinition, t: Translate, lang: string): string {
  const numerator = formulaText(def.numerator, t);
  if (!def.denominator) return numerator;
  return t("monitoring_report.definition_ratio", {
    numerator,
    denominator: formulaText(def.denominator, t),
    factor: numberText(def.factor, lang, Number.isInteger(def.factor) ? 0 : 2),
  });
}
