import { createHash } from "node:crypto";
import type { Hono } from "hono";
import { directionOf, htmlLang, isPublicLanguage } from "#app/i18n/languages.ts";
import type { AppEnv } from "./env.ts";
import { ICON_SVG, iconPng } from "./pwa/icons.ts";
import { CLIENT_SOURCE as clientSource } from "./pwa/pwa-source.ts";
import { SURVEY_QUEUE_SOURCE } from "./pwa/survey-queue-source.ts";
import { WORKER_SOURCE as workerSource } from "./pwa/sw-source.ts";

/**
 * The installable PWA (issue 3): a web app manifest per language, the service worker at the
 * site root, the tiny script that registers it (/pwa.js, the only script of a public page),
 * the icons, and the list of URLs a language's offline copy consists of. Public pages work
 * without any of it (decision 006).
 */
export const THEME_COLOR = "#0b5cad";

/** Comment lines and indentation removed: the script stays a few hundred bytes. */
function compact(js: string): string {
  return js
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith("//"))
    .join("\n");
}

const WORKER = (() => {
  const version = createHash("sha256").update(workerSource).update(clientSource).digest("hex").slice(0, 12);
  return compact(workerSource.replace("__LOTSE_SW_VERSION__", version));
})();
const CLIENT = compact(clientSource);
const SURVEY_QUEUE = compact(SURVEY_QUEUE_SOURCE);

const ICONS: Record<string, { size: number; maskable: boolean }> = {
  "icon-192.png": { size: 192, maskable: false },
  "icon-512.png": { size: 512, maskable: false },
  "icon-maskable-512.png": { size: 512, maskable: true },
};
const iconCache = new Map<string, Buffer>();

const JS_HEADERS = { "content-type": "text/javascript; charset=utf-8" };

export function registerPwa(app: Hono<AppEnv>): void {
  app.get("/sw.js", (c) =>
    c.body(WORKER, 200, {
      ...JS_HEADERS,
      // Browsers check for a new worker on navigation; never serve a stale one from the HTTP cache.
      "cache-control": "no-cache",
      "service-worker-allowed": "/",
    }),
  );
  app.get("/pwa.js", (c) => c.body(CLIENT, 200, { ...JS_HEADERS, "cache-control": "public, max-age=3600" }));
  app.get("/survey-queue.js", (c) =>
    c.body(SURVEY_QUEUE, 200, { ...JS_HEADERS, "cache-control": "public, max-age=3600" }),
  );

  app.get("/icons/icon.svg", (c) =>
    c.body(ICON_SVG, 200, { "content-type": "image/svg+xml", "cache-control": "public, max-age=86400" }),
  );
  app.get("/icons/:file", async (c, next) => {
    const spec = ICONS[c.req.param("file")];
    if (!spec) return next();
    const file = c.req.param("file");
    let png = iconCache.get(file);
    if (!png) {
      png = iconPng(spec.size, spec.maskable);
      iconCache.set(file, png);
    }
    return c.body(new Uint8Array(png), 200, {
      "content-type": "image/png",
      "cache-control": "public, max-age=86400",
    });
  });

  app.get("/:lang/manifest.webmanifest", (c, next) => {
    const lang = c.req.param("lang");
    if (!isPublicLanguage(lang)) return next();
    const t = c.get("t");
    const tenant = c.get("tenant").name;
    const manifest = {
      id: `/${lang}/offers`,
      name: t("pwa.app_name", { tenant }),
      short_name: t("pwa.short_name"),
      description: t("pwa.description", { tenant }),
      lang: htmlLang(lang),
      dir: directionOf(lang),
      start_url: `/${lang}/offers`,
      scope: `/${lang}/`,
      display: "standalone",
      background_color: "#ffffff",
      theme_color: THEME_COLOR,
      icons: [
        { src: "/icons/icon-192.png", sizes: "192x192", type: "image/png", purpose: "any" },
        { src: "/icons/icon-512.png", sizes: "512x512", type: "image/png", purpose: "any" },
        { src: "/icons/icon-maskable-512.png", sizes: "512x512", type: "image/png", purpose: "maskable" },
        { src: "/icons/icon.svg", sizes: "any", type: "image/svg+xml", purpose: "any" },
      ],
    };
    return c.body(JSON.stringify(manifest), 200, {
      "content-type": "application/manifest+json; charset=utf-8",
      "cache-control": "public, max-age=300",
    });
  });

  app.get("/:lang/offline-manifest.json", async (c, next) => {
    const lang = c.req.param("lang");
    if (!isPublicLanguage(lang)) return next();
    const services = c.get("services");
    const tenantId = c.get("tenant").id;
    const [body, guide] = await Promise.all([
      services.directory.offlineManifest(tenantId, lang),
      services.guide.offlineUrls(tenantId, lang),
    ]);
    // The welcome guide travels with the directory (issue 23).
    return c.json({ ...body, urls: [...body.urls, ...guide] }, 200, { "cache-control": "no-store" });
  });
}
