import { CONFLICT_KINDS, URGENCIES } from "#app/modules/conflicts/model.ts";
import { useT } from "../i18n.tsx";
import { type ErrorSource, ErrorSummary, formString, Notice, Select, TextField } from "./form/index.ts";

/** What the report form posts, as typed, so a refused report shows exactly that again. */
export type ReportValues = {
  areaId: string;
  place: string;
  kind: string;
  urgency: string;
  parties: string;
  description: string;
  tried: string;
  protectedDetails: string;
  reporterEmail: string;
};

export function reportValues(form: FormData): ReportValues {
  const s = (k: string) => formString(form, k);
  return {
    areaId: s("areaId"),
    place: s("place"),
    kind: s("kind"),
    urgency: s("urgency") || "normal",
    parties: s("parties"),
    description: s("description"),
    tried: s("tried"),
    protectedDetails: s("protectedDetails"),
    reporterEmail: s("reporterEmail"),
  };
}

/** The input for `reportInput`: parties one per line; the address choice from the button pressed. */
export function reportInputOf(v: ReportValues, addressChoice: string) {
  return {
    ...v,
    parties: v.parties
      .split(/\r?\n/)
      .map((p) => p.trim())
      .filter(Boolean),
    addressChoice: addressChoice === "move" || addressChoice === "keep" ? addressChoice : null,
  };
}

/**
 * The short report form (a fire-alarm post on a phone, or the contact point taking a call).
 * A plain form post: it works without JavaScript. When the server found a private address in
 * the text, the form offers to move it into the protected field or to keep it.
 */
export function ConflictReportForm(props: {
  areas: readonly { id: string; name: string }[];
  values: ReportValues | undefined;
  errors: ErrorSource;
  addressWarning: boolean;
  defaultAreaId?: string | null | undefined;
  /**
   * The open public form (decision 120): a honeypot people do not see, and no protected-details
   * field (a resident's private address found in the text is moved there on request only).
   */
  honeypot?: boolean;
}) {
  const t = useT();
  const v = props.values;
  const errors = props.errors;
  return (
    <>
      <ErrorSummary errors={errors} />
      <form method="post" className="stack" noValidate>
        <Select
          name="areaId"
          label={t("conflicts.area")}
          required
          empty="—"
          options={props.areas.map((a) => ({ value: a.id, label: a.name }))}
          defaultValue={v?.areaId ?? props.defaultAreaId ?? ""}
          errors={errors}
        />
        <TextField
          name="place"
          label={t("conflicts.place")}
          hint={t("conflicts.place_hint")}
          maxLength={200}
          defaultValue={v?.place ?? ""}
          errors={errors}
        />
        <Select
          name="kind"
          label={t("conflicts.kind")}
          required
          options={CONFLICT_KINDS.map((k) => ({ value: k, label: t(`conflicts.kind_${k}`) }))}
          defaultValue={v?.kind ?? "neighbourhood"}
          errors={errors}
        />
        <Select
          name="urgency"
          label={t("conflicts.urgency")}
          options={URGENCIES.map((u) => ({ value: u, label: t(`conflicts.urgency_${u}`) }))}
          defaultValue={v?.urgency ?? "normal"}
          errors={errors}
        />
        <TextField
          name="parties"
          multiline
          rows={3}
          label={t("conflicts.parties")}
          hint={t("conflicts.parties_hint")}
          defaultValue={v?.parties ?? ""}
          errors={errors}
        />
        <TextField
          name="description"
          multiline
          rows={5}
          required
          maxLength={4000}
          label={t("conflicts.description")}
          hint={t("conflicts.description_hint")}
          defaultValue={v?.description ?? ""}
          errors={errors}
        />
        <TextField
          name="tried"
          multiline
          rows={3}
          maxLength={4000}
          label={t("conflicts.tried")}
          defaultValue={v?.tried ?? ""}
          errors={errors}
        />
        {props.honeypot ? null : (
          <TextField
            name="protectedDetails"
            multiline
            rows={3}
            maxLength={4000}
            label={t("conflicts.protected")}
            hint={t("conflicts.protected_hint")}
            defaultValue={v?.protectedDetails ?? ""}
            errors={errors}
          />
        )}
        <TextField
          name="reporterEmail"
          type="email"
          dir="ltr"
          autoComplete="email"
          label={t("conflicts.reporter_email")}
          hint={t("conflicts.reporter_email_hint")}
          defaultValue={v?.reporterEmail ?? ""}
          errors={errors}
        />
        {props.honeypot ? (
          // Honeypot: hidden from people and assistive technology; bots fill it in.
          <div className="visually-hidden" aria-hidden="true">
            <label htmlFor="report-website">Website</label>
            <input id="report-website" name="website" type="text" tabIndex={-1} autoComplete="off" />
          </div>
        ) : null}
        {props.addressWarning ? (
          <Notice kind="warning">
            <p>{t("conflicts.address_found")}</p>
            <div className="actions">
              <button type="submit" name="addressChoice" value="move">
                {t("conflicts.address_move")}
              </button>
              <button type="submit" name="addressChoice" value="keep" className="button-secondary">
                {t("conflicts.address_keep")}
              </button>
            </div>
          </Notice>
        ) : (
          <p>
            <button type="submit">{t("conflicts.submit_report")}</button>
          </p>
        )}
      </form>
    </>
  );
}
