import { data, Form, Link, useSearchParams } from "react-router";
import { requestEventInput } from "#app/modules/volunteers/contracts.ts";
import type { RequestState } from "#app/modules/volunteers/model.ts";
import { isUuid } from "#app/server/db/ids.ts";
import { AppError } from "#app/server/errors.ts";
import { can } from "#app/server/policy/policy.ts";
import { parseInput } from "#app/server/validation.ts";
import { ErrorSummary, formString, Notice, Select, TextField } from "../../../components/form/index.ts";
import { clock, languageNames } from "../../../components/volunteers.ts";
import { pageContext } from "../../../context.ts";
import { useT } from "../../../i18n.tsx";
import { formAction, requirePage, requirePrincipal } from "../../../server/guard.server.ts";
import type { Route } from "./+types/request";

/** The coordinator's next steps per state (the state machine refuses anything else). */
const STEPS: Partial<Record<RequestState, readonly string[]>> = {
  submitted: ["check", "cancel"],
  checked: ["cancel"],
  declined: ["cancel"],
  offered: ["accept", "decline", "cancel"],
  accepted: ["confirm", "cancel"],
  confirmed: ["hold", "no_show", "cancel"],
  held: ["claim"],
  claimed: ["settle"],
};
const OFFERABLE: readonly RequestState[] = ["submitted", "checked", "declined"];

export async function loader({ context, params }: Route.LoaderArgs) {
  const ctx = context.get(pageContext);
  const principal = requirePrincipal(ctx);
  if (!isUuid(params.id)) throw data(null, { status: 404 });
  const request = await ctx.services.volunteers.getRequest(principal, params.id).catch((e: unknown) => {
    if (e instanceof AppError && e.status === 404) throw data(null, { status: 404 });
    throw e;
  });
  const canManage = can(principal, "volunteers.requests.manage");
  // The new search (decision 084): who fits on the day, best score first, without those who declined.
  const pool =
    canManage && OFFERABLE.includes(request.state)
      ? await ctx.services.volunteers.requestSuggestions(principal, request.id)
      : [];
  return {
    request,
    canManage,
    pool: pool.map((v) => ({ id: v.volunteerId, name: v.volunteerName, score: v.score })),
    languageNames: languageNames([request.language], ctx.lang),
  };
}

export async function action({ context, params, request }: Route.ActionArgs) {
  const ctx = context.get(pageContext);
  const principal = requirePage(ctx, "volunteers.requests.manage");
  if (!isUuid(params.id)) throw data(null, { status: 404 });
  const form = await request.formData();
  const type = formString(form, "type");
  const result = await formAction(ctx.t, () =>
    ctx.services.volunteers.applyEvent(
      principal,
      params.id,
      parseInput(requestEventInput, {
        type,
        version: Number(formString(form, "version")) || 0,
        ...(type === "offer" ? { volunteerId: formString(form, "volunteerId") } : {}),
        ...(type === "hold"
          ? { minutes: formString(form, "minutes"), kilometres: formString(form, "kilometres") || 0 }
          : {}),
        ...(type === "cancel" ? { by: formString(form, "by") || "coordinator" } : {}),
      }),
      { requestId: ctx.requestId },
    ),
  );
  if ("data" in result) return data(result.data, result.init ?? undefined);
  return { ok: true as const };
}

export default function MediationRequest({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const [search] = useSearchParams();
  const r = loaderData.request;
  const errors = actionData && !actionData.ok ? actionData.errors : undefined;
  const steps = loaderData.canManage ? (STEPS[r.state] ?? []) : [];
  return (
    <>
      <p>
        <Link to="/staff/volunteers/requests">{t("volunteers.requests_title")}</Link>
      </p>
      <h1>
        {t("volunteers.request_heading", {
          language: loaderData.languageNames[r.language] ?? r.language,
          date: r.date,
          time: clock(r.startMinute),
        })}
      </h1>
      {search.get("booked") ? <Notice kind="success">{t("volunteers.booked")}</Notice> : null}
      {actionData?.ok ? <Notice kind="success">{t("volunteers.saved")}</Notice> : null}
      <ErrorSummary errors={errors} />
      <dl>
        <dt>{t("volunteers.state")}</dt>
        <dd>
          {t(`volunteers.state_${r.state}`)}
          {r.cancelledBy
            ? ` – ${t("volunteers.cancelled_by", { by: r.cancelledBy, late: String(r.cancelledLate ?? false) })}`
            : ""}
        </dd>
        <dt>{t("volunteers.institution")}</dt>
        <dd>{r.institutionName}</dd>
        <dt>{t("volunteers.contact_name")}</dt>
        <dd>
          {r.contactName} (<span dir="ltr">{r.contactEmail}</span>)
        </dd>
        <dt>{t("volunteers.mode")}</dt>
        <dd>{t(`volunteers.mode_${r.mode}`)}</dd>
        <dt>{t("volunteers.setting")}</dt>
        <dd>{t(`volunteers.setting_${r.setting}`)}</dd>
        <dt>{t("volunteers.topic")}</dt>
        <dd>{r.topic}</dd>
        <dt>{t("volunteers.area")}</dt>
        <dd>{r.area ?? "–"}</dd>
        <dt>{t("volunteers.duration")}</dt>
        <dd>{r.durationMinutes}</dd>
        <dt>{t("volunteers.mediator")}</dt>
        <dd>{r.volunteerName ?? "–"}</dd>
        {r.heldMinutes !== null ? (
          <>
            <dt>{t("volunteers.held_minutes")}</dt>
            <dd>{r.heldMinutes}</dd>
            <dt>{t("volunteers.held_km")}</dt>
            <dd>{r.heldKm ?? 0}</dd>
          </>
        ) : null}
      </dl>
      {loaderData.pool.length ? (
        <Form method="post" className="stack">
          <input type="hidden" name="type" value="offer" />
          <input type="hidden" name="version" value={r.version} />
          <Select
            name="volunteerId"
            label={t("volunteers.offer_to_label")}
            options={loaderData.pool.map((v) => ({
              value: v.id,
              label: t("volunteers.suggestion_label", { name: v.name, score: v.score }),
            }))}
            errors={errors}
          />
          <p>
            <button type="submit">{t("volunteers.step_offer")}</button>
          </p>
        </Form>
      ) : null}
      {steps.map((step) => (
        <Form method="post" className="stack" key={step}>
          <input type="hidden" name="type" value={step} />
          <input type="hidden" name="version" value={r.version} />
          {step === "hold" ? (
            <TextField
              name="minutes"
              type="number"
              label={t("volunteers.held_minutes")}
              defaultValue={String(r.durationMinutes)}
              errors={errors}
            />
          ) : null}
          {step === "hold" ? (
            <TextField
              name="kilometres"
              type="number"
              label={t("volunteers.held_km")}
              defaultValue="0"
              errors={errors}
            />
          ) : null}
          {step === "cancel" ? (
            <Select
              name="by"
              label={t("volunteers.cancel_by_label")}
              options={(["institution", "mediator", "coordinator"] as const).map((b) => ({
                value: b,
                label: t(`volunteers.canceller_${b}`),
              }))}
              defaultValue="coordinator"
            />
          ) : null}
          <p>
            <button type="submit">{t(`volunteers.step_${step}`)}</button>
          </p>
        </Form>
      ))}
    </>
  );
}
