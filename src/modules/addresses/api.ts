import {
  type ApiRouter,
  defineRoute,
  named,
  ok,
  operationContext,
  problemResponses,
} from "#app/server/http/api.ts";
import { addressSummaryView, resolvedAddressView, resolveQuery } from "./contracts.ts";

export function registerAddressApi(api: ApiRouter) {
  api.openapi(
    defineRoute({
      method: "get",
      path: "/addresses",
      permission: "addresses.read",
      tags: ["addresses"],
      summary: "The tenant's address list in numbers (addresses, streets, postcodes, last change)",
      responses: { 200: ok(named(addressSummaryView, "AddressSummary")), ...problemResponses },
    }),
    async (c) => {
      const { services, principal } = operationContext(c);
      return c.json(await services.addresses.summary(principal), 200);
    },
  );

  api.openapi(
    defineRoute({
      method: "get",
      path: "/addresses/resolve",
      permission: "addresses.read",
      tags: ["addresses"],
      summary:
        "A typed address (typos allowed) or coordinates in either order resolved locally against the address list",
      request: { query: resolveQuery },
      responses: { 200: ok(named(resolvedAddressView, "ResolvedAddress")), ...problemResponses },
    }),
    async (c) => {
      const { services, principal } = operationContext(c);
      const { q } = c.req.valid("query");
      const coords = await services.addresses.coordinates(principal.tenantId, q);
      if (coords !== undefined)
        return c.json(
          {
            found: coords !== null,
            point: coords
              ? {
                  lon: coords.lon,
                  lat: coords.lat,
                  kind: "coordinates" as const,
                  label: null,
                  approximate: false,
                  postcode: null,
                }
              : null,
          },
          200,
        );
      const hit = await services.addresses.resolve(principal.tenantId, q);
      return c.json({ found: hit !== null, point: hit }, 200);
    },
  );
}
