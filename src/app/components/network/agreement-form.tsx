import { Form } from "react-router";
import type { AgreementView } from "#app/modules/network/agreements.model.ts";
import { useT } from "../../i18n.tsx";
import {
  CheckboxGroup,
  DateField,
  type ErrorSource,
  ErrorSummary,
  Select,
  TextField,
} from "../form/index.ts";

type Choice = { id: string; name: string };

/** The terms of an agreement or declaration: one form for creating and for editing (decision 069). */
export function AgreementForm(props: {
  agreement?: AgreementView | undefined;
  organizations: Choice[];
  meetings: Choice[];
  errors: ErrorSource | undefined;
  submit: string;
}) {
  const t = useT();
  const a = props.agreement;
  return (
    <Form method="post" className="stack" noValidate key={a ? `edit-${a.version}` : "new"}>
      <ErrorSummary errors={props.errors} />
      <input type="hidden" name="intent" value={a ? "edit" : "create"} />
      {a ? <input type="hidden" name="version" value={a.version} /> : null}
      {a ? null : (
        <Select
          name="kind"
          label={t("network.agreement_kind")}
          options={[
            { value: "agreement", label: t("network.agreement_kind_agreement") },
            { value: "declaration", label: t("network.agreement_kind_declaration") },
          ]}
          defaultValue="agreement"
          errors={props.errors}
        />
      )}
      <TextField
        name="title"
        label={t("network.agreement_title")}
        required
        maxLength={200}
        defaultValue={a?.title}
        errors={props.errors}
      />
      <TextField
        name="subject"
        label={t("network.agreement_subject")}
        hint={t("network.agreement_subject_hint")}
        required
        maxLength={2000}
        defaultValue={a?.subject}
        errors={props.errors}
      />
      <TextField
        name="text"
        label={t("network.agreement_text")}
        multiline
        rows={6}
        maxLength={20_000}
        defaultValue={a?.text}
        errors={props.errors}
      />
      <CheckboxGroup
        name="parties"
        legend={t("network.agreement_parties")}
        options={props.organizations.map((o) => ({ value: o.id, label: o.name }))}
        defaultValue={a?.parties}
        errors={props.errors}
      />
      <DateField
        name="startDate"
        label={t("network.agreement_start")}
        defaultValue={a?.startDate}
        errors={props.errors}
      />
      <DateField
        name="reviewDate"
        label={t("network.agreement_review")}
        hint={t("network.agreement_review_hint")}
        defaultValue={a?.reviewDate}
        errors={props.errors}
      />
      <Select
        name="meetingId"
        label={t("network.agreement_meeting")}
        empty={t("network.none")}
        options={props.meetings.map((m) => ({ value: m.id, label: m.name }))}
        defaultValue={a?.meetingId ?? ""}
        errors={props.errors}
      />
      <TextField
        name="measureId"
        label={t("network.measure")}
        hint={t("network.measure_hint")}
        defaultValue={a?.measureId ?? ""}
        errors={props.errors}
      />
      <p>
        <button type="submit">{props.submit}</button>
      </p>
    </Form>
  );
}

/** The form's fields as the contract's input (the same for create and edit). */
export function agreementFields(form: FormData) {
  const s = (name: string) => {
    const v = form.get(name);
    return typeof v === "string" ? v : "";
  };
  return {
    title: s("title"),
    subject: s("subject"),
    text: s("text"),
    parties: form.getAll("parties").filter((v): v is string => typeof v === "string"),
    startDate: s("startDate"),
    reviewDate: s("reviewDate"),
    meetingId: s("meetingId"),
    measureId: s("measureId"),
  };
}
