import type { ResponseItem } from "#app/modules/surveys/response-view.ts";
import type { FormDefinition } from "#app/modules/surveys/types.ts";
import { useLang, useT } from "../i18n.tsx";
import type { FormErrors } from "../server/guard.server.ts";
import { Notice } from "./form/index.ts";
import { SurveyForm, type SurveyRedisplay, surveyDir } from "./survey-form.tsx";

/**
 * The narrative report (Sachbericht) as the call's questionnaire (decision 131) on the
 * applicant's proof page: the surveys module's form, posted natively to the proof page
 * (`?report=1`), so it works without JavaScript. Shown while the proof is open.
 */
export function ReportQuestionnaire(props: {
  action: string;
  form: { title: string; formVersion: number; definition: FormDefinition; answered: boolean; open: boolean };
  submissionId: string;
  today: string;
  filed: boolean;
  again: SurveyRedisplay | null | undefined;
  errors: FormErrors | undefined;
}) {
  const t = useT();
  const lang = useLang();
  const def = props.form.definition;
  const formLang = def.languages.includes(lang) ? lang : def.defaultLanguage;
  return (
    <section aria-labelledby="proof-report-form">
      <h2 id="proof-report-form">{t("funding.proof_report_form_heading")}</h2>
      {props.filed ? <Notice kind="success">{t("funding.proof_report_form_filed")}</Notice> : null}
      {props.form.answered && !props.filed ? (
        <Notice kind="info">{t("funding.proof_report_form_answered")}</Notice>
      ) : null}
      {props.form.open ? (
        <>
          <p>{t("funding.proof_report_form_intro")}</p>
          <SurveyForm
            action={props.action}
            definition={def}
            lang={formLang}
            formVersion={props.form.formVersion}
            submissionId={props.submissionId}
            again={props.again}
            errors={props.errors}
            today={props.today}
            submitLabel={t("funding.proof_report_form_submit")}
          />
        </>
      ) : null}
    </section>
  );
}

/** The questionnaire's answers on the staff proof page: questions and answers, groups and repeats as parts. */
export function ReportAnswers(props: {
  report: { formTitle: string; lang: string; items: ResponseItem[] } | null;
}) {
  const t = useT();
  if (!props.report) return <p>{t("funding.proof_report_answers_none")}</p>;
  const r = props.report;
  return (
    <section aria-labelledby="proof-report-answers">
      <h2 id="proof-report-answers">{t("funding.proof_report_answers_heading", { form: r.formTitle })}</h2>
      <div lang={r.lang} dir={surveyDir(r.lang)}>
        <Items items={r.items} level={3} />
      </div>
    </section>
  );
}

function Items({ items, level }: { items: ResponseItem[]; level: number }) {
  const H = `h${Math.min(level, 6)}` as "h3";
  const answers = items.filter((i) => i.kind === "answer");
  return (
    <>
      {answers.length > 0 ? (
        <dl className="facts">
          {answers.map((a) => (
            <div key={a.name}>
              <dt>{a.label}</dt>
              <dd>{a.file !== undefined ? (a.file?.fileName ?? "–") : a.values.join(", ")}</dd>
            </div>
          ))}
        </dl>
      ) : null}
      {items.map((b) =>
        b.kind === "group" ? (
          <section key={b.name}>
            <H>{b.label}</H>
            <Items items={b.items} level={level + 1} />
          </section>
        ) : b.kind === "repeat" ? (
          <section key={b.name}>
            <H>{b.label}</H>
            {b.instances.map((inst, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: instances have no id; their order is their number
              <Items key={i} items={inst} level={level + 1} />
            ))}
          </section>
        ) : null,
      )}
    </>
  );
}
