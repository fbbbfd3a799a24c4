import { Form } from "react-router";
import { CLAIM_KINDS } from "#app/modules/volunteers/model.ts";
import { useT } from "../../i18n.tsx";
import { type ErrorSource, formString, Select, TextField } from "../form/index.ts";

/** The raw claim a claim form posted, for `parseInput(claimInput, …)`: one receipt or a flat rate. */
export function claimFromForm(form: FormData) {
  const kind = formString(form, "kind");
  const amount = formString(form, "amount");
  return {
    volunteerId: formString(form, "volunteerId") || undefined,
    kind,
    period: formString(form, "period"),
    ...(kind === "flat_rate"
      ? { amountCents: amount }
      : {
          receipts: [
            {
              date: formString(form, "receiptDate"),
              description: formString(form, "receiptDescription"),
              amountCents: amount,
            },
          ],
        }),
    note: formString(form, "note"),
  };
}

/**
 * A new expense claim (decision 068): the coordinator's form names the volunteer (`volunteers`),
 * the volunteer's own form does not.
 */
export function ClaimForm(props: {
  month: string;
  errors: ErrorSource | undefined;
  volunteers?: { id: string; name: string }[] | undefined;
}) {
  const t = useT();
  const { errors } = props;
  return (
    <Form method="post" className="stack" noValidate>
      <input type="hidden" name="intent" value="claim" />
      {props.volunteers ? (
        <Select
          name="volunteerId"
          label={t("volunteers.name")}
          empty={t("volunteers.public_choose")}
          options={props.volunteers.map((x) => ({ value: x.id, label: x.name }))}
          required
          errors={errors}
        />
      ) : null}
      <Select
        name="kind"
        label={t("volunteers.claim_kind")}
        options={CLAIM_KINDS.map((k) => ({ value: k, label: t(`volunteers.claim_kind_${k}`) }))}
        errors={errors}
      />
      <TextField
        name="period"
        label={t("volunteers.claim_period")}
        defaultValue={props.month}
        required
        errors={errors}
      />
      <TextField
        name="amount"
        label={t("volunteers.claim_amount")}
        errorPath={["amountCents", "receipts.0.amountCents"]}
        required
        errors={errors}
      />
      <TextField
        name="receiptDate"
        type="date"
        label={t("volunteers.claim_receipt_date")}
        errorPath="receipts.0.date"
        errors={errors}
      />
      <TextField
        name="receiptDescription"
        label={t("volunteers.claim_receipt_description")}
        errorPath={["receipts", "receipts.0.description"]}
        errors={errors}
      />
      <TextField name="note" label={t("volunteers.claim_note")} errors={errors} />
      <p>
        <button type="submit">{t("volunteers.claim_submit")}</button>
      </p>
    </Form>
  );
}
