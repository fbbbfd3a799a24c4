import { LANGUAGE_CODES } from "#app/i18n/languages.ts";
import { type ApiRouter, defineRoute, jsonBody, ok, problemResponses, z } from "#app/server/http/api.ts";
import { PUBLIC } from "#app/server/policy/policy.ts";
import { ROLES } from "#app/server/policy/roles.ts";

const PublicTenant = z
  .object({ slug: z.string(), name: z.string(), kind: z.string() })
  .openapi("PublicTenant");
const TenantSettings = z
  .object({
    name: z.string(),
    version: z.number().int(),
    defaultLanguage: z.enum(LANGUAGE_CODES as [string, ...string[]]),
    mfaRequiredRoles: z.array(z.enum(ROLES)),
    contactEmail: z.string().optional(),
    smallCells: z
      .object({
        minCount: z.number().int().optional(),
        minDenominator: z.number().int().optional(),
        minNumerator: z.number().int().optional(),
        suppressZero: z.boolean().optional(),
      })
      .optional(),
  })
  .openapi("TenantSettings");
const TenantSettingsUpdate = z
  .object({
    version: z.number().int().min(1),
    name: z.string().max(200),
    defaultLanguage: z.string(),
    mfaRequiredRoles: z.array(z.string()).max(20),
    contactEmail: z.string().max(254).optional(),
    /** The small-cell rule for published counts; absent: unchanged. */
    smallCells: z
      .object({
        minCount: z.number().optional(),
        minDenominator: z.number().optional(),
        minNumerator: z.number().optional(),
        suppressZero: z.boolean().optional(),
      })
      .optional(),
  })
  .openapi("TenantSettingsUpdate");

export function registerTenantApi(api: ApiRouter) {
  api.openapi(
    defineRoute({
      method: "get",
      path: "/tenant",
      permission: PUBLIC,
      tags: ["tenant"],
      summary: "The tenant (municipality or county) this installation serves at this host",
      responses: { 200: ok(PublicTenant) },
    }),
    (c) => {
      const t = c.get("tenant");
      return c.json({ slug: t.slug, name: t.name, kind: t.kind }, 200);
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
    (c) => {
      const t = c.get("tenant");
      return c.json({ name: t.name, version: t.version, ...t.settings }, 200);
    },
  );

  api.openapi(
    defineRoute({
      method: "put",
      path: "/tenant/settings",
      permission: "tenant.settings.update",
      tags: ["tenant"],
      summary: "Update tenant settings (optimistic locking: send the version you read)",
      request: { body: jsonBody(TenantSettingsUpdate) },
      responses: { 200: ok(TenantSettings), ...problemResponses },
    }),
    async (c) => {
      const { version, ...input } = c.req.valid("json");
      const t = await c
        .get("services")
        .tenants.updateSettings(
          c.get("principal")!,
          c.get("tenant").id,
          version,
          input as never,
          c.get("requestId"),
        );
      return c.json({ name: t.name, version: t.version, ...t.settings }, 200);
    },
  );
}
