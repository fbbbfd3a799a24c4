import { Form, Link } from "react-router";
import type { AccommodationView, PublicPlaceOutcome } from "#app/modules/accommodation/housing.contracts.ts";
import { useT } from "../../i18n.tsx";
import type { FormErrors } from "../../server/guard.server.ts";
import { ErrorSummary, Notice, TextField } from "../form/index.ts";

/**
 * The accommodation as a public place of the directory (decision 121): what is shown, the
 * place's status there, and the forms to show it or take it down. Occupancy never goes public.
 */
export function PublicPlaceSection({
  a,
  canManage,
  canPublish,
  outcome,
  errors,
}: {
  a: AccommodationView;
  canManage: boolean;
  canPublish: boolean;
  outcome: PublicPlaceOutcome | null;
  errors: FormErrors | undefined;
}) {
  const t = useT();
  const place = a.publicPlace;
  const shown = place !== null && place.status !== "archived" && place.status !== "deleted";
  return (
    <section aria-labelledby="public-place-title">
      <h2 id="public-place-title">{t("accommodation.public_title")}</h2>
      <p>{t("accommodation.public_intro")}</p>
      {outcome && (
        <Notice kind={outcome === "changed" ? "warning" : "success"}>
          {t(`accommodation.public_outcome_${outcome}`)}
        </Notice>
      )}
      <ErrorSummary errors={errors} />
      {place ? (
        <p>
          {t("accommodation.public_status", { status: place.status })}{" "}
          <Link to={`/staff/directory/place/${place.placeId}`}>{t("accommodation.public_open_entry")}</Link>
        </p>
      ) : (
        <p>{t("accommodation.public_none")}</p>
      )}
      {place?.changed && <Notice kind="warning">{t("accommodation.public_changed")}</Notice>}
      {canManage && shown && (
        <Form method="post">
          <input type="hidden" name="intent" value="public" />
          <input type="hidden" name="show" value="false" />
          <input type="hidden" name="version" value={a.version} />
          <button type="submit">{t("accommodation.public_hide")}</button>
        </Form>
      )}
      {canManage && canPublish && !shown && (
        <Form method="post" noValidate>
          <input type="hidden" name="intent" value="public" />
          <input type="hidden" name="show" value="true" />
          <input type="hidden" name="version" value={a.version} />
          <TextField
            name="name"
            label={t("accommodation.public_name")}
            hint={t("accommodation.public_name_hint")}
            defaultValue={a.name}
            errors={errors}
          />
          <button type="submit">{t("accommodation.public_show")}</button>
        </Form>
      )}
    </section>
  );
}
