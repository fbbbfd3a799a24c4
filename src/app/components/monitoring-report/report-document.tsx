import { createElement, type ReactNode } from "react";
import type { Translate } from "#app/i18n/translator.ts";
import {
  ageLimitsLine,
  cellText,
  dateText,
  definitionText,
  indicatorName,
  numberText,
  polarityText,
  type ReportModel,
  unitText,
} from "#app/modules/monitoring/report.ts";
import type { IndicatorDefinition, MonitoringCell, PeriodResults } from "#app/modules/monitoring/types.ts";
import type { SmallCellRule } from "#app/modules/statistics/small-cells.ts";
import { useLang, useT } from "../../i18n.tsx";

/**
 * The council report as HTML (staff page and public page): the same sections as the PDF,
 * rendered from the same model. Works without JavaScript; prints as a document (print styles
 * in styles.css, block "monitoring report").
 */

type Level = 1 | 2 | 3 | 4 | 5 | 6;
function H({ level, id, children }: { level: number; id?: string; children: ReactNode }) {
  return createElement(`h${Math.min(6, level) as Level}`, { id }, children);
}

/** A scrollable table region reachable by keyboard, named after its table. */
function TableRegion({ label, children }: { label: string; children: ReactNode }) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard
    <section className="table-wrap mr-table-wrap" aria-label={label} tabIndex={0}>
      {children}
    </section>
  );
}

function useCell(model: ReportModel) {
  const lang = useLang();
  return (c: MonitoringCell, def: IndicatorDefinition, signed = false) =>
    cellText(c, def, lang, model.rule, { signed });
}

function nameWithUnit(def: IndicatorDefinition, t: Translate) {
  const unit = unitText(def, t);
  return unit ? `${indicatorName(def, t)} (${unit})` : indicatorName(def, t);
}

/** A cell's figure; hidden and missing ones carry their meaning for screen readers. */
function Figure({ cell, text }: { cell: MonitoringCell; text: string }) {
  const t = useT();
  const title = cell.suppressed
    ? t(cell.suppressed === "primary" ? "monitoring_report.sr_primary" : "monitoring_report.sr_secondary")
    : cell.value === null
      ? t(
          cell.missing === "zero_denominator"
            ? "monitoring_report.sr_zero_denominator"
            : "monitoring_report.sr_no_data",
        )
      : cell.synthetic
        ? t("monitoring_report.sr_synthetic")
        : null;
  return title ? (
    <>
      <span aria-hidden="true">{text}</span>
      <span className="visually-hidden">{title}</span>
    </>
  ) : (
    text
  );
}

/** All areas × indicators with the city: the report's overview and the public monitoring page. */
export function OverviewTable({ results, caption }: { results: PeriodResults; caption: string }) {
  const t = useT();
  const lang = useLang();
  const cell = (c: MonitoringCell, def: IndicatorDefinition) => cellText(c, def, lang, results.rule);
  return (
    <TableRegion label={caption}>
      <table className="mr-table mr-overview">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t("monitoring_report.col_indicator")}</th>
            {results.areas.map((a) => (
              <th scope="col" key={a.id}>
                {a.name}
              </th>
            ))}
            <th scope="col">{t("monitoring_report.city")}</th>
          </tr>
        </thead>
        <tbody>
          {results.indicators.map((r) => (
            <tr key={r.indicator.code}>
              <th scope="row">{nameWithUnit(r.indicator, t)}</th>
              {results.areas.map((a) => {
                const c = r.byArea[a.id] ?? none;
                return (
                  <td key={a.id} className="num">
                    <Figure cell={c} text={cell(c, r.indicator)} />
                  </td>
                );
              })}
              <td className="num mr-city">
                <Figure cell={r.city} text={cell(r.city, r.indicator)} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableRegion>
  );
}

/** The symbols used in tables, with their meaning. */
export function Legend({ rule, id }: { rule: SmallCellRule; id?: string }) {
  const t = useT();
  return (
    <dl className="mr-legend" id={id}>
      <dt>{`<${rule.minCount}`}</dt>
      <dd>
        {t("monitoring_report.legend_primary", {
          min: rule.minCount,
          denominator: rule.minDenominator,
          numerator: rule.minNumerator,
        })}
      </dd>
      <dt>•</dt>
      <dd>{t("monitoring_report.legend_secondary")}</dd>
      <dt>–</dt>
      <dd>{t("monitoring_report.legend_no_data")}</dd>
      <dt>÷0</dt>
      <dd>{t("monitoring_report.legend_zero_denominator")}</dd>
      <dt>*</dt>
      <dd>{t("monitoring_report.legend_synthetic")}</dd>
    </dl>
  );
}

export const areaAnchor = (code: string) => `mr-area-${code.replace(/[^a-zA-Z0-9_-]/g, "-")}`;

export function ReportDocument({
  model,
  level = 1,
  overviewFigure,
  districtFigure,
}: {
  model: ReportModel;
  /** Heading level of the report's title; sections one below. */
  level?: number;
  /** The overview's map (or chart) of the key indicator. */
  overviewFigure?: ReactNode;
  /** A district's time series chart. */
  districtFigure?: (district: ReportModel["districts"][number]) => ReactNode;
}) {
  const t = useT();
  const lang = useLang();
  const cell = useCell(model);
  const m = model;
  const cityLabel = t("monitoring_report.city");
  return (
    <article className="mr-report" aria-labelledby="mr-title">
      <header className="mr-cover">
        <p className="mr-tenant">{m.tenantName}</p>
        <H level={level} id="mr-title">
          {t("monitoring_report.title")} {m.period}
        </H>
        <p className="mr-subtitle">{t("monitoring_report.subtitle")}</p>
        <p className="mr-version">
          <strong>
            {t("monitoring_report.data_version", {
              version: m.dataVersion,
              date: dateText(m.dataVersionAt, lang),
            })}
          </strong>{" "}
          · {t(`monitoring_report.audience_${m.audience}_edition`)}
        </p>
        <p className="hint">
          {t("monitoring_report.small_cells", {
            min: m.rule.minCount,
            denominator: m.rule.minDenominator,
            numerator: m.rule.minNumerator,
          })}
        </p>
        {m.synthetic ? (
          <p className="notice notice-warning">{t("monitoring_report.synthetic_notice")}</p>
        ) : null}
      </header>

      <nav className="mr-contents" aria-labelledby="mr-contents-h">
        <H level={level + 1} id="mr-contents-h">
          {t("monitoring_report.contents")}
        </H>
        <ol>
          <li>
            <a href="#mr-overview">{t("monitoring_report.overview_heading")}</a>
            <ol>
              {m.districts.map((d) => (
                <li key={d.area.id}>
                  <a href={`#${areaAnchor(d.area.code)}`}>{d.area.name}</a>
                </li>
              ))}
            </ol>
          </li>
          <li>
            <a href="#mr-index">{t("monitoring_report.index_heading")}</a>
          </li>
          <li>
            <a href="#mr-sources">{t("monitoring_report.sources_heading")}</a>
          </li>
          <li>
            <a href="#mr-legend">{t("monitoring_report.legend_heading")}</a>
          </li>
        </ol>
      </nav>

      <section id="mr-overview" className="mr-section" aria-labelledby="mr-overview-h">
        <H level={level + 1} id="mr-overview-h">
          {t("monitoring_report.overview_heading")}
        </H>
        <p>
          {t("monitoring_report.overview_intro", {
            areas: m.areaCount,
            indicators: m.results.indicators.length,
            period: m.period,
          })}
        </p>
        <OverviewTable
          results={m.results}
          caption={t("monitoring_report.overview_table", { period: m.period })}
        />
        {overviewFigure}
      </section>

      {m.districts.map((d) => {
        const id = areaAnchor(d.area.code);
        return (
          <section key={d.area.id} id={id} className="mr-section mr-district" aria-labelledby={`${id}-h`}>
            <H level={level + 1} id={`${id}-h`}>
              {d.area.name}
            </H>
            <ul className="mr-facts">
              {d.area.population !== null ? (
                <li>{t("monitoring_report.residents", { count: numberText(d.area.population, lang, 0) })}</li>
              ) : null}
              {d.index?.statusClass ? (
                <li>
                  {t("monitoring_report.status_fact", {
                    class: t(`monitoring_report.status_class_${d.index.statusClass}`),
                  })}
                </li>
              ) : null}
              {d.index?.dynamicsClass ? (
                <li>
                  {t("monitoring_report.dynamics_fact", {
                    class: t(`monitoring_report.dynamics_class_${d.index.dynamicsClass}`),
                  })}
                </li>
              ) : null}
              {d.area.sparse ? <li>{t("monitoring_report.sparse")}</li> : null}
            </ul>
            <TableRegion
              label={t("monitoring_report.district_table", { area: d.area.name, period: m.period })}
            >
              <table className="mr-table">
                <caption>
                  {t("monitoring_report.district_table", { area: d.area.name, period: m.period })}
                </caption>
                <thead>
                  <tr>
                    <th scope="col">{t("monitoring_report.col_indicator")}</th>
                    <th scope="col">{d.area.name}</th>
                    <th scope="col">{cityLabel}</th>
                    <th scope="col">
                      {m.previousPeriod
                        ? t("monitoring_report.col_change_since", { period: m.previousPeriod })
                        : t("monitoring_report.col_change")}
                    </th>
                    <th scope="col">{t("monitoring_report.col_rank", { count: m.areaCount })}</th>
                  </tr>
                </thead>
                <tbody>
                  {d.rows.map((r) => (
                    <tr key={r.indicator.code}>
                      <th scope="row">{nameWithUnit(r.indicator, t)}</th>
                      <td className="num">
                        <Figure cell={r.value} text={cell(r.value, r.indicator)} />
                      </td>
                      <td className="num mr-city">
                        <Figure cell={r.city} text={cell(r.city, r.indicator)} />
                      </td>
                      <td className="num">
                        <Figure cell={r.change} text={cell(r.change, r.indicator, true)} />
                      </td>
                      <td className="num">{r.rank === null ? "–" : r.rank}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableRegion>
            {m.keyIndicator && m.series && m.series.periods.length > 0 ? (
              <>
                {districtFigure?.(d)}
                <TableRegion
                  label={t("monitoring_report.series_table", {
                    indicator: nameWithUnit(m.keyIndicator, t),
                    area: d.area.name,
                  })}
                >
                  <table className="mr-table mr-series">
                    <caption>
                      {t("monitoring_report.series_table", {
                        indicator: nameWithUnit(m.keyIndicator, t),
                        area: d.area.name,
                      })}
                    </caption>
                    <thead>
                      <tr>
                        <th scope="col">{t("monitoring_report.col_year")}</th>
                        <th scope="col">{d.area.name}</th>
                        <th scope="col">{cityLabel}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {m.series.periods.map((p, i) => (
                        <tr key={p}>
                          <th scope="row">{p}</th>
                          <td className="num">
                            <Figure
                              cell={d.series[i] ?? none}
                              text={cell(d.series[i] ?? none, m.keyIndicator!)}
                            />
                          </td>
                          <td className="num mr-city">
                            <Figure
                              cell={m.series!.city[i] ?? none}
                              text={cell(m.series!.city[i] ?? none, m.keyIndicator!)}
                            />
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </TableRegion>
              </>
            ) : null}
          </section>
        );
      })}

      <section id="mr-index" className="mr-section" aria-labelledby="mr-index-h">
        <H level={level + 1} id="mr-index-h">
          {t("monitoring_report.index_heading")}
        </H>
        {m.index.indicators.length === 0 ? (
          <p>{t("monitoring_report.index_none")}</p>
        ) : (
          <>
            <p>
              {t("monitoring_report.index_intro", {
                indicators: m.index.indicators.map((i) => indicatorName(i, t)).join(", "),
              })}
            </p>
            <TableRegion label={t("monitoring_report.index_table", { period: m.period })}>
              <table className="mr-table">
                <caption>{t("monitoring_report.index_table", { period: m.period })}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t("monitoring_report.col_area")}</th>
                    <th scope="col">{t("monitoring_report.col_status")}</th>
                    <th scope="col">{t("monitoring_report.col_status_class")}</th>
                    <th scope="col">{t("monitoring_report.col_dynamics")}</th>
                    <th scope="col">{t("monitoring_report.col_dynamics_class")}</th>
                  </tr>
                </thead>
                <tbody>
                  {m.index.areas.map((a) => (
                    <tr key={a.area.id}>
                      <th scope="row">{a.area.name}</th>
                      <td className="num">{a.status === null ? "–" : numberText(a.status, lang, 2, true)}</td>
                      <td>{a.statusClass ? t(`monitoring_report.status_class_${a.statusClass}`) : "–"}</td>
                      <td className="num">
                        {a.dynamics === null ? "–" : numberText(a.dynamics, lang, 2, true)}
                      </td>
                      <td>
                        {a.dynamicsClass ? t(`monitoring_report.dynamics_class_${a.dynamicsClass}`) : "–"}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableRegion>
          </>
        )}
      </section>

      <section id="mr-sources" className="mr-section" aria-labelledby="mr-sources-h">
        <H level={level + 1} id="mr-sources-h">
          {t("monitoring_report.sources_heading")}
        </H>
        {m.results.indicators.map((r) => {
          const def = r.indicator;
          const ages = ageLimitsLine(def, t);
          const synthetic = r.city.synthetic || Object.values(r.byArea).some((c) => c.synthetic);
          return (
            <div key={def.code} className="mr-source">
              <H level={level + 2}>{nameWithUnit(def, t)}</H>
              <p>{t("monitoring_report.source_definition", { text: definitionText(def, t, lang) })}</p>
              {ages ? <p>{ages}</p> : null}
              <p>{polarityText(def, t)}</p>
              {def.source ? <p>{t("monitoring_report.source_source", { text: def.source })}</p> : null}
              {def.notes ? <p>{t("monitoring_report.source_notes", { text: def.notes })}</p> : null}
              {synthetic ? <p className="mr-synthetic">{t("monitoring_report.source_synthetic")}</p> : null}
            </div>
          );
        })}
      </section>

      <section id="mr-legend" className="mr-section" aria-labelledby="mr-legend-h">
        <H level={level + 1} id="mr-legend-h">
          {t("monitoring_report.legend_heading")}
        </H>
        <Legend rule={m.rule} />
      </section>
    </article>
  );
}

const none: MonitoringCell = { value: null, suppressed: null, missing: "no_data", synthetic: false };
