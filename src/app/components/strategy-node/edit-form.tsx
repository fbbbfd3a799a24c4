import type { ReactNode } from "react";
import { Form } from "react-router";
import { formatCents, isMeasureKind, NODE_KINDS, NODE_STATUSES } from "#app/modules/strategy/model.ts";
import type { StrategyService } from "#app/modules/strategy/service.ts";
import { useT } from "../../i18n.tsx";
import { CheckboxGroup, ErrorSummary, Notice, Select, TextField } from "../form/index.ts";

export type FormErrors = { title: string; fields: Record<string, string>; code: string } | undefined;
type NodeDetail = Awaited<ReturnType<StrategyService["node"]>>;

/** The node's own fields (title, place in the tree, status, weight, period, terms, budget); a stale version shows the conflict. */
export function NodeEditForm(props: {
  node: NodeDetail["node"];
  parents: NodeDetail["parents"];
  terms: { id: string; label: string }[];
  /** Accounts that may be asked for the node's narrative in a report round (decision 098). */
  people: { id: string; displayName: string }[];
  canEdit: boolean;
  errors: FormErrors;
  savedNotice: ReactNode;
}) {
  const t = useT();
  const { node, parents, terms, people, canEdit, savedNotice, errors: e } = props;
  const measure = isMeasureKind(node.kind);
  return (
    <section aria-labelledby="edit-title">
      <h2 id="edit-title">{t("strategy.edit_title")}</h2>
      {savedNotice}
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
            name="responsibleUserIds"
            legend={t("strategy.field_responsible_users")}
            hint={t("strategy.field_responsible_users_hint")}
            defaultValue={node.responsibleUserIds}
            options={people.map((x) => ({ value: x.id, label: x.displayName }))}
            optionsClassName="dir-check-grid"
            errors={e}
          />
          <CheckboxGroup
            name="termIds"
            legend={t("strategy.field_terms")}
            hint={t("strategy.terms_hint")}
            defaultValue={node.termIds}
            options={terms.map((x) => ({ value: x.id, label: x.label }))}
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
  );
}
