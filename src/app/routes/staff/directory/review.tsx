import { Form, Link, useNavigation } from "react-router";
import { directorySettingsUpdate } from "#app/modules/directory/contracts.ts";
import { parseInput } from "#app/server/validation.ts";
import { formatDate } from "../../../components/directory-editor.tsx";
import { ErrorSummary, Notice, TextField } from "../../../components/form/index.ts";
import { pageContext } from "../../../context.ts";
import { useLang, useT } from "../../../i18n.tsx";
import { type FormErrors, formAction, requirePrincipal } from "../../../server/guard.server.ts";
import type { Route } from "./+types/review";

export async function loader({ context }: Route.LoaderArgs) {
  const ctx = context.get(pageContext);
  const principal = requirePrincipal(ctx);
  const [queue, settings] = await Promise.all([
    ctx.services.directory.reviewQueue(principal),
    ctx.services.directory.settings(principal),
  ]);
  return { queue, settings };
}

type ActionResult = { ok: true } | { ok: false; errors: FormErrors };

export async function action({ request, context }: Route.ActionArgs) {
  const ctx = context.get(pageContext);
  const principal = requirePrincipal(ctx);
  const form = await request.formData();
  const num = (k: string) => {
    const v = form.get(k);
    const n = typeof v === "string" && v.trim() !== "" ? Number(v) : Number.NaN;
    return Number.isFinite(n) ? n : -1;
  };
  const result = await formAction(ctx.t, () =>
    ctx.services.directory.updateSettings(
      principal,
      parseInput(directorySettingsUpdate, {
        reviewIntervalDays: num("reviewIntervalDays"),
        version: Math.max(0, num("version")),
      }),
      ctx.requestId,
    ),
  );
  if ("data" in result) return result;
  return { ok: true } satisfies ActionResult;
}

export default function ReviewQueue({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const lang = useLang();
  const navigation = useNavigation();
  const result = actionData as ActionResult | undefined;
  const errors = result && !result.ok ? result.errors : undefined;
  return (
    <>
      <p>
        <Link to="/staff/directory">{t("directory.back_to_list")}</Link>
      </p>
      <h1>{t("directory.review_queue")}</h1>
      {loaderData.queue.length === 0 ? (
        <p>{t("directory.queue_empty")}</p>
      ) : (
        <table className="data-table">
          <caption>{t("directory.queue_caption", { count: loaderData.queue.length })}</caption>
          <thead>
            <tr>
              <th scope="col">{t("directory.col_name")}</th>
              <th scope="col">{t("directory.col_type")}</th>
              <th scope="col">{t("directory.col_revision")}</th>
              <th scope="col">{t("directory.col_submitted")}</th>
            </tr>
          </thead>
          <tbody>
            {loaderData.queue.map((r) => (
              <tr key={r.id}>
                <th scope="row">
                  <Link to={`/staff/directory/revisions/${r.id}`}>{r.name}</Link>
                </th>
                <td>{t(`directory.type_${r.entityType}`)}</td>
                <td>{t("directory.revision_n", { n: r.number })}</td>
                <td>{r.submittedAt ? formatDate(r.submittedAt, lang, true) : "–"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h2>{t("directory.settings_title")}</h2>
      {result?.ok ? <Notice kind="success">{t("directory.settings_saved")}</Notice> : null}
      <ErrorSummary errors={errors} />
      <Form method="post" noValidate className="dir-settings">
        <input type="hidden" name="version" value={loaderData.settings.version} readOnly />
        <TextField
          name="reviewIntervalDays"
          label={t("directory.settings_interval")}
          hint={t("directory.settings_interval_hint")}
          inputMode="numeric"
          defaultValue={loaderData.settings.reviewIntervalDays}
          errors={errors}
          key={loaderData.settings.version}
        />
        <button type="submit" disabled={navigation.state === "submitting"}>
          {t("common.save")}
        </button>
      </Form>
    </>
  );
}
