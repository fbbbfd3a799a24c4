/**
 * The OpenAPI document of Lotse's HSDS 3.0 endpoints (`openapi_url` of `GET /api/hsds/`).
 * It lists what this server answers, with its own limits (per_page ≤ 500, proximity also as
 * "lat,lon,metres"); the objects themselves are HSDS's, referenced by the published schemas.
 */
import { CONTENT_LANGUAGES } from "../translations/languages.ts";
import { HSDS_MAX_PER_PAGE } from "./hsds-query.ts";

const SCHEMA_BASE = "https://raw.githubusercontent.com/openreferral/specification/3.0/schema";
const hsds = (name: string) => ({ $ref: `${SCHEMA_BASE}/${name}.json` });

type Param = { name: string; in: "query" | "path"; required?: boolean; description: string; schema: object };

const q = (name: string, description: string, schema: object = { type: "string" }): Param => ({
  name,
  in: "query",
  description,
  schema,
});

const P = {
  search: q("search", "Words to look for; spelling mistakes are tolerated."),
  page: q("page", "Which page of the list, from 1.", { type: "integer", minimum: 1 }),
  per_page: q("per_page", `Results per page, at most ${HSDS_MAX_PER_PAGE}.`, {
    type: "integer",
    minimum: 1,
    maximum: HSDS_MAX_PER_PAGE,
  }),
  format: q("format", "json: one page (default). ndjson: every result, one JSON object per line.", {
    type: "string",
    enum: ["json", "ndjson"],
  }),
  taxonomy_term_id: q("taxonomy_term_id", "Only entries tagged with this term.", {
    type: "string",
    format: "uuid",
  }),
  taxonomy_id: q("taxonomy_id", "Only entries tagged with any term of this taxonomy.", {
    type: "string",
    format: "uuid",
  }),
  organization_id: q("organization_id", "Only services of this organization.", {
    type: "string",
    format: "uuid",
  }),
  modified_after: q("modified_after", "Only entries changed at or after this instant.", {
    type: "string",
    format: "date-time",
  }),
  minimal: q("minimal", "true: each service as id and modified_date only.", { type: "boolean" }),
  full: q("full", "true: fully nested objects.", { type: "boolean" }),
  postcode: q("postcode", "A German postcode; with proximity, the centre of the search."),
  proximity: q(
    "proximity",
    "Metres around the postcode's centre, or 'lat,lon,metres' for any point (WGS 84).",
  ),
  top_only: q("top_only", "true: only terms without child terms.", { type: "boolean" }),
  parent_id: q("parent_id", "Only the children of this term.", { type: "string", format: "uuid" }),
  lang: q("lang", `Language of the texts (${CONTENT_LANGUAGES.join(", ")}); German where untranslated.`, {
    type: "string",
    enum: [...CONTENT_LANGUAGES],
  }),
};

const idParam = (what: string): Param => ({
  name: "id",
  in: "path",
  required: true,
  description: `The id of the ${what}.`,
  schema: { type: "string", format: "uuid" },
});

const pageOf = (item: object) => ({
  allOf: [
    { $ref: "#/components/schemas/Page" },
    { properties: { contents: { type: "array", items: item } } },
  ],
});

function op(summary: string, parameters: Param[], schema: object, ndjson = false) {
  const content: Record<string, { schema: object }> = { "application/json": { schema } };
  if (ndjson) content["application/x-ndjson"] = { schema: { type: "object" } };
  return {
    get: {
      summary,
      parameters: [...parameters, P.lang],
      responses: {
        "200": { description: summary, content },
        "400": { description: "A parameter is not understood.", content: { "application/problem+json": {} } },
        "404": { description: "Nothing published has this id.", content: { "application/problem+json": {} } },
      },
    },
  };
}

export function hsdsOpenApi(baseUrl: string, tenantName: string) {
  const lists = [P.search, P.page, P.per_page, P.format];
  return {
    openapi: "3.1.0",
    info: {
      title: `Wegweiser ${tenantName} (HSDS 3.0)`,
      version: "1",
      description: "Published offers, organizations and places of the directory, read-only.",
      license: { name: "Data licence of the publisher" },
    },
    servers: [{ url: `${baseUrl}/api/hsds` }],
    paths: {
      "/": op("About this API: HSDS version, profile and publisher.", [], { type: "object" }),
      "/services": op(
        "Services (offers), paged.",
        [...lists, P.taxonomy_term_id, P.taxonomy_id, P.organization_id, P.modified_after, P.minimal, P.full],
        pageOf(hsds("compiled/service_list")),
        true,
      ),
      "/services/{id}": op("One service, fully nested.", [idParam("service")], hsds("compiled/service")),
      "/organizations": op("Organizations, paged.", lists, pageOf(hsds("compiled/organization_list")), true),
      "/organizations/{id}": op(
        "One organization with its services.",
        [idParam("organization")],
        hsds("compiled/organization"),
      ),
      "/taxonomies": op(
        "Taxonomies (the axes of the framework), paged.",
        lists,
        pageOf(hsds("taxonomy")),
        true,
      ),
      "/taxonomies/{id}": op("One taxonomy.", [idParam("taxonomy")], hsds("taxonomy")),
      "/taxonomy_terms": op(
        "Taxonomy terms, paged.",
        [...lists, P.taxonomy_id, P.top_only, P.parent_id],
        pageOf(hsds("taxonomy_term")),
        true,
      ),
      "/taxonomy_terms/{id}": op("One taxonomy term.", [idParam("taxonomy term")], hsds("taxonomy_term")),
      "/service_at_locations": op(
        "Services at their places, paged; nearest first around a point.",
        [
          ...lists,
          P.taxonomy_term_id,
          P.taxonomy_id,
          P.organization_id,
          P.modified_after,
          P.postcode,
          P.proximity,
        ],
        pageOf(hsds("compiled/service_at_location_list")),
        true,
      ),
      "/service_at_locations/{id}": op(
        "One service at one place, fully nested.",
        [idParam("service at location")],
        hsds("compiled/service_at_location"),
      ),
    },
    components: {
      schemas: {
        Page: {
          type: "object",
          required: ["total_items", "total_pages", "page_number", "size", "first_page", "last_page", "empty"],
          properties: {
            total_items: { type: "integer" },
            total_pages: { type: "integer" },
            page_number: { type: "integer" },
            size: { type: "integer" },
            first_page: { type: "boolean" },
            last_page: { type: "boolean" },
            empty: { type: "boolean" },
          },
        },
      },
    },
  };
}
