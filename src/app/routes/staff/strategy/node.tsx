import { data, Link } from "react-router";
import {
  addMilestoneInput,
  addValueInput,
  approveValueInput,
  createIndicatorInput,
  updateNodeInput,
} from "#app/modules/strategy/contracts.ts";
import { formatCents, isMeasureKind, parseEuroToCents } from "#app/modules/strategy/model.ts";
import { isUuid } from "#app/server/db/ids.ts";
import { can } from "#app/server/policy/policy.ts";
import { parseInput } from "#app/server/validation.ts";
import { formString, Notice } from "../../../components/form/index.ts";
import { FundedProjects } from "../../../components/funding-links.tsx";
import { IndicatorSection } from "../../../components/strategy-indicators.tsx";
import { NodeEditForm } from "../../../components/strategy-node/edit-form.tsx";
import { MilestoneSection } from "../../../components/strategy-node/milestones.tsx";
import { ProgressText } from "../../../components/strategy-progress.tsx";
import { pageContext } from "../../../context.ts";
import { useT } from "../../../i18n.tsx";
import { formAction, requirePage, requirePrincipal } from "../../../server/guard.server.ts";
import type { Route } from "./+types/node";

export async function loader({ context, params }: Route.LoaderArgs) {
  const ctx = context.get(pageContext);
  const principal = requirePrincipal(ctx);
  if (!isUuid(params.id)) throw data(null, { status: 404 });
  const detail = await ctx.services.strategy.node(principal, ctx.tenant.id, params.id).catch((e) => {
    if ((e as { code?: string }).code === "not_found") throw data(null, { status: 404 });
    throw e;
  });
  const canEdit = can(principal, "strategy.edit");
  // Funded projects implementing a measure (decision 102), through the funding service.
  const showFunded = isMeasureKind(detail.node.kind) && can(principal, "funding.read");
  const [indicators, axes, people, funded] = await Promise.all([
    ctx.services.strategy.indicators(principal, ctx.tenant.id, params.id),
    ctx.services.framework.list(ctx.tenant.id, ctx.lang),
    canEdit ? ctx.services.strategy.responsibleCandidates(principal, ctx.tenant.id) : [],
    showFunded ? ctx.services.funding.links.fundedFor(principal, { measureId: params.id }) : null,
  ]);
  const terms = axes.flatMap((a) =>
    a.terms.map((x) => ({ id: x.id, label: `${a.label?.text ?? a.key}: ${x.label?.text ?? x.key}` })),
  );
  return {
    ...detail,
    indicators,
    terms,
    people,
    funded,
    canEdit,
    canIndicators: can(principal, "strategy.indicators"),
    canApprove: can(principal, "strategy.approve"),
  };
}

export type NodeIntent = "update" | "milestone" | "indicator" | "value" | "approve";

/** A euro amount from the form: cents, null when empty, the raw text when it is not an amount (→ field error). */
function cents(raw: string): number | string | null {
  if (raw.trim() === "") return null;
  return parseEuroToCents(raw) ?? raw;
}
const num = (raw: string) => (raw.trim() === "" ? null : Number(raw.replace(",", ".")));

export async function action({ context, request, params }: Route.ActionArgs) {
  const ctx = context.get(pageContext);
  if (!isUuid(params.id)) throw data(null, { status: 404 });
  const id = params.id;
  const form = await request.formData();
  const f = (k: string) => formString(form, k);
  const intent = f("intent") as NodeIntent;
  const tenantId = ctx.tenant.id;
  const s = ctx.services.strategy;
  const run = async (fn: () => Promise<unknown>) => {
    const result = await formAction(ctx.t, fn);
    if ("data" in result) return data({ ...result.data, intent }, result.init ?? undefined);
    return { ok: true as const, intent };
  };
  if (intent === "indicator") {
    const principal = requirePage(ctx, "strategy.indicators");
    const targetValue = num(f("targetValue"));
    return run(() =>
      s.createIndicator(
        principal,
        tenantId,
        id,
        parseInput(createIndicatorInput, {
          name: f("name"),
          kind: f("kind"),
          unit: f("unit"),
          baseline: num(f("baseline")),
          targets:
            f("targetPeriod") || targetValue !== null
              ? [{ period: f("targetPeriod"), value: targetValue }]
              : [],
          source: f("source"),
          monitoringCode: f("monitoringCode") || null,
          figure: f("kind") === "lotse" ? "offers_in_cell" : null,
          figureTermIds: [f("figureRow"), f("figureCol")].filter(Boolean),
        }),
        ctx.requestId,
      ),
    );
  }
  if (intent === "approve") {
    const principal = requirePage(ctx, "strategy.approve");
    const { version } = parseInput(approveValueInput, { version: Number(f("version")) });
    return run(() => s.approveValue(principal, tenantId, f("valueId"), version));
  }
  const principal = requirePage(ctx, "strategy.edit");
  if (intent === "milestone") {
    return run(() =>
      s.addMilestone(
        principal,
        tenantId,
        id,
        parseInput(addMilestoneInput, { title: f("title"), due: f("due") }),
      ),
    );
  }
  if (intent === "value") {
    return run(() =>
      s.addValue(
        principal,
        tenantId,
        f("indicatorId"),
        parseInput(addValueInput, { period: f("period"), value: num(f("value")), source: f("source") }),
      ),
    );
  }
  const parentId = f("parentId");
  return run(() =>
    s.updateNode(
      principal,
      tenantId,
      id,
      parseInput(updateNodeInput, {
        version: Number(f("version")),
        parentId: parentId === "" ? null : parentId,
        kind: f("kind"),
        title: f("title"),
        description: f("description"),
        status: f("status"),
        weight: Number(f("weight")),
        progress: num(f("progress")),
        periodFrom: f("periodFrom"),
        periodTo: f("periodTo"),
        responsible: f("responsible"),
        termIds: form.getAll("termIds").filter((v): v is string => typeof v === "string" && v !== ""),
        responsibleUserIds: form
          .getAll("responsibleUserIds")
          .filter((v): v is string => typeof v === "string" && v !== ""),
        budgetPlannedCents: cents(f("budgetPlanned")),
        budgetSpentCents: cents(f("budgetSpent")),
      }),
      ctx.requestId,
    ),
  );
}

export default function StrategyNode({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const { node, path, children, milestones, parents, canEdit } = loaderData;
  const result = actionData as
    | { ok: true; intent: NodeIntent }
    | {
        ok: false;
        intent: NodeIntent;
        errors: { title: string; fields: Record<string, string>; code: string };
      }
    | undefined;
  const errorsOf = (intent: NodeIntent) =>
    result && !result.ok && result.intent === intent ? result.errors : undefined;
  const savedNotice = (intent: NodeIntent) =>
    result?.ok && result.intent === intent ? <Notice kind="success">{t("strategy.saved")}</Notice> : null;
  const measure = isMeasureKind(node.kind);
  const e = errorsOf("update");
  return (
    <>
      <nav aria-label={t("strategy.path")}>
        <Link to="/staff/strategy">{t("strategy.title")}</Link>
        {path.map((p) => (
          <span key={p.id}>
            {" › "}
            <Link to={`/staff/strategy/${p.id}`}>{p.title}</Link>
          </span>
        ))}
      </nav>
      <h1>
        {t(`strategy.kind_${node.kind}`)}: {node.title}
      </h1>
      <p>
        {t("strategy.progress")}: <ProgressText progress={node.rolledUp} /> ·{" "}
        <Link to={`/staff/strategy/${node.id}/evaluation`}>{t("strategy.evaluation_link")}</Link>
      </p>
      {measure && node.budgetPlannedCents !== null ? (
        <p>
          {t("strategy.budget_line", {
            planned: formatCents(node.budgetPlannedCents),
            spent: formatCents(node.budgetSpentCents ?? 0),
          })}
        </p>
      ) : null}
      {children.length ? (
        <section aria-labelledby="children-title">
          <h2 id="children-title">{t("strategy.children_title")}</h2>
          <ul>
            {children.map((c) => (
              <li key={c.id}>
                <Link to={`/staff/strategy/${c.id}`}>{c.title}</Link> ·{" "}
                {t("strategy.weight_is", { weight: c.weight })} · <ProgressText progress={c.rolledUp} />
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <NodeEditForm
        node={node}
        parents={parents}
        terms={loaderData.terms}
        people={loaderData.people}
        canEdit={canEdit}
        errors={e}
        savedNotice={savedNotice("update")}
      />

      {measure ? (
        <MilestoneSection
          milestones={milestones}
          canEdit={canEdit}
          errors={errorsOf("milestone")}
          savedNotice={savedNotice("milestone")}
        />
      ) : null}

      <IndicatorSection
        indicators={loaderData.indicators}
        terms={loaderData.terms}
        canIndicators={loaderData.canIndicators}
        canEdit={canEdit}
        canApprove={loaderData.canApprove}
        errorsOf={errorsOf}
        savedNotice={savedNotice}
      />
      {loaderData.funded ? <FundedProjects projects={loaderData.funded} /> : null}
    </>
  );
}
