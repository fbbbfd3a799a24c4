import type { AreaGeometry } from "#app/modules/areas/geo.ts";
import { classBreaks, classIndex } from "#app/modules/monitoring/classify.ts";
import {
  cellText,
  indicatorName,
  numberText,
  type ReportModel,
  unitText,
} from "#app/modules/monitoring/report.ts";
import type { IndicatorDefinition, MonitoringArea, PeriodResults } from "#app/modules/monitoring/types.ts";
import { useLang, useT } from "../../i18n.tsx";

/**
 * The report's figures as server-rendered SVG (no JavaScript): the map of the key indicator
 * (choropleth, quantile classes) and a district's time series against the city. Every figure
 * has a table next to it in the report; the figures repeat what the tables say.
 * Hidden (suppressed) values are never drawn: their areas stay uncoloured, hatched.
 */

/** An area's outline for the map: polygons of rings of [lon, lat]. */
export type MapArea = { id: string; code: string; polygons: [number, number][][][] };

/** The outlines of the areas in the results (from the areas service; no figures in here). */
export function areaFeaturesFor(
  fc: { features: { properties: { code: string }; geometry: AreaGeometry }[] },
  areas: readonly MonitoringArea[],
): MapArea[] {
  const byCode = new Map(areas.map((a) => [a.code, a]));
  const out: MapArea[] = [];
  for (const f of fc.features) {
    const a = byCode.get(f.properties.code);
    if (!a) continue;
    const polygons = (f.geometry.type === "Polygon" ? [f.geometry.coordinates] : f.geometry.coordinates) as [
      number,
      number,
    ][][][];
    out.push({ id: a.id, code: a.code, polygons });
  }
  return out;
}

/** Sequential blues (ColorBrewer), distinguishable with colour-vision deficiencies. */
const CLASS_COLORS = ["#c6dbef", "#6baed6", "#2171b5", "#08306b"];

export function KeyIndicatorMap({
  results,
  indicator,
  features,
  classify = (values) => classBreaks(values, "quantile", CLASS_COLORS.length),
}: {
  results: PeriodResults;
  indicator: IndicatorDefinition;
  features: MapArea[] | null;
  /** Class breaks over the shown values (the staff map offers quantile, equal interval, natural breaks). */
  classify?: (values: readonly number[]) => number[];
}) {
  const t = useT();
  const lang = useLang();
  const r = results.indicators.find((i) => i.indicator.code === indicator.code);
  if (!r || !features || features.length === 0) return null;
  const areaById = new Map(results.areas.map((a) => [a.id, a]));
  const shown = results.areas.flatMap((a) => {
    const v = r.byArea[a.id]?.value;
    return v === null || v === undefined || a.sparse ? [] : [v];
  });
  const breaks = classify(shown).slice(0, CLASS_COLORS.length - 1);
  // Equirectangular projection, x scaled by cos(latitude) of the middle.
  const pts = features.flatMap((f) => f.polygons.flat(2) as unknown as [number, number][]);
  const lons = features.flatMap((f) => f.polygons.flatMap((p) => p.flatMap((ring) => ring.map((c) => c[0]))));
  const lats = features.flatMap((f) => f.polygons.flatMap((p) => p.flatMap((ring) => ring.map((c) => c[1]))));
  if (pts.length === 0) return null;
  const minLon = Math.min(...lons);
  const maxLon = Math.max(...lons);
  const minLat = Math.min(...lats);
  const maxLat = Math.max(...lats);
  const k = Math.cos((((minLat + maxLat) / 2) * Math.PI) / 180);
  const w = 480;
  const spanX = (maxLon - minLon) * k || 1;
  const spanY = maxLat - minLat || 1;
  const h = Math.max(160, Math.min(520, (w * spanY) / spanX));
  const scale = Math.min((w - 8) / spanX, (h - 8) / spanY);
  const x = (lon: number) => 4 + (lon - minLon) * k * scale;
  const y = (lat: number) => 4 + (maxLat - lat) * scale;
  const path = (f: MapArea) =>
    f.polygons
      .flatMap((poly) =>
        poly.map(
          (ring) => `M${ring.map(([lon, lat]) => `${x(lon).toFixed(1)},${y(lat).toFixed(1)}`).join("L")}Z`,
        ),
      )
      .join("");
  const id = `mr-map-${indicator.code}`;
  const unit = unitText(indicator, t);
  const name = indicatorName(indicator, t);
  const decimals = Math.max(0, indicator.decimals);
  const ranges = breaks.length
    ? [null, ...breaks].map((lo, i) => ({
        color: CLASS_COLORS[CLASS_COLORS.length - breaks.length - 1 + i]!,
        lo,
        hi: breaks[i] ?? null,
      }))
    : shown.length
      ? [{ color: CLASS_COLORS.at(-1)!, lo: null, hi: null }]
      : [];
  const colorOf = (v: number) => ranges[classIndex(v, breaks)]?.color ?? CLASS_COLORS.at(-1)!;
  return (
    <figure className="mr-figure mr-map" aria-labelledby={`${id}-cap`}>
      <figcaption id={`${id}-cap`}>
        {t("monitoring_report.map_caption", {
          indicator: unit ? `${name} (${unit})` : name,
          period: results.period,
        })}
      </figcaption>
      <svg
        viewBox={`0 0 ${w} ${Math.ceil(h)}`}
        role="img"
        aria-labelledby={`${id}-title`}
        className="mr-map-svg"
      >
        <title id={`${id}-title`}>
          {t("monitoring_report.map_caption", { indicator: name, period: results.period })}
        </title>
        <defs>
          <pattern
            id={`${id}-hatch`}
            width="6"
            height="6"
            patternUnits="userSpaceOnUse"
            patternTransform="rotate(45)"
          >
            <rect width="6" height="6" fill="#ffffff" />
            <line x1="0" y1="0" x2="0" y2="6" stroke="#767676" strokeWidth="1.5" />
          </pattern>
        </defs>
        {features.map((f) => {
          const a = areaById.get(f.id)!;
          const c = r.byArea[f.id];
          const v = c?.value ?? null;
          const fill = a.sparse ? "#ffffff" : v === null ? `url(#${id}-hatch)` : colorOf(v);
          const text = c ? cellText(c, indicator, lang, results.rule) : "–";
          return (
            <path key={f.id} d={path(f)} fill={fill} stroke="#1a1a1a" strokeWidth="1" data-area={f.code}>
              <title>{`${a.name}: ${text}${a.sparse ? ` (${t("monitoring_report.map_sparse")})` : ""}`}</title>
            </path>
          );
        })}
      </svg>
      <ul className="mr-map-legend">
        {ranges.map((rg) => (
          <li key={rg.color}>
            <span className="mr-swatch" style={{ background: rg.color }} aria-hidden="true" />
            {rg.lo === null && rg.hi === null
              ? t("monitoring_report.map_class_all")
              : rg.lo === null
                ? t("monitoring_report.map_class_below", { hi: numberText(rg.hi!, lang, decimals) })
                : rg.hi === null
                  ? t("monitoring_report.map_class_from", { lo: numberText(rg.lo, lang, decimals) })
                  : t("monitoring_report.map_class_range", {
                      lo: numberText(rg.lo, lang, decimals),
                      hi: numberText(rg.hi, lang, decimals),
                    })}
          </li>
        ))}
        <li>
          <span className="mr-swatch mr-swatch-hatch" aria-hidden="true" />
          {t("monitoring_report.map_hidden")}
        </li>
        <li>
          <span className="mr-swatch mr-swatch-empty" aria-hidden="true" />
          {t("monitoring_report.map_sparse_legend", { min: results.rule.minDenominator })}
        </li>
      </ul>
    </figure>
  );
}

/** The overview's figure: the map of the key indicator. */
export function OverviewFigure({ model, features }: { model: ReportModel; features: MapArea[] | null }) {
  if (!model.keyIndicator) return null;
  return <KeyIndicatorMap results={model.results} indicator={model.keyIndicator} features={features} />;
}

/** A district's key indicator over the years, against the city (gaps where a value is hidden). */
export function DistrictFigure({
  model,
  district,
}: {
  model: ReportModel;
  district: ReportModel["districts"][number];
}) {
  const t = useT();
  const lang = useLang();
  const def = model.keyIndicator;
  const series = model.series;
  if (!def || !series || series.periods.length === 0) return null;
  const lines = [
    {
      key: "area",
      label: district.area.name,
      values: district.series.map((c) => c.value),
      cls: "mr-line-area",
    },
    {
      key: "city",
      label: t("monitoring_report.city"),
      values: series.city.map((c) => c.value),
      cls: "mr-line-city",
    },
  ];
  const all = lines.flatMap((l) => l.values.filter((v): v is number => v !== null));
  if (all.length === 0) return null;
  const lo = Math.min(...all);
  const hi = Math.max(...all);
  const pad = (hi - lo) * 0.1 || Math.abs(hi) * 0.1 || 1;
  const min = lo - pad;
  const max = hi + pad;
  const w = 480;
  const h = 200;
  const left = 52;
  const bottom = 24;
  const right = 24;
  const n = series.periods.length;
  const x = (i: number) =>
    n <= 1 ? left + (w - left - right) / 2 : left + (i / (n - 1)) * (w - left - right);
  const y = (v: number) => 8 + (1 - (v - min) / (max - min)) * (h - bottom - 8);
  const decimals = Math.max(0, def.decimals);
  const name = indicatorName(def, t);
  const id = `mr-series-${district.area.code.replace(/[^a-zA-Z0-9_-]/g, "-")}`;
  const segments = (values: (number | null)[]) => {
    const out: string[] = [];
    let cur: string[] = [];
    values.forEach((v, i) => {
      if (v === null) {
        if (cur.length) out.push(cur.join(" "));
        cur = [];
      } else cur.push(`${x(i).toFixed(1)},${y(v).toFixed(1)}`);
    });
    if (cur.length) out.push(cur.join(" "));
    return out;
  };
  const ticks = [lo, (lo + hi) / 2, hi];
  return (
    <figure className="mr-figure mr-series-figure" aria-labelledby={`${id}-cap`}>
      <figcaption id={`${id}-cap`}>
        {t("monitoring_report.series_chart", { indicator: name, area: district.area.name })}
      </figcaption>
      <svg viewBox={`0 0 ${w} ${h}`} role="img" aria-labelledby={`${id}-title`}>
        <title id={`${id}-title`}>
          {t("monitoring_report.series_chart", { indicator: name, area: district.area.name })}
        </title>
        {ticks.map((v) => (
          <g key={v}>
            <line x1={left} x2={w - right} y1={y(v)} y2={y(v)} className="mr-grid" />
            <text x={left - 6} y={y(v) + 4} textAnchor="end" className="mr-tick">
              {numberText(v, lang, decimals)}
            </text>
          </g>
        ))}
        {series.periods.map((p, i) => (
          <text key={p} x={x(i)} y={h - 6} textAnchor="middle" className="mr-tick">
            {p}
          </text>
        ))}
        {lines.map((l) => (
          <g key={l.key} className={l.cls}>
            {segments(l.values).map((pts) => (
              <polyline key={pts} points={pts} fill="none" />
            ))}
            {l.values.map((v, i) =>
              v === null ? null : <circle key={series.periods[i]} cx={x(i)} cy={y(v)} r={3} />,
            )}
          </g>
        ))}
      </svg>
      <ul className="mr-series-legend">
        {lines.map((l) => (
          <li key={l.key} className={l.cls}>
            <span className="mr-swatch-line" aria-hidden="true" />
            {l.label}
          </li>
        ))}
      </ul>
    </figure>
  );
}
