/**
 * The public interchange endpoints of the directory (read-only, published entries only, no
 * session needed):
 * - `/api/hsds/…` — Open Referral HSDS 3.0 API: `/`, `/services`, `/services/{id}`,
 *   `/organizations`, `/organizations/{id}`, `/taxonomies`, `/taxonomy_terms`,
 *   `/service_at_locations` (with `postcode` and `proximity`), paged as the HSDS OpenAPI
 *   document says; `/api/hsds/export` downloads the whole published directory as HSDS JSON.
 * - `/api/public/places.geojson` — the published places as RFC 7946 GeoJSON.
 * Texts come in the language of `?lang=` (any content language, incl. "de-simple") or the
 * Accept-Language header, falling back to German where a translation is missing.
 */
import type { Context, Hono } from "hono";
import { negotiateLanguage } from "#app/i18n/languages.ts";
import type { AppEnv } from "#app/server/http/env.ts";
import { type ContentLanguage, isContentLanguage } from "../translations/languages.ts";
import { parseHsdsQuery } from "./interchange.ts";

function contentLanguage(c: Context<AppEnv>): ContentLanguage {
  const q = c.req.query("lang");
  if (isContentLanguage(q)) return q;
  return negotiateLanguage(c.req.header("accept-language"));
}

function queryOf(c: Context<AppEnv>) {
  const all = c.req.query();
  const out: Record<string, string | undefined> = {};
  for (const k of [
    "page",
    "per_page",
    "search",
    "taxonomy_term_id",
    "taxonomy_id",
    "organization_id",
    "parent_id",
    "top_only",
    "full",
    "modified_after",
    "postcode",
    "proximity",
  ]) {
    if (all[k] !== undefined && all[k] !== "") out[k] = all[k];
  }
  return parseHsdsQuery(out);
}

const JSON_HEADERS = { "cache-control": "public, max-age=60", vary: "Accept-Language" };

export function registerHsdsApi(app: Hono<AppEnv>) {
  const svc = (c: Context<AppEnv>) => c.get("services").interchange;
  const tenantId = (c: Context<AppEnv>) => c.get("tenant").id;

  app.get("/api/hsds", (c) => c.redirect("/api/hsds/", 301));
  app.get("/api/hsds/", (c) => {
    const base = new URL(c.req.url).origin;
    return c.json(svc(c).info(base, c.get("tenant").name), 200, JSON_HEADERS);
  });
  app.get("/api/hsds/services", async (c) =>
    c.json(await svc(c).services(tenantId(c), queryOf(c), contentLanguage(c)), 200, JSON_HEADERS),
  );
  app.get("/api/hsds/services/:id", async (c) =>
    c.json(await svc(c).service(tenantId(c), c.req.param("id"), contentLanguage(c)), 200, JSON_HEADERS),
  );
  app.get("/api/hsds/organizations", async (c) =>
    c.json(await svc(c).organizations(tenantId(c), queryOf(c), contentLanguage(c)), 200, JSON_HEADERS),
  );
  app.get("/api/hsds/organizations/:id", async (c) =>
    c.json(await svc(c).organization(tenantId(c), c.req.param("id"), contentLanguage(c)), 200, JSON_HEADERS),
  );
  app.get("/api/hsds/taxonomies", async (c) =>
    c.json(await svc(c).taxonomies(tenantId(c), queryOf(c), contentLanguage(c)), 200, JSON_HEADERS),
  );
  app.get("/api/hsds/taxonomy_terms", async (c) =>
    c.json(await svc(c).taxonomyTerms(tenantId(c), queryOf(c), contentLanguage(c)), 200, JSON_HEADERS),
  );
  app.get("/api/hsds/service_at_locations", async (c) =>
    c.json(await svc(c).serviceAtLocations(tenantId(c), queryOf(c), contentLanguage(c)), 200, JSON_HEADERS),
  );
  app.get("/api/hsds/export", async (c) => {
    const lang = contentLanguage(c);
    const doc = await svc(c).export(tenantId(c), lang);
    return c.body(JSON.stringify(doc), 200, {
      "content-type": "application/json; charset=utf-8",
      "content-disposition": `attachment; filename="hsds-${c.get("tenant").slug}-${lang}.json"`,
    });
  });
  app.get("/api/public/places.geojson", async (c) => {
    const fc = await svc(c).placesGeoJson(tenantId(c), contentLanguage(c));
    return c.body(JSON.stringify(fc), 200, {
      "content-type": "application/geo+json; charset=utf-8",
      "cache-control": "public, max-age=60",
    });
  });
}
