import { data, Form, Link, redirect } from "react-router";
import { adoptInput, createNodeInput, strategySettingsInput } from "#app/modules/strategy/contracts.ts";
import { DEPTH_LIMITS, NODE_KINDS, NODE_STATUSES } from "#app/modules/strategy/model.ts";
import { can } from "#app/server/policy/policy.ts";
import { parseInput } from "#app/server/validation.ts";
import {
  Checkbox,
  ErrorSummary,
  formString,
  Notice,
  Select,
  TextField,
} from "../../../components/form/index.ts";
import { LightText } from "../../../components/strategy-light.tsx";
import { ProgressText } from "../../../components/strategy-progress.tsx";
import { pageContext } from "../../../context.ts";
import { useT } from "../../../i18n.tsx";
import { formAction, requirePage, requirePrincipal } from "../../../server/guard.server.ts";
import type { Route } from "./+types/tree";

export async function loader({ context }: Route.LoaderArgs) {
  const ctx = context.get(pageContext);
  const principal = requirePrincipal(ctx);
  const [tree, adoptions, lights] = await Promise.all([
    ctx.services.strategy.tree(principal, ctx.tenant.id),
    ctx.services.strategy.adoptions(principal, ctx.tenant.id),
    ctx.services.strategy.treeLights(principal, ctx.tenant.id),
  ]);
  return {
    tree,
    lights: Object.fromEntries(lights),
    adoptions,
    canEdit: can(principal, "strategy.edit"),
    canAdopt: can(principal, "strategy.adopt"),
    canMatrix: can(principal, "strategy.matrix"),
  };
}

type Intent = "node" | "adopt" | "depth";

export async function action({ context, request }: Route.ActionArgs) {
  const ctx = context.get(pageContext);
  const form = await request.formData();
  const intent = formString(form, "intent") as Intent;
  if (intent === "adopt") {
    const principal = requirePage(ctx, "strategy.adopt");
    const result = await formAction(ctx.t, () =>
      ctx.services.strategy.adopt(
        principal,
        ctx.tenant.id,
        parseInput(adoptInput, {
          title: formString(form, "title"),
          adoptedOn: formString(form, "adoptedOn"),
        }),
        ctx.requestId,
      ),
    );
    if ("data" in result) return data({ ...result.data, intent }, result.init ?? undefined);
    return redirect(`/staff/strategy/adoptions/${result.value.id}`);
  }
  const principal = requirePage(ctx, "strategy.edit");
  if (intent === "depth") {
    const result = await formAction(ctx.t, () =>
      ctx.services.strategy.saveSettings(
        principal,
        ctx.tenant.id,
        parseInput(strategySettingsInput, {
          maxDepth: Number(formString(form, "maxDepth")),
          publicMatrix: form.get("publicMatrix") === "on",
          version: Number(formString(form, "version")),
        }),
      ),
    );
    if ("data" in result) return data({ ...result.data, intent }, result.init ?? undefined);
    return { ok: true as const, intent };
  }
  const parentId = formString(form, "parentId");
  const result = await formAction(ctx.t, () =>
    ctx.services.strategy.createNode(
      principal,
      ctx.tenant.id,
      parseInput(createNodeInput, {
        parentId: parentId === "" ? null : parentId,
        kind: formString(form, "kind"),
        title: formString(form, "title"),
        status: formString(form, "status"),
        weight: Number(formString(form, "weight") || "1"),
        periodFrom: formString(form, "periodFrom"),
        periodTo: formString(form, "periodTo"),
        responsible: formString(form, "responsible"),
      }),
      ctx.requestId,
    ),
  );
  if ("data" in result) return data({ ...result.data, intent: "node" as Intent }, result.init ?? undefined);
  return redirect(`/staff/strategy/${result.value.id}?created=1`);
}

type Node = Route.ComponentProps["loaderData"]["tree"]["nodes"][number];

type Lights = Route.ComponentProps["loaderData"]["lights"];

function Branch({ nodes, parentId, lights }: { nodes: Node[]; parentId: string | null; lights: Lights }) {
  const t = useT();
  const kids = nodes.filter((n) => n.parentId === parentId);
  if (kids.length === 0) return null;
  return (
    <ul className="strategy-tree">
      {kids.map((n) => (
        <li key={n.id}>
          <span className="hint">{t(`strategy.kind_${n.kind}`)}</span>{" "}
          <Link to={`/staff/strategy/${n.id}`}>{n.title}</Link> · {t(`strategy.status_${n.status}`)} ·{" "}
          <ProgressText progress={n.rolledUp} />
          {lights[n.id] && lights[n.id]!.light !== "none" ? (
            <>
              {" · "}
              <Link to={`/staff/strategy/${n.id}/evaluation`}>
                <LightText light={lights[n.id]!.light} counts={lights[n.id]!.counts} />
              </Link>
            </>
          ) : null}
          <Branch nodes={nodes} parentId={n.id} lights={lights} />
        </li>
      ))}
    </ul>
  );
}

export default function StrategyTree({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const { tree, adoptions } = loaderData;
  const failed = actionData && "errors" in actionData ? actionData : undefined;
  const errorsOf = (intent: Intent) => (failed?.intent === intent ? failed.errors : undefined);
  return (
    <>
      <h1>{t("strategy.title")}</h1>
      <p>{t("strategy.intro")}</p>
      {loaderData.canMatrix ? (
        <p>
          <Link to="/staff/strategy/matrix">{t("strategy.matrix_link")}</Link>
        </p>
      ) : null}
      <p>
        <Link to="/staff/strategy/reports">{t("strategy.reports_title")}</Link> ·{" "}
        <Link to="/staff/strategy/evaluations">{t("strategy.evaluations_title")}</Link>
      </p>
      <section aria-labelledby="tree-title">
        <h2 id="tree-title">{t("strategy.tree_title")}</h2>
        {tree.nodes.length === 0 ? (
          <p>{t("strategy.tree_empty")}</p>
        ) : (
          <Branch nodes={tree.nodes} parentId={null} lights={loaderData.lights} />
        )}
      </section>

      {loaderData.canEdit ? (
        <section aria-labelledby="node-new">
          <h2 id="node-new">{t("strategy.new_title")}</h2>
          <ErrorSummary errors={errorsOf("node")} />
          <Form method="post" className="stack" noValidate>
            <input type="hidden" name="intent" value="node" />
            <Select
              name="parentId"
              label={t("strategy.field_parent")}
              empty={t("strategy.parent_root")}
              options={tree.nodes.map((n) => ({
                value: n.id,
                label: `${t(`strategy.kind_${n.kind}`)}: ${n.title}`,
              }))}
              errors={errorsOf("node")}
            />
            <Select
              name="kind"
              label={t("strategy.field_kind")}
              options={NODE_KINDS.map((k) => ({ value: k, label: t(`strategy.kind_${k}`) }))}
              errors={errorsOf("node")}
            />
            <TextField
              name="title"
              label={t("strategy.field_title")}
              required
              maxLength={300}
              errors={errorsOf("node")}
            />
            <Select
              name="status"
              label={t("strategy.field_status")}
              options={NODE_STATUSES.map((s) => ({ value: s, label: t(`strategy.status_${s}`) }))}
              errors={errorsOf("node")}
            />
            <TextField
              name="weight"
              type="number"
              min={0}
              max={1000}
              defaultValue={1}
              label={t("strategy.field_weight")}
              hint={t("strategy.weight_hint")}
              errors={errorsOf("node")}
            />
            <TextField
              name="periodFrom"
              type="date"
              label={t("strategy.field_period_from")}
              errors={errorsOf("node")}
            />
            <TextField
              name="periodTo"
              type="date"
              label={t("strategy.field_period_to")}
              errors={errorsOf("node")}
            />
            <TextField
              name="responsible"
              label={t("strategy.field_responsible")}
              maxLength={1000}
              errors={errorsOf("node")}
            />
            <p>
              <button type="submit">{t("strategy.create")}</button>
            </p>
          </Form>
        </section>
      ) : null}

      <section aria-labelledby="adoptions-title">
        <h2 id="adoptions-title">{t("strategy.adoptions_title")}</h2>
        <p className="hint">{t("strategy.adoptions_hint")}</p>
        {adoptions.length === 0 ? (
          <p>{t("strategy.adoptions_none")}</p>
        ) : (
          <ul>
            {adoptions.map((a) => (
              <li key={a.id}>
                <Link to={`/staff/strategy/adoptions/${a.id}`}>{a.title}</Link> ·{" "}
                {t("strategy.adopted_on", { date: a.adoptedOn, nodes: a.nodeCount })}
              </li>
            ))}
          </ul>
        )}
        {loaderData.canAdopt ? (
          <Form method="post" className="stack" noValidate>
            <input type="hidden" name="intent" value="adopt" />
            <ErrorSummary errors={errorsOf("adopt")} />
            <TextField
              name="title"
              id="adopt-title"
              label={t("strategy.adopt_title")}
              required
              maxLength={300}
              errors={errorsOf("adopt")}
            />
            <TextField
              name="adoptedOn"
              type="date"
              label={t("strategy.adopt_date")}
              required
              errors={errorsOf("adopt")}
            />
            <p>
              <button type="submit">{t("strategy.adopt")}</button>
            </p>
          </Form>
        ) : null}
      </section>

      {loaderData.canEdit ? (
        <section aria-labelledby="depth-title">
          <h2 id="depth-title">{t("strategy.depth_title")}</h2>
          {actionData && "ok" in actionData && actionData.ok && actionData.intent === "depth" ? (
            <Notice kind="success">{t("strategy.saved")}</Notice>
          ) : null}
          <ErrorSummary errors={errorsOf("depth")} />
          <Form method="post" className="stack" noValidate key={`depth-${tree.settingsVersion}`}>
            <input type="hidden" name="intent" value="depth" />
            <input type="hidden" name="version" value={tree.settingsVersion} />
            <TextField
              name="maxDepth"
              type="number"
              min={DEPTH_LIMITS.min}
              max={DEPTH_LIMITS.max}
              defaultValue={tree.maxDepth}
              label={t("strategy.field_max_depth")}
              errors={errorsOf("depth")}
            />
            <Checkbox
              name="publicMatrix"
              label={t("strategy.field_public_matrix")}
              hint={t("strategy.field_public_matrix_hint")}
              defaultChecked={tree.publicMatrix}
              errors={errorsOf("depth")}
            />
            <p>
              <button type="submit">{t("strategy.save")}</button>
            </p>
          </Form>
        </section>
      ) : null}
    </>
  );
}
