import { data, Form, Link } from "react-router";
import { LANGUAGES } from "#app/i18n/languages.ts";
import {
  publishRulesInput,
  RULES_BODY_MAX,
  RULES_TITLE_MAX,
  RULES_TRANSLATION_LANGUAGES,
} from "#app/modules/volunteers/rule-contracts.ts";
import { parseInput } from "#app/server/validation.ts";
import { ErrorSummary, formString, Notice, TextField } from "../../../components/form/index.ts";
import { poolDate, RulesText } from "../../../components/volunteers-rules.tsx";
import { pageContext } from "../../../context.ts";
import { useLang, useT } from "../../../i18n.tsx";
import { formAction, requirePrincipal } from "../../../server/guard.server.ts";
import type { Route } from "./+types/rules";

/**
 * The pool's rules (Verhaltenskodex, Schweigepflicht; issue 17, decision 110): the coordinator
 * publishes a new version, sees every earlier one and who has not acknowledged the current one.
 */
export async function loader({ context }: Route.LoaderArgs) {
  const ctx = context.get(pageContext);
  return { overview: await ctx.services.volunteers.rulesOverview(requirePrincipal(ctx)) };
}

export async function action({ context, request }: Route.ActionArgs) {
  const ctx = context.get(pageContext);
  const principal = requirePrincipal(ctx);
  const form = await request.formData();
  const r = await formAction(ctx.t, () =>
    ctx.services.volunteers.publishRules(
      principal,
      parseInput(publishRulesInput, {
        title: formString(form, "title"),
        body: formString(form, "body"),
        basedOn: Number(formString(form, "basedOn")),
        translations: Object.fromEntries(
          RULES_TRANSLATION_LANGUAGES.map((l) => [
            l,
            {
              title: formString(form, `translations.${l}.title`),
              body: formString(form, `translations.${l}.body`),
            },
          ]),
        ),
      }),
      { requestId: ctx.requestId },
    ),
  );
  if ("data" in r) return data(r.data, r.init ?? undefined);
  return { ok: true as const, errors: undefined, seq: r.value.seq };
}

/** A language's own name (the rules list their translations by it). */
const languageName = (code: string) => LANGUAGES.find((l) => l.code === code)?.name ?? code;

export default function Rules({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const lang = useLang();
  const { current, versions, missing, active, currentTranslations } = loaderData.overview;
  const errors = actionData && !actionData.ok ? actionData.errors : undefined;
  return (
    <>
      <p>
        <Link to="/staff/volunteers">{t("volunteers.back")}</Link>
      </p>
      <h1>{t("volunteers.rules_title")}</h1>
      <p>{t("volunteers.rules_intro")}</p>
      {actionData?.ok ? (
        <Notice kind="success">{t("volunteers.rules_published", { seq: actionData.seq })}</Notice>
      ) : null}

      <section aria-labelledby="current">
        <h2 id="current">
          {current ? t("volunteers.rules_current", { seq: current.seq }) : t("volunteers.rules_title")}
        </h2>
        {current ? (
          <>
            <p>{t("volunteers.rules_published_on", { date: poolDate(current.publishedAt, lang) })}</p>
            <p>
              {t("volunteers.rules_binding_from", { date: poolDate(current.bindingFrom, lang) })}{" "}
              {t("volunteers.rules_languages", { count: current.languages.length })}{" "}
              {current.languages.map((l, i) => (
                <span key={l} lang={l}>
                  {i > 0 ? ", " : ""}
                  <bdi>{languageName(l)}</bdi>
                </span>
              ))}
            </p>
            <RulesText title={current.title} body={current.body} level={3} />
          </>
        ) : (
          <p>{t("volunteers.rules_none")}</p>
        )}
      </section>

      {current ? (
        <section aria-labelledby="missing">
          <h2 id="missing">{t("volunteers.rules_missing_title")}</h2>
          <p>
            {t("volunteers.rules_missing_summary", { missing: missing.length, active, seq: current.seq })}
          </p>
          {missing.length > 0 ? (
            <div className="table-wrap">
              <table>
                <caption>{t("volunteers.rules_missing_caption", { seq: current.seq })}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t("volunteers.name")}</th>
                    <th scope="col">{t("volunteers.rules_last_ack")}</th>
                  </tr>
                </thead>
                <tbody>
                  {missing.map((m) => (
                    <tr key={m.volunteerId}>
                      <td>
                        <Link to={`/staff/volunteers/${m.volunteerId}`}>
                          <bdi>{m.name}</bdi>
                        </Link>
                      </td>
                      <td>
                        {m.lastSeq !== null && m.lastAt
                          ? t("volunteers.rules_last_ack_value", {
                              seq: m.lastSeq,
                              date: poolDate(m.lastAt, lang),
                            })
                          : t("volunteers.rules_never")}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : null}
        </section>
      ) : null}

      <section aria-labelledby="publish">
        <h2 id="publish">{t("volunteers.rules_publish_title")}</h2>
        <p>{t("volunteers.rules_publish_hint")}</p>
        <Form method="post" className="stack" noValidate>
          <ErrorSummary errors={errors} />
          <input type="hidden" name="basedOn" value={current?.seq ?? 0} />
          <TextField
            name="title"
            label={t("volunteers.rules_field_title")}
            defaultValue={current?.title ?? ""}
            maxLength={RULES_TITLE_MAX}
            required
            errors={errors}
          />
          <TextField
            name="body"
            label={t("volunteers.rules_field_body")}
            hint={t("volunteers.rules_field_body_hint")}
            defaultValue={current?.body ?? ""}
            maxLength={RULES_BODY_MAX}
            multiline
            rows={14}
            required
            errors={errors}
          />
          <h3>{t("volunteers.rules_translations_title")}</h3>
          <p>{t("volunteers.rules_translations_hint")}</p>
          {RULES_TRANSLATION_LANGUAGES.map((l) => {
            const prefix = `translations.${l}`;
            const dir = LANGUAGES.find((x) => x.code === l)?.dir ?? "ltr";
            const failed = Object.keys(errors?.fields ?? {}).some((k) => k.startsWith(`${prefix}.`));
            // The next version starts from the current one's translation, as the German fields do.
            const before = currentTranslations.find((x) => x.language === l);
            return (
              // Open when a field inside has a message, so the error summary's link lands on it.
              <details key={l} open={failed}>
                <summary>
                  <span lang={l}>{languageName(l)}</span>
                </summary>
                <div className="stack" lang={l} dir={dir}>
                  <TextField
                    name={`${prefix}.title`}
                    label={t("volunteers.rules_field_title")}
                    defaultValue={before?.title ?? ""}
                    maxLength={RULES_TITLE_MAX}
                    errors={errors}
                  />
                  <TextField
                    name={`${prefix}.body`}
                    label={t("volunteers.rules_field_body")}
                    defaultValue={before?.body ?? ""}
                    maxLength={RULES_BODY_MAX}
                    multiline
                    rows={8}
                    errors={errors}
                  />
                </div>
              </details>
            );
          })}
          <p>
            <button type="submit">{t("volunteers.rules_publish")}</button>
          </p>
        </Form>
      </section>

      {versions.length > 0 ? (
        <section aria-labelledby="versions">
          <h2 id="versions">{t("volunteers.rules_versions")}</h2>
          <div className="table-wrap">
            <table>
              <caption>{t("volunteers.rules_versions_caption")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("volunteers.rules_version")}</th>
                  <th scope="col">{t("volunteers.rules_field_title")}</th>
                  <th scope="col">{t("volunteers.rules_published_col")}</th>
                  <th scope="col">{t("volunteers.rules_languages_col")}</th>
                  <th scope="col">{t("volunteers.rules_acknowledged_col")}</th>
                </tr>
              </thead>
              <tbody>
                {versions.map((v) => (
                  <tr key={v.id}>
                    <td>{v.seq}</td>
                    <td>
                      <bdi>{v.title}</bdi>
                    </td>
                    <td>{poolDate(v.publishedAt, lang)}</td>
                    <td>{v.languages.join(", ")}</td>
                    <td>{v.acknowledged}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ) : null}
    </>
  );
}
