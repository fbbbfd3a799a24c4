import { Link } from "react-router";
import { displayCount, type SafeCount } from "#app/modules/statistics/small-cells.ts";
import type { Matrix } from "#app/modules/strategy/service.ts";
import { useT } from "../i18n.tsx";

/**
 * The framework matrix as a table (the primary view, no chart): every cell links to its offers.
 * Shared by the staff page and the public page (decision 098).
 */
export function MatrixTable({
  matrix,
  cellHref,
}: {
  matrix: Matrix;
  cellHref: (row: string, col: string) => string;
}) {
  const t = useT();
  const rule = { minCount: matrix.minCount, minDenominator: 0, minNumerator: 0, suppressZero: false };
  const show = (c: SafeCount) => displayCount(c, rule);
  const rowAxis = matrix.axes.find((a) => a.id === matrix.rows.axisId)?.label ?? "";
  const colAxis = matrix.axes.find((a) => a.id === matrix.cols.axisId)?.label ?? "";
  return (
    <>
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
                        to={cellHref(r.id, c.id)}
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
