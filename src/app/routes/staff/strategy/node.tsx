import { data, Form, Link } from "react-router";
import {
  addMilestoneInput,
  addValueInput,
  approveValueInput,
  createIndicatorInput,
  updateNodeInput,
} from "#app/modules/strategy/contracts.ts";
import {
  formatCents,
  isMeasureKind,
  NODE_KINDS,
  NODE_STATUSES,
  parseEuroToCents,
} from "#app/modules/strategy/model.ts";
import { isUuid } from "#app/server/db/ids.ts";
import { can } from "#app/server/policy/policy.ts";
import { parseInput } from "#app/server/validation.ts";
import {
  CheckboxGroup,
  ErrorSummary,
  formString,
  Notice,
  Select,
  TextField,
} from "../../../components/form/index.ts";
import { IndicatorSection } from "../../../components/strategy-indicators.tsx";
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
  const [indicators, axes] = await Promise.all([
    ctx.services.strategy.indicators(principal, ctx.tenant.id, params.id),
    ctx.services.framework.list(ctx.tenant.id, ctx.lang),
  ]);
  const terms = axes.flatMap((a) =>
    a.terms.map((x) => ({ id: x.id, label: `${a.label?.text ?? a.key}: ${x.label?.text ?? x.key}` })),
  );
  return {
    ...detail,
    indicators,
    terms,
    canEdit: can(principal, "strategy.edit"),
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

      <section aria-labelledby="edit-title">
        <h2 id="edit-title">{t("strategy.edit_title")}</h2>
        {savedNotice("update")}
        <ErrorSummary errors={e} />
        {e?.code === "version_conflict" ? <Notice kind="warning">{t("strategy.conflict")}</Notice> : null}
        <Form method="post" className="stack" noValidate key={`node-${node.version}`}>
          <fieldset disabled={!canEdit} className="plain-fieldset">
            <input type="hidden" name="intent" value="update" />
            <input type="hidden" name="version" value={node.version} />
            <TextField
              name="title"
              label={t("strategy.field_title")}
              defaultValue={node.title}
              required
              maxLength={300}
              errors={e}
            />
            <TextField
              name="description"
              multiline
              label={t("strategy.field_description")}
              defaultValue={node.description}
              maxLength={4000}
              errors={e}
            />
            <Select
              name="parentId"
              label={t("strategy.field_parent")}
              hint={t("strategy.parent_hint")}
              empty={t("strategy.parent_root")}
              defaultValue={node.parentId}
              options={parents.map((p) => ({
                value: p.id,
                label: `${t(`strategy.kind_${p.kind}`)}: ${p.title}`,
              }))}
              errors={e}
            />
            <Select
              name="kind"
              label={t("strategy.field_kind")}
              defaultValue={node.kind}
              options={NODE_KINDS.map((k) => ({ value: k, label: t(`strategy.kind_${k}`) }))}
              errors={e}
            />
            <Select
              name="status"
              label={t("strategy.field_status")}
              defaultValue={node.status}
              options={NODE_STATUSES.map((k) => ({ value: k, label: t(`strategy.status_${k}`) }))}
              errors={e}
            />
            <TextField
              name="weight"
              type="number"
              min={0}
              max={1000}
              label={t("strategy.field_weight")}
              hint={t("strategy.weight_hint")}
              defaultValue={node.weight}
              errors={e}
            />
            <TextField
              name="progress"
              type="number"
              min={0}
              max={100}
              label={t("strategy.field_progress")}
              hint={t("strategy.progress_hint")}
              defaultValue={node.progress}
              errors={e}
            />
            <TextField
              name="periodFrom"
              type="date"
              label={t("strategy.field_period_from")}
              defaultValue={node.periodFrom}
              errors={e}
            />
            <TextField
              name="periodTo"
              type="date"
              label={t("strategy.field_period_to")}
              defaultValue={node.periodTo}
              errors={e}
            />
            <TextField
              name="responsible"
              label={t("strategy.field_responsible")}
              defaultValue={node.responsible}
              maxLength={1000}
              errors={e}
            />
            <CheckboxGroup
              name="termIds"
              legend={t("strategy.field_terms")}
              hint={t("strategy.terms_hint")}
              defaultValue={node.termIds}
              options={loaderData.terms.map((x) => ({ value: x.id, label: x.label }))}
              optionsClassName="dir-check-grid"
              errors={e}
            />
            {measure ? (
              <>
                <TextField
                  name="budgetPlanned"
                  inputMode="decimal"
                  label={t("strategy.field_budget_planned")}
                  hint={t("strategy.euro_hint")}
                  defaultValue={node.budgetPlannedCents === null ? "" : formatCents(node.budgetPlannedCents)}
                  errors={e}
                  errorPath="budgetPlannedCents"
                />
                <TextField
                  name="budgetSpent"
                  inputMode="decimal"
                  label={t("strategy.field_budget_spent")}
                  hint={t("strategy.euro_hint")}
                  defaultValue={node.budgetSpentCents === null ? "" : formatCents(node.budgetSpentCents)}
                  errors={e}
                  errorPath="budgetSpentCents"
                />
              </>
            ) : null}
            {canEdit ? (
              <p>
                <button type="submit">{t("strategy.save")}</button>
              </p>
            ) : null}
          </fieldset>
        </Form>
      </section>

      {measure ? (
        <section aria-labelledby="milestones-title">
          <h2 id="milestones-title">{t("strategy.milestones_title")}</h2>
          {milestones.length === 0 ? (
            <p>{t("strategy.milestones_none")}</p>
          ) : (
            <ul>
              {milestones.map((m) => (
                <li key={m.id}>
                  {m.due}: {m.title} {m.done ? `(${t("strategy.milestone_done")})` : null}
                </li>
              ))}
            </ul>
          )}
          {canEdit ? (
            <Form method="post" className="stack" noValidate>
              <input type="hidden" name="intent" value="milestone" />
              {savedNotice("milestone")}
              <ErrorSummary errors={errorsOf("milestone")} />
              <TextField
                name="title"
                id="milestone-title"
                label={t("strategy.milestone_name")}
                required
                maxLength={300}
                errors={errorsOf("milestone")}
              />
              <TextField
                name="due"
                type="date"
                label={t("strategy.milestone_due")}
                required
                errors={errorsOf("milestone")}
              />
              <p>
                <button type="submit">{t("strategy.milestone_add")}</button>
              </p>
            </Form>
          ) : null}
        </section>
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
    </>
  );
}
