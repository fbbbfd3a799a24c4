import { Form } from "react-router";
import { overviewQuery } from "#app/modules/casework/overview.contracts.ts";
import type { OverviewLine, OverviewTable } from "#app/modules/casework/overview.ts";
import { parseInput } from "#app/server/validation.ts";
import { ScrollRegion } from "../../components/casework-fields.tsx";
import { ErrorSummary, TextField } from "../../components/form/index.ts";
import { pageContext } from "../../context.ts";
import { useT } from "../../i18n.tsx";
import { formAction, requirePrincipal } from "../../server/guard.server.ts";
import type { Route } from "./+types/case-overview";

export async function loader({ request, context }: Route.LoaderArgs) {
  const ctx = context.get(pageContext);
  const principal = requirePrincipal(ctx);
  const year = new URL(request.url).searchParams.get("year") ?? "";
  const result = await formAction(ctx.t, () =>
    ctx.services.caseOverview.overview(principal, parseInput(overviewQuery, year ? { year } : {})),
  );
  if ("data" in result) {
    const fallback = await ctx.services.caseOverview.overview(principal, {});
    return { overview: fallback, year, errors: result.data.errors };
  }
  return { overview: result.value, year, errors: undefined };
}

function useLabel() {
  const t = useT();
  return (l: OverviewLine) => l.name ?? (l.labelKey ? t(l.labelKey) : l.key);
}

/** A bar per row (its total), suppressed rows shown as text only: never a bar that hints at a hidden value. */
function Bars({ table, id }: { table: OverviewTable; id: string }) {
  const t = useT();
  const label = useLabel();
  const totals = table.oneWay ? table.cells.map((r) => r[0]!) : table.rowTotals;
  const max = Math.max(1, ...totals.map((c) => c.value ?? 0));
  const rowH = 28;
  const labelW = 180;
  const width = 560;
  return (
    <figure className="co-chart">
      <svg
        role="img"
        aria-labelledby={`${id}-chart-title`}
        viewBox={`0 0 ${width} ${Math.max(1, totals.length) * rowH + 8}`}
        width="100%"
        preserveAspectRatio="xMinYMin meet"
      >
        <title id={`${id}-chart-title`}>{t("case_overview.chart_title", { table: t(table.titleKey) })}</title>
        {totals.map((c, i) => {
          const y = i * rowH + 4;
          const w = c.value === null ? 0 : ((width - labelW - 60) * c.value) / max;
          return (
            <g key={table.rows[i]!.key}>
              <text x={0} y={y + 18} className="co-chart-label">
                {label(table.rows[i]!).slice(0, 26)}
              </text>
              {c.value !== null ? (
                <rect x={labelW} y={y + 4} width={w} height={rowH - 10} className="co-bar" />
              ) : null}
              <text x={labelW + w + 6} y={y + 18} className="co-chart-value">
                {c.display}
              </text>
            </g>
          );
        })}
      </svg>
      <figcaption>{t("case_overview.chart_caption")}</figcaption>
    </figure>
  );
}

function TableView({ table, year }: { table: OverviewTable; year: string }) {
  const t = useT();
  const label = useLabel();
  const id = `co-${table.id}`;
  const csv = `/api/v1/case-overview/${table.id}/csv${year ? `?year=${encodeURIComponent(year)}` : ""}`;
  return (
    <section aria-labelledby={id} className="co-section">
      <h2 id={id}>{t(table.titleKey)}</h2>
      {table.rows.length > 0 ? <Bars table={table} id={id} /> : null}
      <ScrollRegion className="table-wrap" title={t(table.titleKey)}>
        <table className="co-table">
          <caption>
            {t(table.titleKey)}
            <span className="hint"> · {t("case_overview.caption_hint")}</span>
          </caption>
          <thead>
            <tr>
              <th scope="col">{t(table.rowHeaderKey)}</th>
              {table.columns.map((c) => (
                <th scope="col" key={c.key}>
                  {label(c)}
                </th>
              ))}
              {table.oneWay ? null : <th scope="col">{t("case_overview.total")}</th>}
            </tr>
          </thead>
          <tbody>
            {table.rows.length === 0 ? (
              <tr>
                <td colSpan={table.columns.length + 2}>{t("case_overview.empty")}</td>
              </tr>
            ) : null}
            {table.rows.map((r, i) => (
              <tr key={r.key}>
                <th scope="row">{label(r)}</th>
                {table.cells[i]!.map((c, j) => (
                  <td key={table.columns[j]!.key} className="num">
                    {c.display}
                  </td>
                ))}
                {table.oneWay ? null : <td className="num">{table.rowTotals[i]!.display}</td>}
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">{t("case_overview.total")}</th>
              {table.columnTotals.map((c, j) => (
                <td key={table.columns[j]!.key} className="num">
                  {c.display}
                </td>
              ))}
              {table.oneWay ? null : <td className="num">{table.total.display}</td>}
            </tr>
          </tfoot>
        </table>
      </ScrollRegion>
      <p>
        <a href={csv} download>
          {t("case_overview.csv", { table: t(table.titleKey) })}
        </a>
      </p>
    </section>
  );
}

export default function CaseOverview({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const { overview: o, year, errors } = loaderData;
  return (
    <>
      <h1>{t("case_overview.title")}</h1>
      <p>
        {o.scope === "tenant"
          ? t("case_overview.scope_tenant")
          : t("case_overview.scope_offices", { count: o.officeCount })}{" "}
        {t("case_overview.small_cells", { min: o.minCount })}
      </p>
      <ErrorSummary errors={errors} />
      <Form method="get" className="co-filter">
        <TextField
          name="year"
          label={t("case_overview.year")}
          hint={t("case_overview.year_hint")}
          defaultValue={year}
          inputMode="numeric"
          maxLength={4}
          errors={errors}
        />
        <button type="submit">{t("case_overview.apply")}</button>
      </Form>
      {o.tables.map((table) => (
        <TableView key={table.id} table={table} year={year} />
      ))}
    </>
  );
}
