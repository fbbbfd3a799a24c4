import { data, Form, Link, redirect } from "react-router";
import { isUuid } from "#app/server/db/ids.ts";
import { AppError } from "#app/server/errors.ts";
import { can } from "#app/server/policy/policy.ts";
import { Checkbox, ErrorSummary, formString, Notice } from "../../../components/form/index.ts";
import { clock, languageNames } from "../../../components/volunteers.ts";
import { pageContext } from "../../../context.ts";
import { useT } from "../../../i18n.tsx";
import { formAction, requirePage, requirePrincipal } from "../../../server/guard.server.ts";
import type { Route } from "./+types/detail";

export async function loader({ context, params }: Route.LoaderArgs) {
  const ctx = context.get(pageContext);
  const principal = requirePrincipal(ctx);
  if (!isUuid(params.id)) throw data(null, { status: 404 });
  const volunteer = await ctx.services.volunteers
    .get(principal, params.id, { requestId: ctx.requestId })
    .catch((e: unknown) => {
      if (e instanceof AppError && e.status === 404) throw data(null, { status: 404 });
      throw e;
    });
  return {
    volunteer,
    languageNames: languageNames(
      volunteer.languages.map((l) => l.code),
      ctx.lang,
    ),
    canExport: can(principal, "volunteers.export"),
    canErase: can(principal, "volunteers.erase"),
  };
}

/** Art. 17 on request: erases the profile after an explicit confirmation. */
export async function action({ context, params, request }: Route.ActionArgs) {
  const ctx = context.get(pageContext);
  const principal = requirePage(ctx, "volunteers.erase");
  if (!isUuid(params.id)) throw data(null, { status: 404 });
  const form = await request.formData();
  const r = await formAction(ctx.t, async () => {
    if (formString(form, "confirm") !== "yes") {
      throw AppError.validation([{ field: "confirm", code: "volunteers_erase_confirm" }]);
    }
    return ctx.services.volunteers.erase(principal, params.id, { requestId: ctx.requestId });
  });
  if ("data" in r) return r;
  return redirect(`/staff/volunteers?erased=${r.value.requestsUnlinked}`);
}

export default function VolunteerProfile({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const v = loaderData.volunteer;
  return (
    <>
      <p>
        <Link to="/staff/volunteers">{t("volunteers.back")}</Link>
      </p>
      <h1>{v.name}</h1>
      <dl>
        <dt>{t("volunteers.status")}</dt>
        <dd>{t(`volunteers.status_${v.status}`)}</dd>
        <dt>{t("volunteers.email")}</dt>
        <dd dir="ltr">{v.email ?? "–"}</dd>
        <dt>{t("volunteers.phone")}</dt>
        <dd dir="ltr">{v.phone ?? "–"}</dd>
        <dt>{t("volunteers.areas")}</dt>
        <dd>{v.areas.join(", ") || "–"}</dd>
        <dt>{t("volunteers.modes")}</dt>
        <dd>{v.modes.map((m) => t(`volunteers.mode_${m}`)).join(", ")}</dd>
        <dt>{t("volunteers.settings")}</dt>
        <dd>{v.settings.map((s) => t(`volunteers.setting_${s}`)).join(", ") || "–"}</dd>
      </dl>
      <h2>{t("volunteers.languages")}</h2>
      <ul>
        {v.languages.map((l) => (
          <li key={l.code}>
            {t("volunteers.language_line", {
              language: loaderData.languageNames[l.code] ?? l.code,
              level: l.level === "native" ? t("volunteers.level_native") : l.level,
              oral: String(l.oral),
              written: String(l.written),
            })}
          </li>
        ))}
      </ul>
      <h2>{t("volunteers.certificates")}</h2>
      <ul>
        {v.certificates.map((c) => (
          <li key={`${c.kind}-${c.issuedOn}`}>
            {t("volunteers.certificate_line", {
              kind: t(`volunteers.certificate_${c.kind}`),
              issued: c.issuedOn,
              until: c.validUntil ?? "–",
              result: c.result ?? "none",
            })}
          </li>
        ))}
      </ul>
      <h2>{t("volunteers.availability")}</h2>
      <ul>
        {v.availability.map((s) => (
          <li key={`${s.weekday}-${s.from}`}>
            {t("volunteers.slot_line", { weekday: s.weekday, from: clock(s.from), to: clock(s.to) })}
          </li>
        ))}
      </ul>
      {v.absences.length ? (
        <>
          <h2>{t("volunteers.absences")}</h2>
          <ul>
            {v.absences.map((a) => (
              <li key={a.from}>{t("volunteers.absence_line", { from: a.from, to: a.to })}</li>
            ))}
          </ul>
        </>
      ) : null}
      {loaderData.canExport || loaderData.canErase ? (
        <section aria-labelledby="data-protection">
          <h2 id="data-protection">{t("volunteers.data_protection")}</h2>
          {loaderData.canExport ? (
            <p>
              <a href={`/api/v1/volunteers/${v.id}/export`} download>
                {t("volunteers.export_link")}
              </a>
            </p>
          ) : null}
          {loaderData.canErase ? (
            <>
              <Notice kind="warning">{t("volunteers.erase_warning")}</Notice>
              <ErrorSummary errors={actionData && !actionData.ok ? actionData.errors : undefined} />
              <Form method="post" className="stack">
                <Checkbox
                  name="confirm"
                  value="yes"
                  label={t("volunteers.erase_confirm", { name: v.name })}
                  errors={actionData && !actionData.ok ? actionData.errors : undefined}
                />
                <p>
                  <button type="submit" className="danger">
                    {t("volunteers.erase_button")}
                  </button>
                </p>
              </Form>
            </>
          ) : null}
        </section>
      ) : null}
    </>
  );
}
