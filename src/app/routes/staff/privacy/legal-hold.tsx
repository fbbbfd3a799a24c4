import { data, Form } from "react-router";
import { ErrorSummary, Notice, TextField } from "../../../components/form/index.ts";
import { pageContext } from "../../../context.ts";
import { useT } from "../../../i18n.tsx";
import { type FormErrors, formAction, requirePrincipal } from "../../../server/guard.server.ts";
import type { Route } from "./+types/legal-hold";

export async function loader({ request, context }: Route.LoaderArgs) {
  const ctx = context.get(pageContext);
  const principal = requirePrincipal(ctx);
  const ref = (new URL(request.url).searchParams.get("case") ?? "").slice(0, 100);
  if (!ref) return { ref, hold: null, notFound: false };
  const r = await formAction(ctx.t, () => ctx.services.privacy.legalHold(principal, ref));
  if ("data" in r) return { ref, hold: null, notFound: true };
  return { ref, hold: r.value, notFound: false };
}

type ActionResult = { ok: true } | { ok: false; errors: FormErrors };

export async function action({ request, context }: Route.ActionArgs) {
  const ctx = context.get(pageContext);
  const principal = requirePrincipal(ctx);
  const form = await request.formData();
  const str = (k: string) => {
    const v = form.get(k);
    return typeof v === "string" ? v : "";
  };
  const r = await formAction(ctx.t, () =>
    ctx.services.privacy.setLegalHold(
      principal,
      str("caseId"),
      { version: Number(str("version")) || 0, hold: str("hold") === "1", reason: str("reason") || null },
      ctx.requestId,
    ),
  );
  if ("data" in r) return data({ ok: false as const, errors: r.data.errors }, r.init ?? undefined);
  return { ok: true } satisfies ActionResult;
}

export default function LegalHold({ loaderData: d, actionData }: Route.ComponentProps) {
  const t = useT();
  const result = actionData as ActionResult | undefined;
  const errors = result && !result.ok ? result.errors : undefined;
  const h = d.hold;
  return (
    <>
      <h1>{t("privacy.hold_title")}</h1>
      <p>{t("privacy.hold_intro")}</p>
      <form method="get" className="co-filter">
        <TextField
          name="case"
          label={t("privacy.bg_case")}
          hint={t("privacy.bg_case_hint")}
          defaultValue={d.ref}
          dir="ltr"
        />
        <button type="submit">{t("privacy.search")}</button>
      </form>
      {d.notFound ? <Notice kind="warning">{t("privacy.case_not_found")}</Notice> : null}
      {result?.ok ? <Notice kind="success">{t("privacy.hold_saved")}</Notice> : null}
      <ErrorSummary errors={errors} />
      {h ? (
        <section aria-labelledby="hold-case">
          <h2 id="hold-case">{h.reference}</h2>
          <p>
            {h.legalHold ? t("privacy.hold_on", { reason: h.legalHoldReason ?? "" }) : t("privacy.hold_off")}
            {h.retentionDueOn ? ` ${t("privacy.retention_due", { date: h.retentionDueOn })}` : ""}
          </p>
          <Form method="post" noValidate>
            <input type="hidden" name="caseId" value={h.id} />
            <input type="hidden" name="version" value={h.version} />
            <input type="hidden" name="hold" value={h.legalHold ? "0" : "1"} />
            {h.legalHold ? null : (
              <div className={errors?.fields.reason ? "field field-invalid" : "field"}>
                <label htmlFor="f-reason">{t("privacy.hold_reason")}</label>
                <p className="hint" id="f-reason-hint">
                  {t("privacy.hold_reason_hint")}
                </p>
                <textarea
                  id="f-reason"
                  name="reason"
                  rows={2}
                  maxLength={2000}
                  aria-invalid={errors?.fields.reason ? true : undefined}
                  aria-describedby={errors?.fields.reason ? "f-reason-hint f-reason-error" : "f-reason-hint"}
                />
                {errors?.fields.reason ? (
                  <p className="field-error" id="f-reason-error">
                    {errors.fields.reason}
                  </p>
                ) : null}
              </div>
            )}
            <button type="submit">{h.legalHold ? t("privacy.hold_clear") : t("privacy.hold_set")}</button>
          </Form>
        </section>
      ) : null}
    </>
  );
}
