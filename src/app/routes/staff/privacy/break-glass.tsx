import { data, Form, Link } from "react-router";
import { BREAK_GLASS_HOURS, BREAK_GLASS_REASON_MIN } from "#app/modules/casework/privacy.ts";
import { ScrollRegion } from "../../../components/casework-fields.tsx";
import { ErrorSummary, Notice, TextField } from "../../../components/form/index.ts";
import { pageContext } from "../../../context.ts";
import { useT } from "../../../i18n.tsx";
import { type FormErrors, formAction, requirePrincipal } from "../../../server/guard.server.ts";
import type { Route } from "./+types/break-glass";

export async function loader({ context }: Route.LoaderArgs) {
  const ctx = context.get(pageContext);
  const principal = requirePrincipal(ctx);
  return {
    items: await ctx.services.privacy.myBreakGlass(principal),
    hours: BREAK_GLASS_HOURS,
    min: BREAK_GLASS_REASON_MIN,
  };
}

type ActionResult =
  | { ok: true; caseId: string }
  | { ok: false; errors: FormErrors; values: { case: string; reason: string } };

export async function action({ request, context }: Route.ActionArgs) {
  const ctx = context.get(pageContext);
  const principal = requirePrincipal(ctx);
  const form = await request.formData();
  const str = (k: string) => {
    const v = form.get(k);
    return typeof v === "string" ? v : "";
  };
  const values = { case: str("case"), reason: str("reason") };
  const r = await formAction(ctx.t, () =>
    ctx.services.privacy.openBreakGlass(principal, values, ctx.requestId),
  );
  if ("data" in r) return data({ ok: false as const, errors: r.data.errors, values }, r.init ?? undefined);
  return { ok: true, caseId: r.value.caseId } satisfies ActionResult;
}

export default function BreakGlass({ loaderData: d, actionData }: Route.ComponentProps) {
  const t = useT();
  const result = actionData as ActionResult | undefined;
  const failed = result && !result.ok ? result : undefined;
  const errors = failed?.errors;
  return (
    <>
      <h1>{t("privacy.bg_title")}</h1>
      <Notice kind="warning">{t("privacy.bg_warning", { hours: d.hours })}</Notice>
      {result?.ok ? (
        <Notice kind="success">
          {t("privacy.bg_opened")}{" "}
          <Link to={`/staff/cases/${result.caseId}`}>{t("privacy.bg_open_case")}</Link>
        </Notice>
      ) : null}
      <ErrorSummary errors={errors} />
      <Form method="post" noValidate>
        <TextField
          name="case"
          label={t("privacy.bg_case")}
          hint={t("privacy.bg_case_hint")}
          defaultValue={failed?.values.case}
          errors={errors}
          required
          dir="ltr"
        />
        <div className={errors?.fields.reason ? "field field-invalid" : "field"}>
          <label htmlFor="f-reason">{t("privacy.bg_reason")}</label>
          <p className="hint" id="f-reason-hint">
            {t("privacy.bg_reason_hint", { min: d.min })}
          </p>
          <textarea
            id="f-reason"
            name="reason"
            rows={4}
            minLength={d.min}
            maxLength={2000}
            required
            defaultValue={failed?.values.reason}
            aria-invalid={errors?.fields.reason ? true : undefined}
            aria-describedby={errors?.fields.reason ? "f-reason-hint f-reason-error" : "f-reason-hint"}
          />
          {errors?.fields.reason ? (
            <p className="field-error" id="f-reason-error">
              {errors.fields.reason}
            </p>
          ) : null}
        </div>
        <button type="submit">{t("privacy.bg_submit")}</button>
      </Form>
      <ScrollRegion className="table-wrap">
        <table>
          <caption>{t("privacy.bg_mine", { count: d.items.length })}</caption>
          <thead>
            <tr>
              <th scope="col">{t("privacy.bg_case")}</th>
              <th scope="col">{t("privacy.col_time")}</th>
              <th scope="col">{t("privacy.col_reason")}</th>
              <th scope="col">{t("privacy.review_outcome")}</th>
            </tr>
          </thead>
          <tbody>
            {d.items.map((b) => (
              <tr key={b.id}>
                <td>
                  {b.active ? (
                    <Link to={`/staff/cases/${b.caseId}`}>{b.caseReference}</Link>
                  ) : (
                    b.caseReference
                  )}
                </td>
                <td>
                  {t("privacy.bg_period", {
                    from: b.startedAt.slice(0, 16).replace("T", " "),
                    to: b.expiresAt.slice(0, 16).replace("T", " "),
                  })}
                </td>
                <td>{b.reason}</td>
                <td>
                  {b.reviewOutcome ? t(`privacy.outcome_${b.reviewOutcome}`) : t("privacy.not_reviewed")}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>
    </>
  );
}
