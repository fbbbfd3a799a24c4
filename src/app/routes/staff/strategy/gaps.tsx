import { data, Form, Link } from "react-router";
import { displayCount, type SafeCount } from "#app/modules/statistics/small-cells.ts";
import { gapsQuery } from "#app/modules/strategy/contracts.ts";
import { can } from "#app/server/policy/policy.ts";
import { Select } from "../../../components/form/index.ts";
import { LanguageSupplySection } from "../../../components/strategy-gaps/languages.tsx";
import { CellSignals, GapSources } from "../../../components/strategy-gaps/signals.tsx";
import { pageContext } from "../../../context.ts";
import { useT } from "../../../i18n.tsx";
import { requirePrincipal } from "../../../server/guard.server.ts";
import type { Route } from "./+types/gaps";

export async function loader({ context, request }: Route.LoaderArgs) {
  const ctx = context.get(pageContext);
  const principal = requirePrincipal(ctx);
  const q = gapsQuery.safeParse({ axis: new URL(request.url).searchParams.get("axis") || undefined });
  if (!q.success) throw data(null, { status: 400 });
  const gaps = await ctx.services.strategy.gaps(principal, ctx.tenant.id, ctx.lang, q.data).catch((e) => {
    if ((e as { code?: string }).code === "validation_failed") throw data(null, { status: 400 });
    throw e;
  });
  const languages = await ctx.services.strategy.languageSupply(principal, ctx.tenant.id);
  return { gaps, languages, canEdit: can(principal, "strategy.edit"), lang: ctx.lang };
}

/**
 * The gap analysis: ranked gaps, each explaining itself, then the whole table of need against
 * supply per area and term. Tables only (no chart), so nothing needs a second view.
 */
export default function StrategyGaps({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const { gaps: g, lang } = loaderData;
  const rule = { minCount: g.minCount, minDenominator: 0, minNumerator: 0, suppressZero: false };
  const show = (c: SafeCount) => displayCount(c, rule);
  const num = (n: number) => new Intl.NumberFormat(lang, { maximumFractionDigits: 1 }).format(n);
  return (
    <>
      <p>
        <Link to="/staff/strategy/matrix">{t("strategy.matrix_back")}</Link>
      </p>
      <h1>{t("strategy.gaps_title")}</h1>
      <p>{t("strategy.gaps_intro")}</p>
      <p className="hint">
        {t("strategy.gaps_rule", {
          factor: num(g.rule.factor),
          minNeed: g.rule.minNeed,
          median: g.median === null ? "–" : num(g.median),
        })}
      </p>
      {loaderData.canEdit ? (
        <p>
          <Link to="/staff/strategy/gaps/settings">{t("strategy.gaps_settings_link")}</Link>
        </p>
      ) : null}
      {g.axes.length > 0 ? (
        <Form method="get" className="stack">
          <Select
            name="axis"
            label={t("strategy.gaps_axis")}
            defaultValue={g.axis?.id}
            options={g.axes.map((a) => ({ value: a.id, label: a.label }))}
          />
          <p>
            <button type="submit">{t("strategy.matrix_show")}</button>
          </p>
        </Form>
      ) : null}
      {!g.axis ? (
        <p>{t("strategy.gaps_no_mapping")}</p>
      ) : (
        <>
          <section aria-labelledby="gaps-ranked">
            <h2 id="gaps-ranked">{t("strategy.gaps_ranked", { count: g.gaps.length })}</h2>
            {g.gaps.length === 0 ? (
              <p>{t("strategy.gaps_none")}</p>
            ) : (
              <ol>
                {g.gaps.map((x) => (
                  <li key={`${x.areaId}|${x.termId}`}>
                    {t(x.noSupply ? "strategy.gap_explain_none" : "strategy.gap_explain", {
                      need: show(x.need),
                      term: x.term,
                      area: x.area,
                      offers: show(x.offers),
                      hours: num(x.hours),
                      eveningChildcare: show(x.eveningChildcare),
                      ratio: x.ratio === null ? "–" : num(x.ratio),
                    })}{" "}
                    {x.declined.value !== 0
                      ? t("strategy.gap_declined", { declined: show(x.declined) })
                      : null}
                  </li>
                ))}
              </ol>
            )}
          </section>
          <div className="table-wrap">
            <table>
              <caption>{t("strategy.gaps_caption", { axis: g.axis.label })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("strategy.gaps_area")}</th>
                  {g.terms.map((c) => (
                    <th scope="col" key={c.id}>
                      {c.label}
                    </th>
                  ))}
                  <th scope="col">{t("strategy.gaps_declined_col")}</th>
                </tr>
              </thead>
              <tbody>
                {g.areas.map((a, i) => (
                  <tr key={a.id}>
                    <th scope="row">{a.name}</th>
                    {g.terms.map((c, j) => {
                      const cell = g.cells[i]![j]!;
                      return (
                        <td key={c.id}>
                          {t("strategy.gaps_cell", {
                            need: show(cell.need),
                            offers: show(cell.offers),
                            hours: num(cell.hours),
                          })}
                          {cell.gap ? <strong> {t("strategy.gaps_flag")}</strong> : null}
                          <CellSignals
                            readings={cell.signals}
                            signals={g.signals}
                            minCount={g.minCount}
                            lang={lang}
                          />
                        </td>
                      );
                    })}
                    <td>{show(a.declined)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <p className="hint">{t("strategy.gaps_legend", { min: g.minCount })}</p>
          <GapSources signals={g.signals} terms={g.terms} />
        </>
      )}
      <LanguageSupplySection data={loaderData.languages} lang={lang} />
    </>
  );
}
