import { data, Link, redirect } from "react-router";
import { createAgreementInput } from "#app/modules/network/agreements.contracts.ts";
import { parseInput } from "#app/server/validation.ts";
import { formString } from "../../../components/form/index.ts";
import { AgreementForm, agreementFields } from "../../../components/network/agreement-form.tsx";
import { pageContext } from "../../../context.ts";
import { useT } from "../../../i18n.tsx";
import { formAction, requirePrincipal } from "../../../server/guard.server.ts";
import type { Route } from "./+types/agreement-new";
import { useDateTime } from "./format.ts";

export async function loader({ context }: Route.LoaderArgs) {
  const ctx = context.get(pageContext);
  const principal = requirePrincipal(ctx);
  const [choices, meetings] = await Promise.all([
    ctx.services.directory.choices(principal),
    ctx.services.network.agreementMeetingChoices(principal),
  ]);
  return { organizations: choices.organizations.map((o) => ({ id: o.id, name: o.name })), meetings };
}

export async function action({ context, request }: Route.ActionArgs) {
  const ctx = context.get(pageContext);
  const principal = requirePrincipal(ctx);
  const form = await request.formData();
  const result = await formAction(ctx.t, () =>
    ctx.services.network.createAgreement(
      { kind: "user", principal },
      parseInput(createAgreementInput, { kind: formString(form, "kind"), ...agreementFields(form) }),
      ctx.requestId,
    ),
  );
  if ("data" in result) return data(result.data, result.init ?? undefined);
  return redirect(`/staff/network/agreements/${result.value.id}`);
}

export default function AgreementNew({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const fmt = useDateTime();
  return (
    <>
      <p>
        <Link to="/staff/network/agreements">{t("network.agreements_back")}</Link>
      </p>
      <h1>{t("network.agreement_new")}</h1>
      <AgreementForm
        organizations={loaderData.organizations}
        meetings={loaderData.meetings.map((m) => ({
          id: m.id,
          name: `${m.bodyName}: ${m.title} (${fmt(m.startsAt)})`,
        }))}
        errors={actionData && !actionData.ok ? actionData.errors : undefined}
        submit={t("network.agreement_create")}
      />
    </>
  );
}
