import { data, Form } from "react-router";
import { CONTACT_KINDS } from "#app/modules/casework/model.ts";
import { handoutInput } from "#app/modules/guide/contracts.ts";
import { PACKAGE_LANGUAGES } from "#app/modules/guide/model.ts";
import { isUuid } from "#app/server/db/ids.ts";
import { AppError } from "#app/server/errors.ts";
import { parseInput } from "#app/server/validation.ts";
import { CheckboxGroup, ErrorSummary, Notice, RadioGroup, Select } from "../../../components/form/index.ts";
import { pageContext } from "../../../context.ts";
import { useT } from "../../../i18n.tsx";
import { formAction, requirePrincipal } from "../../../server/guard.server.ts";
import type { Route } from "./+types/handout";

/**
 * Handing the welcome package out from a case (issue 23 item 5, decision 082): a saved package
 * or chosen pages, in the household's language (suggested from its persons' languages); the
 * hand-out becomes a contact of the case, and the PDF is a download link (no JavaScript needed).
 */
export async function loader({ context, params }: Route.LoaderArgs) {
  const ctx = context.get(pageContext);
  const principal = requirePrincipal(ctx);
  if (!isUuid(params.caseId)) throw data(null, { status: 404 });
  const form = await ctx.services.guide
    .handoutForm(principal, params.caseId, { requestId: ctx.requestId })
    .catch((e: unknown) => {
      if (e instanceof AppError && (e.status === 404 || e.status === 403))
        throw data(null, { status: e.status });
      throw e;
    });
  const pages = await ctx.services.guide.publicTree(principal.tenantId, "de");
  return {
    caseId: params.caseId,
    ...form,
    pages: pages.map((p) => ({ id: p.id, title: p.title.text, depth: p.depth })),
  };
}

export async function action({ context, params, request }: Route.ActionArgs) {
  const ctx = context.get(pageContext);
  const principal = requirePrincipal(ctx);
  if (!isUuid(params.caseId)) throw data(null, { status: 404 });
  const form = await request.formData();
  const result = await formAction(ctx.t, () =>
    ctx.services.guide.handOut(
      principal,
      params.caseId,
      parseInput(handoutInput, {
        lang: form.get("lang"),
        packageId: form.get("packageId") ?? "",
        pageIds: form.getAll("pageIds"),
        offerIds: [],
        kind: form.get("kind"),
      }),
      { requestId: ctx.requestId },
    ),
  );
  if ("data" in result) return data(result.data, result.init ?? undefined);
  return { ok: true as const, pdfPath: result.value.pdfPath };
}

export default function GuideHandout({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const d = loaderData;
  const errors = actionData && "errors" in actionData ? actionData.errors : undefined;
  const done = actionData && "pdfPath" in actionData ? actionData.pdfPath : null;
  return (
    <>
      <h1>{t("guide.handout_title", { reference: d.reference })}</h1>
      <p>{t("guide.handout_intro")}</p>
      <p>
        <a href={`/staff/cases/${d.caseId}`}>{t("guide.handout_back")}</a>
      </p>
      {done ? (
        <Notice kind="success">
          {t("guide.handout_done")} <a href={done}>{t("guide.handout_download")}</a>
        </Notice>
      ) : null}
      <ErrorSummary errors={errors} />
      <Form method="post" className="stack" noValidate>
        <Select
          name="lang"
          label={t("guide.package_lang")}
          hint={t("guide.handout_lang_hint")}
          errors={errors}
          defaultValue={d.suggestedLang}
          options={PACKAGE_LANGUAGES.map((l) => ({ value: l, label: t(`guide.lang_${l}`) }))}
        />
        {d.packages.length > 0 ? (
          <RadioGroup
            name="packageId"
            legend={t("guide.handout_saved")}
            errors={errors}
            defaultValue=""
            options={[
              { value: "", label: t("guide.handout_saved_none") },
              ...d.packages.map((p) => ({ value: p.id, label: p.name })),
            ]}
          />
        ) : null}
        {d.pages.length > 0 ? (
          <CheckboxGroup
            name="pageIds"
            legend={t("guide.handout_pages")}
            errors={errors}
            options={d.pages.map((p) => ({ value: p.id, label: `${"· ".repeat(p.depth - 1)}${p.title}` }))}
          />
        ) : (
          <p>{t("guide.package_none")}</p>
        )}
        <Select
          name="kind"
          label={t("cases.contact_kind")}
          errors={errors}
          defaultValue="office_hours"
          options={CONTACT_KINDS.map((k) => ({ value: k, label: t(`cases.contact_${k}`) }))}
        />
        <p>
          <button type="submit">{t("guide.handout_submit")}</button>
        </p>
      </Form>
    </>
  );
}
