import { data, Form, Link, useNavigation } from "react-router";
import { LANGUAGES } from "#app/i18n/languages.ts";
import { translationInput } from "#app/modules/directory/contracts.ts";
import { ENTITY_TYPES, type EntityType } from "#app/modules/directory/model.ts";
import {
  CONTENT_LANGUAGES,
  CONTENT_SOURCE_LANGUAGE,
  SETTABLE_STATUSES,
} from "#app/modules/translations/languages.ts";
import { isUuid } from "#app/server/db/ids.ts";
import { can } from "#app/server/policy/policy.ts";
import { parseInput } from "#app/server/validation.ts";
import { ErrorSummary, Notice } from "../../../components/form/index.ts";
import { pageContext } from "../../../context.ts";
import { useT } from "../../../i18n.tsx";
import { type FormErrors, formAction, requirePage, requirePrincipal } from "../../../server/guard.server.ts";
import type { Route } from "./+types/translations";

const TARGETS = CONTENT_LANGUAGES.filter((l) => l !== CONTENT_SOURCE_LANGUAGE);
const RTL = new Set(["ar", "fa"]);

export async function loader({ context, params }: Route.LoaderArgs) {
  const ctx = context.get(pageContext);
  const principal = requirePrincipal(ctx);
  if (!(ENTITY_TYPES as readonly string[]).includes(params.type) || !isUuid(params.id))
    throw data(null, { status: 404 });
  const type = params.type as EntityType;
  const [entry, tr] = await Promise.all([
    ctx.services.directory.get(principal, type, params.id),
    ctx.services.directory.translationsOf(principal, type, params.id),
  ]);
  const name = String(
    (entry.data as Record<string, unknown>)[type === "offer" || type === "event" ? "title" : "name"] ?? "",
  );
  return { type, id: params.id, name, ...tr, canTranslate: can(principal, "directory.translate") };
}

type ActionResult = { ok: true; key: string } | { ok: false; key: string; errors: FormErrors; text: string };

export async function action({ request, context, params }: Route.ActionArgs) {
  const ctx = context.get(pageContext);
  const principal = requirePage(ctx, "directory.translate");
  const form = await request.formData();
  const str = (k: string) => {
    const v = form.get(k);
    return typeof v === "string" ? v : "";
  };
  const field = str("field");
  const lang = str("lang");
  const key = `${field}.${lang}`;
  const version = Number(str("version"));
  const result = await formAction(ctx.t, () =>
    ctx.services.directory.setTranslation(
      principal,
      params.type,
      params.id,
      {
        ...parseInput(translationInput, {
          field,
          text: str("text"),
          status: str("status"),
          version: Number.isInteger(version) && version >= 0 ? version : 0,
        }),
        lang,
      },
      ctx.requestId,
    ),
  );
  if ("data" in result)
    return data({ ...result.data, key, text: str("text") } satisfies ActionResult, result.init ?? undefined);
  return { ok: true, key } satisfies ActionResult;
}

export default function EntryTranslations({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const navigation = useNavigation();
  const result = actionData as ActionResult | undefined;
  const langName = (l: string) =>
    l === "de-simple" ? t("directory.lang_de_simple") : (LANGUAGES.find((x) => x.code === l)?.name ?? l);
  return (
    <>
      <p>
        <Link to={`/staff/directory/${loaderData.type}/${loaderData.id}`}>
          {t("directory.back_to_entry")}
        </Link>
      </p>
      <h1>{t("directory.translations_of", { name: loaderData.name })}</h1>
      <p className="hint">{t("directory.translations_hint")}</p>
      {loaderData.fields.length === 0 ? <Notice>{t("directory.translations_none")}</Notice> : null}
      {loaderData.fields.map((field) => {
        const cells = loaderData.cells[field] ?? {};
        const source = cells[CONTENT_SOURCE_LANGUAGE]?.text ?? "";
        return (
          <section key={field} className="dir-translation-field">
            <h2>{t(`directory.field_${field}`)}</h2>
            <p className="hint">{t("directory.source_text")}</p>
            <blockquote lang="de">{source}</blockquote>
            {TARGETS.map((l) => {
              const cell = cells[l] ?? { status: "missing", text: null, version: 0 };
              const key = `${field}.${l}`;
              const mine = result?.key === key ? result : undefined;
              const errors = mine && !mine.ok ? mine.errors : undefined;
              const id = `f-${field}-${l}`;
              return (
                <Form method="post" key={l} className="dir-translation" noValidate>
                  <input type="hidden" name="field" value={field} />
                  <input type="hidden" name="lang" value={l} />
                  <input type="hidden" name="version" value={cell.version} />
                  {mine?.ok ? <Notice kind="success">{t("directory.translation_saved")}</Notice> : null}
                  <ErrorSummary errors={errors} />
                  <div className={errors?.fields.text ? "field field-invalid" : "field"}>
                    <label htmlFor={id}>
                      {langName(l)} · {t(`directory.tr_status_${cell.status}`)}
                    </label>
                    <textarea
                      id={id}
                      name="text"
                      rows={field === "description" ? 5 : 2}
                      lang={l === "de-simple" ? "de" : l}
                      dir={RTL.has(l) ? "rtl" : "ltr"}
                      defaultValue={mine && !mine.ok ? mine.text : (cell.text ?? "")}
                      key={`${cell.version}`}
                      disabled={!loaderData.canTranslate}
                      aria-invalid={errors?.fields.text ? true : undefined}
                      aria-describedby={errors?.fields.text ? `${id}-error` : undefined}
                    />
                    {errors?.fields.text ? (
                      <p className="field-error" id={`${id}-error`}>
                        {errors.fields.text}
                      </p>
                    ) : null}
                  </div>
                  {loaderData.canTranslate ? (
                    <div className="dir-inline">
                      <div className="field">
                        <label htmlFor={`${id}-status`}>{t("directory.tr_status")}</label>
                        <select
                          id={`${id}-status`}
                          name="status"
                          defaultValue={
                            cell.status === "machine" || cell.status === "reviewed" ? cell.status : "draft"
                          }
                        >
                          {SETTABLE_STATUSES.map((s) => (
                            <option key={s} value={s}>
                              {t(`directory.tr_status_${s}`)}
                            </option>
                          ))}
                        </select>
                      </div>
                      <button type="submit" disabled={navigation.state === "submitting"}>
                        {t("directory.translation_save", { lang: langName(l) })}
                      </button>
                    </div>
                  ) : null}
                </Form>
              );
            })}
          </section>
        );
      })}
    </>
  );
}
