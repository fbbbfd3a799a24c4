import { data, Link, redirect } from "react-router";
import { LANGUAGES } from "#app/i18n/languages.ts";
import { answerFieldsOf, createLinkInput, submissionInput } from "#app/modules/surveys/contracts.ts";
import { labelFor } from "#app/modules/surveys/engine.ts";
import { parseInput } from "#app/server/validation.ts";
import { ErrorSummary, Notice } from "../../../components/form/index.ts";
import { isolate } from "../../../components/offers/format.ts";
import { SurveyForm } from "../../../components/survey-form.tsx";
import { pageContext } from "../../../context.ts";
import { useT } from "../../../i18n.tsx";
import { type FormErrors, formAction, requirePrincipal } from "../../../server/guard.server.ts";
import { newSubmissionId, readSurveyPost, redisplay } from "../../../server/survey-form.server.ts";
import type { Route } from "./+types/capture";

/**
 * A case worker fills a questionnaire in a case (issue 5), e.g. during a home visit. The form
 * posts natively (no client router), so /survey-queue.js can keep it in the browser while the
 * tablet has no network and send it once when the connection returns; the submission id makes
 * the resend harmless. Answers that name needs open them in the case.
 */
export async function loader({ params, context, request }: Route.LoaderArgs) {
  const ctx = context.get(pageContext);
  const principal = requirePrincipal(ctx);
  const r = await formAction(ctx.t, () =>
    ctx.services.surveys.captureContext(principal, params.id, params.formId, { requestId: ctx.requestId }),
  );
  if ("data" in r) throw r;
  const url = new URL(request.url);
  const formLangParam = url.searchParams.get("formLang") ?? "";
  const def = r.value.definition;
  const formLang = def.languages.includes(formLangParam)
    ? formLangParam
    : def.languages.includes(ctx.lang)
      ? ctx.lang
      : def.defaultLanguage;
  return data(
    {
      caseId: params.id,
      reference: r.value.case.reference,
      persons: r.value.case.persons.map((p) => ({ id: p.id, name: `${p.givenName} ${p.familyName}` })),
      form: { id: r.value.form.id, title: r.value.form.title },
      number: r.value.number,
      definition: def,
      formLang,
      submissionId: newSubmissionId(),
      today: ctx.services.surveys.today(),
      link: null as null | { url: string; expiresAt: string },
    },
    { headers: { "cache-control": "no-store" } },
  );
}

export async function action({ request, params, context }: Route.ActionArgs) {
  const ctx = context.get(pageContext);
  const principal = requirePrincipal(ctx);
  const url = new URL(request.url);
  return url.searchParams.get("intent") === "link"
    ? linkAction(ctx, principal, params, request, url.origin)
    : fillAction(ctx, principal, params, request, url.searchParams.get("formLang") || ctx.lang);
}

type PageCtx = Parameters<typeof requirePrincipal>[0];
type Principal = ReturnType<typeof requirePrincipal>;
type Params = Route.ActionArgs["params"];

/** A one-time link for a person of the case, in the language picked (the page's by default). */
async function linkAction(
  ctx: PageCtx,
  principal: Principal,
  params: Params,
  request: Request,
  origin: string,
) {
  const form = Object.fromEntries(await request.formData());
  const r = await formAction(ctx.t, async () => {
    const input = parseInput(createLinkInput, {
      ...form,
      formId: params.formId,
      caseId: params.id,
      lang: form.lang || ctx.lang,
    });
    const link = await ctx.services.surveys.createLink(principal, input, { requestId: ctx.requestId });
    return { ...link, lang: input.lang };
  });
  if ("data" in r)
    return data({ kind: "link" as const, ...r.data, again: null, link: null }, r.init ?? undefined);
  return {
    kind: "link" as const,
    ok: true as const,
    errors: undefined,
    again: null,
    link: {
      url: `${origin}/${r.value.lang}/survey/${r.value.token}`,
      expiresAt: r.value.expiresAt.toISOString(),
    },
  };
}

/**
 * The filled form: "add another" shows it again with one more repeat instance; otherwise the
 * answers are saved, or shown again with their errors.
 */
async function fillAction(
  ctx: PageCtx,
  principal: Principal,
  params: Params,
  request: Request,
  lang: string,
) {
  const post = await readSurveyPost(request);
  // The case is loaded (and its read audited) once for this request; the submission reuses it.
  const capture = await formAction(ctx.t, () =>
    ctx.services.surveys.captureContext(principal, params.id, params.formId, { requestId: ctx.requestId }),
  );
  if ("data" in capture) throw capture;
  const ctxForm = capture.value;
  const today = ctx.services.surveys.today();
  const again = {
    kind: "fill" as const,
    link: null,
    submissionId: post.submissionId,
    personId: post.personId,
  };
  if (post.add)
    return {
      ...again,
      ok: false as const,
      errors: undefined,
      again: redisplay(ctxForm.definition, post, today),
    };
  const r = await formAction(ctx.t, () =>
    ctx.services.surveys.submitCapture(
      principal,
      ctxForm,
      parseInput(submissionInput, {
        formVersion: post.formVersion,
        submissionId: post.submissionId,
        personId: post.personId,
        lang,
        answers: answerFieldsOf(post.entries),
      }),
      { requestId: ctx.requestId, uploads: post.uploads },
    ),
  );
  if ("data" in r)
    return data(
      { ...again, ...r.data, again: redisplay(ctxForm.definition, post, today, r.data.errors) },
      r.init ?? undefined,
    );
  const note = r.value.duplicate
    ? "survey_duplicate"
    : r.value.needs.length
      ? "survey_saved_needs"
      : "survey_saved";
  throw redirect(`/staff/cases/${params.id}?notice=${note}&needs=${r.value.needs.length}#responses`, 303);
}

export default function Capture({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const def = loaderData.definition;
  const again = actionData && "again" in actionData ? actionData.again : null;
  const errors = actionData && !actionData.ok ? actionData.errors : undefined;
  const fillErrors = actionData?.kind === "fill" ? errors : undefined;
  const linkErrors = actionData?.kind === "link" ? errors : undefined;
  const link = actionData?.kind === "link" && actionData.ok ? actionData.link : null;
  const personId = actionData && "personId" in actionData ? actionData.personId : null;
  const submissionId =
    (actionData && "submissionId" in actionData ? actionData.submissionId : null) ?? loaderData.submissionId;
  return (
    <>
      <p>
        <Link to={`/staff/cases/${loaderData.caseId}`}>
          {t("surveys.back_to_case", { reference: isolate(loaderData.reference) })}
        </Link>
      </p>
      <h1>
        <bdi lang={loaderData.formLang}>
          {labelFor(def.title, loaderData.formLang, def) || loaderData.form.title}
        </bdi>
      </h1>
      <p className="hint">{t("surveys.capture_intro", { version: String(loaderData.number) })}</p>
      <nav aria-label={t("surveys.form_language")} className="survey-languages-nav">
        <span>{t("surveys.form_language")}: </span>
        {def.languages.map((l) => (
          <a
            key={l}
            href={`?formLang=${l}`}
            aria-current={l === loaderData.formLang ? "true" : undefined}
            lang={l}
            dir="auto"
          >
            {languageName(l)}
          </a>
        ))}
      </nav>
      <SurveyForm
        action={`/staff/cases/${loaderData.caseId}/forms/${loaderData.form.id}?formLang=${loaderData.formLang}`}
        definition={def}
        lang={loaderData.formLang}
        formVersion={loaderData.number}
        submissionId={submissionId}
        again={again}
        errors={fillErrors}
        today={loaderData.today}
        submitLabel={t("surveys.save_response")}
      >
        <div className="field">
          <label htmlFor="f-personId">{t("surveys.respondent")}</label>
          <select id="f-personId" name="personId" defaultValue={personId ?? ""}>
            <option value="">{t("surveys.respondent_household")}</option>
            {loaderData.persons.map((p) => (
              <option key={p.id} value={p.id}>
                {isolate(p.name)}
              </option>
            ))}
          </select>
        </div>
      </SurveyForm>

      <LinkSection d={loaderData} link={link} errors={linkErrors} />
    </>
  );
}

/** A one-time link, so a person fills the form themselves on their own device. */
function LinkSection({
  d,
  link,
  errors,
}: {
  d: Route.ComponentProps["loaderData"];
  link: { url: string; expiresAt: string } | null;
  errors: FormErrors | undefined;
}) {
  const t = useT();
  return (
    <section aria-labelledby="link-heading">
      <h2 id="link-heading">{t("surveys.link_heading")}</h2>
      <p className="hint">{t("surveys.link_intro")}</p>
      {link ? (
        <Notice kind="success">
          {t("surveys.link_created", { date: isolate(link.expiresAt.slice(0, 10)) })}{" "}
          <code className="one-time-link" dir="ltr">
            {link.url}
          </code>
        </Notice>
      ) : null}
      <ErrorSummary errors={errors} />
      <form method="post" action={`/staff/cases/${d.caseId}/forms/${d.form.id}?intent=link`}>
        <div className="field">
          <label htmlFor="f-link-person">{t("surveys.respondent")}</label>
          <select id="f-link-person" name="personId">
            {d.persons.map((p) => (
              <option key={p.id} value={p.id}>
                {isolate(p.name)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="f-link-lang">{t("surveys.link_language")}</label>
          <select id="f-link-lang" name="lang" defaultValue={d.formLang}>
            {LANGUAGES.map((l) => (
              <option key={l.code} value={l.code} lang={l.code}>
                {isolate(l.name)}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="button-secondary">
          {t("surveys.link_create")}
        </button>
      </form>
    </section>
  );
}

/** A language's own name (endonym), so speakers find theirs whatever the page language. */
export function languageName(code: string): string {
  try {
    return new Intl.DisplayNames([code], { type: "language" }).of(code) ?? code;
  } catch {
    return code;
  }
}
