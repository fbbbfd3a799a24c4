import {
  type ApiRouter,
  defineRoute,
  jsonBody,
  named,
  ok,
  operationContext,
  problemResponses,
  publicContext,
} from "#app/server/http/api.ts";
import { PUBLIC } from "#app/server/policy/policy.ts";
import { publicTenantView, tenantSettingsView, updateTenantSettingsInput } from "./contracts.ts";
import type { Tenant } from "./service.ts";

const TenantSettings = named(tenantSettingsView, "TenantSettings");
const settingsOf = (t: Tenant) => ({ name: t.name, version: t.version, ...t.settings });

export function registerTenantApi(api: ApiRouter) {
  api.openapi(
    defineRoute({
      method: "get",
      path: "/tenant",
      permission: PUBLIC,
      tags: ["tenant"],
      summary: "The tenant (municipality or county) this installation serves at this host",
      responses: { 200: ok(named(publicTenantView, "PublicTenant")) },
    }),
    (c) => {
      const { tenant } = publicContext(c);
      return c.json({ slug: tenant.slug, name: tenant.name, kind: tenant.kind }, 200);
    },
  );

  api.openapi(
    defineRoute({
      method: "get",
      path: "/tenant/settings",
      permission: "tenant.settings.read",
      tags: ["tenant"],
      summary: "Tenant settings",
      responses: { 200: ok(TenantSettings), ...problemResponses },
    }),
    (c) => c.json(settingsOf(operationContext(c).tenant), 200),
  );

  api.openapi(
    defineRoute({
      method: "put",
      path: "/tenant/settings",
      permission: "tenant.settings.update",
      tags: ["tenant"],
      summary: "Update tenant settings (optimistic locking: send the version you read)",
      request: { body: jsonBody(named(updateTenantSettingsInput, "TenantSettingsUpdate")) },
      responses: { 200: ok(TenantSettings), ...problemResponses },
    }),
    async (c) => {
      const { services, principal, tenant, requestId } = operationContext(c);
      const t = await services.tenants.updateSettings(principal, tenant.id, c.req.valid("json"), requestId);
      return c.json(settingsOf(t), 200);
    },
  );
}
