/**
 * The users module's contracts (decision 019): one zod schema per operation, shared by the
 * API routes (and so the OpenAPI document), the staff pages and the typed service methods;
 * and the views the API returns. Browser-safe: no table definitions, no database.
 */
import { z } from "zod";
import { LANGUAGE_CODES } from "../../i18n/languages.ts";
import { ROLES, type RoleGrant, SCOPE_TYPES } from "../../server/policy/roles.ts";
import { requiredText, version } from "../../server/validation.ts";
import { PASSWORD_MAX, PASSWORD_MIN, USER_STATUSES } from "./model.ts";

/** Stored lower-cased: the address is unique within the tenant in any case. */
export const emailAddress = z.string().trim().toLowerCase().pipe(z.email().max(254));
export const passwordSchema = z.string().min(PASSWORD_MIN).max(PASSWORD_MAX);
const displayName = requiredText(200);
export const uiLanguage = z.enum(LANGUAGE_CODES as [string, ...string[]]);
export const userStatus = z.enum(USER_STATUSES);

/** One role grant: the whole tenant, or scoped to an organization, office or area (then with its id). */
export const roleGrantInput = z
  .object({
    role: z.enum(ROLES),
    scopeType: z.enum(SCOPE_TYPES).default("tenant"),
    scopeId: z
      .uuid()
      .nullish()
      .meta({ description: "Organization, office or area id; absent or null for the whole tenant" }),
  })
  .transform((g, ctx): RoleGrant => {
    if (g.scopeType === "tenant") return { role: g.role, scopeType: "tenant", scopeId: null };
    if (!g.scopeId) {
      ctx.addIssue({ code: "custom", path: ["scopeId"], message: "code:required" });
      return z.NEVER;
    }
    return { role: g.role, scopeType: g.scopeType, scopeId: g.scopeId };
  });
export const roleGrantsInput = z.array(roleGrantInput).max(50);

/** POST /users and the users page's create form. */
export const createUserInput = z.object({
  email: emailAddress,
  displayName,
  password: passwordSchema.optional().meta({ description: "Absent: the account signs in through OIDC only" }),
  preferredLanguage: uiLanguage.nullish(),
  grants: roleGrantsInput.optional(),
});
export type CreateUser = z.output<typeof createUserInput>;

/** PATCH /users/{id} and the user page's profile form: absent fields stay as they are. */
export const updateUserInput = z.object({
  version: version(),
  email: emailAddress.optional(),
  displayName: displayName.optional(),
  status: userStatus.optional().meta({ description: "disabled ends the user's sign-in" }),
  preferredLanguage: uiLanguage.nullish(),
});
export type UpdateUser = z.output<typeof updateUserInput>;

/** PUT /users/{id}/roles and the user page's roles form: all grants, replaced as a whole. */
export const setUserRolesInput = z.object({ version: version(), grants: roleGrantsInput });
export type SetUserRoles = z.output<typeof setUserRolesInput>;

/** GET /users and the users page's search. */
export const userListQuery = z.object({
  q: z.string().trim().max(200).optional(),
  status: userStatus.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});
export type UserListQuery = z.output<typeof userListQuery>;

export const userIdParams = z.object({ id: z.uuid() });

export const roleGrantView = z.object({
  role: z.enum(ROLES),
  scopeType: z.enum(SCOPE_TYPES),
  scopeId: z
    .string()
    .nullable()
    .meta({ description: "Organization, office or area id; null for the whole tenant" }),
});

export const userView = z.object({
  id: z.string(),
  email: z.string(),
  displayName: z.string(),
  status: userStatus,
  preferredLanguage: z.string().nullable(),
  totpEnabled: z.boolean(),
  hasPassword: z.boolean(),
  version: z.number().int(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  grants: z.array(roleGrantView),
});
export const userListView = z.object({ items: z.array(userView) });
