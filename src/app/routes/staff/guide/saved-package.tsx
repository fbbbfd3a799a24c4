import { data, Form, Link } from "react-router";
import { updateSavedPackageInput } from "#app/modules/guide/contracts.ts";
import {
  MAX_PACKAGE_NAME,
  MAX_PACKAGE_OFFERS,
  MAX_PACKAGE_PAGES,
  MAX_TITLE,
} from "#app/modules/guide/model.ts";
import { isUuid } from "#app/server/db/ids.ts";
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
import { formAction, requirePrincipal } from "../../../server/guard.server.ts";
import type { Route } from "./+types/saved-package";

const ids = (form: FormData, name: string) =>
  form.getAll(name).filter((v): v is string => typeof v === "string" && v !== "");

/**
 * Editing a saved welcome package (decision 105): name, printed title, pages and offers, saved
 * under the version the coordinator read. A page withdrawn or an offer ended since the package
 * was saved is still listed (checked), so the coordinator sees it and the save names it.
 */
export async function loader({ context, params }: Route.LoaderArgs) {
  const ctx = context.get(pageContext);
  const principal = requirePrincipal(ctx);
  if (!isUuid(params.id)) throw data(null, { status: 404 });
  const [pkg, pages, choices] = await Promise.all([
    ctx.services.guide.savedPackage(principal, params.id).catch((e) => {
      if ((e as { code?: string }).code === "not_found") throw data(null, { status: 404 });
      throw e;
    }),
    ctx.services.guide.publicTree(principal.tenantId, "de"),
    ctx.services.guide.choices(principal),
  ]);
  const pageIds = new Set(pages.map((p) => p.id));
  const offerIds = new Set(choices.offers.map((o) => o.id));
  return {
    pkg,
    pages: [
      ...pages.map((p) => ({ id: p.id, title: p.title.text, depth: p.depth, gone: false })),
      ...pkg.pageIds.filter((id) => !pageIds.has(id)).map((id) => ({ id, title: "", depth: 1, gone: true })),
    ],
    offers: [
      ...choices.offers.map((o) => ({ ...o, gone: false })),
      ...pkg.offerIds.filter((id) => !offerIds.has(id)).map((id) => ({ id, name: "", gone: true })),
    ],
  };
}

export async function action({ context, request, params }: Route.ActionArgs) {
  const ctx = context.get(pageContext);
  const principal = requirePrincipal(ctx);
  if (!isUuid(params.id)) throw data(null, { status: 404 });
  const form = await request.formData();
  const r = await formAction(ctx.t, () =>
    ctx.services.guide.updateSavedPackage(
      principal,
      params.id,
      parseInput(updateSavedPackageInput, {
        name: formString(form, "name"),
        title: formString(form, "title"),
        pageIds: ids(form, "pageIds"),
        offerIds: ids(form, "offerIds"),
        version: Number(formString(form, "version")),
      }),
      ctx.requestId,
    ),
  );
  if ("data" in r) return data(r.data, r.init ?? undefined);
  return { ok: true as const };
}

export default function GuideSavedPackage({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const { pkg, pages, offers } = loaderData;
  const failed = actionData && "errors" in actionData ? actionData.errors : undefined;
  const conflict = failed?.code === "version_conflict";
  const errors = conflict ? undefined : failed;
  return (
    <>
      <p>
        <Link to="/staff/guide/packages">{t("guide.packages_title")}</Link>
      </p>
      <h1>{t("guide.packages_edit_title", { name: pkg.name })}</h1>
      {actionData && "ok" in actionData ? <Notice kind="success">{t("guide.packages_saved")}</Notice> : null}
      {conflict ? <Notice kind="warning">{t("guide.packages_conflict")}</Notice> : null}
      <p className="hint">{t("guide.packages_edit_hint")}</p>
      <ErrorSummary errors={errors} />
      {/* The key makes the form take the stored values again after each save. */}
      <Form method="post" className="stack" noValidate key={pkg.version}>
        <input type="hidden" name="version" value={pkg.version} />
        <TextField
          name="name"
          label={t("guide.packages_field_name")}
          required
          maxLength={MAX_PACKAGE_NAME}
          defaultValue={pkg.name}
          errors={errors}
        />
        <TextField
          name="title"
          label={t("guide.package_field_title")}
          maxLength={MAX_TITLE}
          defaultValue={pkg.title}
          errors={errors}
        />
        <CheckboxGroup
          name="pageIds"
          legend={t("guide.package_pages")}
          errors={errors}
          errorPath={["pageIds", ...Array.from({ length: MAX_PACKAGE_PAGES }, (_, i) => `pageIds.${i}`)]}
          defaultValue={pkg.pageIds}
          options={pages.map((p) => ({
            value: p.id,
            label: p.gone ? t("guide.packages_page_gone") : `${"· ".repeat(p.depth - 1)}${p.title}`,
          }))}
        />
        <CheckboxGroup
          name="offerIds"
          legend={t("guide.package_offers")}
          errors={errors}
          errorPath={["offerIds", ...Array.from({ length: MAX_PACKAGE_OFFERS }, (_, i) => `offerIds.${i}`)]}
          defaultValue={pkg.offerIds}
          options={offers.map((o) => ({
            value: o.id,
            label: o.gone ? t("guide.packages_offer_gone") : o.name,
          }))}
        />
        <p>
          <button type="submit">{t("guide.packages_save")}</button>
        </p>
      </Form>
    </>
  );
}
