import { data, Form, Link } from "react-router";
import {
  agreementStateInput,
  commitmentInput,
  commitmentStatusInput,
  publishAgreementInput,
  signatoryInput,
  updateAgreementInput,
} from "#app/modules/network/agreements.contracts.ts";
import {
  AGREEMENT_STATES,
  agreementEditable,
  canMoveAgreement,
} from "#app/modules/network/agreements.model.ts";
import { isUuid } from "#app/server/db/ids.ts";
import { AppError } from "#app/server/errors.ts";
import { can } from "#app/server/policy/policy.ts";
import { parseInput } from "#app/server/validation.ts";
import {
  DateField,
  ErrorSummary,
  formString,
  Notice,
  Select,
  TextField,
} from "../../../components/form/index.ts";
import { AgreementCommitments } from "../../../components/network/agreement-commitments.tsx";
import { AgreementForm, agreementFields } from "../../../components/network/agreement-form.tsx";
import { pageContext } from "../../../context.ts";
import { useT } from "../../../i18n.tsx";
import { formAction, requirePage, requirePrincipal } from "../../../server/guard.server.ts";
import type { Route } from "./+types/agreement";
import { useDateTime } from "./format.ts";

export async function loader({ context, params }: Route.LoaderArgs) {
  const ctx = context.get(pageContext);
  const principal = requirePrincipal(ctx);
  if (!isUuid(params.id)) throw data(null, { status: 404 });
  const agreement = await ctx.services.network.getAgreement(principal, params.id).catch((e: unknown) => {
    if (e instanceof AppError && e.status === 404) throw data(null, { status: 404 });
    throw e;
  });
  const canManage = can(principal, "network.manage");
  const [choices, meetings] = await Promise.all([
    ctx.services.directory.choices(principal),
    canManage ? ctx.services.network.agreementMeetingChoices(principal) : Promise.resolve([]),
  ]);
  return {
    agreement,
    canManage,
    organizations: choices.organizations.map((o) => ({ id: o.id, name: o.name })),
    meetings,
  };
}

/** One form per step; each names its intent and the version it read (409 when someone saved first). */
function run(
  ctx: Parameters<typeof requirePrincipal>[0],
  id: string,
  form: FormData,
  intent: string,
): Promise<unknown> {
  const actor = { kind: "user" as const, principal: requirePage(ctx, "network.manage") };
  const s = ctx.services.network;
  const version = formString(form, "version");
  switch (intent) {
    case "edit":
      return s.updateAgreement(
        actor,
        id,
        parseInput(updateAgreementInput, { version, ...agreementFields(form) }),
        ctx.requestId,
      );
    case "state":
      return s.moveAgreement(
        actor,
        id,
        parseInput(agreementStateInput, {
          version,
          state: formString(form, "state"),
          reviewDate: formString(form, "reviewDate"),
        }),
        ctx.requestId,
      );
    case "publish":
      return s.publishAgreement(
        actor,
        id,
        parseInput(publishAgreementInput, { version, published: formString(form, "published") === "true" }),
        ctx.requestId,
      );
    case "commitment":
      return s.addCommitment(
        actor,
        id,
        parseInput(commitmentInput, {
          partyId: formString(form, "partyId"),
          text: formString(form, "text"),
          owner: formString(form, "owner"),
          dueDate: formString(form, "dueDate"),
        }),
        ctx.requestId,
      );
    case "commitment_status":
      return s.setCommitmentStatus(
        actor,
        id,
        formString(form, "commitmentId"),
        parseInput(commitmentStatusInput, { version, status: formString(form, "status") }),
        ctx.requestId,
      );
    default:
      return s.addSignatory(
        actor,
        id,
        parseInput(signatoryInput, {
          organizationId: formString(form, "organizationId"),
          name: formString(form, "name"),
          function: formString(form, "function"),
          signedOn: formString(form, "signedOn"),
        }),
        ctx.requestId,
      );
  }
}

export async function action({ context, params, request }: Route.ActionArgs) {
  const ctx = context.get(pageContext);
  requirePrincipal(ctx);
  if (!isUuid(params.id)) throw data(null, { status: 404 });
  const form = await request.formData();
  const intent = formString(form, "intent");
  const result = await formAction(ctx.t, () => run(ctx, params.id, form, intent));
  if ("data" in result) return data({ ...result.data, intent }, result.init ?? undefined);
  return { ok: true as const, intent };
}

export default function Agreement({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const fmt = useDateTime();
  const { agreement: a, canManage, organizations } = loaderData;
  const errorsFor = (intent: string) =>
    actionData && !actionData.ok && actionData.intent === intent ? actionData.errors : undefined;
  const orgName = new Map(organizations.map((o) => [o.id, o.name]));
  const next = AGREEMENT_STATES.filter((s) => canMoveAgreement(a.state, s));
  const v = <input type="hidden" name="version" value={a.version} />;
  return (
    <>
      <p>
        <Link to="/staff/network/agreements">{t("network.agreements_back")}</Link>
      </p>
      <h1>{a.title}</h1>
      {actionData?.ok ? <Notice kind="success">{t("network.saved")}</Notice> : null}
      <dl className="facts">
        <dt>{t("network.agreement_kind")}</dt>
        <dd>{t(`network.agreement_kind_${a.kind}`)}</dd>
        <dt>{t("network.status")}</dt>
        <dd>
          {t(`network.agreement_state_${a.state}`)}
          {a.published ? ` · ${t("network.agreement_published")}` : ""}
        </dd>
        <dt>{t("network.agreement_subject")}</dt>
        <dd>{a.subject}</dd>
        <dt>{t("network.agreement_parties")}</dt>
        <dd>{a.parties.map((id) => orgName.get(id) ?? "—").join(", ") || "—"}</dd>
        <dt>{t("network.agreement_start")}</dt>
        <dd>{a.startDate ?? "—"}</dd>
        <dt>{t("network.agreement_review")}</dt>
        <dd>
          {a.reviewDate ?? "—"}
          {a.reviewSoon ? ` · ${t("network.agreement_review_soon")}` : ""}
        </dd>
      </dl>
      {a.text ? <p className="network-text">{a.text}</p> : null}
      <p>
        {a.pdf ? (
          <a href={`/api/v1/network/agreements/${a.id}/pdf`} download>
            {t("network.agreement_pdf_download", { version: a.pdf.version })}
          </a>
        ) : null}
        {a.pdf === null || a.pdf.version < a.version ? ` ${t("network.agreement_pdf_pending")}` : null}
      </p>

      <AgreementCommitments agreement={a} orgName={orgName} canManage={canManage} errors={errorsFor} />

      <section aria-labelledby="signatories">
        <h2 id="signatories">{t("network.signatories")}</h2>
        {a.signatories.length === 0 ? (
          <p>{t("network.signatories_none")}</p>
        ) : (
          <ul>
            {a.signatories.map((s) => (
              <li key={s.id}>
                {[s.organizationId ? (orgName.get(s.organizationId) ?? "—") : null, s.name, s.function]
                  .filter(Boolean)
                  .join(", ")}{" "}
                · {s.signedOn}
              </li>
            ))}
          </ul>
        )}
        {canManage && a.state !== "ended" ? (
          <Form method="post" className="stack" noValidate key={`s-${a.signatories.length}`}>
            <h3>{t("network.signatory_add")}</h3>
            <ErrorSummary errors={errorsFor("signatory")} />
            <input type="hidden" name="intent" value="signatory" />
            <Select
              name="organizationId"
              label={t("network.signatory_organization")}
              empty={t("network.none")}
              options={organizations.map((o) => ({ value: o.id, label: o.name }))}
              errors={errorsFor("signatory")}
            />
            {a.kind === "agreement" ? (
              <>
                <TextField
                  name="name"
                  label={t("network.signatory_name")}
                  maxLength={200}
                  errors={errorsFor("signatory")}
                />
                <TextField
                  name="function"
                  label={t("network.signatory_function")}
                  maxLength={200}
                  errors={errorsFor("signatory")}
                />
              </>
            ) : null}
            <DateField
              name="signedOn"
              label={t("network.signatory_signed_on")}
              required
              errors={errorsFor("signatory")}
            />
            <p>
              <button type="submit">{t("network.signatory_add")}</button>
            </p>
          </Form>
        ) : null}
      </section>

      {canManage && next.length ? (
        <section aria-labelledby="agreement-state">
          <h2 id="agreement-state">{t("network.agreement_next_step")}</h2>
          <ErrorSummary errors={errorsFor("state")} />
          {next.map((state) => (
            <Form method="post" className="stack" noValidate key={`${state}-${a.version}`}>
              <input type="hidden" name="intent" value="state" />
              <input type="hidden" name="state" value={state} />
              {v}
              {state === "renewed" ? (
                <DateField
                  name="reviewDate"
                  id="f-renew-reviewDate"
                  label={t("network.agreement_next_review")}
                  required
                  errors={errorsFor("state")}
                />
              ) : null}
              <p>
                <button type="submit">{t(`network.agreement_to_${state}`)}</button>
              </p>
            </Form>
          ))}
        </section>
      ) : null}

      {canManage && a.kind === "declaration" && a.state !== "draft" ? (
        <Form method="post" key={`p-${a.version}`}>
          <ErrorSummary errors={errorsFor("publish")} />
          <input type="hidden" name="intent" value="publish" />
          <input type="hidden" name="published" value={a.published ? "false" : "true"} />
          {v}
          <button type="submit">
            {t(a.published ? "network.agreement_unpublish" : "network.agreement_publish")}
          </button>
        </Form>
      ) : null}

      {canManage && agreementEditable(a.state) ? (
        <section aria-labelledby="agreement-edit">
          <h2 id="agreement-edit">{t("network.agreement_edit")}</h2>
          <AgreementForm
            agreement={a}
            organizations={organizations}
            meetings={loaderData.meetings.map((m) => ({
              id: m.id,
              name: `${m.bodyName}: ${m.title} (${fmt(m.startsAt)})`,
            }))}
            errors={errorsFor("edit")}
            submit={t("network.save")}
          />
        </section>
      ) : null}
    </>
  );
}
