import { data, Form, Link, redirect } from "react-router";
import { deleteQuestionInput, moveQuestionInput } from "#app/modules/surveys/editor.contracts.ts";
import { labelFor } from "#app/modules/surveys/engine.ts";
import type { FormDefinition, FormNode } from "#app/modules/surveys/types.ts";
import { isAppError } from "#app/server/errors.ts";
import { parseInput } from "#app/server/validation.ts";
import { ErrorSummary, formString, Notice } from "../../../components/form/index.ts";
import { SurveyFormFields, surveyDir } from "../../../components/survey-form.tsx";
import { pageContext } from "../../../context.ts";
import { useLanguageName, useT } from "../../../i18n.tsx";
import { formAction, requirePrincipal } from "../../../server/guard.server.ts";
import type { Route } from "./+types/editor";

/**
 * The questionnaire editor (decision 096): the form's questions in order, groups and repeats
 * nested, each with edit, move up/down and delete; below, a preview in any of the form's
 * languages with the component that captures answers. Works without JavaScript.
 */
export function meta({ loaderData }: Route.MetaArgs) {
  return [{ title: loaderData ? `${loaderData.pageTitle} · Lotse` : "Lotse" }];
}

export async function loader({ context, params, request }: Route.LoaderArgs) {
  const ctx = context.get(pageContext);
  const principal = requirePrincipal(ctx);
  const v = await ctx.services.surveys.editorView(principal, params.id).catch((e: unknown) => {
    if (isAppError(e) && e.status === 404) throw data(null, { status: 404 });
    throw e;
  });
  const url = new URL(request.url);
  const def = v.definition;
  // `preview`, not `lang`: `?lang` would switch the whole staff interface (issue 15).
  const asked = url.searchParams.get("preview") ?? "";
  const previewLang = def.languages.includes(asked) ? asked : v.sourceLanguage;
  const saved = Number(url.searchParams.get("saved"));
  return {
    pageTitle: ctx.t("surveys.editor_title", { title: v.form.title }),
    form: { id: v.form.id, version: v.form.version, number: v.form.currentVersion },
    answered: v.answered > 0,
    definition: def,
    sourceLanguage: v.sourceLanguage,
    previewLang,
    saved: Number.isInteger(saved) && saved > 0 ? saved : null,
    today: ctx.services.surveys.today(),
  };
}

export async function action({ context, params, request }: Route.ActionArgs) {
  const ctx = context.get(pageContext);
  const principal = requirePrincipal(ctx);
  const form = await request.formData();
  const intent = formString(form, "intent");
  const opts = { requestId: ctx.requestId };
  const result = await formAction(ctx.t, async () => {
    const fields = { version: formString(form, "version"), name: formString(form, "name") };
    if (intent === "delete")
      return ctx.services.surveys.deleteQuestion(
        principal,
        params.id,
        parseInput(deleteQuestionInput, fields),
        opts,
      );
    const input = parseInput(moveQuestionInput, { ...fields, direction: formString(form, "direction") });
    return ctx.services.surveys.moveQuestion(principal, params.id, input, opts);
  });
  if ("data" in result) return result;
  throw redirect(`/staff/surveys/forms/${params.id}/edit?saved=${result.value.number}`, 303);
}

export default function FormEditor({ loaderData: d, actionData }: Route.ComponentProps) {
  const t = useT();
  const languageName = useLanguageName();
  const def = d.definition;
  const base = `/staff/surveys/forms/${d.form.id}/edit`;
  return (
    <>
      <p>
        <Link to={`/staff/forms/${d.form.id}`}>{t("surveys.editor_back_to_form")}</Link>
      </p>
      <h1>{d.pageTitle}</h1>
      <ErrorSummary errors={actionData && !actionData.ok ? actionData.errors : undefined} />
      {d.saved ? (
        <Notice kind="success">{t("surveys.editor_saved", { version: String(d.saved) })}</Notice>
      ) : null}
      <Notice>
        {d.answered
          ? t("surveys.editor_published", { version: String(d.form.number), next: String(d.form.number + 1) })
          : t("surveys.editor_draft", { version: String(d.form.number) })}
      </Notice>
      <section aria-labelledby="questions-h">
        <h2 id="questions-h">{t("surveys.editor_questions")}</h2>
        {def.nodes.length === 0 ? <p>{t("surveys.editor_empty")}</p> : null}
        <QuestionList
          nodes={def.nodes}
          def={def}
          lang={d.sourceLanguage}
          version={d.form.version}
          base={base}
        />
        <p>
          <Link to={`${base}/question`} className="button">
            {t("surveys.editor_add")}
          </Link>
        </p>
      </section>

      <section aria-labelledby="preview-h">
        <h2 id="preview-h">{t("surveys.editor_preview")}</h2>
        <nav aria-label={t("surveys.editor_preview_language")} className="survey-languages-nav">
          <span>{t("surveys.editor_preview_language")}: </span>
          {def.languages.map((l) => (
            <Link
              key={l}
              to={`${base}?preview=${encodeURIComponent(l)}#preview-h`}
              aria-current={l === d.previewLang ? "true" : undefined}
              lang={l}
            >
              {languageName(l)}
            </Link>
          ))}
        </nav>
        <div className="survey-preview" lang={d.previewLang} dir={surveyDir(d.previewLang)}>
          <p className="survey-preview-title">{labelFor(def.title, d.previewLang, def)}</p>
          {/* A preview: it never submits. */}
          <form onSubmit={(e) => e.preventDefault()} aria-label={t("surveys.editor_preview")}>
            <SurveyFormFields definition={def} lang={d.previewLang} values={{}} errors={{}} today={d.today} />
          </form>
        </div>
      </section>
    </>
  );
}

/** One level of the question tree as an ordered list; containers hold the next level. */
function QuestionList(p: {
  nodes: FormNode[];
  def: FormDefinition;
  lang: string;
  version: number;
  base: string;
}) {
  const t = useT();
  return (
    <ol className="editor-questions">
      {p.nodes.map((node, i) => {
        const label = labelFor(node.label, p.lang, p.def) || node.name;
        const container = node.type === "group" || node.type === "repeat" || node.type === "matrix";
        return (
          <li key={node.name} id={`f-questions.${node.name}`}>
            <p className="editor-question-head">
              <bdi lang={p.lang}>{label}</bdi> · <code dir="ltr">{node.name}</code> ·{" "}
              {t(`surveys.editor_type_${node.type}`)}
            </p>
            <div className="editor-question-actions">
              <Link to={`${p.base}/question?name=${encodeURIComponent(node.name)}`}>
                {t("surveys.editor_edit")}
                <span className="visually-hidden">: {node.name}</span>
              </Link>
              {i > 0 ? <Action {...p} name={node.name} intent="move" direction="up" /> : null}
              {i < p.nodes.length - 1 ? (
                <Action {...p} name={node.name} intent="move" direction="down" />
              ) : null}
              <Action {...p} name={node.name} intent="delete" />
            </div>
            {container ? (
              <>
                <QuestionList {...p} nodes={node.children ?? []} />
                {node.type !== "matrix" ? (
                  <p>
                    <Link to={`${p.base}/question?parent=${encodeURIComponent(node.name)}`}>
                      {t("surveys.editor_add_to", { name: node.name })}
                    </Link>
                  </p>
                ) : null}
              </>
            ) : null}
          </li>
        );
      })}
    </ol>
  );
}

/** A one-button form: move a question or delete it (the form's version guards it). */
function Action(p: { name: string; version: number; intent: "move" | "delete"; direction?: "up" | "down" }) {
  const t = useT();
  const text =
    p.intent === "delete"
      ? t("surveys.editor_delete")
      : t(p.direction === "up" ? "surveys.editor_up" : "surveys.editor_down");
  return (
    <Form method="post" className="inline-form">
      <input type="hidden" name="intent" value={p.intent} />
      <input type="hidden" name="version" value={p.version} />
      <input type="hidden" name="name" value={p.name} />
      {p.direction ? <input type="hidden" name="direction" value={p.direction} /> : null}
      <button type="submit" className={p.intent === "delete" ? "button-secondary" : undefined}>
        {text}
        <span className="visually-hidden">: {p.name}</span>
      </button>
    </Form>
  );
}
