import { data, Form, Link } from "react-router";
import { displayCount, type SafeCount } from "#app/modules/statistics/small-cells.ts";
import { matrixQuery } from "#app/modules/strategy/contracts.ts";
import { Select } from "../../../components/form/index.ts";
import { pageContext } from "../../../context.ts";
import { useT } from "../../../i18n.tsx";
import { requirePrincipal } from "../../../server/guard.server.ts";
import type { Route } from "./+types/matrix";

export async function loader({ context, request }: Route.LoaderArgs) {
  const ctx = context.get(pageContext);
  const principal = requirePrincipal(ctx);
  const sp = new URL(request.url).searchParams;
  const q = matrixQuery.safeParse({ rows: sp.get("rows") || undefined, cols: sp.get("cols") || undefined });
  if (!q.success) throw data(null, { status: 400 });
  const matrix = await ctx.services.strategy.matrix(principal, ctx.tenant.id, ctx.lang, q.data).catch((e) => {
    if ((e as { code?: string }).code === "validation_failed") throw data(null, { status: 400 });
    throw e;
  });
  return { matrix };
}

/** The framework matrix: the table is the primary view (no chart), every cell drills down to its offers. */
export default function StrategyMatrix({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const { matrix } = loaderData;
  if (!matrix) {
    return (
      <>
        <h1>{t("strategy.matrix_title")}</h1>
        <p>{t("strategy.matrix_no_framework")}</p>
      </>
    );
  }
  const rule = { minCount: matrix.minCount, minDenominator: 0, minNumerator: 0, suppressZero: false };
  const show = (c: SafeCount) => displayCount(c, rule);
  const axisOptions = matrix.axes.map((a) => ({ value: a.id, label: a.label }));
  const rowAxis = matrix.axes.find((a) => a.id === matrix.rows.axisId)?.label ?? "";
  const colAxis = matrix.axes.find((a) => a.id === matrix.cols.axisId)?.label ?? "";
  return (
    <>
      <p>
        <Link to="/staff/strategy">{t("strategy.title")}</Link>
      </p>
      <h1>{t("strategy.matrix_title")}</h1>
      <p>{t("strategy.matrix_intro")}</p>
      <p>
        <Link to="/staff/strategy/gaps">{t("strategy.gaps_link")}</Link>
      </p>
      <Form method="get" className="stack">
        <Select
          name="rows"
          label={t("strategy.matrix_rows")}
          defaultValue={matrix.rows.axisId}
          options={axisOptions}
        />
        <Select
          name="cols"
          label={t("strategy.matrix_cols")}
          defaultValue={matrix.cols.axisId}
          options={axisOptions}
        />
        <p>
          <button type="submit">{t("strategy.matrix_show")}</button>
        </p>
      </Form>
      <div className="table-wrap">
        <table>
          <caption>{t("strategy.matrix_caption", { rows: rowAxis, cols: colAxis })}</caption>
          <thead>
            <tr>
              <td />
              {matrix.cols.terms.map((c) => (
                <th scope="col" key={c.id}>
                  {c.label}
                </th>
              ))}
              <th scope="col">{t("strategy.total")}</th>
            </tr>
          </thead>
          <tbody>
            {matrix.rows.terms.map((r, i) => (
              <tr key={r.id}>
                <th scope="row">{r.label}</th>
                {matrix.cols.terms.map((c, j) => {
                  const cell = matrix.cells[i]![j]!;
                  return (
                    <td key={c.id}>
                      <Link
                        to={`/staff/strategy/matrix/${r.id}/${c.id}`}
                        aria-label={t("strategy.cell_label", {
                          row: r.label,
                          col: c.label,
                          count: show(cell),
                        })}
                      >
                        {show(cell)}
                      </Link>
                    </td>
                  );
                })}
                <td>{show(matrix.rowTotals[i]!)}</td>
              </tr>
            ))}
            <tr>
              <th scope="row">{t("strategy.total")}</th>
              {matrix.columnTotals.map((c, j) => (
                <td key={matrix.cols.terms[j]!.id}>{show(c)}</td>
              ))}
              <td>{show(matrix.total)}</td>
            </tr>
          </tbody>
        </table>
      </div>
      <p className="hint">{t("strategy.matrix_legend", { min: matrix.minCount })}</p>
    </>
  );
}
