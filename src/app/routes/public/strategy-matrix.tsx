import { data, Link } from "react-router";
import { matrixQuery } from "#app/modules/strategy/contracts.ts";
import { Select } from "../../components/form/index.ts";
import { MatrixTable } from "../../components/strategy-matrix.tsx";
import { pageContext } from "../../context.ts";
import { useLang, useT } from "../../i18n.tsx";
import type { Route } from "./+types/strategy-matrix";

/**
 * Public: the framework matrix of published offers (issue 16, 1; decision 098), when the tenant
 * switched it on (404 otherwise). Axes through a GET form, cells link to their offers: no
 * JavaScript needed. Counts through the same small-cell rule as the staff matrix.
 */
export function meta() {
  return [{ title: "Lotse" }];
}

const refuse = (e: unknown): never => {
  const code = (e as { code?: string }).code;
  if (code === "not_found") throw data(null, { status: 404 });
  if (code === "validation_failed") throw data(null, { status: 400 });
  throw e;
};

export async function loader({ context, request }: Route.LoaderArgs) {
  const ctx = context.get(pageContext);
  const sp = new URL(request.url).searchParams;
  const q = matrixQuery.safeParse({ rows: sp.get("rows") || undefined, cols: sp.get("cols") || undefined });
  if (!q.success) throw data(null, { status: 400 });
  const matrix = await ctx.services.strategy.publicMatrix(ctx.tenant.id, ctx.lang, q.data).catch(refuse);
  return { matrix };
}

export default function PublicStrategyMatrix({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const lang = useLang();
  const { matrix } = loaderData;
  const axisOptions = matrix?.axes.map((a) => ({ value: a.id, label: a.label })) ?? [];
  return (
    <>
      <h1>{t("strategy.public_matrix_title")}</h1>
      <p>{t("strategy.public_matrix_intro")}</p>
      {matrix === null ? (
        <p>{t("strategy.matrix_no_framework")}</p>
      ) : (
        <>
          <form method="get" className="stack">
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
          </form>
          <MatrixTable matrix={matrix} cellHref={(row, col) => `/${lang}/strategy/matrix/${row}/${col}`} />
        </>
      )}
      <p>
        <Link to={`/${lang}/strategy`}>{t("strategy.public_title")}</Link>
      </p>
    </>
  );
}
