import { Form } from "react-router";
import { PLAN_ITEM_STATUSES } from "#app/modules/casework/model.ts";
import { ErrorSummary, Select, TextField } from "../../../components/form/index.ts";
import { useT } from "../../../i18n.tsx";
import type { FormErrors } from "../../../server/guard.server.ts";
import { SavedNotice, type SectionProps, useFormat } from "./detail-shared.tsx";

/** The help plan: goals with their tasks. */
export function PlanSection({ d, errorsFor, savedFor }: SectionProps) {
  const t = useT();
  const f = useFormat();
  const goals = d.planItems.filter((p) => p.goalId === null);
  const tasksOf = (goalId: string) => d.planItems.filter((p) => p.goalId === goalId);
  const staffOptions = d.staff.map((s) => ({ value: s.id, label: s.displayName }));
  return (
    <section id="plan" aria-labelledby="plan-h">
      <h2 id="plan-h">{t("cases.section_plan")}</h2>
      {goals.length === 0 ? <p>{t("cases.plan_none")}</p> : null}
      {goals.map((g) => (
        <article key={g.id} className="plan-goal" aria-labelledby={`goal-${g.id}`}>
          <h3 id={`goal-${g.id}`}>
            {g.title} <span className="badge">{t(`cases.plan_${g.status}`)}</span>
          </h3>
          <PlanItemForm
            item={g}
            canWrite={d.canWrite}
            errors={errorsFor(`plan_update:${g.id}`)}
            staff={staffOptions}
          />
          <ul>
            {tasksOf(g.id).map((task) => (
              <li key={task.id}>
                <strong>{task.title}</strong> – {t("cases.plan_due", { date: f.day(task.dueOn) })}
                {task.dueOn && task.status === "open" && task.dueOn < d.today ? (
                  <span className="badge badge-warning"> {t("cases.overdue")}</span>
                ) : null}{" "}
                – {task.responsibleName ?? task.responsibleText ?? "—"} – {t(`cases.plan_${task.status}`)}
                <PlanItemForm
                  item={task}
                  canWrite={d.canWrite}
                  errors={errorsFor(`plan_update:${task.id}`)}
                  staff={staffOptions}
                />
              </li>
            ))}
          </ul>
        </article>
      ))}
      {d.canWrite ? (
        <>
          <h3>{t("cases.plan_add")}</h3>
          <ErrorSummary errors={errorsFor("plan_add")} />
          <SavedNotice show={savedFor("plan_add")} />
          <Form method="post" className="stack" noValidate key={`pa-${d.planItems.length}`}>
            <input type="hidden" name="intent" value="plan_add" />
            <TextField
              name="title"
              id="plan-title"
              label={t("cases.plan_title")}
              required
              maxLength={300}
              errors={errorsFor("plan_add")}
            />
            <Select
              name="goalId"
              id="plan-goal"
              label={t("cases.plan_goal")}
              hint={t("cases.plan_goal_hint")}
              empty={t("cases.plan_is_goal")}
              options={goals.map((g) => ({ value: g.id, label: g.title }))}
              errors={errorsFor("plan_add")}
            />
            <Select
              name="needId"
              id="plan-need"
              label={t("cases.plan_need")}
              empty="—"
              options={d.needs.map((n) => ({ value: n.id, label: t(`cases.domain_${n.domain}`) }))}
              errors={errorsFor("plan_add")}
            />
            <TextField
              name="dueOn"
              id="plan-due"
              type="date"
              label={t("cases.plan_due_on")}
              errors={errorsFor("plan_add")}
            />
            <Select
              name="responsibleUserId"
              id="plan-responsible"
              label={t("cases.plan_responsible_user")}
              empty="—"
              options={staffOptions}
              errors={errorsFor("plan_add")}
            />
            <TextField
              name="responsibleText"
              id="plan-responsible-text"
              label={t("cases.plan_responsible_text")}
              hint={t("cases.plan_responsible_text_hint")}
              maxLength={200}
              errors={errorsFor("plan_add")}
            />
            <p>
              <button type="submit">{t("cases.plan_add")}</button>
            </p>
          </Form>
        </>
      ) : null}
    </section>
  );
}

function PlanItemForm(props: {
  item: {
    id: string;
    goalId: string | null;
    title: string;
    dueOn: string | null;
    status: string;
    responsibleUserId: string | null;
    responsibleText: string | null;
    needId: string | null;
    version: number;
  };
  canWrite: boolean;
  errors: FormErrors | undefined;
  staff: { value: string; label: string }[];
}) {
  const t = useT();
  const { item } = props;
  if (!props.canWrite) return null;
  return (
    <Form method="post" className="inline-form" key={`${item.id}-${item.version}`}>
      <input type="hidden" name="intent" value="plan_update" />
      <input type="hidden" name="target" value={item.id} />
      <input type="hidden" name="version" value={item.version} />
      <input type="hidden" name="title" value={item.title} />
      <input type="hidden" name="goalId" value={item.goalId ?? ""} />
      <input type="hidden" name="needId" value={item.needId ?? ""} />
      <input type="hidden" name="dueOn" value={item.dueOn ?? ""} />
      <input type="hidden" name="responsibleUserId" value={item.responsibleUserId ?? ""} />
      <input type="hidden" name="responsibleText" value={item.responsibleText ?? ""} />
      <select
        name="status"
        defaultValue={item.status}
        aria-label={t("cases.plan_status_of", { title: item.title })}
      >
        {PLAN_ITEM_STATUSES.map((x) => (
          <option key={x} value={x}>
            {t(`cases.plan_${x}`)}
          </option>
        ))}
      </select>{" "}
      <button type="submit" className="button-secondary">
        {t("cases.save")}
      </button>
      {props.errors ? (
        <p className="field-error" role="alert">
          {props.errors.title}
        </p>
      ) : null}
    </Form>
  );
}
