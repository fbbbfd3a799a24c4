import { data, Link, redirect } from "react-router";
import { reportInput } from "#app/modules/conflicts/contracts.ts";
import { parseInput } from "#app/server/validation.ts";
import {
  ConflictReportForm,
  type ReportValues,
  reportInputOf,
  reportValues,
} from "../../../components/conflict-report.tsx";
import { formString } from "../../../components/form/index.ts";
import { pageContext } from "../../../context.ts";
import { useT } from "../../../i18n.tsx";
import { formAction, requirePrincipal } from "../../../server/guard.server.ts";
import type { Route } from "./+types/new";

export async function loader({ context }: Route.LoaderArgs) {
  const ctx = context.get(pageContext);
  return { areas: await ctx.services.conflicts.formAreas(requirePrincipal(ctx)) };
}

export async function action({ context, request }: Route.ActionArgs) {
  const ctx = context.get(pageContext);
  const principal = requirePrincipal(ctx);
  const form = await request.formData();
  const values = reportValues(form);
  const r = await formAction(ctx.t, () =>
    ctx.services.conflicts.report(
      { kind: "staff", principal },
      parseInput(reportInput, reportInputOf(values, formString(form, "addressChoice"))),
      ctx.requestId,
    ),
  );
  if ("data" in r) {
    const addressWarning = Object.values(r.data.errors.fields).includes(
      ctx.t("validation.conflict_address_in_text"),
    );
    return data(
      { errors: r.data.errors, values: values as ReportValues, addressWarning },
      { status: r.init?.status ?? 422 },
    );
  }
  return redirect(`/staff/conflicts/${r.value.id}?created=1`);
}

export default function NewConflict({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  return (
    <>
      <p>
        <Link to="/staff/conflicts">{t("conflicts.title")}</Link>
      </p>
      <h1>{t("conflicts.report_title_phone")}</h1>
      <p>{t("conflicts.report_intro_phone")}</p>
      <ConflictReportForm
        areas={loaderData.areas}
        values={actionData?.values}
        errors={actionData?.errors}
        addressWarning={actionData?.addressWarning ?? false}
      />
    </>
  );
}
