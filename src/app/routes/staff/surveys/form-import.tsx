import { data, Form, Link, redirect } from "react-router";
import { choiceFilesOf } from "#app/modules/surveys/choice-files.ts";
import { importXlsFormTarget } from "#app/modules/surveys/contracts.ts";
import { xlsformWarning } from "#app/modules/surveys/forms.ts";
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
/** More warnings than this are counted, not listed (a form from a large library can have hundreds). */
const MAX_WARNINGS_SHOWN = 200;

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
      { imported: null, problems: [ctx.t("validation.required")], title: ctx.t("errors.validation_failed") },
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
      await choiceFilesOf(form.getAll("choiceFiles").filter((f): f is File => typeof f !== "string")),
    );
    // Without warnings straight to the form; with them the import page lists each one (sheet,
    // row, column) beside a link to the form, since a redirect could carry only a short summary.
    if (r.warnings.length === 0)
      throw redirect(`/staff/forms/${r.form.id}?imported=${r.number}&replaced=${r.replaced ? 1 : 0}`, 303);
    return data({
      imported: {
        id: r.form.id,
        number: r.number,
        replaced: r.replaced,
        warnings: r.warnings.slice(0, MAX_WARNINGS_SHOWN).map((w) => xlsformWarning(w, ctx.t)),
        more: Math.max(0, r.warnings.length - MAX_WARNINGS_SHOWN),
      },
    });
  } catch (e) {
    if (e instanceof Response) throw e;
    if (!isAppError(e) || e.status >= 500) throw e;
    if (e.status === 403 || e.status === 404) throw data(null, { status: e.status });
    const p = toProblem(e, ctx.t);
    return data(
      { imported: null, title: p.title, problems: (p.errors ?? []).map((x) => x.message) },
      { status: e.status },
    );
  }
}

export default function FormImport({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const target = loaderData.target;
  const failed = actionData !== undefined && "problems" in actionData;
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
      {actionData && "imported" in actionData && actionData.imported ? (
        <ImportedWithWarnings {...actionData.imported} />
      ) : null}
      {actionData && "problems" in actionData ? (
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
        <div className={failed ? "field field-invalid" : "field"}>
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
            aria-invalid={failed ? true : undefined}
          />
        </div>
        <div className="field">
          <label htmlFor="f-choiceFiles">{t("surveys.choice_files")}</label>
          <p className="hint" id="f-choiceFiles-hint">
            {t("surveys.choice_files_hint")}
          </p>
          <input
            id="f-choiceFiles"
            name="choiceFiles"
            type="file"
            multiple
            accept=".csv,.xml,.geojson,text/csv,application/xml,text/xml,application/geo+json"
            aria-describedby="f-choiceFiles-hint"
          />
        </div>
        <button type="submit">{t("surveys.import_submit")}</button>
      </Form>
    </>
  );
}

/** The form was imported; what the import skipped or changed, row by row. */
function ImportedWithWarnings(p: {
  id: string;
  number: number;
  replaced: boolean;
  warnings: string[];
  more: number;
}) {
  const t = useT();
  return (
    <section className="import-result" aria-labelledby="import-warnings-title">
      <Notice kind="success">
        {p.replaced
          ? t("surveys.imported_replaced", { version: String(p.number) })
          : t("surveys.imported_version", { version: String(p.number) })}{" "}
        <Link to={`/staff/forms/${p.id}`}>{t("surveys.imported_open_form")}</Link>
      </Notice>
      <h2 id="import-warnings-title">
        {t("surveys.import_warnings_title", { count: p.warnings.length + p.more })}
      </h2>
      <ul className="import-warnings">
        {p.warnings.map((m, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: messages may repeat
          <li key={i}>{m}</li>
        ))}
      </ul>
      {p.more > 0 ? <p>{t("surveys.import_warnings_more", { count: p.more })}</p> : null}
    </section>
  );
}
