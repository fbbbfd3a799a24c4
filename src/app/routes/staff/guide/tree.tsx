import { data, Form, Link, redirect } from "react-router";
import { createPageInput } from "#app/modules/guide/contracts.ts";
import { TARGET_LANGUAGES } from "#app/modules/translations/languages.ts";
import { can } from "#app/server/policy/policy.ts";
import { parseInput } from "#app/server/validation.ts";
import { ErrorSummary, formString } from "../../../components/form/index.ts";
import { GuidePageFields, pageFormInput } from "../../../components/guide-page-form.tsx";
import { pageContext } from "../../../context.ts";
import { useT } from "../../../i18n.tsx";
import { formAction, requirePage, requirePrincipal } from "../../../server/guard.server.ts";
import type { Route } from "./+types/tree";

export async function loader({ context }: Route.LoaderArgs) {
  const ctx = context.get(pageContext);
  const principal = requirePrincipal(ctx);
  const [tree, choices] = await Promise.all([
    ctx.services.guide.tree(principal),
    ctx.services.guide.choices(principal),
  ]);
  return {
    tree,
    choices,
    canEdit: can(principal, "guide.edit"),
    canTranslate: can(principal, "guide.translate"),
    canInterchange: can(principal, "guide.interchange"),
  };
}

export async function action({ context, request }: Route.ActionArgs) {
  const ctx = context.get(pageContext);
  const principal = requirePage(ctx, "guide.edit");
  const form = await request.formData();
  const result = await formAction(ctx.t, () =>
    ctx.services.guide.create(principal, parseInput(createPageInput, pageFormInput(form)), ctx.requestId),
  );
  if ("data" in result) return data(result.data, result.init ?? undefined);
  return redirect(`/staff/guide/${result.value.id}?created=${formString(form, "slug") ? 1 : 0}`);
}

export default function GuideTree({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const { tree, choices } = loaderData;
  const errors = actionData && "errors" in actionData ? actionData.errors : undefined;
  return (
    <>
      <h1>{t("guide.title")}</h1>
      <p>{t("guide.intro")}</p>
      {loaderData.canTranslate ? (
        <nav aria-labelledby="guide-langs">
          <h2 id="guide-langs">{t("guide.translations_title")}</h2>
          <ul className="guide-langs">
            {TARGET_LANGUAGES.map((l) => (
              <li key={l}>
                <Link to={`/staff/guide/translations/${l}`}>{t(`guide.lang_${l}`)}</Link>
              </li>
            ))}
          </ul>
        </nav>
      ) : null}
      {loaderData.canInterchange ? (
        <p>
          <Link to="/staff/guide/import">{t("guide.md_link")}</Link>
        </p>
      ) : null}
      <section aria-labelledby="guide-tree">
        <h2 id="guide-tree">{t("guide.tree_title")}</h2>
        {tree.pages.length === 0 ? (
          <p>{t("guide.tree_empty")}</p>
        ) : (
          <table>
            <caption className="visually-hidden">{t("guide.tree_title")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("guide.field_title")}</th>
                <th scope="col">{t("guide.field_status")}</th>
                <th scope="col">{t("guide.field_last_checked")}</th>
              </tr>
            </thead>
            <tbody>
              {tree.pages.map((p) => (
                <tr key={p.id}>
                  <th scope="row" style={{ paddingInlineStart: `${(p.depth - 1) * 1.5}rem` }}>
                    <Link to={`/staff/guide/${p.id}`}>{p.title}</Link>
                  </th>
                  <td>
                    {t(`guide.status_${p.status}`)}
                    {p.publishedVersion !== null && p.status !== "published"
                      ? ` · ${t("guide.published_version", { n: p.publishedVersion })}`
                      : null}
                    {p.deadLinks ? ` · ${t("guide.dead_links", { count: p.deadLinks })}` : null}
                  </td>
                  <td>
                    {p.lastCheckedOn ?? "—"}
                    {p.checkDue ? ` · ${t("guide.check_due")}` : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      {loaderData.canEdit ? (
        <section aria-labelledby="guide-new">
          <h2 id="guide-new">{t("guide.new_title")}</h2>
          <ErrorSummary errors={errors} />
          <Form method="post" className="stack" noValidate>
            <GuidePageFields choices={choices} errors={errors} />
            <p>
              <button type="submit">{t("guide.create")}</button>
            </p>
          </Form>
        </section>
      ) : null}
    </>
  );
}
