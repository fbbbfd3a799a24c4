import { data, Link } from "react-router";
import type { CriterionView } from "#app/modules/accommodation/contracts.ts";
import {
  adoptWeightsInput,
  type DialogueFormView,
  linkDialogueInput,
  type PairwiseView,
  pairwiseInput,
  type WeightsView,
} from "#app/modules/accommodation/weights.contracts.ts";
import { can } from "#app/server/policy/policy.ts";
import { parseInput } from "#app/server/validation.ts";
import { AdoptForm, LinkDialogueForm } from "../../../components/accommodation-sites/dialogue-forms.tsx";
import { PairwiseForm, parseJudgement } from "../../../components/accommodation-sites/pairwise-form.tsx";
import { Notice } from "../../../components/form/index.ts";
import { pageContext } from "../../../context.ts";
import { useT } from "../../../i18n.tsx";
import { type FormErrors, formAction, requirePage, requirePrincipal } from "../../../server/guard.server.ts";
import type { Route } from "./+types/weights";

export async function loader({ context }: Route.LoaderArgs) {
  const ctx = context.get(pageContext);
  const principal = requirePrincipal(ctx);
  const actor = { kind: "user" as const, principal };
  const svc = ctx.services.accommodation;
  const canManage = can(principal, "accommodation.sites.manage");
  const [view, criteria, forms] = await Promise.all([
    svc.weights.view(actor, ctx.lang),
    svc.listCriteria(actor),
    canManage ? svc.weights.forms(actor, ctx.lang) : [],
  ]);
  return { view, criteria, forms, canManage };
}

type Intent = "link" | "adopt" | "pairwise";
type ActionResult =
  | { ok: true; intent: Intent; pairwise?: PairwiseView; posted?: Record<string, string> }
  | { ok: false; intent: Intent; errors: FormErrors; posted?: Record<string, string> };

/** The pairwise form's posted judgements, as the contract reads them (decision 130). */
function pairwiseFields(form: FormData) {
  const posted: Record<string, string> = {};
  for (const [k, v] of form.entries())
    if (k.startsWith("comparisons.") && typeof v === "string") posted[k] = v;
  const rows = Object.keys(posted).filter((k) => /^comparisons\.\d+$/.test(k));
  const basis = form.get("basis");
  const input = {
    comparisons: rows.map((k) => ({
      a: posted[`${k}.a`],
      b: posted[`${k}.b`],
      ...parseJudgement(posted[k]!),
    })),
    adopt: form.get("step") === "adopt",
    basis: typeof basis === "string" && basis !== "" ? Number(basis) : null,
  };
  return { input, posted };
}

export async function action({ request, context }: Route.ActionArgs) {
  const ctx = context.get(pageContext);
  const principal = requirePage(ctx, "accommodation.sites.manage");
  const actor = { kind: "user" as const, principal };
  const form = await request.formData();
  const str = (k: string) => {
    const v = form.get(k);
    return typeof v === "string" ? v : "";
  };
  const intent: Intent =
    str("intent") === "adopt" || str("intent") === "pairwise" ? (str("intent") as Intent) : "link";
  const svc = ctx.services.accommodation.weights;
  if (intent === "pairwise") {
    const { input, posted } = pairwiseFields(form);
    const r = await formAction(ctx.t, () =>
      svc.pairwise(actor, parseInput(pairwiseInput, input), { requestId: ctx.requestId }),
    );
    if (!("data" in r)) return { ok: true, intent, pairwise: r.value, posted } satisfies ActionResult;
    return data({ ...r.data, intent, posted } satisfies ActionResult, r.init ?? undefined);
  }
  const prefixed = (prefix: string) =>
    [...form.keys()]
      .filter((k) => k.startsWith(prefix))
      .map((k) => [k.slice(prefix.length), str(k)] as const);
  const version = str("version") === "" ? null : Number(str("version"));
  const result = await formAction(ctx.t, async () => {
    if (intent === "adopt")
      return svc.adopt(
        actor,
        parseInput(adoptWeightsInput, {
          version,
          weights: Object.fromEntries(prefixed("weights.").map(([k, v]) => [k, Number(v)])),
        }),
        { requestId: ctx.requestId },
      );
    const current = await svc.view(actor, ctx.lang);
    // A newly chosen form has other questions: its mapping starts empty.
    const sameForm = current.dialogue?.formId === str("formId");
    return svc.link(
      actor,
      parseInput(linkDialogueInput, {
        formId: str("formId"),
        method: str("method"),
        mapping: sameForm ? Object.fromEntries(prefixed("mapping.").filter(([, v]) => v !== "")) : {},
        version,
      }),
      { requestId: ctx.requestId },
    );
  });
  if (!("data" in result)) return { ok: true, intent } satisfies ActionResult;
  return data({ ...result.data, intent } satisfies ActionResult, result.init ?? undefined);
}

const num = (v: number | null | undefined, digits = 2) =>
  v === null || v === undefined ? "–" : v.toLocaleString("de-DE", { maximumFractionDigits: digits });

export default function Weights({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const { view, criteria, forms, canManage } = loaderData as {
    view: WeightsView;
    criteria: CriterionView[];
    forms: DialogueFormView[];
    canManage: boolean;
  };
  const result = actionData as ActionResult | undefined;
  const errorsFor = (intent: Intent) =>
    result && !result.ok && result.intent === intent ? result.errors : undefined;
  const name = new Map(criteria.map((c) => [c.id, c.name]));
  const question = new Map((view.dialogue?.questions ?? []).map((q) => [q.name, q.label]));
  const d = view.derived;
  return (
    <>
      <p>
        <Link to="/staff/accommodation">{t("accommodation.back")}</Link>
      </p>
      <h1>{t("accommodation.dialogue_title")}</h1>
      <p>{t("accommodation.dialogue_intro")}</p>
      {result?.ok && result.intent !== "pairwise" && (
        <Notice kind="success">
          {t(result.intent === "adopt" ? "accommodation.dialogue_adopted" : "accommodation.dialogue_linked")}
        </Notice>
      )}

      <h2 id="derived">{t("accommodation.dialogue_derived_title")}</h2>
      {!view.dialogue || !d ? (
        <p>{t("accommodation.dialogue_none")}</p>
      ) : (
        <>
          <p>
            {t("accommodation.dialogue_source", {
              form: view.dialogue.formTitle,
              method: t(`accommodation.dialogue_method_${view.dialogue.method}`),
            })}
          </p>
          <table>
            <caption>{t("accommodation.dialogue_derived_caption", { min: d.minCount })}</caption>
            <thead>
              <tr>
                <th scope="col">{t("accommodation.criterion_name")}</th>
                <th scope="col">{t("accommodation.dialogue_question")}</th>
                <th scope="col">{t("accommodation.dialogue_answers")}</th>
                <th scope="col">{t("accommodation.dialogue_q1")}</th>
                <th scope="col">{t("accommodation.dialogue_median")}</th>
                <th scope="col">{t("accommodation.dialogue_q3")}</th>
                <th scope="col">{t("accommodation.scorecard_share")}</th>
              </tr>
            </thead>
            <tbody>
              {d.rows.map((r) => (
                <tr key={r.criterionId}>
                  <th scope="row">{name.get(r.criterionId)}</th>
                  <td>
                    {r.question
                      ? (question.get(r.question) ?? r.question)
                      : t("accommodation.dialogue_not_asked")}
                  </td>
                  <td>
                    {r.suppressed
                      ? t("accommodation.dialogue_too_few", { min: d.minCount })
                      : r.question
                        ? r.answers
                        : "–"}
                  </td>
                  <td>{num(r.q1)}</td>
                  <td>{num(r.median)}</td>
                  <td>{num(r.q3)}</td>
                  <td>{r.share === null ? "–" : `${num(r.share * 100, 1)} %`}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p role="status">{t(`accommodation.dialogue_status_${d.status}`)}</p>
          {canManage && <AdoptForm view={view} errors={errorsFor("adopt")} />}
        </>
      )}

      <h2 id="sets">{t("accommodation.weight_sets_title")}</h2>
      {view.sets.length ? (
        <table>
          <caption>{t("accommodation.weight_sets_caption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("accommodation.weight_set_number")}</th>
              <th scope="col">{t("accommodation.weight_set_adopted")}</th>
              <th scope="col">{t("accommodation.dialogue_form")}</th>
              {criteria.map((c) => (
                <th scope="col" key={c.id}>
                  {c.name}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {view.sets.map((s, i) => (
              <tr key={s.id}>
                <th scope="row">
                  {i === 0
                    ? t("accommodation.weight_set_in_force", { number: s.number })
                    : t("accommodation.weight_set_label", { number: s.number })}
                </th>
                <td>{new Date(s.createdAt).toLocaleString("de-DE")}</td>
                <td>
                  {s.source.kind === "pairwise"
                    ? t("accommodation.ahp_set_source", { cr: num(s.source.consistencyRatio, 3) })
                    : s.source.formTitle}
                </td>
                {criteria.map((c) => (
                  <td key={c.id}>{num(s.weights[c.id] ?? 0)}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p>{t("accommodation.weight_sets_empty")}</p>
      )}

      {canManage && (
        <PairwiseForm
          criteria={criteria}
          view={view}
          posted={result?.intent === "pairwise" ? result.posted : undefined}
          result={result?.ok && result.intent === "pairwise" ? result.pairwise : undefined}
          errors={errorsFor("pairwise")}
        />
      )}

      {canManage && (
        <LinkDialogueForm criteria={criteria} forms={forms} view={view} errors={errorsFor("link")} />
      )}
    </>
  );
}
