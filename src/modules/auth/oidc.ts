import type { Hono } from "hono";
import { formatLanguage, isLanguage } from "../../i18n/languages.ts";
import { isAppError } from "../../server/errors.ts";
import type { AppEnv } from "../../server/http/env.ts";
import { OIDC_COOKIE, readCookie, safeNextPath, serializeCookie } from "./cookies.ts";

/**
 * Browser routes of the OIDC sign-in (redirects, not JSON): registered on the HTTP app
 * before the JSON API. Failures go back to the login page with a reason it can show.
 */
export function registerOidcRoutes(app: Hono<AppEnv>) {
  app.get("/auth/oidc/start", async (c) => {
    const auth = c.get("services").auth;
    if (!auth.oidcEnabled) return c.notFound();
    const q = c.req.query("lang");
    const lang = isLanguage(q) ? q : formatLanguage(c.get("lang"));
    const { url, cookie } = await auth.oidcStart(safeNextPath(c.req.query("next")), lang);
    c.header("set-cookie", cookie, { append: true });
    c.header("cache-control", "no-store");
    return c.redirect(url, 302);
  });

  app.get("/auth/oidc/callback", async (c) => {
    const { services, requestId } = c.var;
    const auth = services.auth;
    if (!auth.oidcEnabled) return c.notFound();
    const secure = services.core.config.baseUrl.startsWith("https:");
    c.header(
      "set-cookie",
      serializeCookie(OIDC_COOKIE, "", { secure, path: "/auth/oidc", maxAgeSeconds: 0 }),
      {
        append: true,
      },
    );
    c.header("cache-control", "no-store");
    try {
      const result = await auth.oidcFinish(
        c.get("tenant").id,
        new URL(c.req.url),
        readCookie(c.req.header("cookie"), OIDC_COOKIE),
        requestId,
      );
      for (const cookie of result.cookies) c.header("set-cookie", cookie, { append: true });
      const lang = result.language ?? result.lang;
      const target =
        result.mfa === "none" ? result.next : `/${lang}/login/mfa?next=${encodeURIComponent(result.next)}`;
      return c.redirect(target, 303);
    } catch (e) {
      if (!isAppError(e) || e.status >= 500) throw e;
      c.get("log").warn({ code: e.code }, "OIDC sign-in refused");
      const reason = e.extra?.reason === "oidc_no_account" ? "oidc_no_account" : "oidc_failed";
      return c.redirect(`/${c.get("lang")}/login?error=${reason}`, 303);
    }
  });
}
