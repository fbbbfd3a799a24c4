import { data, Form, Link } from "react-router";
import { closeRoundInput, reviewNarrativeInput } from "#app/modules/strategy/rounds.contracts.ts";
import { can } from "#app/server/policy/policy.ts";
import { parseInput } from "#app/server/validation.ts";
import { ErrorSummary, formString, Notice, TextField } from "../../../components/form/index.ts";
import { pageContext } from "../../../context.ts";
import { useT } from "../../../i18n.tsx";
import { formAction, requirePage, requirePrincipal } from "../../../server/guard.server.ts";
import type { Route } from "./+types/round";

export async function loader({ context, params }: Route.LoaderArgs) {
  const ctx = context.get(pageContext);
  const principal = requirePrincipal(ctx);
  const detail = await ctx.services.strategy.round(principal, ctx.tenant.id, params.id);
  return { ...detail, canApprove: can(principal, "strategy.approve") };
}

export async function action({ context, request, params }: Route.ActionArgs) {
  const ctx = context.get(pageContext);
  const form = await request.formData();
  const intent = formString(form, "intent");
  if (intent === "close") {
    const principal = requirePrincipal(ctx);
    const result = await formAction(ctx.t, () =>
      ctx.services.strategy.closeRound(
        principal,
        ctx.tenant.id,
        params.id,
        parseInput(closeRoundInput, { version: Number(formString(form, "version")) }),
      ),
    );
    if ("data" in result) return data({ ...result.data, target: "close" }, result.init ?? undefined);
    return { ok: true as const, target: "close" };
  }
  const principal = requirePage(ctx, "strategy.approve");
  const narrativeId = formString(form, "narrativeId");
  const result = await formAction(ctx.t, () =>
    ctx.services.strategy.reviewNarrative(
      principal,
      ctx.tenant.id,
      narrativeId,
      parseInput(reviewNarrativeInput, {
        decision: formString(form, "decision"),
        note: formString(form, "note"),
        version: Number(formString(form, "version")),
      }),
      ctx.requestId,
    ),
  );
  if ("data" in result) return data({ ...result.data, target: narrativeId }, result.init ?? undefined);
  return { ok: true as const, target: narrativeId };
}

/** One report round (decision 098): every narrative with its people and status; review; close. */
export default function StrategyRound({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const { round, narratives } = loaderData;
  const errorsOf = (target: string) =>
    actionData && "errors" in actionData && actionData.target === target ? actionData.errors : undefined;
  const saved = actionData && "ok" in actionData && actionData.ok;
  return (
    <>
      <p>
        <Link to="/staff/strategy/rounds">{t("strategy.rounds_title")}</Link>
      </p>
      <h1>{t("strategy.round_title", { year: round.year })}</h1>
      <p>
        {t("strategy.round_summary", {
          deadline: round.deadline,
          status: t(`strategy.round_status_${round.status}`),
          approved: round.counts.approved,
          total: round.counts.total,
        })}
      </p>
      {saved ? <Notice kind="success">{t("strategy.saved")}</Notice> : null}
      {narratives.map((n) => (
        <section key={n.id} aria-labelledby={`n-${n.id}`}>
          <h2 id={`n-${n.id}`}>{n.nodeTitle}</h2>
          <p>
            {t("strategy.narrative_people", { people: n.responsible.join(", ") })} ·{" "}
            {t(`strategy.narrative_status_${n.status}`)}
          </p>
          {n.text ? <blockquote dir="auto">{n.text}</blockquote> : <p>{t("strategy.narrative_empty")}</p>}
          {n.reviewNote ? <p>{t("strategy.narrative_note", { note: n.reviewNote })}</p> : null}
          {loaderData.canApprove && n.status === "submitted" && round.status === "open" ? (
            <>
              <ErrorSummary errors={errorsOf(n.id)} />
              <Form method="post" className="stack" noValidate>
                <input type="hidden" name="intent" value="review" />
                <input type="hidden" name="narrativeId" value={n.id} />
                <input type="hidden" name="version" value={n.version} />
                <TextField
                  name="note"
                  multiline
                  label={t("strategy.narrative_review_note")}
                  hint={t("strategy.narrative_review_note_hint")}
                  errors={errorsOf(n.id)}
                />
                <p>
                  <button type="submit" name="decision" value="approve">
                    {t("strategy.narrative_approve")}
                  </button>{" "}
                  <button type="submit" name="decision" value="changes">
                    {t("strategy.narrative_ask_changes")}
                  </button>
                </p>
              </Form>
            </>
          ) : null}
        </section>
      ))}
      {round.status === "open" ? (
        <section aria-labelledby="close-title">
          <h2 id="close-title">{t("strategy.round_close")}</h2>
          <p>{t("strategy.round_close_hint")}</p>
          <ErrorSummary errors={errorsOf("close")} />
          <Form method="post" noValidate>
            <input type="hidden" name="intent" value="close" />
            <input type="hidden" name="version" value={round.version} />
            <button type="submit">{t("strategy.round_close")}</button>
          </Form>
        </section>
      ) : null}
    </>
  );
}
