import { Form, Link } from "react-router";
import { writeNarrativeInput } from "#app/modules/strategy/rounds.contracts.ts";
import { parseInput } from "#app/server/validation.ts";
import { ErrorSummary, formString, Notice, TextField } from "../../../components/form/index.ts";
import { pageContext } from "../../../context.ts";
import { useT } from "../../../i18n.tsx";
import { formAction, requirePrincipal } from "../../../server/guard.server.ts";
import type { Route } from "./+types/narrative";

export async function loader({ context, params }: Route.LoaderArgs) {
  const ctx = context.get(pageContext);
  const principal = requirePrincipal(ctx);
  return { narrative: await ctx.services.strategy.narrative(principal, ctx.tenant.id, params.id) };
}

export async function action({ context, request, params }: Route.ActionArgs) {
  const ctx = context.get(pageContext);
  const principal = requirePrincipal(ctx);
  const form = await request.formData();
  const text = formString(form, "text");
  const result = await formAction(ctx.t, () =>
    ctx.services.strategy.writeNarrative(
      principal,
      ctx.tenant.id,
      params.id,
      parseInput(writeNarrativeInput, {
        text,
        submit: formString(form, "submit") === "1",
        version: Number(formString(form, "version")),
      }),
      ctx.requestId,
    ),
  );
  // On a version conflict the form reloads with the other editor's saved text beside the message.
  if ("data" in result) return result;
  return { ok: true as const, status: result.value.status };
}

/** Writing one node's narrative (decision 098): save a draft or hand it in for the coordinator's review. */
export default function StrategyNarrative({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const n = loaderData.narrative;
  const errors = actionData && "errors" in actionData ? actionData.errors : undefined;
  return (
    <>
      <p>
        <Link to="/staff/strategy/narratives">{t("strategy.narratives_title")}</Link>
      </p>
      <h1>{t("strategy.narrative_title", { node: n.nodeTitle, year: n.year })}</h1>
      <p>
        {t("strategy.narrative_due", { deadline: n.deadline })} · {t(`strategy.narrative_status_${n.status}`)}
      </p>
      {n.reviewNote ? (
        <Notice kind="info">{t("strategy.narrative_note", { note: n.reviewNote })}</Notice>
      ) : null}
      {actionData && "ok" in actionData && actionData.ok ? (
        <Notice kind="success">{t(`strategy.narrative_saved_${actionData.status}`)}</Notice>
      ) : null}
      <ErrorSummary errors={errors} />
      {n.writable ? (
        <Form method="post" className="stack" noValidate key={n.version}>
          <input type="hidden" name="version" value={n.version} />
          <TextField
            name="text"
            multiline
            rows={12}
            label={t("strategy.narrative_text")}
            hint={t("strategy.narrative_text_hint")}
            defaultValue={n.text ?? ""}
            errors={errors}
          />
          <p>
            <button type="submit" name="submit" value="0">
              {t("strategy.narrative_save")}
            </button>{" "}
            <button type="submit" name="submit" value="1">
              {t("strategy.narrative_submit")}
            </button>
          </p>
        </Form>
      ) : n.text ? (
        <blockquote dir="auto">{n.text}</blockquote>
      ) : (
        <p>{t("strategy.narrative_empty")}</p>
      )}
    </>
  );
}
