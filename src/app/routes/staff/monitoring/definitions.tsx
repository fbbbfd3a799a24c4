import { Link } from "react-router";
import { ageLimitsOf, parseFormula } from "#app/modules/monitoring/formula.ts";
import { ageLimitsLine, definitionText, indicatorName, unitText } from "#app/modules/monitoring/report.ts";
import { can } from "#app/server/policy/policy.ts";
import { pageContext } from "../../../context.ts";
import { useLang, useT } from "../../../i18n.tsx";
import { requirePrincipal } from "../../../server/guard.server.ts";
import type { Route } from "./+types/definitions";

export function meta({ loaderData }: Route.MetaArgs) {
  return [{ title: loaderData ? `${loaderData.title} · Lotse` : "Lotse" }];
}

const limits = (text: string | null) => {
  if (!text) return [];
  const r = parseFormula(text);
  return r.ok ? ageLimitsOf(r.formula) : [];
};

/** The data elements and indicator definitions, formulas in words and their age limits shown. */
export async function loader({ context }: Route.LoaderArgs) {
  const ctx = context.get(pageContext);
  const principal = requirePrincipal(ctx);
  const [elements, indicators] = await Promise.all([
    ctx.services.monitoringData.listElements(principal, ctx.tenant.id),
    ctx.services.monitoringData.listIndicators(principal, ctx.tenant.id),
  ]);
  return {
    title: ctx.t("monitoring_data.definitions_title"),
    canEdit: can(principal, "monitoring.definitions.manage"),
    elements: elements.map((e) => ({
      code: e.code,
      name: e.labelKey ? ctx.t(e.labelKey) : e.name,
      valueType: e.valueType,
      dimensions: Object.entries(e.dimensions ?? {})
        .filter(([, o]) => (o?.length ?? 0) > 0)
        .map(([dim, o]) => `${dim}: ${(o ?? []).join(", ")}`),
      origin: e.origin,
      source: e.source,
    })),
    indicators: indicators.map((i) => ({
      ...i,
      createdAt: undefined,
      updatedAt: undefined,
      ageLimits: { numerator: limits(i.numerator), denominator: limits(i.denominator) },
      elements: [],
    })),
  };
}

export default function Definitions({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const lang = useLang();
  return (
    <>
      <p>
        <Link to="/staff/monitoring">{t("monitoring.back")}</Link>
      </p>
      <h1>{loaderData.title}</h1>
      {loaderData.canEdit ? (
        <p>
          <Link to="/staff/monitoring/definitions/new">{t("monitoring_data.indicator_new")}</Link>
        </p>
      ) : null}
      <h2>{t("monitoring_data.indicators_title")}</h2>
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable table must be reachable by keyboard */}
      <section className="table-scroll" aria-labelledby="md-ind" tabIndex={0}>
        <table className="mr-table">
          <caption id="md-ind">{t("monitoring_data.indicators_title")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("monitoring_data.col_indicator")}</th>
              <th scope="col">{t("monitoring_data.col_definition")}</th>
              <th scope="col">{t("monitoring_data.col_audience")}</th>
              <th scope="col">{t("monitoring_data.col_source")}</th>
            </tr>
          </thead>
          <tbody>
            {loaderData.indicators.map((i) => {
              const unit = unitText(i, t);
              const ages = ageLimitsLine(i, t);
              return (
                <tr key={i.code}>
                  <th scope="row">
                    {loaderData.canEdit ? (
                      <Link to={`/staff/monitoring/definitions/${i.code}`}>{indicatorName(i, t)}</Link>
                    ) : (
                      indicatorName(i, t)
                    )}
                    {unit ? ` (${unit})` : ""}
                    <br />
                    <code dir="ltr">{i.code}</code>
                  </th>
                  <td>
                    {definitionText(i, t, lang)}
                    {ages ? (
                      <>
                        <br />
                        <strong>{ages}</strong>
                      </>
                    ) : null}
                    <br />
                    <code dir="ltr">
                      {i.numerator}
                      {i.denominator ? ` ÷ ${i.denominator} × ${i.factor}` : ""}
                    </code>
                  </td>
                  <td>{i.public ? t("monitoring_data.public") : t("monitoring_data.internal")}</td>
                  <td>
                    {i.source ?? "–"}
                    {i.notes ? (
                      <>
                        <br />
                        {i.notes}
                      </>
                    ) : null}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </section>
      <h2>{t("monitoring_data.elements_title")}</h2>
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable table must be reachable by keyboard */}
      <section className="table-scroll" aria-labelledby="md-el" tabIndex={0}>
        <table className="mr-table">
          <caption id="md-el">{t("monitoring_data.elements_title")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("monitoring_data.col_element")}</th>
              <th scope="col">{t("monitoring_data.col_breakdowns")}</th>
              <th scope="col">{t("monitoring_data.col_source")}</th>
            </tr>
          </thead>
          <tbody>
            {loaderData.elements.map((e) => (
              <tr key={e.code}>
                <th scope="row">
                  {e.name}
                  <br />
                  <code dir="ltr">{e.code}</code>
                  {e.origin === "lotse" ? ` · ${t("monitoring_data.from_lotse")}` : ""}
                </th>
                <td dir="ltr">{e.dimensions.join(" · ") || "–"}</td>
                <td>{e.source ?? "–"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </>
  );
}
