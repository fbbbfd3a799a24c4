import { data, Form, Link } from "react-router";
import { isLanguage, LANGUAGES, SOURCE_LANGUAGE } from "#app/i18n/languages.ts";
import { acknowledgeRulesInput } from "#app/modules/volunteers/rule-contracts.ts";
import { parseInput } from "#app/server/validation.ts";
import { ErrorSummary, formString, Notice } from "../../../components/form/index.ts";
import { poolDate, RulesText } from "../../../components/volunteers-rules.tsx";
import { pageContext } from "../../../context.ts";
import { useLang, useT } from "../../../i18n.tsx";
import { formAction, requirePrincipal } from "../../../server/guard.server.ts";
import type { Route } from "./+types/my-rules";

/**
 * The pool's rules for the signed-in volunteer (issue 17, decisions 110 and 125): the current
 * version in the page's language where it is translated (the German text beside it), and one
 * button to acknowledge it; date and language stay on record, a new version asks again.
 */
export async function loader({ context }: Route.LoaderArgs) {
  const ctx = context.get(pageContext);
  const lang = isLanguage(ctx.lang) ? ctx.lang : undefined;
  return { rules: await ctx.services.volunteers.myRules(requirePrincipal(ctx), lang) };
}

export async function action({ context, request }: Route.ActionArgs) {
  const ctx = context.get(pageContext);
  const principal = requirePrincipal(ctx);
  const form = await request.formData();
  const r = await formAction(ctx.t, () =>
    ctx.services.volunteers.acknowledgeRules(
      principal,
      parseInput(acknowledgeRulesInput, {
        versionId: formString(form, "versionId"),
        language: formString(form, "language"),
      }),
      { requestId: ctx.requestId },
    ),
  );
  if ("data" in r) return data(r.data, r.init ?? undefined);
  return { ok: true as const, errors: undefined };
}

export default function MyRules({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const lang = useLang();
  const { linked, current, acknowledgedAt, blocked } = loaderData.rules;
  const errors = actionData && !actionData.ok ? actionData.errors : undefined;
  return (
    <>
      <p>
        <Link to="/staff/volunteers/me">{t("volunteers.my_rules_back")}</Link>
      </p>
      <h1>{t("volunteers.rules_title")}</h1>
      {!linked ? (
        <p>{t("volunteers.mine_no_profile")}</p>
      ) : !current ? (
        <p>{t("volunteers.my_rules_none")}</p>
      ) : (
        <>
          <p>
            {t("volunteers.my_rules_version", {
              seq: current.seq,
              date: poolDate(current.publishedAt, lang),
            })}
          </p>
          {blocked ? (
            <Notice kind="warning">
              {t("volunteers.my_rules_blocked", { date: poolDate(current.bindingFrom, lang) })}
            </Notice>
          ) : !acknowledgedAt ? (
            <p>{t("volunteers.my_rules_deadline", { date: poolDate(current.bindingFrom, lang) })}</p>
          ) : null}
          {current.language !== lang && lang !== SOURCE_LANGUAGE ? (
            <p>{t("volunteers.my_rules_untranslated")}</p>
          ) : null}
          <RulesText
            title={current.title}
            body={current.body}
            lang={current.language}
            dir={LANGUAGES.find((l) => l.code === current.language)?.dir ?? "ltr"}
          />
          {current.source ? (
            <details>
              <summary>{t("volunteers.my_rules_source")}</summary>
              <RulesText
                title={current.source.title}
                body={current.source.body}
                level={3}
                lang="de"
                dir="ltr"
              />
            </details>
          ) : null}
          {acknowledgedAt ? (
            <Notice kind="success">
              {t("volunteers.my_rules_acknowledged", {
                seq: current.seq,
                date: poolDate(acknowledgedAt, lang),
              })}
            </Notice>
          ) : (
            <Form method="post" className="stack" noValidate>
              {/* The only field is hidden: its message links to the button that acknowledges the new text. */}
              <ErrorSummary
                errors={errors}
                items={Object.values(errors?.fields ?? {}).map((text) => ({ href: "#acknowledge", text }))}
              />
              <input type="hidden" name="versionId" value={current.id} />
              <input type="hidden" name="language" value={current.language} />
              <p>{t("volunteers.my_rules_ask")}</p>
              <p id="acknowledge">
                <button type="submit">{t("volunteers.my_rules_acknowledge")}</button>
              </p>
            </Form>
          )}
        </>
      )}
    </>
  );
}
