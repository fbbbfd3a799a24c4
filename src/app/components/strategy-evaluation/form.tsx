import { Form, Link } from "react-router";
import { EVALUATION_KINDS, RATINGS } from "#app/modules/strategy/evaluation.model.ts";
import type { EvaluationView } from "#app/modules/strategy/service.ts";
import { useT } from "../../i18n.tsx";
import { ErrorSummary, Notice, Select, TextField } from "../form/index.ts";

type Errors = { title: string; fields: Record<string, string>; code: string } | undefined;

/**
 * The form of an evaluation record: empty for a new one, or filled with the record being changed
 * and the version that was read, so a save after someone else's is a conflict, not an overwrite.
 */
export function EvaluationForm(props: { record: EvaluationView | null; errors: Errors }) {
  const t = useT();
  const { record: r, errors } = props;
  return (
    <section aria-labelledby="evaluation-form">
      <h2 id="evaluation-form">
        {r ? t("strategy.evaluation_edit", { date: r.reviewDate }) : t("strategy.evaluation_new")}
      </h2>
      <ErrorSummary errors={errors} />
      {errors?.code === "version_conflict" ? <Notice kind="warning">{t("strategy.conflict")}</Notice> : null}
      <Form method="post" className="stack" noValidate>
        {r ? (
          <>
            <input type="hidden" name="evaluationId" value={r.id} />
            <input type="hidden" name="version" value={r.version} />
          </>
        ) : null}
        <TextField
          name="reviewDate"
          type="date"
          label={t("strategy.field_review_date")}
          defaultValue={r?.reviewDate}
          required
          errors={errors}
        />
        <Select
          name="kind"
          label={t("strategy.field_evaluation_kind")}
          defaultValue={r?.kind}
          options={EVALUATION_KINDS.map((k) => ({ value: k, label: t(`strategy.evaluation_kind_${k}`) }))}
          errors={errors}
        />
        <TextField
          name="evaluator"
          label={t("strategy.field_evaluator")}
          defaultValue={r?.evaluator}
          required
          maxLength={300}
          errors={errors}
        />
        {(["questions", "findings", "recommendations"] as const).map((f) => (
          <TextField
            key={f}
            name={f}
            label={t(`strategy.field_${f}`)}
            defaultValue={r?.[f]}
            multiline
            maxLength={4000}
            errors={errors}
          />
        ))}
        <Select
          name="rating"
          label={t("strategy.field_rating")}
          empty={t("strategy.rating_none")}
          defaultValue={r?.rating}
          options={RATINGS.map((x) => ({ value: x, label: t(`strategy.light_${x}`) }))}
          errors={errors}
        />
        <p>
          <button type="submit">{t("strategy.evaluation_save")}</button>
          {r ? (
            <>
              {" "}
              <Link to=".">{t("strategy.evaluation_edit_cancel")}</Link>
            </>
          ) : null}
        </p>
      </Form>
    </section>
  );
}
