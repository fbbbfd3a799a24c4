import { useContext } from "react";
import {
  isRouteErrorResponse,
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  useMatches,
  useRouteError,
} from "react-router";
import { catalogs } from "#app/i18n/catalogs.server.ts";
import { directionOf, htmlLang, LANGUAGE_CODES, SOURCE_LANGUAGE } from "#app/i18n/languages.ts";
import { SPOKEN_LANGUAGES } from "#app/modules/directory/spoken-languages.ts";
import { BOOKABLE_LANGUAGES } from "#app/modules/volunteers/model.ts";
import type { Route } from "./+types/root";
import { pageContext } from "./context.ts";
import { CspNonce } from "./csp.ts";
import { type RootI18n, useLang, useT } from "./i18n.tsx";
import "./styles.css";

export async function loader({ context, request }: Route.LoaderArgs) {
  const ctx = context.get(pageContext);
  const path = new URL(request.url).pathname.replace(/\.data$/, "");
  const staff = path === "/staff" || path.startsWith("/staff/");
  const all = catalogs();
  // The whole catalogue goes to the browser only for the staff app. A public page that hydrates
  // (an interactive island) gets the namespaces its route declares from its own loader
  // (`pageCatalog`, decision 047); other public pages are plain HTML and carry none.
  const i18n: RootI18n = {
    lang: ctx.lang,
    dir: directionOf(ctx.lang),
    messages: staff ? (all.get(ctx.lang) ?? {}) : null,
    fallback: staff && ctx.lang !== SOURCE_LANGUAGE ? (all.get(SOURCE_LANGUAGE) ?? {}) : null,
    // Cached per language; it reaches the browser only on pages that hydrate (the staff app and
    // public interactive islands), as root data is sent with the scripts.
    languageNames: namesOfKnownLanguages(ctx.lang),
  };
  return {
    i18n,
    tenant: { name: ctx.tenant.name, slug: ctx.tenant.slug },
    signedIn: Boolean(ctx.principal),
  };
}

const KNOWN_LANGUAGES = [...new Set<string>([...LANGUAGE_CODES, ...SPOKEN_LANGUAGES, ...BOOKABLE_LANGUAGES])];

/** Made once per UI language: every hydrating page ships them. */
const knownNames = new Map<string, Record<string, string>>();

/** The language names pages show in `lang`, by the server's ICU (see `RootI18n.languageNames`). */
function namesOfKnownLanguages(lang: string): Record<string, string> {
  const cached = knownNames.get(lang);
  if (cached) return cached;
  const names = new Intl.DisplayNames([lang, SOURCE_LANGUAGE], { type: "language" });
  const out: Record<string, string> = {};
  for (const code of KNOWN_LANGUAGES) {
    try {
      out[code] = names.of(code) ?? code;
    } catch {
      out[code] = code;
    }
  }
  knownNames.set(lang, out);
  return out;
}

/** Default document title; pages with a `meta` export of their own replace it. */
export function meta({ loaderData }: Route.MetaArgs) {
  return [{ title: loaderData ? `Lotse · ${loaderData.tenant.name}` : "Lotse" }];
}

/**
 * Route handles may set `hydrate: true`; only those pages load JavaScript. A hydrating public
 * page names the catalogue namespaces it uses in `namespaces` and returns
 * `catalog: pageCatalog(lang, handle.namespaces)` from its loader.
 */
export type RouteHandle = { hydrate?: boolean; namespaces?: readonly string[] };

/** What the public layout (header, navigation, footer, language picker) translates. */
export const PUBLIC_LAYOUT_NAMESPACES = ["common", "offers", "monitoring_report", "public", "pwa"] as const;

export function Layout({ children }: { children: React.ReactNode }) {
  const lang = useLang();
  const nonce = useContext(CspNonce);
  const matches = useMatches();
  const hydrate = matches.some((m) => (m.handle as RouteHandle | undefined)?.hydrate);
  return (
    <html lang={htmlLang(lang)} dir={directionOf(lang)}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        {children}
        {hydrate ? (
          <>
            <ScrollRestoration nonce={nonce} />
            <Scripts nonce={nonce} />
          </>
        ) : null}
      </body>
    </html>
  );
}

export default function App() {
  return <Outlet />;
}

export function ErrorBoundary() {
  const error = useRouteError();
  const t = useT();
  const lang = useLang();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const known = status === 403 || status === 404 || status === 401;
  // Too large (an upload without JavaScript) and too many attempts have their own words; any
  // other refusal of what the client sent is "check your entries", never "something went wrong".
  const specific =
    status === 413
      ? "errors.payload_too_large"
      : status === 429
        ? "errors.page_429_text"
        : status >= 400 && status < 500
          ? "errors.page_400_text"
          : null;
  // A tenant still in onboarding (decision 097): its public site is on the way.
  const soon = isRouteErrorResponse(error)
    ? (error.data as { comingSoon?: { tenant: string } } | null)?.comingSoon
    : undefined;
  if (soon) {
    return (
      <main id="main" className="error-page">
        <h1>{t("errors.page_coming_soon_title", { tenant: soon.tenant })}</h1>
        <p>{t("errors.page_coming_soon_text")}</p>
        <p>
          <a href={`/${lang}/login`}>{t("errors.page_coming_soon_staff")}</a>
        </p>
      </main>
    );
  }
  return (
    <main id="main" className="error-page">
      <h1>
        {t(known ? `errors.page_${status}_title` : specific ? "errors.bad_request" : "errors.page_500_title")}
      </h1>
      <p>{t(known ? `errors.page_${status}_text` : (specific ?? "errors.page_500_text"))}</p>
      <p>
        <a href="/">{t("common.back_home")}</a>
      </p>
    </main>
  );
}
