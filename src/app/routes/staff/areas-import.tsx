import { type FormEvent, useState } from "react";
import { data, Form, Link, useNavigation } from "react-router";
import type { ImportPreviewView } from "#app/modules/areas/contracts.ts";
import { IMPORT_LIMITS, type ImportCommitResult, LEVEL_LABEL_KEYS } from "#app/modules/areas/model.ts";
import { presentPreview } from "#app/modules/areas/present.ts";
import { isAppError } from "#app/server/errors.ts";
import { Notice } from "../../components/forms.tsx";
import { pageContext } from "../../context.ts";
import { useT } from "../../i18n.tsx";
import { requirePrincipal } from "../../server/guard.server.ts";
import type { Route } from "./+types/areas-import";

/** Rows shown in the preview table at most (rows with errors first). */
const MAX_ROWS = 500;
const MAX_MB = IMPORT_LIMITS.maxBytes / 2 ** 20;

type ActionResult =
  | { kind: "empty" }
  | { kind: "preview"; preview: ImportPreviewView; content: string | null; commitFailed: boolean }
  | { kind: "committed"; result: ImportCommitResult }
  | { kind: "error"; message: string };

export function meta({ loaderData }: Route.MetaArgs) {
  return [{ title: loaderData ? `${loaderData.title} · Lotse` : "Lotse" }];
}

export async function loader({ context }: Route.LoaderArgs) {
  const ctx = context.get(pageContext);
  return { title: ctx.t("areas.import_title"), maxMb: MAX_MB, maxFeatures: IMPORT_LIMITS.maxFeatures };
}

/**
 * Step 1 (intent=preview): the uploaded file or the pasted text is validated, nothing is
 * written. Step 2 (intent=commit): the previewed content comes back and is imported
 * all-or-nothing (the service validates it again inside the transaction).
 */
export async function action({ request, context }: Route.ActionArgs) {
  const ctx = context.get(pageContext);
  const principal = requirePrincipal(ctx);
  const form = await request.formData();
  const intent = form.get("intent") === "commit" ? "commit" : "preview";
  let content = "";
  if (intent === "commit") {
    const c = form.get("content");
    content = typeof c === "string" ? c : "";
  } else {
    const file = form.get("file");
    const text = form.get("text");
    if (file && typeof file !== "string" && file.size > 0) content = await file.text();
    else if (typeof text === "string") content = text;
  }
  if (!content.trim()) return data({ kind: "empty" } satisfies ActionResult, { status: 400 });

  const actor = { kind: "user" as const, principal, requestId: ctx.requestId };
  const preview = async (commitFailed: boolean) => {
    const analysis = await ctx.services.areas.previewImport(actor, ctx.tenant.id, content);
    const result: ActionResult = {
      kind: "preview",
      preview: presentPreview(analysis, ctx.t),
      // Only a valid file travels back for the confirm step.
      content: analysis.ok ? content : null,
      commitFailed,
    };
    return data(result, { status: analysis.ok ? 200 : 422 });
  };
  if (intent === "preview") return preview(false);
  try {
    const result = await ctx.services.areas.commitImport(actor, ctx.tenant.id, content);
    return { kind: "committed", result } satisfies ActionResult;
  } catch (e) {
    if (isAppError(e) && e.code === "validation_failed") return preview(true);
    if (isAppError(e) && e.status < 500 && e.status !== 401 && e.status !== 403) {
      return data({ kind: "error", message: ctx.t(`errors.${e.code}`) } satisfies ActionResult, {
        status: e.status,
      });
    }
    throw e;
  }
}

export default function AreasImport({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const navigation = useNavigation();
  const busy = navigation.state !== "idle";
  const result = actionData as ActionResult | undefined;
  const [tooLarge, setTooLarge] = useState(false);

  // With JavaScript, a file over the limit is refused before it is uploaded.
  const checkSize = (e: FormEvent<HTMLFormElement>) => {
    const input = e.currentTarget.elements.namedItem("file") as HTMLInputElement | null;
    const big = Boolean(input?.files?.[0] && input.files[0].size > loaderData.maxMb * 2 ** 20);
    setTooLarge(big);
    if (big) e.preventDefault();
  };

  return (
    <>
      <h1>{t("areas.import_title")}</h1>
      <p>{t("areas.import_intro")}</p>
      <p className="hint">{t("areas.import_format")}</p>

      {result?.kind === "committed" ? (
        <Notice kind="success">
          <p>{t("areas.committed", { ...result.result })}</p>
          <p>
            <Link to="/staff/areas">{t("areas.back_to_list")}</Link>
          </p>
        </Notice>
      ) : null}
      {result?.kind === "error" ? (
        <div className="error-summary" role="alert" tabIndex={-1}>
          <p>{result.message}</p>
        </div>
      ) : null}

      <Form method="post" encType="multipart/form-data" className="areas-import-form" onSubmit={checkSize}>
        {result?.kind === "empty" || tooLarge ? (
          <div className="error-summary" role="alert" tabIndex={-1}>
            <p>
              {tooLarge
                ? t("validation.geojson_file_too_large", { maxMb: loaderData.maxMb })
                : t("areas.import_nothing")}
            </p>
          </div>
        ) : null}
        <div className="field">
          <label htmlFor="areas-file">{t("areas.import_file")}</label>
          <p className="hint" id="areas-file-hint">
            {t("areas.import_file_hint", { maxMb: loaderData.maxMb, max: loaderData.maxFeatures })}
          </p>
          <input
            id="areas-file"
            name="file"
            type="file"
            accept=".geojson,.json,application/geo+json,application/json"
            aria-describedby="areas-file-hint"
          />
        </div>
        <div className="field">
          <label htmlFor="areas-text">{t("areas.import_text")}</label>
          <textarea id="areas-text" name="text" rows={6} dir="ltr" spellCheck={false} />
        </div>
        <button type="submit" name="intent" value="preview" disabled={busy}>
          {t("areas.import_preview")}
        </button>
      </Form>

      {result?.kind === "preview" ? <PreviewResult result={result} busy={busy} /> : null}
    </>
  );
}

function PreviewResult({
  result,
  busy,
}: {
  result: Extract<ActionResult, { kind: "preview" }>;
  busy: boolean;
}) {
  const t = useT();
  const { preview } = result;
  const rows = [...preview.features].sort(
    (a, b) => Number(b.errors.length > 0) - Number(a.errors.length > 0) || a.index - b.index,
  );
  const shown = rows.slice(0, MAX_ROWS);
  return (
    <section aria-labelledby="areas-preview-title" className="areas-preview">
      <h2 id="areas-preview-title">{t("areas.preview_title")}</h2>
      {preview.fileErrors.length ? (
        <div className="error-summary" role="alert" tabIndex={-1}>
          <p>{t("areas.file_errors_title")}</p>
          <ul>
            {preview.fileErrors.map((e) => (
              <li key={e.code}>{e.message}</li>
            ))}
          </ul>
        </div>
      ) : (
        <>
          {result.commitFailed ? (
            <div className="error-summary" role="alert" tabIndex={-1}>
              <p>{t("areas.commit_failed")}</p>
            </div>
          ) : preview.ok ? (
            <Notice kind="info">{t("areas.preview_ok")}</Notice>
          ) : (
            <div className="error-summary" role="alert" tabIndex={-1}>
              <p>{t("areas.preview_invalid")}</p>
            </div>
          )}
          <p>{t("areas.preview_summary", { ...preview.counts })}</p>
          {rows.length > shown.length ? (
            <p className="hint">
              {t("areas.preview_truncated", { shown: shown.length, total: rows.length })}
            </p>
          ) : null}
          <div className="table-wrap">
            <table className="areas-preview-table">
              <caption>{t("areas.preview_caption")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("areas.col_number")}</th>
                  <th scope="col">{t("areas.col_code")}</th>
                  <th scope="col">{t("areas.col_name")}</th>
                  <th scope="col">{t("areas.col_level")}</th>
                  <th scope="col">{t("areas.col_parent")}</th>
                  <th scope="col">{t("areas.col_action")}</th>
                  <th scope="col">{t("areas.col_errors")}</th>
                </tr>
              </thead>
              <tbody>
                {shown.map((f) => (
                  <tr key={f.index} className={f.errors.length ? "row-invalid" : undefined}>
                    <th scope="row">{f.index + 1}</th>
                    <td>{f.code ? <code>{f.code}</code> : null}</td>
                    <td>{f.name}</td>
                    <td>{f.level ? t(LEVEL_LABEL_KEYS[f.level]) : null}</td>
                    <td>{f.parent ? <code>{f.parent}</code> : t("areas.no_parent")}</td>
                    <td>
                      {f.action === "create"
                        ? t("areas.action_create")
                        : f.action === "update"
                          ? t("areas.action_update")
                          : t("areas.action_unchanged")}
                    </td>
                    <td>
                      {f.errors.length ? (
                        <ul className="areas-errors">
                          {f.errors.map((e) => (
                            <li key={`${e.field}:${e.code}`}>
                              <code>{e.field}</code>: {e.message}
                            </li>
                          ))}
                        </ul>
                      ) : (
                        t("areas.no_errors")
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {preview.ok && result.content !== null ? (
            <Form method="post">
              <input type="hidden" name="intent" value="commit" />
              <input type="hidden" name="content" value={result.content} />
              <button type="submit" disabled={busy}>
                {t("areas.confirm")}
              </button>
            </Form>
          ) : null}
        </>
      )}
    </section>
  );
}
