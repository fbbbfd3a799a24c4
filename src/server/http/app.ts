import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { HTTPException } from "hono/http-exception";
import { requestId } from "hono/request-id";
import { catalogs } from "#app/i18n/catalogs.server.ts";
import {
  isLanguage,
  isPublicLanguage,
  negotiateLanguage,
  type PublicLanguage,
  SOURCE_LANGUAGE,
} from "#app/i18n/languages.ts";
import { createTranslator } from "#app/i18n/translator.ts";
import { onPrimary } from "../db/ambient.ts";
import { refusalFromDatabase } from "../errors.database.ts";
import { toProblem } from "../errors.problem.ts";
import { AppError, isAppError } from "../errors.ts";
import { errorForLog } from "../logger.ts";
import { pagePermissions } from "../policy/pages.ts";
import { type Action, authorize, PUBLIC } from "../policy/policy.ts";
import { redactPath } from "../redact.ts";
import { type ApiRouter, createApiRouter, SESSION_SECURITY_SCHEME } from "./api.ts";
import { requestBoundary } from "./boundary.ts";
import { compression } from "./compression.ts";
import type { AppEnv, AppServices } from "./env.ts";
import { clientAddress, noStore, securityHeaders } from "./hardening.ts";
import { registerPwa } from "./pwa.ts";

export type PageHandler = (req: Request, vars: AppEnv["Variables"]) => Promise<Response>;

/** Routes a module adds: under /api/v1 (OpenAPI), or beside it (redirects, public JSON, exports). */
export type HttpRoutes = {
  /** Browser routes before the API (e.g. OIDC sign-in redirects). */
  browser: ((app: Hono<AppEnv>) => void)[];
  /** Operations of the JSON API (/api/v1), in the OpenAPI document. */
  api: ((api: ApiRouter) => void)[];
  /** Public routes outside /api/v1 (public JSON, interchange APIs, report PDF). */
  public: ((app: Hono<AppEnv>) => void)[];
};

export type AppOptions = {
  services: AppServices;
  /** Every module's routes, collected by the composition root (src/composition/modules.ts). */
  routes: HttpRoutes;
  /** Renders pages (React Router). Absent in API-only tests. */
  pageHandler?: PageHandler;
  /** Serves built client assets. */
  staticHandler?: (req: Request) => Promise<Response | null>;
};

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);
const MAX_BODY_BYTES = 20 * 1024 * 1024;

function languageOf(req: Request): PublicLanguage {
  const url = new URL(req.url);
  const first = url.pathname.split("/")[1];
  // A path prefix can only be a public page's (`/de-simple/…` included, decision 094).
  if (isPublicLanguage(first)) return first;
  const q = url.searchParams.get("lang");
  if (isLanguage(q)) return q;
  // Easy German is no staff or API language: `?lang=de-simple` counts only for the public JSON.
  if (isPublicLanguage(q) && url.pathname.startsWith("/api/public/")) return q;
  const cookie = /(?:^|;\s*)lang=([a-z]{2})/.exec(req.headers.get("cookie") ?? "")?.[1];
  if (isLanguage(cookie)) return cookie;
  return negotiateLanguage(req.headers.get("accept-language"));
}

export function createApp(opts: AppOptions) {
  const { services } = opts;
  const { config, logger } = services.core;
  const app = new Hono<AppEnv>();
  const allowedOrigins = new Set([new URL(config.baseUrl).origin]);

  // First, so it compresses the final response of every later middleware and the error handler.
  app.use(compression());
  app.use(requestId());
  app.use(securityHeaders(config));
  app.use(noStore());

  // Context: language, translator, logger, tenant, principal.
  app.use(async (c, next) => {
    const started = performance.now();
    const lang = languageOf(c.req.raw);
    const all = catalogs();
    c.set("lang", lang);
    c.set("t", createTranslator(lang, all.get(lang) ?? {}, all.get(SOURCE_LANGUAGE)));
    c.set("services", services);
    c.set("clientIp", clientAddress(c, config.trustProxy));
    const log = logger.child({ reqId: c.get("requestId") });
    c.set("log", log);
    try {
      await next();
    } finally {
      // Path only: query strings can carry search text or tokens.
      log.info(
        {
          method: c.req.method,
          path: redactPath(new URL(c.req.url).pathname),
          status: c.res.status,
          ms: Math.round(performance.now() - started),
        },
        "request",
      );
    }
  });

  // Cross-site request forgery: unsafe methods must come from our own origin.
  app.use(async (c, next) => {
    if (!SAFE_METHODS.has(c.req.method)) {
      const origin = c.req.header("origin");
      const fetchSite = c.req.header("sec-fetch-site");
      const own = new URL(c.req.url).origin;
      const originOk = origin ? origin === own || allowedOrigins.has(origin) : fetchSite !== "cross-site";
      if (!originOk) throw new AppError("csrf_rejected");
    }
    await next();
  });

  app.use(
    bodyLimit({
      maxSize: MAX_BODY_BYTES,
      onError: () => {
        throw new AppError("payload_too_large");
      },
    }),
  );

  // Refuses what no handler may see (decision 020): control characters, wrong content types.
  app.use(requestBoundary());

  app.get("/healthz", (c) => c.json({ status: "ok" }));

  app.use(async (c, next) => {
    if (c.req.path === "/healthz" || c.req.path.startsWith("/assets/")) return next();
    const tenant = await services.tenants.resolveForHost(c.req.header("host"));
    if (!tenant) throw new AppError("unavailable");
    c.set("tenant", tenant);
    const principal = await services.auth.principalFromRequest(c.req.raw, tenant.id);
    c.set("principal", principal);
    // A signed-in user reads the primary everywhere, public pages included: they see what they just wrote (decision 083).
    await (principal ? onPrimary(next) : next());
  });

  // Browser routes of the modules (OIDC sign-in redirects).
  for (const register of opts.routes.browser) register(app);

  // JSON API.
  const api = createApiRouter();
  api.openAPIRegistry.registerComponent("securitySchemes", SESSION_SECURITY_SCHEME, {
    type: "apiKey",
    in: "cookie",
    name: "lotse_session",
    description: "Session cookie set by POST /api/v1/auth/login.",
  });
  for (const register of opts.routes.api) register(api);
  api.doc31("/openapi.json", {
    openapi: "3.1.0",
    info: {
      title: "Lotse API",
      version: "1",
      description:
        "JSON API of Lotse. Errors are application/problem+json (RFC 9457) with per-field messages.",
    },
  });
  app.route("/api/v1", api);
  // Public routes of the modules: the directory's JSON endpoints, the report PDF, HSDS 3.0 and GeoJSON.
  for (const register of opts.routes.public) register(app);
  app.all("/api/*", () => {
    throw AppError.notFound();
  });

  // Installable PWA: manifest per language, service worker, icons, offline URL list.
  registerPwa(app);

  if (opts.staticHandler) {
    const serveStatic = opts.staticHandler;
    app.use(async (c, next) => {
      const res = await serveStatic(c.req.raw);
      if (res) return res;
      await next();
    });
  }

  // Pages. Staff pages are checked against the policy's page table before they render.
  if (opts.pageHandler) {
    const render = opts.pageHandler;
    app.all("*", async (c) => {
      // Staff pages: the shell's permission and the page's, as declared once (decision 041).
      const permissions = pagePermissions(c.req.path.replace(/\.data$/, "")).filter(
        (p): p is Action => p !== PUBLIC,
      );
      if (permissions.length > 0) {
        const principal = c.get("principal");
        const next = encodeURIComponent(c.req.path + (new URL(c.req.url).search || ""));
        if (!principal) return c.redirect(`/${c.get("lang")}/login?next=${next}`, 303);
        // A session still waiting for its second factor goes on to the second-factor page.
        if (!principal.mfaSatisfied) return c.redirect(`/${c.get("lang")}/login/mfa?next=${next}`, 303);
        for (const permission of permissions) authorize(principal, permission);
      }
      return render(c.req.raw, c.var);
    });
  }

  app.notFound(() => {
    throw AppError.notFound();
  });

  app.onError(async (err, c) => {
    // A database refusal of input (decision 020) is the client's error: logged as such, answered 4xx.
    const dbRefusal = isAppError(err) ? null : refusalFromDatabase(err);
    const appErr = isAppError(err) ? err : (fromHttpException(err) ?? dbRefusal);
    const log = c.get("log") ?? logger;
    if (dbRefusal) {
      log.warn({ err: errorForLog(err) }, "database refused input");
    } else if (!appErr) {
      // Log the error class and stack only; messages of foreign errors can contain input.
      log.error({ err: errorForLog(err) }, "unhandled error");
    } else if (appErr.status >= 500) {
      log.error({ code: appErr.code }, "server error");
    }
    const e = appErr ?? new AppError("internal");
    const t = c.get("t") ?? createTranslator(SOURCE_LANGUAGE, catalogs().get(SOURCE_LANGUAGE) ?? {});
    const wantsHtml = !c.req.path.startsWith("/api/") && (c.req.header("accept") ?? "").includes("text/html");
    if (wantsHtml && opts.pageHandler) {
      // Error pages render through React Router in the reader's language.
      return renderErrorPage(opts.pageHandler, c.req.raw, c.var, e.status);
    }
    return c.json(toProblem(e, t, c.get("requestId")), e.status as 400, {
      "content-type": "application/problem+json; charset=utf-8",
    });
  });

  return app;
}

async function renderErrorPage(render: PageHandler, req: Request, vars: AppEnv["Variables"], status: number) {
  const lang = vars.lang ?? SOURCE_LANGUAGE;
  const url = new URL(`/${lang}/__error/${status}`, req.url);
  const res = await render(new Request(url, { headers: req.headers }), vars);
  return new Response(res.body, { status, headers: res.headers });
}

/** Hono's own 4xx (malformed JSON, wrong content type) become our error codes, never a 500. */
function fromHttpException(err: unknown): AppError | null {
  if (!(err instanceof HTTPException) || err.status >= 500) return null;
  switch (err.status) {
    case 413:
      return new AppError("payload_too_large");
    case 415:
      return new AppError("unsupported_media_type");
    case 401:
      return new AppError("unauthenticated");
    case 403:
      return new AppError("forbidden");
    case 404:
      return AppError.notFound();
    default:
      return new AppError("bad_request");
  }
}
