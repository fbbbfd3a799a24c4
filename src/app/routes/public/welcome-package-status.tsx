import { data, useSearchParams } from "react-router";
import { Notice } from "../../components/form/index.ts";
import { pageContext } from "../../context.ts";
import { useLang, useT } from "../../i18n.tsx";
import type { Route } from "./+types/welcome-package-status";

/** Seconds between reloads while the job has not built the file yet. */
const REFRESH_SECONDS = 3;

/**
 * The link from the package mail (decision 123): while the job queue builds the file the page
 * reloads itself through a meta refresh (no JavaScript needed), then links the download.
 */
export function meta() {
  return [
    { title: "Lotse" },
    { name: "robots", content: "noindex" },
    { name: "referrer", content: "same-origin" },
  ];
}

export async function loader({ params, context }: Route.LoaderArgs) {
  const ctx = context.get(pageContext);
  const render = await ctx.services.guide.packageByToken(ctx.tenant.id, params.token).catch((e: unknown) => {
    if ((e as { code?: string }).code === "not_found") return null;
    throw e;
  });
  return data({ render }, { headers: { "cache-control": "no-store", "referrer-policy": "same-origin" } });
}

export default function WelcomePackageStatus({ loaderData, params }: Route.ComponentProps) {
  const t = useT();
  const lang = useLang();
  const [search] = useSearchParams();
  const r = loaderData.render;
  if (!r)
    return (
      <>
        <h1>{t("guide_public.package_request_title")}</h1>
        <Notice kind="warning">{t("guide_public.package_link_invalid")}</Notice>
      </>
    );
  return (
    <>
      {/* React hoists this into <head>: the page reloads until the job is done. */}
      {r.status === "queued" ? <meta httpEquiv="refresh" content={String(REFRESH_SECONDS)} /> : null}
      <h1>{t("guide_public.package_request_title")}</h1>
      {search.get("sent") === "1" ? <p>{t("guide_public.package_request_sent_here")}</p> : null}
      {r.title ? (
        <p dir="auto" lang="de">
          {r.title}
        </p>
      ) : null}
      {r.status === "queued" ? (
        <div role="status">
          <p>{t("guide_public.package_preparing", { seconds: REFRESH_SECONDS })}</p>
        </div>
      ) : null}
      {r.status === "done" ? (
        <Notice kind="success">
          <a href={`/${lang}/welcome-package/${params.token}/pdf`} download>
            {t("guide_public.package_download", { language: t(`guide_public.package_lang_${r.lang}`) })}
          </a>
        </Notice>
      ) : null}
      {r.status === "failed" ? <Notice kind="warning">{t("guide_public.package_failed")}</Notice> : null}
    </>
  );
}
