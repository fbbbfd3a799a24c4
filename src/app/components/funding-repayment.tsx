import { Form } from "react-router";
import { centsToDecimal, formatMoney } from "#app/modules/funding/model.ts";
import type { RepaymentView } from "#app/modules/funding/proof-contracts.ts";
import { useLang, useT } from "../i18n.tsx";
import type { FormErrors } from "../server/guard.server.ts";
import { ErrorSummary, TextField } from "./form/index.ts";

/**
 * The repayment a proof of use demanded (decision 119): demanded, received, outstanding, each
 * booking received as a table row, and for staff handling payments a plain form to book one more
 * (no JavaScript). `version` is the proof's.
 */
export function RepaymentSection({
  repayment: r,
  version,
  mayBook,
  today,
  errors,
}: {
  repayment: RepaymentView;
  version: number;
  mayBook: boolean;
  today: string;
  errors: FormErrors | undefined;
}) {
  const t = useT();
  const lang = useLang();
  const m = (c: number) => formatMoney(c, lang);
  return (
    <section aria-labelledby="repayment">
      <h2 id="repayment">{t("funding.repayment_heading")}</h2>
      <dl className="facts">
        <dt>{t("funding.repayment_demanded")}</dt>
        <dd>{m(r.demandedCents)}</dd>
        <dt>{t("funding.repayment_received")}</dt>
        <dd>{m(r.receivedCents)}</dd>
        <dt>{t("funding.repayment_outstanding")}</dt>
        <dd>{m(r.outstandingCents)}</dd>
        {r.dueDate ? (
          <>
            <dt>{t("funding.repayment_due")}</dt>
            <dd>{r.dueDate}</dd>
          </>
        ) : null}
        <dt>{t("funding.repayment_purpose")}</dt>
        <dd>
          <bdi>{r.purpose}</bdi>
        </dd>
      </dl>
      {r.bookings.length === 0 ? (
        <p>{t("funding.repayment_none")}</p>
      ) : (
        <div className="table-wrap">
          <table>
            <caption>{t("funding.repayment_caption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("funding.repayment_date")}</th>
                <th scope="col">{t("funding.repayment_reference")}</th>
                <th scope="col" className="num">
                  {t("funding.repayment_amount")}
                </th>
              </tr>
            </thead>
            <tbody>
              {r.bookings.map((b) => (
                <tr key={b.id}>
                  <td>{b.receivedDate}</td>
                  <td>
                    <bdi>{b.reference}</bdi>
                  </td>
                  <td className="num">{m(b.amountCents)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {mayBook && r.outstandingCents > 0 ? (
        <>
          <h3>{t("funding.repayment_book")}</h3>
          <ErrorSummary errors={errors} />
          <Form method="post" className="stack" noValidate>
            <input type="hidden" name="intent" value="repayment" />
            <input type="hidden" name="version" value={version} />
            <TextField
              name="amount"
              label={t("funding.repayment_amount")}
              inputMode="decimal"
              defaultValue={centsToDecimal(r.outstandingCents)}
              errors={errors}
              dir="ltr"
            />
            <TextField
              name="receivedDate"
              type="date"
              label={t("funding.repayment_date")}
              defaultValue={today}
              errors={errors}
            />
            <TextField name="reference" label={t("funding.repayment_reference")} errors={errors} dir="ltr" />
            <button type="submit">{t("funding.repayment_book_submit")}</button>
          </Form>
        </>
      ) : null}
    </section>
  );
}
