import { data, Form, Link, redirect } from "react-router";
import { importXlsFormTarget } from "#app/modules/surveys/contracts.ts";
import { toProblem } from "#app/server/errors.problem.ts";
import { AppError, isAppError } from "#app/server/errors.ts";
import { parseInput } from "#app/server/validation.ts";
import { Notice } from "../../../components/form/index.ts";
import { pageContext } from "../../../context.ts";
import { useT } from "../../../i18n.tsx";
import { requirePrincipal } from "../../../server/guard.server.ts";
import type { Route } from "./+types/form-import";

/**
 * XLSForm in (issue 5): a new questionnaire, or a new version of one (?formId=…). A malformed
 * file creates nothing; every problem is listed with its sheet, row and column.
 */
export async function loader({ context, request }: Route.LoaderArgs) {
  const ctx = context.get(pageContext);
  const principal = requirePrincipal(ctx);
  const formId = new URL(request.url).searchParams.get("formId");
  if (!formId) return { target: null };
  const f = await ctx.services.surveys.getForm(principal, formId).catch((e: unknown) => {
    if (isAppError(e) && e.status === 404) throw data(null, { status: 404 });
    throw e;
  });
  return {
    target: { id: f.form.id, title: f.form.title, version: f.form.version, number: f.form.currentVersion },
  };
}

export async function action({ request, context }: Route.ActionArgs) {
  const ctx = context.get(pageContext);
  const principal = requirePrincipal(ctx);
  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    return data(
      { problems: [ctx.t("validation.required")], title: ctx.t("errors.validation_failed") },
      { status: 422 },
    );
  }
  const file = form.get("file");
  try {
    const target = parseInput(importXlsFormTarget, {
      formId: form.get("formId") ?? "",
      version: form.get("version") ?? "",
    });
    if (!file || typeof file === "string" || file.size === 0)
      throw AppError.validation([{ field: "file", code: "required" }]);
    const r = await ctx.services.surveys.importXlsForm(
      principal,
      new Uint8Array(await file.arrayBuffer()),
      target,
      { requestId: ctx.requestId },
    );
    const skipped = r.skipped.length
      ? `&skipped=${encodeURIComponent(r.skipped.slice(0, 20).join(", "))}`
      : "";
    throw redirect(
      `/staff/forms/${r.form.id}?imported=${r.number}&replaced=${r.replaced ? 1 : 0}${skipped}`,
      303,
    );
  } catch (e) {
    if (e instanceof Response) throw e;
    if (!isAppError(e) || e.status >= 500) throw e;
    if (e.status === 403 || e.status === 404) throw data(null, { status: e.status });
    const p = toProblem(e, ctx.t);
    return data({ title: p.title, problems: (p.errors ?? []).map((x) => x.message) }, { status: e.status });
  }
}

export default function FormImport({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const target = loaderData.target;
  return (
    <>
      <p>
        <Link to={target ? `/staff/forms/${target.id}` : "/staff/forms"}>{t("surveys.back_to_forms")}</Link>
      </p>
      <h1>
        {target ? t("surveys.import_version_title", { title: target.title }) : t("surveys.import_title")}
      </h1>
      <p>{t("surveys.import_intro")}</p>
      {target ? (
        <Notice>{t("surveys.import_version_note", { version: String(target.number) })}</Notice>
      ) : null}
      {actionData ? (
        <div className="error-summary" role="alert" tabIndex={-1}>
          <p>{actionData.title}</p>
          {actionData.problems.length > 0 ? (
            <ul className="import-problems">
              {actionData.problems.map((m, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: messages may repeat
                <li key={i}>{m}</li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
      <Form method="post" encType="multipart/form-data">
        {target ? (
          <>
            <input type="hidden" name="formId" value={target.id} />
            <input type="hidden" name="version" value={String(target.version)} />
          </>
        ) : null}
        <div className={actionData ? "field field-invalid" : "field"}>
          <label htmlFor="f-file">{t("surveys.xlsform_file")}</label>
          <p className="hint" id="f-file-hint">
            {t("surveys.xlsform_hint")}
          </p>
          <input
            id="f-file"
            name="file"
            type="file"
            accept=".xlsx,.xls,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,application/vnd.ms-excel"
            aria-describedby="f-file-hint"
            aria-invalid={actionData ? true : undefined}
          />
        </div>
        <button type="submit">{t("surveys.import_submit")}</button>
      </Form>
    </>
  );
}
