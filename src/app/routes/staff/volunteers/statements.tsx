import { data, Form, Link } from "react-router";
import { formatMoney } from "#app/modules/funding/model.ts";
import { statementRunInput } from "#app/modules/volunteers/statement-contracts.ts";
import { parseInput } from "#app/server/validation.ts";
import { ErrorSummary, formString, Notice, TextField } from "../../../components/form/index.ts";
import { StatementTable } from "../../../components/volunteers-statements.tsx";
import { pageContext } from "../../../context.ts";
import { useLang, useT } from "../../../i18n.tsx";
import { formAction, requirePrincipal } from "../../../server/guard.server.ts";
import type { Route } from "./+types/statements";

/**
 * Monthly statements (issue 17, What must work 5; decision 099): the coordinator issues a past
 * month's statements in a job, sees every version, downloads each PDF and the finance office's XLSX.
 */
export async function loader({ context, request }: Route.LoaderArgs) {
  const ctx = context.get(pageContext);
  const principal = requirePrincipal(ctx);
  const now = ctx.services.core.clock.now().toLocaleDateString("sv-SE", { timeZone: "Europe/Berlin" });
  const [y, m] = now.split("-").map(Number) as [number, number];
  const previous = m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, "0")}`;
  const asked = new URL(request.url).searchParams.get("period") ?? "";
  const period = /^\d{4}-(0[1-9]|1[0-2])$/.test(asked) ? asked : previous;
  return { period, statements: await ctx.services.volunteers.listStatements(principal, period) };
}

export async function action({ context, request }: Route.ActionArgs) {
  const ctx = context.get(pageContext);
  const principal = requirePrincipal(ctx);
  const form = await request.formData();
  const r = await formAction(ctx.t, () =>
    ctx.services.volunteers.runStatements(
      principal,
      parseInput(statementRunInput, { period: formString(form, "period") }),
      { requestId: ctx.requestId },
    ),
  );
  if ("data" in r) return data(r.data, r.init ?? undefined);
  return { ok: true as const, errors: undefined };
}

export default function Statements({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const lang = useLang();
  const { period, statements } = loaderData;
  const errors = actionData && !actionData.ok ? actionData.errors : undefined;
  const money = (cents: number) => formatMoney(cents, lang);
  return (
    <>
      <p>
        <Link to="/staff/volunteers">{t("volunteers.back")}</Link>
      </p>
      <h1>{t("volunteers.statements_title")}</h1>
      <p>{t("volunteers.statements_intro")}</p>
      {actionData?.ok ? <Notice kind="success">{t("volunteers.statements_queued")}</Notice> : null}
      <Form method="post" className="stack" noValidate>
        <ErrorSummary errors={errors} />
        <TextField
          name="period"
          hint={t("volunteers.statements_period_hint")}
          label={t("volunteers.statements_period")}
          defaultValue={period}
          required
          errors={errors}
        />
        <p>
          <button type="submit">{t("volunteers.statements_run")}</button>
        </p>
      </Form>
      <Form method="get" className="inline-fields">
        <TextField
          name="period"
          hint={t("volunteers.statements_period_hint")}
          label={t("volunteers.statements_show")}
          defaultValue={period}
          id="show-period"
        />
        <button type="submit">{t("volunteers.statements_show_button")}</button>
      </Form>
      <p>
        <a href={`/api/v1/volunteer-statements/export.xlsx?period=${period}`} download>
          {t("volunteers.statements_xlsx", { period })}
        </a>
      </p>
      {statements.length === 0 ? (
        <p>{t("volunteers.statements_none")}</p>
      ) : (
        <div className="table-wrap">
          <StatementTable
            statements={statements}
            money={money}
            t={t}
            caption={t("volunteers.statements_caption", { period })}
          />
        </div>
      )}
    </>
  );
}
