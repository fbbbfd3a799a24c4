/**
 * The public interchange endpoints of the directory (read-only, published entries only, no
 * session needed):
 * - `/api/hsds/…` — Open Referral HSDS 3.0 API: `/`, `/openapi.json`, `/services`,
 *   `/services/{id}`, `/organizations`, `/organizations/{id}`, `/taxonomies`,
 *   `/taxonomies/{id}`, `/taxonomy_terms`, `/taxonomy_terms/{id}`, `/service_at_locations`
 *   (with `postcode` and `proximity`), `/service_at_locations/{id}`; lists are paged as HSDS
 *   says, or every result one per line with `format=ndjson`; `minimal=true` lists services as
 *   id and modified_date. `/api/hsds/export` downloads the whole published directory.
 * Any site may read these from a browser (CORS: GET, no credentials).
 * - `/api/public/places.geojson` — the published places as RFC 7946 GeoJSON.
 * Texts come in the language of `?lang=` (any content language, incl. "de-simple") or the
 * Accept-Language header, falling back to German where a translation is missing.
 */
import type { Context, Hono } from "hono";
import { cors } from "hono/cors";
import { negotiateLanguage } from "#app/i18n/languages.ts";
import type { AppEnv } from "#app/server/http/env.ts";
import { type ContentLanguage, isContentLanguage } from "../translations/languages.ts";
import { hsdsOpenApi } from "./hsds-openapi.ts";
import { HSDS_MAX_PER_PAGE, type HsdsQuery, parseHsdsQuery } from "./hsds-query.ts";

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
    "minimal",
    "format",
    "modified_after",
    "postcode",
    "proximity",
  ]) {
    if (all[k] !== undefined && all[k] !== "") out[k] = all[k];
  }
  return parseHsdsQuery(out);
}

const JSON_HEADERS = { "cache-control": "public, max-age=60", vary: "Accept-Language" };

type Paged = { last_page: boolean; contents: unknown[] };

/**
 * A list endpoint as HSDS asks: one page as JSON, or with `format=ndjson` every result, one
 * JSON object per line, fetched page by page as the client reads.
 */
async function list(
  c: Context<AppEnv>,
  fetch: (q: HsdsQuery, lang: ContentLanguage) => Promise<Paged>,
): Promise<Response> {
  const q = queryOf(c);
  const lang = contentLanguage(c);
  if (q.format !== "ndjson") return c.json(await fetch(q, lang), 200, JSON_HEADERS);
  const encoder = new TextEncoder();
  let pageNumber = 1;
  let done = false;
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (done) return controller.close();
      const r = await fetch({ ...q, page: pageNumber, per_page: HSDS_MAX_PER_PAGE }, lang);
      const lines = r.contents.map((item) => `${JSON.stringify(item)}\n`).join("");
      if (lines) controller.enqueue(encoder.encode(lines));
      done = r.last_page || r.contents.length === 0;
      pageNumber++;
    },
  });
  return c.body(body, 200, { ...JSON_HEADERS, "content-type": "application/x-ndjson; charset=utf-8" });
}

export function registerHsdsApi(app: Hono<AppEnv>) {
  const svc = (c: Context<AppEnv>) => c.get("services").interchange;
  const tenantId = (c: Context<AppEnv>) => c.get("tenant").id;

  // Public, read-only, no cookies: any site may read it from a browser.
  const publicRead = cors({ origin: "*", allowMethods: ["GET", "HEAD", "OPTIONS"], credentials: false });
  app.use("/api/hsds/*", publicRead);
  app.use("/api/hsds", publicRead);
  app.use("/api/public/places.geojson", publicRead);

  app.get("/api/hsds", (c) => c.redirect("/api/hsds/", 301));
  app.get("/api/hsds/", (c) => {
    const base = new URL(c.req.url).origin;
    return c.json(svc(c).info(base, c.get("tenant").name), 200, JSON_HEADERS);
  });
  app.get("/api/hsds/openapi.json", (c) =>
    c.json(hsdsOpenApi(new URL(c.req.url).origin, c.get("tenant").name), 200, {
      "cache-control": "public, max-age=3600",
    }),
  );
  app.get("/api/hsds/services", (c) => list(c, (q, lang) => svc(c).services(tenantId(c), q, lang)));
  app.get("/api/hsds/services/:id", async (c) =>
    c.json(await svc(c).service(tenantId(c), c.req.param("id"), contentLanguage(c)), 200, JSON_HEADERS),
  );
  app.get("/api/hsds/organizations", (c) => list(c, (q, lang) => svc(c).organizations(tenantId(c), q, lang)));
  app.get("/api/hsds/organizations/:id", async (c) =>
    c.json(await svc(c).organization(tenantId(c), c.req.param("id"), contentLanguage(c)), 200, JSON_HEADERS),
  );
  app.get("/api/hsds/taxonomies", (c) => list(c, (q, lang) => svc(c).taxonomies(tenantId(c), q, lang)));
  app.get("/api/hsds/taxonomies/:id", async (c) =>
    c.json(await svc(c).taxonomy(tenantId(c), c.req.param("id"), contentLanguage(c)), 200, JSON_HEADERS),
  );
  app.get("/api/hsds/taxonomy_terms", (c) =>
    list(c, (q, lang) => svc(c).taxonomyTerms(tenantId(c), q, lang)),
  );
  app.get("/api/hsds/taxonomy_terms/:id", async (c) =>
    c.json(await svc(c).taxonomyTerm(tenantId(c), c.req.param("id"), contentLanguage(c)), 200, JSON_HEADERS),
  );
  app.get("/api/hsds/service_at_locations", (c) =>
    list(c, (q, lang) => svc(c).serviceAtLocations(tenantId(c), q, lang)),
  );
  app.get("/api/hsds/service_at_locations/:id", async (c) =>
    c.json(
      await svc(c).serviceAtLocation(tenantId(c), c.req.param("id"), contentLanguage(c)),
      200,
      JSON_HEADERS,
    ),
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
