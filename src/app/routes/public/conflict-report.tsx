import { data } from "react-router";
import { formatLanguage } from "#app/i18n/languages.ts";
import { reportInput } from "#app/modules/conflicts/contracts.ts";
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
import type { Route } from "./+types/conflict-report";

/**
 * A fire-alarm post reports a conflict (issue 20) through its own link, on a phone, in its
 * language, without an account and without JavaScript. The receipt shows the status link once.
 */
export function meta() {
  return [
    { title: "Lotse" },
    { name: "robots", content: "noindex" },
    { name: "referrer", content: "same-origin" },
  ];
}

const NO_STORE = { "cache-control": "no-store", "referrer-policy": "same-origin" };

export async function loader({ params, context }: Route.LoaderArgs) {
  const ctx = context.get(pageContext);
  const post = await ctx.services.conflicts.postForLink(ctx.tenant.id, params.token.slice(0, 200));
  return data({ post }, { headers: NO_STORE });
}

export async function action({ params, request, context }: Route.ActionArgs) {
  const ctx = context.get(pageContext);
  const form = await request.formData();
  const values = reportValues(form);
  const r = await formAction(ctx.t, () =>
    ctx.services.conflicts.report(
      {
        kind: "post",
        tenantId: ctx.tenant.id,
        token: params.token.slice(0, 200),
        language: formatLanguage(ctx.lang),
      },
      parseInput(reportInput, reportInputOf(values, formString(form, "addressChoice"))),
      ctx.requestId,
    ),
  );
  if ("data" in r) {
    const addressWarning = Object.values(r.data.errors.fields).includes(
      ctx.t("validation.conflict_address_in_text"),
    );
    return data(
      {
        ok: false as const,
        errors: r.data.errors,
        values: values as ReportValues,
        addressWarning,
        receipt: null,
      },
      { status: r.init?.status ?? 422, headers: NO_STORE },
    );
  }
  return data(
    {
      ok: true as const,
      errors: undefined,
      values: undefined,
      addressWarning: false,
      receipt: { reference: r.value.reference, statusToken: r.value.statusToken },
    },
    { headers: NO_STORE },
  );
}

export default function ConflictReport({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const lang = useLang();
  const { post } = loaderData;
  if (actionData?.receipt) {
    return (
      <>
        <h1>{t("conflicts.receipt_title")}</h1>
        <Notice kind="success">
          {t("conflicts.receipt_text", { reference: actionData.receipt.reference })}
        </Notice>
        <p>
          <a href={`/${lang}/conflict-status/${actionData.receipt.statusToken}`}>
            {t("conflicts.receipt_status_link")}
          </a>
        </p>
      </>
    );
  }
  if (!post) {
    return (
      <>
        <h1>{t("conflicts.public_title")}</h1>
        <Notice kind="warning">{t("conflicts.public_invalid")}</Notice>
      </>
    );
  }
  return (
    <>
      <h1>{t("conflicts.public_title")}</h1>
      <p>{t("conflicts.public_intro", { post: post.name })}</p>
      <ConflictReportForm
        areas={post.areas}
        values={actionData?.values}
        errors={actionData?.errors}
        addressWarning={actionData?.addressWarning ?? false}
        defaultAreaId={post.areaId}
      />
    </>
  );
}
