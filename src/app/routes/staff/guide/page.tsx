import { data, Form, Link } from "react-router";
import { transitionInput, updatePageInput } from "#app/modules/guide/contracts.ts";
import { TARGET_LANGUAGES } from "#app/modules/translations/languages.ts";
import { isUuid } from "#app/server/db/ids.ts";
import { can } from "#app/server/policy/policy.ts";
import { parseInput } from "#app/server/validation.ts";
import { ErrorSummary, formString, Notice } from "../../../components/form/index.ts";
import { GuidePageFields, pageFormInput } from "../../../components/guide-page-form.tsx";
import { pageContext } from "../../../context.ts";
import { useT } from "../../../i18n.tsx";
import { formAction, requirePage, requirePrincipal } from "../../../server/guard.server.ts";
import type { Route } from "./+types/page";

export async function loader({ context, params }: Route.LoaderArgs) {
  const ctx = context.get(pageContext);
  const principal = requirePrincipal(ctx);
  if (!isUuid(params.id)) throw data(null, { status: 404 });
  const detail = await ctx.services.guide.page(principal, params.id).catch((e) => {
    if ((e as { code?: string }).code === "not_found") throw data(null, { status: 404 });
    throw e;
  });
  const choices = await ctx.services.guide.choices(principal);
  return { ...detail, choices, canTranslate: can(principal, "guide.translate") };
}

type Intent = "save" | "submit" | "publish" | "return";

export async function action({ context, request, params }: Route.ActionArgs) {
  const ctx = context.get(pageContext);
  if (!isUuid(params.id)) throw data(null, { status: 404 });
  const form = await request.formData();
  const intent = formString(form, "intent") as Intent;
  const version = Number(formString(form, "version"));
  const principal = requirePage(
    ctx,
    intent === "publish" || intent === "return" ? "guide.publish" : "guide.edit",
  );
  const result = await formAction(ctx.t, () =>
    intent === "save"
      ? ctx.services.guide.update(
          principal,
          params.id,
          parseInput(updatePageInput, { ...pageFormInput(form), version }),
          ctx.requestId,
        )
      : ctx.services.guide.transition(
          principal,
          params.id,
          parseInput(transitionInput, { transition: intent, version }),
          ctx.requestId,
        ),
  );
  if ("data" in result) return data({ ...result.data, intent }, result.init ?? undefined);
  return { ok: true as const, intent };
}

export default function GuidePage({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const { page, path, children, versions, links, choices, canEdit, canPublish } = loaderData;
  const failed = actionData && "errors" in actionData ? actionData : undefined;
  const conflict = failed?.errors.code === "version_conflict";
  const step = (intent: Intent, label: string) => (
    <Form method="post">
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="version" value={page.version} />
      <button type="submit">{label}</button>
    </Form>
  );
  return (
    <>
      <nav aria-label={t("guide_public.breadcrumbs")}>
        <Link to="/staff/guide">{t("guide.title")}</Link>
        {path.slice(0, -1).map((p) => (
          <span key={p.id}>
            {" › "}
            <Link to={`/staff/guide/${p.id}`}>{p.title}</Link>
          </span>
        ))}
      </nav>
      <h1>{page.title}</h1>
      <p>
        {t(`guide.status_${page.status}`)}
        {page.publishedVersion !== null
          ? ` · ${t("guide.published_version", { n: page.publishedVersion })}`
          : null}
        {page.checkDue ? ` · ${t("guide.check_due")}` : null}
      </p>
      {actionData && "ok" in actionData ? (
        <Notice kind="success">{t(`guide.done_${actionData.intent}`)}</Notice>
      ) : null}
      {conflict ? <Notice kind="warning">{t("guide.conflict")}</Notice> : null}
      <div className="guide-steps">
        {canEdit && page.status === "draft" ? step("submit", t("guide.submit")) : null}
        {canPublish && page.status === "review" ? step("publish", t("guide.publish")) : null}
        {canPublish && page.status === "review" ? step("return", t("guide.return")) : null}
      </div>

      {links.some((l) => !l.available) ? (
        <Notice kind="warning">
          {t("guide.broken_links", { count: links.filter((l) => !l.available).length })}
        </Notice>
      ) : null}
      {links.length ? (
        <section aria-labelledby="guide-links">
          <h2 id="guide-links">{t("guide.links_title")}</h2>
          <ul>
            {links.map((l) => (
              <li key={l.id}>{l.available ? l.title : t("guide_public.no_longer_available")}</li>
            ))}
          </ul>
        </section>
      ) : null}

      {children.length ? (
        <section aria-labelledby="guide-children">
          <h2 id="guide-children">{t("guide.children_title")}</h2>
          <ul>
            {children.map((c) => (
              <li key={c.id}>
                <Link to={`/staff/guide/${c.id}`}>{c.title}</Link>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {canEdit ? (
        <section aria-labelledby="guide-edit">
          <h2 id="guide-edit">{t("guide.edit_title")}</h2>
          {page.status === "published" ? <p>{t("guide.edit_hint")}</p> : null}
          <ErrorSummary errors={conflict ? undefined : failed?.errors} />
          <Form method="post" className="stack" noValidate>
            <input type="hidden" name="intent" value="save" />
            <input type="hidden" name="version" value={page.version} />
            <GuidePageFields
              choices={choices}
              errors={failed?.intent === "save" && !conflict ? failed.errors : undefined}
              page={{ ...page, body: loaderData.body, offerIds: loaderData.offerIds, sort: loaderData.sort }}
            />
            <p>
              <button type="submit">{t("guide.save")}</button>
            </p>
          </Form>
        </section>
      ) : null}

      {loaderData.canTranslate && page.publishedVersion !== null ? (
        <section aria-labelledby="guide-translate">
          <h2 id="guide-translate">{t("guide.translations_title")}</h2>
          <ul className="guide-langs">
            {TARGET_LANGUAGES.map((l) => (
              <li key={l}>
                <Link to={`/staff/guide/${page.id}/translate/${l}`}>{t(`guide.lang_${l}`)}</Link>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <section aria-labelledby="guide-versions">
        <h2 id="guide-versions">{t("guide.versions_title")}</h2>
        {versions.length === 0 ? (
          <p>{t("guide.versions_none")}</p>
        ) : (
          <ol reversed>
            {versions.map((v) => (
              <li key={v.number}>
                {t("guide.version_line", {
                  n: v.number,
                  title: v.title,
                  date: v.publishedAt.toISOString().slice(0, 10),
                })}
              </li>
            ))}
          </ol>
        )}
      </section>
    </>
  );
}
