import { data, Link } from "react-router";
import { displayCount } from "#app/modules/statistics/small-cells.ts";
import { matrixCellQuery } from "#app/modules/strategy/contracts.ts";
import { pageContext } from "../../context.ts";
import { useLang, useT } from "../../i18n.tsx";
import type { Route } from "./+types/strategy-matrix-cell";

/** Public: one cell of the matrix with its published offers (decision 098); 404 while the matrix is off. */
export function meta() {
  return [{ title: "Lotse" }];
}

export async function loader({ context, params }: Route.LoaderArgs) {
  const ctx = context.get(pageContext);
  const q = matrixCellQuery.safeParse({ row: params.row, col: params.col });
  if (!q.success) throw data(null, { status: 404 });
  const cell = await ctx.services.strategy
    .publicMatrixCell(ctx.tenant.id, ctx.lang, q.data.row, q.data.col)
    .catch((e) => {
      if ((e as { code?: string }).code === "not_found") throw data(null, { status: 404 });
      throw e;
    });
  return { cell };
}

export default function PublicMatrixCell({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const lang = useLang();
  const { cell } = loaderData;
  const rule = { minCount: cell.minCount, minDenominator: 0, minNumerator: 0, suppressZero: false };
  return (
    <>
      <p>
        <Link to={`/${lang}/strategy/matrix`}>{t("strategy.matrix_back")}</Link>
      </p>
      <h1>{t("strategy.cell_title", { row: cell.rowLabel, col: cell.colLabel })}</h1>
      <p>{t("strategy.cell_count", { count: displayCount(cell.total, rule) })}</p>
      {cell.offers.length === 0 ? (
        <p>{t("strategy.cell_none")}</p>
      ) : (
        <ul>
          {cell.offers.map((o) => (
            <li key={o.id}>
              <Link to={`/${lang}/offers/${o.id}`} lang="de" dir="auto">
                {o.title}
              </Link>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
