import { data, Form, Link } from "react-router";
import { acceptPublicReportInput, rejectPublicReportInput } from "#app/modules/conflicts/contracts.ts";
import { parseInput } from "#app/server/validation.ts";
import { ErrorSummary, formString, Notice, TextField } from "../../../components/form/index.ts";
import { isolate } from "../../../components/offers/format.ts";
import { pageContext } from "../../../context.ts";
import { useT } from "../../../i18n.tsx";
import { formAction, requirePrincipal } from "../../../server/guard.server.ts";
import type { Route } from "./+types/moderation";
import { dateTimeFormat } from "./format.server.ts";

/**
 * The moderation queue of the open public form (issue 20, 1; decision 120): residents' reports,
 * oldest first. The contact point accepts one as a new conflict, merges it into an open conflict
 * it duplicates, or rejects it with a reason. Each report shown is one audited read.
 */
export async function loader({ context }: Route.LoaderArgs) {
  const ctx = context.get(pageContext);
  const items = await ctx.services.conflicts.moderationQueue(requirePrincipal(ctx), ctx.requestId);
  const fmt = dateTimeFormat(ctx.lang);
  return { items: items.map((i) => ({ ...i, receivedText: fmt(i.receivedAt) })) };
}

export async function action({ context, request }: Route.ActionArgs) {
  const ctx = context.get(pageContext);
  const principal = requirePrincipal(ctx);
  const form = await request.formData();
  const s = (k: string) => formString(form, k);
  const id = s("id");
  const version = Number(s("version")) || 0;
  const reject = s("intent") === "reject";
  const r = await formAction(ctx.t, async () =>
    reject
      ? {
          rejected: await ctx.services.conflicts.rejectPublic(
            principal,
            id,
            parseInput(rejectPublicReportInput, { version, reason: s("reason") }),
            ctx.requestId,
          ),
        }
      : {
          accepted: await ctx.services.conflicts.acceptPublic(
            principal,
            id,
            parseInput(acceptPublicReportInput, { version, intoId: s("intoId") }),
            ctx.requestId,
          ),
        },
  );
  if ("data" in r)
    return data({ ok: false as const, id, errors: r.data.errors, accepted: null }, r.init ?? { status: 422 });
  const accepted = "accepted" in r.value ? r.value.accepted : null;
  return {
    ok: true as const,
    id,
    errors: undefined,
    accepted: accepted ? { id: accepted.mergedIntoId ?? accepted.id, reference: accepted.reference } : null,
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
              <dt>{t("conflicts.col_area")}</dt>
              <dd>
                {r.areaName ? <bdi>{r.areaName}</bdi> : "—"}
                {r.place ? (
                  <>
                    {" · "}
                    <bdi>{r.place}</bdi>
                  </>
                ) : null}
              </dd>
              <dt>{t("conflicts.kind")}</dt>
              <dd>{t(`conflicts.kind_${r.kind}`)}</dd>
              <dt>{t("conflicts.urgency")}</dt>
              <dd>{t(`conflicts.urgency_${r.urgency}`)}</dd>
              <dt>{t("conflicts.parties_label")}</dt>
              <dd>{r.parties.length ? r.parties.map(isolate).join(", ") : "—"}</dd>
              <dt>{t("conflicts.moderation_email")}</dt>
              <dd>{r.hasEmail ? t("conflicts.moderation_email_yes") : t("conflicts.moderation_email_no")}</dd>
            </dl>
            <h3>{t("conflicts.description_label")}</h3>
            <p className="prewrap" dir="auto">
              {r.description}
            </p>
            {r.tried ? (
              <>
                <h3>{t("conflicts.tried_label")}</h3>
                <p className="prewrap" dir="auto">
                  {r.tried}
                </p>
              </>
            ) : null}
            {r.protectedDetails ? (
              <>
                <h3>{t("conflicts.protected")}</h3>
                <p className="prewrap" dir="auto">
                  {r.protectedDetails}
                </p>
              </>
            ) : null}
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
          </section>
        );
      })}
    </>
  );
}
