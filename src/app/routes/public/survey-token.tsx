import { data } from "react-router";
import { formatLanguage } from "#app/i18n/languages.ts";
import { answerFieldsOf, submissionInput } from "#app/modules/surveys/contracts.ts";
import { labelFor } from "#app/modules/surveys/engine.ts";
import { parseInput } from "#app/server/validation.ts";
import { Notice } from "../../components/form/index.ts";
import { SurveyForm } from "../../components/survey-form.tsx";
import { pageContext } from "../../context.ts";
import { useLang, useT } from "../../i18n.tsx";
import { pageCatalog } from "../../page-catalog.server.ts";
import { PUBLIC_LAYOUT_NAMESPACES, type RouteHandle } from "../../root.tsx";
import { formAction } from "../../server/guard.server.ts";
import { newSubmissionId, readSurveyPost, redisplay } from "../../server/survey-form.server.ts";
import type { Route } from "./+types/survey-token";

/**
 * Self-completion (issue 5): the respondent fills the questionnaire through a one-time link, in
 * their language, on a phone. It works without JavaScript (plain form post; the server drops
 * answers to questions that do not apply); with JavaScript, questions appear as they apply and
 * answers given offline wait in the browser until the connection returns (/survey-queue.js).
 * The hidden submission id makes a double submission from a flaky connection harmless.
 */
export const handle = {
  hydrate: true,
  namespaces: [...PUBLIC_LAYOUT_NAMESPACES, "surveys", "persons"],
} satisfies RouteHandle;

// The token must not leave the site in a Referer header; "same-origin" (not "no-referrer") keeps
// the browser's Origin header on the form's own post, which the router's origin check needs.

export function meta() {
  return [
    { title: "Lotse" },
    { name: "robots", content: "noindex" },
    { name: "referrer", content: "same-origin" },
  ];
}

const NO_STORE = { "cache-control": "no-store", "referrer-policy": "same-origin" };

export async function loader({ params, context }: Route.LoaderArgs) {
  const ctx = context.get(pageContext);
  const r = await ctx.services.surveys.linkForm(ctx.tenant.id, params.token.slice(0, 200));
  const catalog = pageCatalog(ctx.lang, handle.namespaces);
  return data(
    r.state === "open"
      ? {
          state: r.state,
          definition: r.definition,
          formVersion: r.formVersion,
          submissionId: newSubmissionId(),
          today: ctx.services.surveys.today(),
          catalog,
        }
      : { state: r.state, definition: null, formVersion: 0, submissionId: "", today: "", catalog },
    { headers: NO_STORE },
  );
}

export async function action({ params, request, context }: Route.ActionArgs) {
  const ctx = context.get(pageContext);
  const token = params.token.slice(0, 200);
  const post = await readSurveyPost(request);
  const link = await ctx.services.surveys.linkForm(ctx.tenant.id, token);
  const today = ctx.services.surveys.today();
  if (post.add && link.state === "open") {
    return data(
      {
        done: false as const,
        errors: undefined,
        again: redisplay(link.definition, post, today),
        submissionId: post.submissionId,
      },
      { headers: NO_STORE },
    );
  }
  const r = await formAction(ctx.t, () =>
    ctx.services.surveys.submitByLink(
      ctx.tenant.id,
      token,
      parseInput(submissionInput, {
        formVersion: post.formVersion,
        submissionId: post.submissionId,
        lang: formatLanguage(ctx.lang),
        answers: answerFieldsOf(post.entries),
      }),
      post.uploads,
    ),
  );
  if ("data" in r) {
    const again = link.state === "open" ? redisplay(link.definition, post, today, r.data.errors) : null;
    return data(
      { done: false as const, errors: r.data.errors, again, submissionId: post.submissionId },
      { ...r.init, headers: NO_STORE },
    );
  }
  return data(
    { done: true as const, errors: undefined, again: null, submissionId: post.submissionId },
    { headers: NO_STORE },
  );
}

export default function SurveyToken({ loaderData, actionData, params }: Route.ComponentProps) {
  const t = useT();
  const lang = useLang();
  if (actionData?.done) {
    return (
      <>
        <h1>{t("surveys.public_title")}</h1>
        <Notice kind="success">{t("surveys.public_thanks")}</Notice>
      </>
    );
  }
  const def = loaderData.definition;
  if (loaderData.state !== "open" || !def) {
    return (
      <>
        <h1>{t("surveys.public_title")}</h1>
        <Notice kind="warning">{t(`surveys.public_state_${loaderData.state}`)}</Notice>
      </>
    );
  }
  // Labels in the page's language when the form has it, else in the form's own language.
  const formLang = def.languages.includes(lang) ? lang : def.defaultLanguage;
  const again = actionData?.again;
  const errors = actionData?.errors;
  return (
    <>
      {/* the form's title in its own language: isolated in a page of the other direction */}
      <h1>
        {labelFor(def.title, formLang, def) ? (
          <bdi lang={formLang}>{labelFor(def.title, formLang, def)}</bdi>
        ) : (
          t("surveys.public_title")
        )}
      </h1>
      <p>{t("surveys.public_intro")}</p>
      {formLang !== lang ? <Notice>{t("surveys.public_language_missing")}</Notice> : null}
      <SurveyForm
        action={`/${lang}/survey/${params.token}`}
        definition={def}
        lang={formLang}
        formVersion={loaderData.formVersion}
        submissionId={actionData?.submissionId ?? loaderData.submissionId}
        again={again}
        errors={errors}
        today={loaderData.today}
        submitLabel={t("surveys.submit")}
      />
    </>
  );
}
