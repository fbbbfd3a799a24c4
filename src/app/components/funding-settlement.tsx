import { formatMoney } from "#app/modules/funding/model.ts";
import type { Settlement } from "#app/modules/funding/proof-model.ts";
import { useLang, useT } from "../i18n.tsx";
import { rateText } from "./funding-eligibility.tsx";

/**
 * The proof of use's numerical statement: per cost type planned against actual, which deviation
 * needs a reason and what is not recognized; then what the grant comes to, what was paid, and
 * what is to be paid back or is still outstanding. A table, read alike on a phone and aloud.
 */
export function SettlementTable({
  settlement: s,
  deviationBp,
}: {
  settlement: Settlement;
  deviationBp: number;
}) {
  const t = useT();
  const lang = useLang();
  const m = (c: number) => formatMoney(c, lang);
  const percent = rateText(deviationBp, lang);
  return (
    <>
      <div className="table-wrap">
        <table>
          <caption>{t("funding.proof_table_caption", { percent })}</caption>
          <thead>
            <tr>
              <th scope="col">{t("funding.col_cost_type")}</th>
              <th scope="col" className="num">
                {t("funding.proof_col_planned")}
              </th>
              <th scope="col" className="num">
                {t("funding.proof_col_actual")}
              </th>
              <th scope="col" className="num">
                {t("funding.proof_col_deviation")}
              </th>
              <th scope="col">{t("funding.col_reason")}</th>
            </tr>
          </thead>
          <tbody>
            {s.lines.map((l) => (
              <tr key={l.type}>
                <th scope="row">{t(`funding.cost_${l.type}`)}</th>
                <td className="num">{m(l.plannedCents)}</td>
                <td className="num">{m(l.actualCents)}</td>
                <td className="num">{m(l.deviationCents)}</td>
                <td>
                  {l.overspendCents > 0
                    ? t("funding.proof_overspend", { amount: m(l.overspendCents), percent })
                    : l.needsReason
                      ? t("funding.proof_needs_reason", { percent })
                      : t("funding.proof_within")}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <dl className="facts">
        <dt>{t("funding.proof_planned_total")}</dt>
        <dd>{m(s.plannedCents)}</dd>
        <dt>{t("funding.proof_actual_total")}</dt>
        <dd>{m(s.actualCents)}</dd>
        <dt>{t("funding.proof_recognized")}</dt>
        <dd>{m(s.recognizedCents)}</dd>
        <dt>{t("funding.proof_due")}</dt>
        <dd>{m(s.dueCents)}</dd>
        <dt>{t("funding.proof_paid")}</dt>
        <dd>{m(s.paidCents)}</dd>
        {s.repaymentCents > 0 ? (
          <>
            <dt>{t("funding.proof_repayment")}</dt>
            <dd>{m(s.repaymentCents)}</dd>
          </>
        ) : null}
        {s.outstandingCents > 0 ? (
          <>
            <dt>{t("funding.proof_outstanding")}</dt>
            <dd>{m(s.outstandingCents)}</dd>
          </>
        ) : null}
      </dl>
    </>
  );
}
