import { data, Link } from "react-router";
import { closeCrisisInput, crisisNoteInput } from "#app/modules/conflicts/crisis-contracts.ts";
import { crisisTypeName } from "#app/modules/conflicts/model.ts";
import { can } from "#app/server/policy/policy.ts";
import { parseInput } from "#app/server/validation.ts";
import { formString, Notice } from "../../../components/form/index.ts";
import { pageContext } from "../../../context.ts";
import { useT } from "../../../i18n.tsx";
import { formAction, requirePage, requirePrincipal } from "../../../server/guard.server.ts";
import type { Route } from "./+types/crisis";
import { CrisisChain, CrisisChecklist, CrisisClose, CrisisLog, CrisisStatements } from "./crisis-parts.tsx";
import { dateTimeFormat } from "./format.server.ts";
import { formRows } from "./plan-form.ts";

/** One crisis or drill: the chain's state, the live checklist, the log and the debrief (decision 072). */
export async function loader({ context, params }: Route.LoaderArgs) {
  const ctx = context.get(pageContext);
  const principal = requirePrincipal(ctx);
  const c = await ctx.services.conflicts.crisis(principal, params.id, ctx.requestId);
  const fmt = dateTimeFormat(ctx.lang);
  return {
    crisis: {
      ...c,
      activatedText: fmt(c.activatedAt),
      chain: c.chain.map((x) => ({
        ...x,
        alertedText: fmt(x.alertedAt),
        acknowledgedText: fmt(x.acknowledgedAt),
      })),
      checks: c.checks.map((x) => ({ ...x, doneText: fmt(x.doneAt) })),
      log: c.log.map((x) => ({ ...x, atText: fmt(x.at) })),
    },
    canClose: can(principal, "conflicts.crisis_activate"),
  };
}

const INTENTS = ["tick", "note", "close"] as const;

export async function action({ context, params, request }: Route.ActionArgs) {
  const ctx = context.get(pageContext);
  const form = await request.formData();
  const s = (k: string) => formString(form, k);
  const intent = INTENTS.find((i) => i === s("intent")) ?? "note";
  const svc = ctx.services.conflicts;
  const close = {
    version: Number(s("version")) || 0,
    worked: s("worked"),
    change: s("change"),
    measures: formRows(form, "measures", ["title", "responsible"] as const, 10),
  };
  const r = await formAction(ctx.t, async () => {
    if (intent === "tick") {
      const principal = requirePrincipal(ctx);
      return svc.tickCrisisStep(principal, params.id, Number(s("position")) || 0, ctx.requestId);
    }
    if (intent === "close") {
      const principal = requirePage(ctx, "conflicts.crisis_activate");
      return svc.closeCrisis(principal, params.id, parseInput(closeCrisisInput, close), ctx.requestId);
    }
    const principal = requirePrincipal(ctx);
    return svc.noteCrisis(
      principal,
      params.id,
      parseInput(crisisNoteInput, { text: s("text") }),
      ctx.requestId,
    );
  });
  if ("data" in r)
    return data({ ok: false as const, intent, errors: r.data.errors, close }, r.init ?? undefined);
  return { ok: true as const, intent, errors: undefined, close: undefined };
}

export default function Crisis({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const c = loaderData.crisis;
  const errorsFor = (intent: string) => (actionData?.intent === intent ? actionData.errors : undefined);
  const kind = t(c.drill ? "conflicts.crisis_kind_drill" : "conflicts.crisis_kind_real");
  return (
    <>
      <p>
        <Link to="/staff/conflicts/crises">{t("conflicts.crises_title")}</Link>
      </p>
      <h1 dir="auto">{t("conflicts.crisis_heading", { kind, type: crisisTypeName(t, c.type) })}</h1>
      {c.drill ? <Notice kind="info">{t("conflicts.crisis_drill_notice")}</Notice> : null}
      {actionData?.ok ? <Notice kind="success">{t("conflicts.saved")}</Notice> : null}
      <p>
        {t(`conflicts.crisis_state_${c.state}`)} ·{" "}
        {t("conflicts.crisis_meta", {
          date: c.activatedText ?? "",
          by: c.activatedBy ?? "—",
          version: c.planVersion,
          minutes: c.escalateMinutes,
        })}
      </p>
      <CrisisChain chain={c.chain} />
      <CrisisChecklist checks={c.checks} active={c.state === "active"} errors={errorsFor("tick")} />
      <CrisisLog log={c.log} active={c.state === "active"} errors={errorsFor("note")} />
      <CrisisStatements statements={c.statements} />
      {c.debrief ? (
        <section aria-labelledby="crisis-debrief">
          <h2 id="crisis-debrief">{t("conflicts.crisis_debrief")}</h2>
          <dl>
            <dt>{t("conflicts.crisis_worked")}</dt>
            <dd dir="auto">{c.debrief.worked}</dd>
            <dt>{t("conflicts.crisis_change")}</dt>
            <dd dir="auto">{c.debrief.change}</dd>
          </dl>
        </section>
      ) : null}
      {c.state === "active" && loaderData.canClose ? (
        <CrisisClose version={c.version} values={actionData?.close} errors={errorsFor("close")} />
      ) : null}
    </>
  );
}
