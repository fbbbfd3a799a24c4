import { data, Form, Link } from "react-router";
import { savedPackageInput } from "#app/modules/guide/contracts.ts";
import { PACKAGE_LANGUAGES } from "#app/modules/guide/model.ts";
import { can } from "#app/server/policy/policy.ts";
import { parseInput } from "#app/server/validation.ts";
import {
  CheckboxGroup,
  ErrorSummary,
  formString,
  Notice,
  TextField,
} from "../../../components/form/index.ts";
import { pageContext } from "../../../context.ts";
import { useT } from "../../../i18n.tsx";
import { formAction, requirePage, requirePrincipal } from "../../../server/guard.server.ts";
import type { Route } from "./+types/packages";

/**
 * Saved welcome packages (decision 082): coordinators keep named sets of pages and offers;
 * everyone with the package permission has one rendered in any language (posted to the package
 * page, which queues it for the job queue, decision 115).
 */
export async function loader({ context }: Route.LoaderArgs) {
  const ctx = context.get(pageContext);
  const principal = requirePrincipal(ctx);
  const canManage = can(principal, "guide.packages.manage");
  const [packages, pages, choices] = await Promise.all([
    ctx.services.guide.savedPackages(principal),
    ctx.services.guide.publicTree(principal.tenantId, "de"),
    canManage ? ctx.services.guide.choices(principal) : Promise.resolve(null),
  ]);
  const pageTitle = new Map(pages.map((p) => [p.id, p.title.text]));
  return {
    canManage,
    packages: packages.map((p) => ({ ...p, pageTitles: p.pageIds.map((id) => pageTitle.get(id) ?? "—") })),
    pages: pages.map((p) => ({ id: p.id, title: p.title.text, depth: p.depth })),
    offers: choices?.offers ?? [],
  };
}

export async function action({ context, request }: Route.ActionArgs) {
  const ctx = context.get(pageContext);
  const principal = requirePage(ctx, "guide.packages.manage");
  const form = await request.formData();
  if (formString(form, "intent") === "delete") {
    const id = formString(form, "id");
    const r = await formAction(ctx.t, () =>
      ctx.services.guide.deleteSavedPackage(principal, id, ctx.requestId),
    );
    if ("data" in r) return data(r.data, r.init ?? undefined);
    return { ok: true as const, notice: "deleted" as const };
  }
  const r = await formAction(ctx.t, () =>
    ctx.services.guide.createSavedPackage(
      principal,
      parseInput(savedPackageInput, {
        name: form.get("name"),
        title: form.get("title") ?? "",
        pageIds: form.getAll("pageIds"),
        offerIds: form.getAll("offerIds"),
      }),
      ctx.requestId,
    ),
  );
  if ("data" in r) return data(r.data, r.init ?? undefined);
  return { ok: true as const, notice: "saved" as const };
}

export default function GuidePackages({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const d = loaderData;
  const errors = actionData && "errors" in actionData ? actionData.errors : undefined;
  const notice = actionData && "notice" in actionData ? actionData.notice : null;
  return (
    <>
      <h1>{t("guide.packages_title")}</h1>
      <p>{t("guide.packages_intro")}</p>
      {notice ? <Notice kind="success">{t(`guide.packages_${notice}`)}</Notice> : null}
      {d.packages.length === 0 ? (
        <p>{t("guide.packages_none")}</p>
      ) : (
        <ul className="stack">
          {d.packages.map((p) => (
            <li key={p.id}>
              <h2>{p.name}</h2>
              <p>{t("guide.packages_content", { pages: p.pageIds.length, offers: p.offerIds.length })}</p>
              <p>{p.pageTitles.join(" · ")}</p>
              {/* Queued for the job queue (decision 115); the next page shows progress and download. */}
              <form method="post" action="/staff/guide/package" className="inline-form">
                <input type="hidden" name="packageId" value={p.id} />
                <label htmlFor={`lang-${p.id}`}>{t("guide.package_lang")}</label>{" "}
                <select id={`lang-${p.id}`} name="lang" defaultValue="de">
                  {PACKAGE_LANGUAGES.map((l) => (
                    <option key={l} value={l}>
                      {t(`guide.lang_${l}`)}
                    </option>
                  ))}
                </select>{" "}
                <button type="submit">{t("guide.package_submit")}</button>
              </form>
              {d.canManage ? (
                <p>
                  <Link to={`/staff/guide/packages/${p.id}`}>
                    {t("guide.packages_edit_link", { name: p.name })}
                  </Link>
                </p>
              ) : null}
              {d.canManage ? (
                <Form method="post">
                  <input type="hidden" name="intent" value="delete" />
                  <input type="hidden" name="id" value={p.id} />
                  <button type="submit" className="secondary">
                    {t("guide.packages_delete", { name: p.name })}
                  </button>
                </Form>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      {d.canManage ? (
        <section aria-labelledby="package-new">
          <h2 id="package-new">{t("guide.packages_new")}</h2>
          <ErrorSummary errors={errors} />
          <Form method="post" className="stack" noValidate>
            <TextField name="name" label={t("guide.packages_field_name")} errors={errors} required />
            <TextField name="title" label={t("guide.package_field_title")} errors={errors} />
            <CheckboxGroup
              name="pageIds"
              legend={t("guide.package_pages")}
              errors={errors}
              options={d.pages.map((p) => ({ value: p.id, label: `${"· ".repeat(p.depth - 1)}${p.title}` }))}
            />
            {d.offers.length > 0 ? (
              <CheckboxGroup
                name="offerIds"
                legend={t("guide.package_offers")}
                errors={errors}
                options={d.offers.map((o) => ({ value: o.id, label: o.name }))}
              />
            ) : null}
            <p>
              <button type="submit">{t("guide.packages_save")}</button>
            </p>
          </Form>
        </section>
      ) : null}
    </>
  );
}
