import { data, Form, Link } from "react-router";
import type { StatisticsView } from "#app/modules/conflicts/contracts.ts";
import { publishFiguresInput, statisticsQuery } from "#app/modules/conflicts/contracts.ts";
import { can } from "#app/server/policy/policy.ts";
import { parseInput } from "#app/server/validation.ts";
import { ErrorSummary, formString, Notice } from "../../../components/form/index.ts";
import { pageContext } from "../../../context.ts";
import { useT } from "../../../i18n.tsx";
import { formAction, requirePrincipal } from "../../../server/guard.server.ts";
import type { Route } from "./+types/numbers";

export async function loader({ context, request }: Route.LoaderArgs) {
  const ctx = context.get(pageContext);
  const principal = requirePrincipal(ctx);
  const now = ctx.services.core.clock.now().getUTCFullYear();
  const raw = new URL(request.url).searchParams.get("year");
  const parsed = statisticsQuery.safeParse({ year: raw ?? now });
  const year = parsed.success ? parsed.data.year : now;
  return {
    stats: await ctx.services.conflicts.statistics(principal, parseInput(statisticsQuery, { year }).year),
    // Publishing into monitoring needs monitoring's data right as well (decision 088).
    canPublish: can(principal, "monitoring.data.manage"),
  };
}

export async function action({ context, request }: Route.ActionArgs) {
  const ctx = context.get(pageContext);
  const principal = requirePrincipal(ctx);
  const form = await request.formData();
  const r = await formAction(ctx.t, () =>
    ctx.services.conflicts.publishFigures(
      principal,
      parseInput(publishFiguresInput, { year: Number(formString(form, "year")) }).year,
    ),
  );
  if ("data" in r) return data(r.data, r.init ?? undefined);
  return { ok: true as const, errors: undefined, values: r.value.values };
}

type Cell = StatisticsView["outcomes"][number]["count"];

function CellText({ c }: { c: Cell }) {
  const t = useT();
  return c.value === null ? <abbr title={t("conflicts.suppressed")}>•</abbr> : <>{c.value}</>;
}

export default function ConflictNumbers({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const s = loaderData.stats;
  const errors = actionData && !actionData.ok ? actionData.errors : undefined;
  return (
    <>
      <p>
        <Link to="/staff/conflicts">{t("conflicts.title")}</Link>
      </p>
      <h1>{t("conflicts.numbers_title")}</h1>
      <p>{t("conflicts.numbers_intro")}</p>
      <form method="get" className="filters">
        <label htmlFor="year">{t("conflicts.year")}</label>{" "}
        <input id="year" name="year" type="number" min={2000} max={2100} defaultValue={s.year} dir="ltr" />{" "}
        <button type="submit">{t("conflicts.show")}</button>
      </form>
      {s.rows.length === 0 ? <p>{t("conflicts.numbers_none")}</p> : null}
      {s.rows.length ? (
        <div className="table-wrap">
          <table>
            <caption>{t("conflicts.table_caption", { year: String(s.year) })}</caption>
            <thead>
              <tr>
                <th scope="col">{t("conflicts.col_area")}</th>
                <th scope="col">{t("conflicts.col_kind")}</th>
                {[1, 2, 3, 4].map((q) => (
                  <th scope="col" key={q}>
                    {t("conflicts.quarter", { q: String(q) })}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {s.rows.map((r) => (
                <tr key={`${r.areaId}-${r.kind}`}>
                  <th scope="row">{r.areaName}</th>
                  <td>{t(`conflicts.kind_${r.kind}`)}</td>
                  {[1, 2, 3, 4].map((q) => (
                    <td key={q} className="num">
                      <CellText c={r.quarters[q - 1]!} />
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <div className="table-wrap">
        <table>
          <caption>{t("conflicts.first_contact_caption", { year: String(s.year) })}</caption>
          <thead>
            <tr>
              <th scope="col">{t("conflicts.fc_quarter")}</th>
              <th scope="col">{t("conflicts.fc_in_time")}</th>
              <th scope="col">{t("conflicts.fc_late")}</th>
              <th scope="col">{t("conflicts.fc_none")}</th>
            </tr>
          </thead>
          <tbody>
            {s.firstContact.map((r) => (
              <tr key={r.quarter}>
                <th scope="row">{t("conflicts.quarter", { q: String(r.quarter) })}</th>
                <td className="num">
                  <CellText c={r.inTime} />
                </td>
                <td className="num">
                  <CellText c={r.late} />
                </td>
                <td className="num">
                  <CellText c={r.none} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="table-wrap">
        <table>
          <caption>{t("conflicts.outcomes_caption", { year: String(s.year) })}</caption>
          <thead>
            <tr>
              <th scope="col">{t("conflicts.outcome")}</th>
              <th scope="col">{t("conflicts.count")}</th>
            </tr>
          </thead>
          <tbody>
            {s.outcomes.map((o) => (
              <tr key={o.outcome}>
                <th scope="row">{t(`conflicts.outcome_${o.outcome}`)}</th>
                <td className="num">
                  <CellText c={o.count} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p>• = {t("conflicts.suppressed")}</p>
      {loaderData.canPublish ? (
        <section aria-labelledby="publish-heading">
          <h2 id="publish-heading">{t("conflicts.publish_title")}</h2>
          <p>{t("conflicts.publish_intro")}</p>
          {actionData?.ok ? (
            <Notice kind="success">{t("conflicts.publish_done", { count: actionData.values })}</Notice>
          ) : null}
          <ErrorSummary errors={errors} />
          <Form method="post">
            <input type="hidden" name="year" value={s.year} />
            <button type="submit">{t("conflicts.publish_button", { year: String(s.year) })}</button>
          </Form>
        </section>
      ) : null}
    </>
  );
}
