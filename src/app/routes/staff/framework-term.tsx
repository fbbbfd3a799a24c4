import { data, Form, Link, useNavigation } from "react-router";
import { LANGUAGES, SOURCE_LANGUAGE } from "#app/i18n/languages.ts";
import {
  frameworkTermTranslationInput,
  termLanguageParams,
  updateFrameworkTermInput,
} from "#app/modules/framework/contracts.ts";
import type { FrameworkTermWithTranslations, TermField } from "#app/modules/framework/model.ts";
import { SETTABLE_STATUSES, type SettableStatus } from "#app/modules/translations/model.ts";
import { isUuid } from "#app/server/db/ids.ts";
import { can } from "#app/server/policy/policy.ts";
import { parseInput } from "#app/server/validation.ts";
import { ErrorSummary, Notice } from "../../components/form/index.ts";
import { pageContext } from "../../context.ts";
import { useT } from "../../i18n.tsx";
import { type FormErrors, formAction, requirePage, requirePrincipal } from "../../server/guard.server.ts";
import type { Route } from "./+types/framework-term";

const TARGETS = LANGUAGES.filter((l) => l.code !== SOURCE_LANGUAGE);

export async function loader({ context, params }: Route.LoaderArgs) {
  const ctx = context.get(pageContext);
  const principal = requirePrincipal(ctx);
  if (!isUuid(params.id)) throw data(null, { status: 404 });
  const axes = await ctx.services.framework.listForStaff(principal, ctx.tenant.id, ctx.lang);
  for (const axis of axes) {
    const term = axis.terms.find((x) => x.id === params.id);
    if (term) {
      return {
        term,
        axisLabel: axis.label?.text ?? axis.key,
        canEdit: can(principal, "framework.update"),
      };
    }
  }
  throw data(null, { status: 404 });
}

/** Which form was sent: the German source, or one language's label/description. */
type Target = { kind: "source" } | { kind: "translation"; lang: string; field: TermField };
type Values = Record<string, string>;
type ActionResult =
  | { ok: true; target: Target }
  | { ok: false; target: Target; errors: FormErrors; values: Values };

export async function action({ request, context, params }: Route.ActionArgs) {
  const ctx = context.get(pageContext);
  const principal = requirePage(ctx, "framework.update");
  const form = await request.formData();
  const str = (k: string) => {
    const v = form.get(k);
    return typeof v === "string" ? v : "";
  };
  const int = (k: string) => {
    const n = Number(str(k));
    return Number.isInteger(n) && n >= 0 ? n : 0;
  };
  if (!isUuid(params.id)) throw data(null, { status: 404 });
  const termId = params.id;
  if (str("intent") === "source") {
    const target: Target = { kind: "source" };
    const values: Values = {
      label: str("label"),
      description: str("description"),
      code: str("code"),
      active: form.get("active") === "on" ? "on" : "",
    };
    const result = await formAction(ctx.t, () =>
      ctx.services.framework.updateTerm(
        principal,
        ctx.tenant.id,
        termId,
        parseInput(updateFrameworkTermInput, {
          version: Math.max(int("version"), 1),
          label: values.label,
          description: values.description,
          code: values.code,
          active: values.active === "on",
        }),
        ctx.requestId,
      ),
    );
    if (!("data" in result)) return { ok: true, target } satisfies ActionResult;
    return data({ ...result.data, target, values } satisfies ActionResult, result.init ?? undefined);
  }
  const field: TermField = str("field") === "description" ? "description" : "label";
  const target: Target = { kind: "translation", lang: str("lang"), field };
  const values: Values = { text: str("text"), status: str("status") };
  const result = await formAction(ctx.t, async () => {
    const { lang } = parseInput(termLanguageParams, { id: termId, lang: target.lang });
    return ctx.services.framework.setTermTranslation(
      principal,
      ctx.tenant.id,
      termId,
      lang,
      parseInput(frameworkTermTranslationInput, {
        field,
        text: values.text,
        status: values.status,
        version: int("version"),
      }),
      ctx.requestId,
    );
  });
  if (!("data" in result)) return { ok: true, target } satisfies ActionResult;
  return data({ ...result.data, target, values } satisfies ActionResult, result.init ?? undefined);
}

function sameTarget(a: Target | undefined, b: Target): boolean {
  if (!a) return false;
  if (a.kind === "source" || b.kind === "source") return a.kind === b.kind;
  return a.lang === b.lang && a.field === b.field;
}

export default function FrameworkTerm({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const navigation = useNavigation();
  const { term, canEdit } = loaderData as {
    term: FrameworkTermWithTranslations;
    canEdit: boolean;
    axisLabel: string;
  };
  const result = actionData as ActionResult | undefined;
  const german = term.translations[SOURCE_LANGUAGE] ?? {};
  const title = term.label?.text ?? term.key;
  const busy = navigation.state === "submitting";

  const sourceFailed = result && !result.ok && result.target.kind === "source" ? result : undefined;
  const sourceValues = sourceFailed?.values ?? {
    label: german.label?.text ?? "",
    description: german.description?.text ?? "",
    code: term.code ?? "",
    active: term.active ? "on" : "",
  };
  const sourceError = (name: string) => sourceFailed?.errors.fields[name];
  const fields: TermField[] = german.description?.text ? ["label", "description"] : ["label"];

  return (
    <>
      <p>
        <Link to="/staff/framework">{t("framework.back")}</Link>
      </p>
      <h1 lang={term.label?.lang}>{t("framework.term_title", { term: title })}</h1>
      <p className="hint">{loaderData.axisLabel}</p>
      {!canEdit ? <Notice>{t("framework.read_only")}</Notice> : null}

      <section aria-labelledby="source-title" className="framework-source">
        <h2 id="source-title">{t("framework.source_title")}</h2>
        <p className="hint" id="source-hint">
          {t("framework.source_hint")}
        </p>
        {result?.ok && result.target.kind === "source" ? (
          <Notice kind="success">{t("framework.saved")}</Notice>
        ) : null}
        {sourceFailed ? <ErrorSummary errors={sourceFailed.errors} /> : null}
        {sourceFailed?.errors.code === "version_conflict" ? (
          <Notice kind="warning">
            {t("framework.conflict_saved")} <span lang="de">{german.label?.text}</span>
          </Notice>
        ) : null}
        <Form method="post" noValidate key={`source-${term.version}`} aria-describedby="source-hint">
          <fieldset disabled={!canEdit} className="plain-fieldset">
            <input type="hidden" name="intent" value="source" />
            <input type="hidden" name="version" value={term.version} />
            {(["label", "description", "code"] as const).map((name) => {
              const err = sourceError(name);
              const id = `src-${name}`;
              return (
                <div key={name} className={err ? "field field-invalid" : "field"}>
                  <label htmlFor={id}>{t(`framework.field_${name}`)}</label>
                  <input
                    id={id}
                    name={name}
                    lang={name === "code" ? undefined : "de"}
                    dir={name === "code" ? "ltr" : "auto"}
                    defaultValue={sourceValues[name]}
                    maxLength={name === "label" ? 200 : name === "code" ? 20 : 2000}
                    required={name === "label"}
                    aria-invalid={err ? true : undefined}
                    aria-describedby={err ? `${id}-error` : undefined}
                  />
                  {err ? (
                    <p className="field-error" id={`${id}-error`}>
                      {err}
                    </p>
                  ) : null}
                </div>
              );
            })}
            <div className="checkbox">
              <input
                id="src-active"
                type="checkbox"
                name="active"
                defaultChecked={sourceValues.active === "on"}
              />
              <label htmlFor="src-active">{t("framework.field_active")}</label>
            </div>
            {canEdit ? (
              <button type="submit" disabled={busy}>
                {sourceFailed?.errors.code === "version_conflict"
                  ? t("framework.save_anyway")
                  : t("framework.save_source")}
              </button>
            ) : null}
          </fieldset>
        </Form>
      </section>

      <h2>{t("framework.translations_title")}</h2>
      {TARGETS.map((l) => (
        <section key={l.code} aria-labelledby={`lang-${l.code}`} className="framework-translation">
          <h3 id={`lang-${l.code}`} lang={l.code}>
            {l.name}
          </h3>
          {fields.map((field) => {
            const cell = term.translations[l.code]?.[field];
            const target: Target = { kind: "translation", lang: l.code, field };
            const mine = sameTarget(result?.target, target) ? result : undefined;
            const failed = mine && !mine.ok ? mine : undefined;
            const conflict = failed?.errors.code === "version_conflict";
            const id = `tr-${l.code}-${field}`;
            const textErr = failed?.errors.fields.text;
            const statusErr = failed?.errors.fields.status;
            const status = cell?.status ?? "missing";
            const defaultStatus: SettableStatus = (SETTABLE_STATUSES as readonly string[]).includes(status)
              ? (status as SettableStatus)
              : "draft";
            return (
              <Form
                method="post"
                noValidate
                key={`${field}-${cell?.version ?? 0}`}
                className="framework-translation-form"
              >
                <input type="hidden" name="intent" value="translate" />
                <input type="hidden" name="lang" value={l.code} />
                <input type="hidden" name="field" value={field} />
                <input type="hidden" name="version" value={cell?.version ?? 0} />
                {mine?.ok ? <Notice kind="success">{t("framework.saved")}</Notice> : null}
                {failed ? <ErrorSummary errors={failed.errors} /> : null}
                {conflict ? (
                  <Notice kind="warning">
                    {t("framework.conflict_saved")} <span lang={l.code}>{cell?.text ?? ""}</span>
                  </Notice>
                ) : null}
                <fieldset disabled={!canEdit} className="plain-fieldset">
                  <p className="hint" id={`${id}-source`}>
                    {t("framework.source_is")} <span lang="de">{german[field]?.text}</span> ·{" "}
                    {t("framework.field_status")}: {t(`translations.status_${status}`)}
                  </p>
                  <div className={textErr ? "field field-invalid" : "field"}>
                    <label htmlFor={`${id}-text`}>{t(`framework.field_${field}`)}</label>
                    <input
                      id={`${id}-text`}
                      name="text"
                      lang={l.code}
                      dir={l.dir}
                      defaultValue={failed?.values.text ?? cell?.text ?? ""}
                      maxLength={field === "label" ? 200 : 2000}
                      required
                      aria-invalid={textErr ? true : undefined}
                      aria-describedby={[`${id}-source`, textErr ? `${id}-text-error` : null]
                        .filter(Boolean)
                        .join(" ")}
                    />
                    {textErr ? (
                      <p className="field-error" id={`${id}-text-error`}>
                        {textErr}
                      </p>
                    ) : null}
                  </div>
                  <div className={statusErr ? "field field-invalid" : "field"}>
                    <label htmlFor={`${id}-status`}>{t("framework.field_status")}</label>
                    <select
                      id={`${id}-status`}
                      name="status"
                      defaultValue={failed?.values.status ?? defaultStatus}
                      aria-invalid={statusErr ? true : undefined}
                      aria-describedby={statusErr ? `${id}-status-error` : undefined}
                    >
                      {SETTABLE_STATUSES.map((s) => (
                        <option key={s} value={s}>
                          {t(`translations.status_${s}`)}
                        </option>
                      ))}
                    </select>
                    {statusErr ? (
                      <p className="field-error" id={`${id}-status-error`}>
                        {statusErr}
                      </p>
                    ) : null}
                  </div>
                  {canEdit ? (
                    <button type="submit" disabled={busy}>
                      {conflict ? t("framework.save_anyway") : t("framework.save_translation")}
                    </button>
                  ) : null}
                </fieldset>
              </Form>
            );
          })}
        </section>
      ))}
    </>
  );
}
