import type { Eligibility } from "#app/modules/funding/model.ts";
import { formatMoney } from "#app/modules/funding/model.ts";
import { useLang, useT } from "../i18n.tsx";

/** basis points → "50" or "33,33" (integer arithmetic; the catalog adds the % sign). */
export function rateText(bp: number, lang: string): string {
  const whole = (bp - (bp % 100)) / 100;
  const frac = bp % 100;
  return frac === 0 ? String(whole) : `${whole}${lang === "de" ? "," : "."}${String(frac).padStart(2, "0")}`;
}

/**
 * The finance plan with the eligible amount per line and, in plain words, why the total is what
 * it is (rates, the project cap, what is left of the year's pot). A table, so it reads on a phone
 * and to a screen reader alike.
 */
export function EligibilityTable(props: {
  eligibility: Eligibility;
  projectCapCents: number;
  year: number;
  potLeftCents?: number | undefined;
  descriptions?: readonly string[] | undefined;
}) {
  const t = useT();
  const lang = useLang();
  const e = props.eligibility;
  const m = (c: number) => formatMoney(c, lang);
  return (
    <>
      <div className="table-wrap">
        <table>
          <caption>{t("funding.budget_caption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("funding.col_cost_type")}</th>
              <th scope="col" className="num">
                {t("funding.col_amount")}
              </th>
              <th scope="col" className="num">
                {t("funding.col_eligible_line")}
              </th>
              <th scope="col">{t("funding.col_reason")}</th>
            </tr>
          </thead>
          <tbody>
            {e.lines.map((l, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: lines have no id; the order is the plan's.
              <tr key={i}>
                <th scope="row">
                  {t(`funding.cost_${l.type}`)}
                  {props.descriptions?.[i] ? <span className="hint"> – {props.descriptions[i]}</span> : null}
                </th>
                <td className="num">{m(l.requestedCents)}</td>
                <td className="num">{m(l.eligibleCents)}</td>
                <td>
                  {l.reasons.length === 0
                    ? t("funding.reason_full")
                    : l.reasons
                        .map((r) =>
                          r === "rate"
                            ? t("funding.reason_rate", { rate: rateText(l.rateBp, lang) })
                            : t(`funding.reason_${r}`),
                        )
                        .join("; ")}
                </td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">{t("funding.total")}</th>
              <td className="num">{m(e.requestedCents)}</td>
              <td className="num">{m(e.linesEligibleCents)}</td>
              <td />
            </tr>
          </tfoot>
        </table>
      </div>
      <ul>
        <li>
          {t("funding.explain_lines", { eligible: m(e.linesEligibleCents), requested: m(e.requestedCents) })}
        </li>
        {e.projectCapApplied ? (
          <li>
            {t("funding.explain_project_cap", { cap: m(props.projectCapCents), capped: m(e.cappedCents) })}
          </li>
        ) : null}
        {props.potLeftCents !== undefined ? (
          <li>
            {e.potLimited
              ? t("funding.explain_pot_limited", {
                  year: props.year,
                  left: m(Math.max(0, props.potLeftCents)),
                })
              : t("funding.explain_pot", { year: props.year, left: m(Math.max(0, props.potLeftCents)) })}
          </li>
        ) : null}
        <li>
          <strong>{t("funding.explain_result", { eligible: m(e.eligibleCents) })}</strong>
        </li>
      </ul>
    </>
  );
}
