import { data, Form, redirect } from "react-router";
import { packageRenderInput } from "#app/modules/guide/contracts.ts";
import { PACKAGE_LANGUAGES } from "#app/modules/guide/model.ts";
import { parseInput } from "#app/server/validation.ts";
import { ErrorSummary, formString } from "../../../components/form/index.ts";
import { pageContext } from "../../../context.ts";
import { useT } from "../../../i18n.tsx";
import { formAction, requirePrincipal } from "../../../server/guard.server.ts";
import type { Route } from "./+types/package";

/**
 * The welcome package (issue 23 item 5): published pages and a language, or a saved package
 * (the saved packages page posts here), queued for the job queue (decision 115); the request's
 * page shows the progress and then the download. No JavaScript needed.
 */
export async function loader({ context }: Route.LoaderArgs) {
  const ctx = context.get(pageContext);
  const principal = requirePrincipal(ctx);
  return { pages: await ctx.services.guide.publicTree(principal.tenantId, "de") };
}

export async function action({ context, request }: Route.ActionArgs) {
  const ctx = context.get(pageContext);
  const principal = requirePrincipal(ctx);
  const form = await request.formData();
  const r = await formAction(ctx.t, () =>
    ctx.services.guide.requestPackage(
      principal,
      parseInput(packageRenderInput, {
        lang: formString(form, "lang"),
        packageId: formString(form, "packageId"),
        pageIds: form.getAll("pageIds"),
        offerIds: form.getAll("offerIds"),
        title: formString(form, "title"),
      }),
      ctx.requestId,
    ),
  );
  if ("data" in r) return data(r.data, r.init ?? undefined);
  return redirect(`/staff/guide/package/${r.value.id}`);
}

export default function GuidePackage({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const { pages } = loaderData;
  const errors = actionData && "errors" in actionData ? actionData.errors : undefined;
  return (
    <>
      <h1>{t("guide.package_title")}</h1>
      <p>{t("guide.package_intro")}</p>
      {pages.length === 0 ? (
        <p>{t("guide.package_none")}</p>
      ) : (
        <Form method="post" className="stack" noValidate>
          <ErrorSummary errors={errors} />
          <fieldset>
            <legend>{t("guide.package_pages")}</legend>
            {pages.map((p) => (
              <div
                key={p.id}
                className="checkbox"
                style={{ paddingInlineStart: `${(p.depth - 1) * 1.5}rem` }}
              >
                <input
                  type="checkbox"
                  name="pageIds"
                  value={p.id}
                  id={`package-${p.id}`}
                  defaultChecked={p.depth > 1}
                />
                <label htmlFor={`package-${p.id}`}>{p.title.text}</label>
              </div>
            ))}
          </fieldset>
          <div className="field">
            <label htmlFor="package-lang">{t("guide.package_lang")}</label>
            <select id="package-lang" name="lang" defaultValue="de">
              {PACKAGE_LANGUAGES.map((l) => (
                <option key={l} value={l}>
                  {t(`guide.lang_${l}`)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="package-title">{t("guide.package_field_title")}</label>
            <input id="package-title" name="title" maxLength={200} />
          </div>
          <p>
            <button type="submit">{t("guide.package_submit")}</button>
          </p>
        </Form>
      )}
    </>
  );
}
