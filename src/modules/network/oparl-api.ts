/**
 * The OParl 1.1 read interface at `/api/oparl/v1.1/` (decision 050): public, read-only, CORS
 * open to every site like the HSDS API. Lists are paged by `after` (the last id of the page
 * before) and `limit` (at most 100); `created_since`, `created_until`, `modified_since` and
 * `modified_until` filter as the spec says and stay in the `links`.
 */
import type { Context, Hono } from "hono";
import { cors } from "hono/cors";
import { AppError } from "#app/server/errors.ts";
import type { AppEnv } from "#app/server/http/env.ts";
import type { OParlListQuery } from "./oparl.ts";
import { OPARL_PAGE_SIZE } from "./oparl-map.ts";

const PREFIX = "/api/oparl/v1.1";
const JSON_HEADERS = { "cache-control": "public, max-age=60" };
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const FILTERS = {
  created_since: "createdSince",
  created_until: "createdUntil",
  modified_since: "modifiedSince",
  modified_until: "modifiedUntil",
} as const;

/** The page request from the query string; a bad value is a field error, never a 500. */
function listQuery(c: Context<AppEnv>): OParlListQuery {
  const q = c.req.query();
  const fields: { field: string; code: string }[] = [];
  const after = q.after ?? null;
  if (after !== null && !UUID.test(after)) fields.push({ field: "after", code: "invalid_format" });
  let limit = OPARL_PAGE_SIZE;
  if (q.limit !== undefined) {
    const n = Number(q.limit);
    if (!Number.isInteger(n) || n < 1) fields.push({ field: "limit", code: "invalid_type" });
    else limit = Math.min(n, OPARL_PAGE_SIZE);
  }
  const filter: OParlListQuery["filter"] = {};
  for (const [param, key] of Object.entries(FILTERS)) {
    const v = q[param];
    if (v === undefined) continue;
    const d = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(v) ? new Date(v) : null;
    if (!d || Number.isNaN(d.getTime())) fields.push({ field: param, code: "invalid_date" });
    else filter[key] = d;
  }
  if (fields.length) throw AppError.validation(fields);
  return { self: c.req.url, after, limit, filter };
}

export function registerOParlApi(app: Hono<AppEnv>) {
  const oparl = (c: Context<AppEnv>) => c.get("services").network.oparl;
  const origin = (c: Context<AppEnv>) => new URL(c.req.url).origin;
  const tenant = (c: Context<AppEnv>) => c.get("tenant");
  const json = (c: Context<AppEnv>, body: unknown) => c.json(body as object, 200, JSON_HEADERS);
  const own = (c: Context<AppEnv>) => {
    if (c.req.param("tenant") !== tenant(c).id) throw AppError.notFound();
  };

  app.use(`${PREFIX}/*`, cors({ origin: "*", allowMethods: ["GET", "HEAD", "OPTIONS"], credentials: false }));
  app.get(PREFIX, (c) => c.redirect(`${PREFIX}/`, 301));
  app.get(`${PREFIX}/`, (c) => json(c, oparl(c).system(origin(c), tenant(c))));
  app.get(`${PREFIX}/body`, (c) => json(c, oparl(c).bodies(origin(c), tenant(c), listQuery(c))));
  app.get(`${PREFIX}/body/:tenant`, (c) => {
    own(c);
    return json(c, oparl(c).body(origin(c), tenant(c)));
  });
  app.get(`${PREFIX}/body/:tenant/organization`, async (c) => {
    own(c);
    return json(c, await oparl(c).organizations(origin(c), tenant(c), listQuery(c)));
  });
  app.get(`${PREFIX}/body/:tenant/person`, async (c) => {
    own(c);
    return json(c, await oparl(c).persons(origin(c), tenant(c), listQuery(c), "person"));
  });
  app.get(`${PREFIX}/body/:tenant/membership`, async (c) => {
    own(c);
    return json(c, await oparl(c).persons(origin(c), tenant(c), listQuery(c), "membership"));
  });
  app.get(`${PREFIX}/body/:tenant/meeting`, async (c) => {
    own(c);
    const organization = c.req.query("organization");
    return json(c, await oparl(c).meetings(origin(c), tenant(c), { ...listQuery(c), organization }));
  });
  app.get(`${PREFIX}/body/:tenant/agendaItem`, async (c) => {
    own(c);
    return json(c, await oparl(c).agendaItems(origin(c), tenant(c), listQuery(c)));
  });
  app.get(`${PREFIX}/body/:tenant/location`, async (c) => {
    own(c);
    return json(c, await oparl(c).locations(origin(c), tenant(c), listQuery(c)));
  });
  app.get(`${PREFIX}/body/:tenant/paper`, (c) => {
    own(c);
    return json(c, oparl(c).papers(listQuery(c)));
  });
  app.get(`${PREFIX}/organization/:id`, async (c) =>
    json(c, await oparl(c).organization(origin(c), tenant(c), c.req.param("id"))),
  );
  app.get(`${PREFIX}/person/:id`, async (c) =>
    json(c, await oparl(c).person(origin(c), tenant(c), c.req.param("id"), "person")),
  );
  app.get(`${PREFIX}/membership/:id`, async (c) =>
    json(c, await oparl(c).person(origin(c), tenant(c), c.req.param("id"), "membership")),
  );
  app.get(`${PREFIX}/meeting/:id`, async (c) =>
    json(c, await oparl(c).meeting(origin(c), tenant(c), c.req.param("id"))),
  );
  app.get(`${PREFIX}/agendaItem/:id`, async (c) =>
    json(c, await oparl(c).agendaItem(origin(c), tenant(c), c.req.param("id"))),
  );
  app.get(`${PREFIX}/location/:id`, async (c) =>
    json(c, await oparl(c).location(origin(c), tenant(c), c.req.param("id"))),
  );
}
