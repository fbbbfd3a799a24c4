import { data, Form, Link } from "react-router";
import {
  acceptPublicReportInput,
  erasePublicReportInput,
  rejectPublicReportInput,
} from "#app/modules/conflicts/contracts.ts";
import { parseInput } from "#app/server/validation.ts";
import {
  ConflictNarrative,
  ConflictParties,
  ConflictWhereRows,
} from "../../../components/conflict-description.tsx";
import { ErrorSummary, formString, Notice, TextField } from "../../../components/form/index.ts";
import { pageContext } from "../../../context.ts";
import { useT } from "../../../i18n.tsx";
import { formAction, requirePrincipal } from "../../../server/guard.server.ts";
import type { Route } from "./+types/moderation";
import { dateTimeFormat, dayFormat } from "./format.server.ts";

/**
 * The moderation queue of the open public form (issue 20, 1; decision 120): residents' reports,
 * oldest first. The contact point accepts one as a new conflict, merges it into an open conflict
 * it duplicates, or rejects it with a reason; on the reporter's request it erases one (decision
 * 129). Each report shows the day it is erased if nobody moderates it. Each report shown is one
 * audited read.
 */
export async function loader({ context }: Route.LoaderArgs) {
  const ctx = context.get(pageContext);
  const items = await ctx.services.conflicts.moderationQueue(requirePrincipal(ctx), ctx.requestId);
  const fmt = dateTimeFormat(ctx.lang);
  const day = dayFormat(ctx.lang);
  return {
    items: items.map((i) => ({ ...i, receivedText: fmt(i.receivedAt), eraseText: day(i.eraseOn) })),
  };
}

export async function action({ context, request }: Route.ActionArgs) {
  const ctx = context.get(pageContext);
  const principal = requirePrincipal(ctx);
  const form = await request.formData();
  const s = (k: string) => formString(form, k);
  const id = s("id");
  const version = Number(s("version")) || 0;
  const intent = s("intent");
  const svc = ctx.services.conflicts;
  const r = await formAction(ctx.t, async () => {
    if (intent === "erase")
      return {
        erased: await svc.erasePublic(
          principal,
          id,
          parseInput(erasePublicReportInput, { version, reason: s("eraseReason") }),
          ctx.requestId,
        ),
      };
    if (intent === "reject")
      return {
        rejected: await svc.rejectPublic(
          principal,
          id,
          parseInput(rejectPublicReportInput, { version, reason: s("reason") }),
          ctx.requestId,
        ),
      };
    return {
      accepted: await svc.acceptPublic(
        principal,
        id,
        parseInput(acceptPublicReportInput, { version, intoId: s("intoId") }),
        ctx.requestId,
      ),
    };
  });
  if ("data" in r) {
    // The erase form's field has its own name beside the rejection's reason.
    const { reason, ...fields } = r.data.errors.fields;
    const errors =
      intent === "erase" && reason
        ? { ...r.data.errors, fields: { ...fields, eraseReason: reason } }
        : r.data.errors;
    return data({ ok: false as const, id, errors, accepted: null, erased: null }, r.init ?? { status: 422 });
  }
  const accepted = "accepted" in r.value ? r.value.accepted : null;
  return {
    ok: true as const,
    id,
    errors: undefined,
    accepted: accepted ? { id: accepted.mergedIntoId ?? accepted.id, reference: accepted.reference } : null,
    erased: "erased" in r.value ? (r.value.erased?.reference ?? null) : null,
  };
}

export default function Moderation({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const { items } = loaderData;
  return (
    <>
      <p>
        <Link to="/staff/conflicts">{t("conflicts.title")}</Link>
      </p>
      <h1>{t("conflicts.moderation_title")}</h1>
      <p>{t("conflicts.moderation_intro")}</p>
      {actionData?.ok ? (
        <Notice kind="success">
          {actionData.accepted ? (
            <Link to={`/staff/conflicts/${actionData.accepted.id}`}>
              {t("conflicts.moderation_accepted", { reference: actionData.accepted.reference })}
            </Link>
          ) : actionData.erased ? (
            t("conflicts.moderation_erased", { reference: actionData.erased })
          ) : (
            t("conflicts.moderation_rejected")
          )}
        </Notice>
      ) : null}
      {items.length === 0 ? <p>{t("conflicts.moderation_none")}</p> : null}
      {items.map((r) => {
        const errors = actionData && !actionData.ok && actionData.id === r.id ? actionData.errors : undefined;
        const hidden = (
          <>
            <input type="hidden" name="id" value={r.id} />
            <input type="hidden" name="version" value={r.version} />
          </>
        );
        return (
          <section key={r.id} aria-labelledby={`r-${r.id}`}>
            <h2 id={`r-${r.id}`}>{t("conflicts.detail_title", { reference: r.reference })}</h2>
            <ErrorSummary errors={errors} />
            <dl className="facts">
              <dt>{t("conflicts.moderation_received")}</dt>
              <dd>{r.receivedText}</dd>
              <ConflictWhereRows areaName={r.areaName} place={r.place} kind={r.kind} />
              <dt>{t("conflicts.urgency")}</dt>
              <dd>{t(`conflicts.urgency_${r.urgency}`)}</dd>
              <dt>{t("conflicts.parties_label")}</dt>
              <dd>
                <ConflictParties parties={r.parties} />
              </dd>
              <dt>{t("conflicts.moderation_erase_on")}</dt>
              <dd>{r.eraseText}</dd>
              <dt>{t("conflicts.moderation_email")}</dt>
              <dd>{r.hasEmail ? t("conflicts.moderation_email_yes") : t("conflicts.moderation_email_no")}</dd>
            </dl>
            <ConflictNarrative
              description={r.description}
              tried={r.tried}
              protectedDetails={r.protectedDetails}
              level={3}
            />
            <div className="actions">
              <Form method="post">
                {hidden}
                <button type="submit">{t("conflicts.moderation_accept")}</button>
              </Form>
              {r.duplicates.map((d) => (
                <Form method="post" key={d.id}>
                  {hidden}
                  <input type="hidden" name="intoId" value={d.id} />
                  <button type="submit" className="button-secondary">
                    {t("conflicts.moderation_merge", { reference: d.reference })}
                  </button>
                </Form>
              ))}
            </div>
            <Form method="post" className="stack" noValidate>
              {hidden}
              <input type="hidden" name="intent" value="reject" />
              <TextField
                name="reason"
                multiline
                rows={2}
                required
                maxLength={1000}
                label={t("conflicts.moderation_reason")}
                hint={t("conflicts.moderation_reason_hint")}
                id={`reject-${r.id}`}
                errors={errors}
              />
              <p>
                <button type="submit" className="button-secondary">
                  {t("conflicts.moderation_reject")}
                </button>
              </p>
            </Form>
            <Form method="post" className="stack" noValidate>
              {hidden}
              <input type="hidden" name="intent" value="erase" />
              <TextField
                name="eraseReason"
                required
                maxLength={300}
                label={t("conflicts.moderation_erase_reason")}
                hint={t("conflicts.moderation_erase_hint")}
                id={`erase-${r.id}`}
                errors={errors}
              />
              <p>
                <button type="submit" className="button-secondary">
                  {t("conflicts.moderation_erase")}
                </button>
              </p>
            </Form>
          </section>
        );
      })}
    </>
  );
}
