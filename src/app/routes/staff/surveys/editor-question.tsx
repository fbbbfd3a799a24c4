import { data, Form, Link, redirect } from "react-router";
import { LANGUAGE_CODES } from "#app/i18n/languages.ts";
import { editQuestionInput } from "#app/modules/surveys/editor.contracts.ts";
import type { FormNode, LocalizedText } from "#app/modules/surveys/types.ts";
import { QUESTION_TYPES } from "#app/modules/surveys/types.ts";
import { isAppError } from "#app/server/errors.ts";
import { parseInput } from "#app/server/validation.ts";
import { ErrorSummary, Select } from "../../../components/form/index.ts";
import {
  QuestionFields,
  type QuestionValues,
  questionValuesOf,
  readQuestionForm,
} from "../../../components/survey-editor/question-fields.tsx";
import { pageContext } from "../../../context.ts";
import { useLanguageName, useT } from "../../../i18n.tsx";
import { formAction, requirePrincipal } from "../../../server/guard.server.ts";
import type { Route } from "./+types/editor-question";

/**
 * One question in the editor (decision 096): name, type, texts in the source language and a
 * second language side by side, required, relevance, constraint with its message, calculation,
 * choices. `?name=` edits a question, `?parent=` adds one to a group (none: to the top level),
 * `?second=` picks the second language. What was typed survives a refused save.
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
  const name = url.searchParams.get("name") ?? "";
  const parent = url.searchParams.get("parent") ?? "";
  const node = name ? findNode(def.nodes, name) : undefined;
  if (name && !node) throw data(null, { status: 404 });
  if (parent && !findNode(def.nodes, parent)) throw data(null, { status: 404 });
  const source = v.sourceLanguage;
  const languages = [...new Set([...def.languages, ...LANGUAGE_CODES])].filter(
    (l) => l !== source && l !== "default",
  );
  const asked = url.searchParams.get("second") ?? "";
  const second = languages.includes(asked) ? asked : (def.languages.find((l) => l !== source) ?? "en");
  const values: QuestionValues = questionValuesOf(
    node,
    node?.listName ? (def.choices[node.listName] ?? []) : [],
  );
  return {
    pageTitle: node
      ? ctx.t("surveys.editor_question_edit", { name: node.name })
      : ctx.t("surveys.editor_question_new"),
    form: { id: v.form.id, version: v.form.version, title: v.form.title },
    original: node?.name ?? "",
    parent: node ? "" : parent,
    source,
    second,
    languages,
    values,
  };
}

export async function action({ context, params, request }: Route.ActionArgs) {
  const ctx = context.get(pageContext);
  const principal = requirePrincipal(ctx);
  const form = await request.formData();
  const posted = readQuestionForm(form);
  const result = await formAction(ctx.t, async () =>
    ctx.services.surveys.saveQuestion(principal, params.id, parseInput(editQuestionInput, posted), {
      requestId: ctx.requestId,
    }),
  );
  // A refused save shows the form again with what was typed, the errors beside the fields.
  if ("data" in result) return data({ ...result.data, posted }, result.init ?? undefined);
  throw redirect(
    `/staff/surveys/forms/${params.id}/edit?saved=${result.value.number}#f-questions.${encodeURIComponent(result.value.name)}`,
    303,
  );
}

export default function QuestionEditor({ loaderData: d, actionData }: Route.ComponentProps) {
  const t = useT();
  const languageName = useLanguageName();
  const base = `/staff/surveys/forms/${d.form.id}/edit`;
  const errors = actionData && !actionData.ok ? actionData.errors : undefined;
  const values = actionData?.posted ? questionValuesOfPost(actionData.posted) : d.values;
  const here = d.original
    ? `name=${encodeURIComponent(d.original)}`
    : `parent=${encodeURIComponent(d.parent)}`;
  return (
    <>
      <p>
        <Link to={base}>{t("surveys.editor_back")}</Link>
      </p>
      <h1>{d.pageTitle}</h1>
      <p>{d.form.title}</p>
      {/* The second language is chosen with a plain GET form: it works without JavaScript. */}
      <Form method="get" className="inline-form editor-language-choice">
        {d.original ? <input type="hidden" name="name" value={d.original} /> : null}
        {!d.original && d.parent ? <input type="hidden" name="parent" value={d.parent} /> : null}
        <Select
          name="second"
          label={t("surveys.editor_second_language")}
          defaultValue={d.second}
          options={d.languages.map((l) => ({ value: l, label: languageName(l), lang: l }))}
        />
        <button type="submit" className="button-secondary">
          {t("surveys.editor_show_language")}
        </button>
      </Form>
      <ErrorSummary errors={errors} />
      <Form
        method="post"
        action={`${base}/question?${here}&second=${encodeURIComponent(d.second)}`}
        noValidate
      >
        <input type="hidden" name="version" value={d.form.version} />
        <input type="hidden" name="original" value={d.original} />
        <input type="hidden" name="parent" value={d.parent} />
        <QuestionFields
          key={`${d.second}-${d.form.version}-${actionData ? "posted" : "loaded"}`}
          values={values}
          errors={errors}
          source={d.source}
          second={d.second}
          types={QUESTION_TYPES}
        />
        <p>
          <button type="submit">{t("surveys.editor_save")}</button>
        </p>
      </Form>
    </>
  );
}

function findNode(nodes: FormNode[], name: string): FormNode | undefined {
  for (const n of nodes) {
    if (n.name === name) return n;
    const inner = n.children ? findNode(n.children, name) : undefined;
    if (inner) return inner;
  }
  return undefined;
}

/** The posted fields as the form's values again (a refused save keeps everything typed). */
function questionValuesOfPost(posted: ReturnType<typeof readQuestionForm>): QuestionValues {
  const text = (v: unknown): LocalizedText => (v && typeof v === "object" ? (v as LocalizedText) : {});
  return {
    type: String(posted.type),
    name: String(posted.name),
    label: text(posted.label),
    hint: text(posted.hint),
    required: posted.required === "on",
    relevant: String(posted.relevant),
    constraint: String(posted.constraint),
    constraintMessage: text(posted.constraintMessage),
    calculation: String(posted.calculation),
    repeatCount: String(posted.repeatCount),
    parameters: String(posted.parameters),
    listName: String(posted.listName),
    choices: posted.choices.map((c) => ({ name: c.name, label: c.label })),
  };
}
