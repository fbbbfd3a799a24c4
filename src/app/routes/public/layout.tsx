import { data, Outlet, useRouteLoaderData } from "react-router";
import { isLanguage } from "#app/i18n/languages.ts";
import { LanguagePicker } from "../../components/language-picker.tsx";
import { useLang, useT } from "../../i18n.tsx";
import type { Route } from "./+types/layout";

export function loader({ params }: Route.LoaderArgs) {
  if (!isLanguage(params.lang)) throw data(null, { status: 404 });
  return null;
}

export default function PublicLayout() {
  const t = useT();
  const lang = useLang();
  const root = useRouteLoaderData("root") as { tenant: { name: string }; signedIn: boolean } | undefined;
  return (
    <>
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
      <main id="main" className="page">
        <Outlet />
      </main>
      <footer className="site-footer">
        <p>
          <a href={root?.signedIn ? "/staff" : `/${lang}/login`}>{t("public.staff_login")}</a>
        </p>
      </footer>
    </>
  );
}
