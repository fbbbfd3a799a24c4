import { Form } from "react-router";
import type { CriterionView } from "#app/modules/accommodation/contracts.ts";
import { DIALOGUE_METHODS } from "#app/modules/accommodation/model.ts";
import type { DialogueFormView, WeightsView } from "#app/modules/accommodation/weights.contracts.ts";
import { useT } from "../../i18n.tsx";
import { type ErrorSource, ErrorSummary, RadioGroup, Select } from "../form/index.ts";

/**
 * Links the dialogue's questionnaire (decision 114): the form and how it asks, then the question
 * per criterion. Without JavaScript the questions are those of the form linked last; choosing
 * another form and saving shows its questions.
 */
export function LinkDialogueForm({
  criteria,
  forms,
  view,
  errors,
}: {
  criteria: CriterionView[];
  forms: DialogueFormView[];
  view: WeightsView;
  errors: ErrorSource | undefined;
}) {
  const t = useT();
  const d = view.dialogue;
  return (
    <Form method="post" noValidate aria-labelledby="link-title">
      <h2 id="link-title">{t("accommodation.dialogue_link_title")}</h2>
      <p>{t("accommodation.dialogue_link_intro")}</p>
      <ErrorSummary errors={errors} />
      <input type="hidden" name="intent" value="link" />
      <input type="hidden" name="version" value={d ? String(d.version) : ""} />
      <Select
        name="formId"
        label={t("accommodation.dialogue_form")}
        empty={t("accommodation.dialogue_form_choose")}
        options={forms.map((f) => ({ value: f.id, label: f.title }))}
        defaultValue={d?.formId ?? ""}
        errors={errors}
        required
      />
      <RadioGroup
        name="method"
        legend={t("accommodation.dialogue_method")}
        options={DIALOGUE_METHODS.map((m) => ({ value: m, label: t(`accommodation.dialogue_method_${m}`) }))}
        defaultValue={d?.method ?? "rating"}
        errors={errors}
      />
      {d && (
        <fieldset>
          <legend>{t("accommodation.dialogue_mapping", { form: d.formTitle })}</legend>
          {criteria.map((c) => (
            <Select
              key={c.id}
              name={`mapping.${c.id}`}
              label={c.name}
              empty={t("accommodation.dialogue_not_asked")}
              options={d.questions.map((q) => ({ value: q.name, label: q.label }))}
              defaultValue={d.mapping[c.id] ?? ""}
              errors={errors}
            />
          ))}
        </fieldset>
      )}
      <button type="submit">{t("accommodation.dialogue_link_submit")}</button>
    </Form>
  );
}

/** Adopts the weights as shown (they travel with the form, so newer answers are noticed). */
export function AdoptForm({ view, errors }: { view: WeightsView; errors: ErrorSource | undefined }) {
  const t = useT();
  const weights = view.derived?.weights;
  if (!view.dialogue || !weights) return null;
  const next = (view.sets[0]?.number ?? 0) + 1;
  return (
    <Form method="post" noValidate aria-labelledby="adopt-title">
      <h3 id="adopt-title">{t("accommodation.dialogue_adopt_title")}</h3>
      <ErrorSummary errors={errors} />
      <input type="hidden" name="intent" value="adopt" />
      <input type="hidden" name="version" value={String(view.dialogue.version)} />
      {Object.entries(weights).map(([id, w]) => (
        <input key={id} type="hidden" name={`weights.${id}`} value={String(w)} />
      ))}
      <button type="submit">{t("accommodation.dialogue_adopt_submit", { number: next })}</button>
    </Form>
  );
}
