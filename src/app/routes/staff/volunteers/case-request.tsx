import { data, Form, Link } from "react-router";
import { caseRequestInput } from "#app/modules/volunteers/contracts.ts";
import { MODES, SETTINGS } from "#app/modules/volunteers/model.ts";
import { isUuid } from "#app/server/db/ids.ts";
import { AppError } from "#app/server/errors.ts";
import { parseInput } from "#app/server/validation.ts";
import { ErrorSummary, formString, Notice, Select, TextField } from "../../../components/form/index.ts";
import { clock, languageNames } from "../../../components/volunteers.ts";
import { pageContext } from "../../../context.ts";
import { useT } from "../../../i18n.tsx";
import { formAction, requirePrincipal } from "../../../server/guard.server.ts";
import type { Route } from "./+types/case-request";

/**
 * A language mediator asked for from a case (issue 17, decision 084): a person of the household
 * with a consent for volunteer matching, one of their languages; the pool's coordinator takes it
 * from the queue. Case work decides need-to-know (write access to the case).
 */
export async function loader({ context, params }: Route.LoaderArgs) {
  const ctx = context.get(pageContext);
  const principal = requirePrincipal(ctx);
  if (!isUuid(params.caseId)) throw data(null, { status: 404 });
  const form = await ctx.services.volunteers
    .caseRequestForm(principal, params.caseId, { requestId: ctx.requestId })
    .catch((e: unknown) => {
      if (e instanceof AppError && (e.status === 404 || e.status === 403))
        throw data(null, { status: e.status });
      throw e;
    });
  const codes = new Set([
    ...form.persons.flatMap((p) => p.languages),
    ...form.requests.map((r) => r.language),
  ]);
  return {
    caseId: params.caseId,
    ...form,
    languageNames: languageNames(codes, ctx.lang),
    formToken: crypto.randomUUID(),
  };
}

export async function action({ context, params, request }: Route.ActionArgs) {
  const ctx = context.get(pageContext);
  const principal = requirePrincipal(ctx);
  if (!isUuid(params.caseId)) throw data(null, { status: 404 });
  const form = await request.formData();
  const field = (k: string) => formString(form, k);
  const result = await formAction(ctx.t, () =>
    ctx.services.volunteers.requestFromCase(
      principal,
      params.caseId,
      parseInput(caseRequestInput, {
        personId: field("personId"),
        institutionName: field("institutionName"),
        language: field("language"),
        mode: field("mode"),
        setting: field("setting"),
        topic: field("topic"),
        area: field("area"),
        date: field("date"),
        startTime: field("startTime"),
        durationMinutes: field("durationMinutes"),
        idempotencyKey: field("idempotencyKey") || undefined,
      }),
      { requestId: ctx.requestId },
    ),
  );
  if ("data" in result) return data(result.data, result.init ?? undefined);
  return { ok: true as const, booked: result.value.request.id };
}

export default function CaseMediationRequest({ loaderData: d, actionData }: Route.ComponentProps) {
  const t = useT();
  const errors = actionData && "errors" in actionData ? actionData.errors : undefined;
  const booked = actionData && "booked" in actionData;
  const languages = Object.keys(d.languageNames).filter((c) =>
    d.persons.some((p) => p.languages.includes(c)),
  );
  return (
    <>
      <p>
        <Link to={`/staff/cases/${d.caseId}`}>{t("volunteers.case_back")}</Link>
      </p>
      <h1>{t("volunteers.case_request_title", { reference: d.reference })}</h1>
      <p>{t("volunteers.case_request_intro")}</p>
      {booked ? <Notice kind="success">{t("volunteers.case_request_done")}</Notice> : null}
      <div className="table-wrap">
        <table>
          <caption>{t("volunteers.case_requests_caption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("volunteers.date")}</th>
              <th scope="col">{t("volunteers.language")}</th>
              <th scope="col">{t("volunteers.mode")}</th>
              <th scope="col">{t("volunteers.state")}</th>
            </tr>
          </thead>
          <tbody>
            {d.requests.map((r) => (
              <tr key={r.id}>
                <th scope="row">
                  {r.date} {clock(r.startMinute)}
                </th>
                <td>{d.languageNames[r.language] ?? r.language}</td>
                <td>{t(`volunteers.mode_${r.mode}`)}</td>
                <td>{t(`volunteers.public_state_${r.phase}`)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {d.requests.length === 0 ? <p>{t("volunteers.requests_none")}</p> : null}
      <section aria-labelledby="ask">
        <h2 id="ask">{t("volunteers.case_request_form")}</h2>
        <Notice>{t("volunteers.book_rules")}</Notice>
        <ErrorSummary errors={errors} />
        <Form method="post" className="stack" noValidate>
          <input type="hidden" name="idempotencyKey" value={d.formToken} />
          <Select
            name="personId"
            label={t("volunteers.case_person")}
            options={d.persons.map((p) => ({
              value: p.id,
              label: p.consent ? p.name : t("volunteers.case_person_no_consent", { name: p.name }),
            }))}
            errors={errors}
          />
          {languages.length ? (
            <Select
              name="language"
              label={t("volunteers.language")}
              options={languages.map((c) => ({ value: c, label: d.languageNames[c] ?? c }))}
              errors={errors}
            />
          ) : (
            <TextField
              name="language"
              label={t("volunteers.language")}
              hint={t("volunteers.language_hint")}
              required
              dir="ltr"
              errors={errors}
            />
          )}
          <TextField
            name="institutionName"
            label={t("volunteers.case_institution")}
            required
            errors={errors}
          />
          <Select
            name="mode"
            label={t("volunteers.mode")}
            options={MODES.map((m) => ({ value: m, label: t(`volunteers.mode_${m}`) }))}
            errors={errors}
          />
          <Select
            name="setting"
            label={t("volunteers.setting")}
            options={SETTINGS.map((s) => ({ value: s, label: t(`volunteers.setting_${s}`) }))}
            errors={errors}
          />
          <TextField name="topic" label={t("volunteers.topic")} required errors={errors} />
          <TextField
            name="area"
            label={t("volunteers.area")}
            hint={t("volunteers.area_hint")}
            errors={errors}
          />
          <TextField name="date" type="date" label={t("volunteers.date")} required errors={errors} />
          <TextField
            name="startTime"
            type="time"
            label={t("volunteers.start_time")}
            required
            errors={errors}
          />
          <TextField
            name="durationMinutes"
            type="number"
            label={t("volunteers.duration")}
            defaultValue="60"
            required
            errors={errors}
          />
          <p>
            <button type="submit">{t("volunteers.case_request_submit")}</button>
          </p>
        </Form>
      </section>
    </>
  );
}
