/**
 * The offices module's contracts (decision 019): one zod schema per operation, shared by the
 * API routes (and so the OpenAPI document), the staff pages and the typed service methods;
 * and the views the API returns. Browser-safe: no table definitions, no database.
 */
import { z } from "zod";
import { optionalText, optionalUuid, requiredText, version } from "../../server/validation.ts";
import { areaLevel } from "../areas/contracts.ts";
import { OFFICE_KINDS } from "./model.ts";

export const officeKind = z.enum(OFFICE_KINDS);

/** An e-mail address, trimmed; an empty form field becomes null. */
const optionalEmail = z
  .preprocess(
    (v) => (typeof v === "string" && v.trim() === "" ? null : v),
    z.string().trim().max(254).pipe(z.email()).nullish(),
  )
  .transform((v) => v ?? null);

const officeFields = z.object({
  name: requiredText(200),
  kind: officeKind.default("welcome_office"),
  placeId: optionalUuid().meta({ description: "The directory place where the office receives people" }),
  email: optionalEmail,
  phone: optionalText(60),
});

/** POST /offices and the offices page's create form. */
export const createOfficeInput = officeFields;
export type CreateOffice = z.output<typeof createOfficeInput>;

/** PUT /offices/{id} and the office page's profile form (send the version you read). */
export const updateOfficeInput = officeFields.extend({ version: version() });
export type UpdateOffice = z.output<typeof updateOfficeInput>;

/** PUT /offices/{id}/catchment: an area belongs to at most one office. */
export const setOfficeCatchmentInput = z.object({
  version: version(),
  areaIds: z.array(z.uuid()).max(500),
});
export type SetOfficeCatchment = z.output<typeof setOfficeCatchmentInput>;

/** PUT /offices/{id}/members: active users of the tenant, each with an optional function. */
export const setOfficeMembersInput = z.object({
  version: version(),
  members: z
    .array(
      z.object({
        userId: z.uuid(),
        function: optionalText(120).meta({
          description: "e.g. 'Sozialberatung'; shown publicly, never a name",
        }),
      }),
    )
    .max(500),
});
export type SetOfficeMembers = z.output<typeof setOfficeMembersInput>;

export const officeIdParams = z.object({ id: z.uuid() });

const summaryFields = {
  id: z.string(),
  name: z.string(),
  kind: officeKind,
  placeId: z.string().nullable(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  version: z.number().int(),
};

export const officeListView = z.object({
  items: z.array(z.object({ ...summaryFields, areaCount: z.number().int(), memberCount: z.number().int() })),
});

export const officeView = z.object({
  ...summaryFields,
  areas: z.array(z.object({ id: z.string(), code: z.string(), name: z.string(), level: areaLevel })),
  members: z.array(
    z.object({ userId: z.string(), displayName: z.string(), function: z.string().nullable() }),
  ),
});
