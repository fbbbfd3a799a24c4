import { data, Link } from "react-router";
import { isUuid } from "#app/server/db/ids.ts";
import { Notice } from "../../../components/form/index.ts";
import { pageContext } from "../../../context.ts";
import { useT } from "../../../i18n.tsx";
import { requirePrincipal } from "../../../server/guard.server.ts";
import type { Route } from "./+types/package-render";

/** Seconds between reloads while the job has not rendered the file yet. */
const REFRESH_SECONDS = 2;

/**
 * One welcome package request (decision 115): its progress while the job queue renders it (the
 * page reloads itself through a meta refresh, which works without JavaScript), then the download.
 */
export async function loader({ context, params }: Route.LoaderArgs) {
  const ctx = context.get(pageContext);
  const principal = requirePrincipal(ctx);
  if (!isUuid(params.id)) throw data(null, { status: 404 });
  return ctx.services.guide.packageRender(principal, params.id).catch((e) => {
    if ((e as { code?: string }).code === "not_found") throw data(null, { status: 404 });
    throw e;
  });
}

export default function GuidePackageRender({ loaderData: r }: Route.ComponentProps) {
  const t = useT();
  const language = t(`guide.lang_${r.lang}`);
  return (
    <>
      {/* React hoists this into <head>: the page reloads until the job is done. */}
      {r.status === "queued" ? <meta httpEquiv="refresh" content={String(REFRESH_SECONDS)} /> : null}
      <h1>{t("guide.package_render_heading", { language })}</h1>
      {r.title ? <p>{r.title}</p> : null}
      {r.status === "queued" ? (
        <div role="status">
          <progress>{t("guide.package_render_queued", { seconds: REFRESH_SECONDS })}</progress>
          <p>{t("guide.package_render_queued", { seconds: REFRESH_SECONDS })}</p>
        </div>
      ) : null}
      {r.status === "done" && r.rendered && r.pdfPath ? (
        <Notice kind="success">
          <p>{t("guide.package_render_done", r.rendered)}</p>
          <p>
            <a href={r.pdfPath} download>
              {t("guide.package_render_download", { language })}
            </a>
          </p>
        </Notice>
      ) : null}
      {r.status === "failed" ? <Notice kind="warning">{t("guide.package_render_failed")}</Notice> : null}
      <p>
        <Link to="/staff/guide/package">{t("guide.package_render_again")}</Link>
      </p>
    </>
  );
}
