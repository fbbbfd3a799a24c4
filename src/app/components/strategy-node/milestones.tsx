import type { ReactNode } from "react";
import { Form } from "react-router";
import { useT } from "../../i18n.tsx";
import { ErrorSummary, TextField } from "../form/index.ts";
import type { FormErrors } from "./edit-form.tsx";

/** A measure's milestones with their dates, and the form to add one. */
export function MilestoneSection(props: {
  milestones: { id: string; title: string; due: string; done: boolean }[];
  canEdit: boolean;
  errors: FormErrors;
  savedNotice: ReactNode;
}) {
  const t = useT();
  const { milestones, canEdit, savedNotice, errors } = props;
  return (
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
          {savedNotice}
          <ErrorSummary errors={errors} />
          <TextField
            name="title"
            id="milestone-title"
            label={t("strategy.milestone_name")}
            required
            maxLength={300}
            errors={errors}
          />
          <TextField name="due" type="date" label={t("strategy.milestone_due")} required errors={errors} />
          <p>
            <button type="submit">{t("strategy.milestone_add")}</button>
          </p>
        </Form>
      ) : null}
    </section>
  );
}
