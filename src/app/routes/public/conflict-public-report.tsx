import { data } from "react-router";
import { publicReportInput } from "#app/modules/conflicts/contracts.ts";
import { parseInput } from "#app/server/validation.ts";
import {
  ConflictReportForm,
  type ReportValues,
  reportInputOf,
  reportValues,
} from "../../components/conflict-report.tsx";
import { formString, Notice } from "../../components/form/index.ts";
import { pageContext } from "../../context.ts";
import { useLang, useT } from "../../i18n.tsx";
import { formAction } from "../../server/guard.server.ts";
import type { Route } from "./+types/conflict-public-report";

/**
 * The open public report form (issue 20, 1; decision 120): when the tenant switched it on, a
 * resident reports a conflict without an account, in every public language, without
 * JavaScript. A honeypot and an hourly limit per address keep bots out; the report waits for
 * the contact point's moderation. The receipt shows the status link once.
 */
export function meta() {
  return [
    { title: "Lotse" },
    { name: "robots", content: "noindex" },
    { name: "referrer", content: "same-origin" },
  ];
}

const NO_STORE = { "cache-control": "no-store", "referrer-policy": "same-origin" };

export async function loader({ context }: Route.LoaderArgs) {
  const ctx = context.get(pageContext);
  const form = await ctx.services.conflicts.publicForm(ctx.tenant.id);
  return data({ form, tenant: ctx.tenant.name }, { status: form ? 200 : 404, headers: NO_STORE });
}

export async function action({ request, context }: Route.ActionArgs) {
  const ctx = context.get(pageContext);
  const form = await request.formData();
  const values = reportValues(form);
  const r = await formAction(ctx.t, () =>
    ctx.services.conflicts.submitPublic(
      ctx.tenant.id,
      parseInput(publicReportInput, {
        ...reportInputOf(values, formString(form, "addressChoice")),
        // Residents name no protected details apart from what the address move puts there.
        protectedDetails: null,
        website: formString(form, "website"),
      }),
      { language: ctx.lang, clientIp: ctx.clientIp },
    ),
  );
  if ("data" in r) {
    const addressWarning = Object.values(r.data.errors.fields).includes(
      ctx.t("validation.conflict_address_in_text"),
    );
    return data(
      { errors: r.data.errors, values: values as ReportValues, addressWarning, receipt: null },
      { status: r.init?.status ?? 422, headers: NO_STORE },
    );
  }
  return data(
    { errors: undefined, values: undefined, addressWarning: false, receipt: r.value },
    { headers: NO_STORE },
  );
}

export default function ConflictPublicReport({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const lang = useLang();
  if (actionData?.receipt) {
    const { reference, statusToken } = actionData.receipt;
    return (
      <>
        <h1>{t("conflicts.receipt_title")}</h1>
        <Notice kind="success">{t("conflicts.public_receipt_text", { reference })}</Notice>
        {statusToken ? (
          <p>
            <a href={`/${lang}/conflict-status/${statusToken}`}>{t("conflicts.receipt_status_link")}</a>
          </p>
        ) : null}
      </>
    );
  }
  if (!loaderData.form) {
    return (
      <>
        <h1>{t("conflicts.public_title")}</h1>
        <Notice kind="warning">{t("conflicts.public_form_closed")}</Notice>
      </>
    );
  }
  return (
    <>
      <h1>{t("conflicts.public_title")}</h1>
      <p>{t("conflicts.public_form_page_intro", { tenant: loaderData.tenant })}</p>
      <ConflictReportForm
        areas={loaderData.form.areas}
        values={actionData?.values}
        errors={actionData?.errors}
        addressWarning={actionData?.addressWarning ?? false}
        honeypot
      />
    </>
  );
}
