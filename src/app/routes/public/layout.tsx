import { data, Outlet, useLoaderData, useRouteLoaderData } from "react-router";
import { isPublicLanguage } from "#app/i18n/languages.ts";
import { LanguagePicker } from "../../components/language-picker.tsx";
import { pageContext } from "../../context.ts";
import { useLang, useT } from "../../i18n.tsx";
import type { Route } from "./+types/layout";

export async function loader({ params, context }: Route.LoaderArgs) {
  if (!isPublicLanguage(params.lang)) throw data(null, { status: 404 });
  // The conflict report form is linked only where the tenant switched it on (decision 129).
  const ctx = context.get(pageContext);
  return { conflictReport: await ctx.services.conflicts.publicFormOn(ctx.tenant.id) };
}

export default function PublicLayout() {
  const t = useT();
  const lang = useLang();
  const nav = useLoaderData<typeof loader>();
  const root = useRouteLoaderData("root") as { tenant: { name: string }; signedIn: boolean } | undefined;
  return (
    <>
      {/* Installable PWA (React hoists these into <head>); /pwa.js below is the page's only script. */}
      <link rel="manifest" href={`/${lang}/manifest.webmanifest`} />
      <meta name="theme-color" content="#0b5cad" />
      <link rel="icon" href="/icons/icon.svg" type="image/svg+xml" />
      <link rel="apple-touch-icon" href="/icons/icon-192.png" />
      <a className="skip-link" href="#main">
        {t("common.skip_to_content")}
      </a>
      <header className="site-header">
        <a className="brand" href={`/${lang}`}>
          <span className="brand-name">Lotse</span>
          <span className="brand-tenant">{root?.tenant.name}</span>
        </a>
        <LanguagePicker />
      </header>
      <nav className="site-nav" aria-label={t("offers.nav_label")}>
        <ul>
          <li>
            <a href={`/${lang}/guide`}>{t("public.nav_guide")}</a>
          </li>
          <li>
            <a href={`/${lang}/offers`}>{t("offers.nav_offers")}</a>
          </li>
          <li>
            <a href={`/${lang}/events`}>{t("offers.nav_events")}</a>
          </li>
          <li>
            <a href={`/${lang}/offices`}>{t("offers.nav_offices")}</a>
          </li>
          <li>
            <a href={`/${lang}/monitoring`}>{t("monitoring_report.public_nav")}</a>
          </li>
          <li>
            <a href={`/${lang}/funding`}>{t("public.nav_funding")}</a>
          </li>
          <li>
            <a href={`/${lang}/meetings`}>{t("public.nav_meetings")}</a>
          </li>
          {nav?.conflictReport ? (
            <li>
              <a href={`/${lang}/conflict-report`}>{t("public.nav_conflict_report")}</a>
            </li>
          ) : null}
        </ul>
      </nav>
      <main id="main" className="page">
        <Outlet />
      </main>
      <footer className="site-footer">
        <p>
          <a href={root?.signedIn ? "/staff" : `/${lang}/login`}>{t("public.staff_login")}</a>
        </p>
        {/* Shown by /pwa.js only where a service worker can save the directory for offline reading. */}
        <p
          className="pwa-save"
          data-pwa-save=""
          data-saving={t("pwa.saving")}
          data-saved={t("pwa.saved")}
          data-failed={t("pwa.save_failed")}
          hidden
        >
          <button type="button">{t("pwa.save_offline")}</button> <span role="status" aria-live="polite" />
        </p>
      </footer>
      <script src="/pwa.js" defer />
    </>
  );
}
