import { Form } from "react-router";
import type { AgreementView } from "#app/modules/network/agreements.model.ts";
import { useT } from "../../i18n.tsx";
import { DateField, type ErrorSource, ErrorSummary, Select, TextField } from "../form/index.ts";

/**
 * The commitments per party of a cooperation agreement (decision 085): a table (party, what,
 * who, due, status) with a button per possible status step, and a form to add one.
 */
export function AgreementCommitments({
  agreement: a,
  orgName,
  canManage,
  errors,
}: {
  agreement: AgreementView;
  orgName: ReadonlyMap<string, string>;
  canManage: boolean;
  errors: (intent: string) => ErrorSource;
}) {
  const t = useT();
  const manage = canManage && a.state !== "ended";
  return (
    <section aria-labelledby="commitments">
      <h2 id="commitments">{t("network.commitments")}</h2>
      <ErrorSummary errors={errors("commitment_status")} />
      {a.commitments.length === 0 ? (
        <p>{t("network.commitments_none")}</p>
      ) : (
        <table>
          <caption>{t("network.commitments_caption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("network.commitment_party")}</th>
              <th scope="col">{t("network.commitment_text")}</th>
              <th scope="col">{t("network.commitment_owner")}</th>
              <th scope="col">{t("network.commitment_due")}</th>
              <th scope="col">{t("network.status")}</th>
            </tr>
          </thead>
          <tbody>
            {a.commitments.map((c) => (
              <tr key={c.id}>
                <td>{orgName.get(c.partyId) ?? "—"}</td>
                <td>{c.text}</td>
                <td>{c.owner}</td>
                <td>
                  {c.dueDate ?? "—"}
                  {c.overdue ? ` · ${t("network.commitment_overdue")}` : ""}
                </td>
                <td>
                  {t(`network.commitment_status_${c.status}`)}
                  {manage
                    ? (["done", "dropped", "open"] as const)
                        .filter((s) => s !== c.status)
                        .map((s) => (
                          <Form method="post" key={`${c.id}-${s}-${c.version}`} className="inline-form">
                            <input type="hidden" name="intent" value="commitment_status" />
                            <input type="hidden" name="commitmentId" value={c.id} />
                            <input type="hidden" name="status" value={s} />
                            <input type="hidden" name="version" value={c.version} />
                            <button type="submit">
                              {t(`network.commitment_to_${s}`)}
                              <span className="visually-hidden">: {c.text}</span>
                            </button>
                          </Form>
                        ))
                    : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {manage && a.kind === "agreement" && a.parties.length ? (
        <Form method="post" className="stack" noValidate key={`c-${a.commitments.length}`}>
          <h3>{t("network.commitment_add")}</h3>
          <ErrorSummary errors={errors("commitment")} />
          <input type="hidden" name="intent" value="commitment" />
          <Select
            name="partyId"
            id="f-commitment-partyId"
            label={t("network.commitment_party")}
            required
            options={a.parties.map((id) => ({ value: id, label: orgName.get(id) ?? "—" }))}
            errors={errors("commitment")}
          />
          <TextField
            name="text"
            id="f-commitment-text"
            label={t("network.commitment_text")}
            required
            maxLength={2000}
            errors={errors("commitment")}
          />
          <TextField
            name="owner"
            id="f-commitment-owner"
            label={t("network.commitment_owner")}
            required
            maxLength={200}
            errors={errors("commitment")}
          />
          <DateField
            name="dueDate"
            id="f-commitment-dueDate"
            label={t("network.commitment_due")}
            errors={errors("commitment")}
          />
          <p>
            <button type="submit">{t("network.commitment_add")}</button>
          </p>
        </Form>
      ) : null}
    </section>
  );
}
