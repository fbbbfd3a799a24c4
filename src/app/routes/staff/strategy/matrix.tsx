import { data, Form, Link } from "react-router";
import { matrixQuery } from "#app/modules/strategy/contracts.ts";
import { Select } from "../../../components/form/index.ts";
import { MatrixTable } from "../../../components/strategy-matrix.tsx";
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
  const axisOptions = matrix.axes.map((a) => ({ value: a.id, label: a.label }));
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
      <MatrixTable matrix={matrix} cellHref={(row, col) => `/staff/strategy/matrix/${row}/${col}`} />
    </>
  );
}
