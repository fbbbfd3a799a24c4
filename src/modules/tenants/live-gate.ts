import type { Hono } from "hono";
import { isLanguage } from "#app/i18n/languages.ts";
import { AppError } from "#app/server/errors.ts";
import type { AppEnv } from "#app/server/http/env.ts";
import type { Tenant } from "./service.ts";

/**
 * Pages under /{lang}/ that stay open while a tenant is being set up (decision 097): signing in
 * and the one-time links staff hand to named people. Everything else there is the public site.
 */
const OPEN_PAGES = new Set([
  "login",
  "forgot-password",
  "reset-password",
  "__error",
  "offline",
  "referral",
  "survey",
  "report",
  "conflict-status",
  "crisis-alert",
  "mediation",
  "contributions",
]);

/** API paths an anonymous caller may use before go-live: sign-in, the tenant's name, token links. */
const OPEN_API = ["/api/v1/auth/", "/api/v1/surveys/links/", "/api/v1/funding/drafts/"];
const OPEN_API_EXACT = new Set(["/api/v1/tenant", "/api/v1/openapi.json"]);

/**
 * Whether an anonymous request reaches the public site of a tenant that is not live. Paths
 * outside /{lang}/ and /api/ (staff pages, static files, sign-in redirects) are never the public
 * site; new public pages and APIs are hidden by default because only these lists open anything.
 */
export function isPublicSitePath(path: string): boolean {
  const segments = path.split("/");
  if (segments[1] === "api") {
    return !(OPEN_API_EXACT.has(path) || OPEN_API.some((p) => path.startsWith(p)));
  }
  if (!isLanguage(segments[1])) return false;
  const page = segments[2] ?? "";
  if (OPEN_PAGES.has(page)) return false;
  // A funding applicant's link (/{lang}/funding/apply/{token}…) is a one-time link too.
  if (page === "funding" && segments[3] === "apply") return false;
  return true;
}

/**
 * A tenant that is not live hides its public site from anonymous readers: 404 (the error page
 * says "coming soon"), JSON answers 404 problem documents. Signed-in staff of the tenant see the
 * site as it will look (a preview; their responses are never cached, `noStore`).
 */
export function registerLiveGate(app: Hono<AppEnv>) {
  app.use(async (c, next) => {
    const tenant = c.get("tenant") as (Tenant & { liveSince: Date | null }) | undefined;
    if (tenant && tenant.liveSince === null && !c.get("principal") && isPublicSitePath(c.req.path)) {
      throw AppError.notFound();
    }
    await next();
  });
}
