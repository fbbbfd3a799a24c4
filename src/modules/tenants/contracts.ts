/**
 * The tenant module's contracts (decision 019): one zod schema per operation, shared by the
 * API route (and so by the OpenAPI document), the settings page and the typed service method.
 * Browser-safe: no table definitions, no database.
 */
import { z } from "zod";
import { LANGUAGE_CODES } from "#app/i18n/languages.ts";
import { ROLES } from "#app/server/policy/roles.ts";
import { version } from "#app/server/validation.ts";
import { SMALL_CELL_LIMITS } from "../statistics/small-cells.ts";

export const tenantSlug = z
  .string()
  .trim()
  .min(2)
  .max(40)
  .regex(/^[a-z0-9][a-z0-9-]*$/, { error: "code:slug_format" });

const limit = (l: { min: number; max: number }) => z.number().int().min(l.min).max(l.max);

export const tenantSettingsFields = z.object({
  name: z.string().trim().min(1).max(200),
  defaultLanguage: z.enum(LANGUAGE_CODES as [string, ...string[]]),
  mfaRequiredRoles: z.array(z.enum(ROLES)).max(ROLES.length),
  contactEmail: z
    .email()
    .max(254)
    .optional()
    .or(z.literal("").transform(() => undefined)),
  /** The small-cell rule for published counts; absent: keep what is stored. */
  smallCells: z
    .object({
      minCount: limit(SMALL_CELL_LIMITS.minCount),
      minDenominator: limit(SMALL_CELL_LIMITS.minDenominator),
      minNumerator: limit(SMALL_CELL_LIMITS.minNumerator),
      suppressZero: z.boolean(),
    })
    .partial()
    .optional(),
});

/** PUT /tenant/settings and the settings page: the settings plus the version that was read. */
export const updateTenantSettingsInput = tenantSettingsFields.extend({ version: version() });
export type UpdateTenantSettings = z.output<typeof updateTenantSettingsInput>;

/** What GET and PUT /tenant/settings return. */
export const tenantSettingsView = z.object({
  name: z.string(),
  version: z.number().int(),
  defaultLanguage: z.string(),
  mfaRequiredRoles: z.array(z.enum(ROLES)),
  contactEmail: z.string().optional(),
  smallCells: z
    .object({
      minCount: z.number().int(),
      minDenominator: z.number().int(),
      minNumerator: z.number().int(),
      suppressZero: z.boolean(),
    })
    .partial()
    .optional(),
});

export const publicTenantView = z.object({ slug: z.string(), name: z.string(), kind: z.string() });
