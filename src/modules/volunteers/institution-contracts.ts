/** Contracts of institution accounts (Einsatzstellen, decision 127). Browser-safe. */
import { z } from "zod";
import { LANGUAGE_CODES, type Language } from "../../i18n/languages.ts";
import { isoDate, requiredText, version } from "../../server/validation.ts";
import { createRequestInput, requestView } from "./contracts.ts";
import { LIMITS } from "./model.ts";

/**
 * POST /institution/mediation-requests: the institution's own booking. Institution and contact
 * come from the account and its organization, not from the form.
 */
export const institutionBookingInput = createRequestInput
  .pick({
    language: true,
    mode: true,
    setting: true,
    topic: true,
    area: true,
    date: true,
    startTime: true,
    durationMinutes: true,
    idempotencyKey: true,
  })
  .extend({ organizationId: z.uuid(), date: isoDate() });
export type InstitutionBooking = z.output<typeof institutionBookingInput>;

/** POST /institution/mediation-requests/{id}/events: confirm the held duration, or end the engagement. */
export const institutionEventInput = z.discriminatedUnion("type", [
  z.object({
    type: z.literal("hold"),
    version: version(),
    minutes: z.coerce
      .number()
      .int()
      .min(1)
      .max(8 * 60),
  }),
  z.object({ type: z.literal("cancel"), version: version() }),
]);
export type InstitutionEvent = z.output<typeof institutionEventInput>;

/** What the institution sees of a request: the confirmed mediator's name, contact and languages only. */
export const institutionRequestView = requestView.extend({
  mediator: z
    .object({
      name: z.string(),
      email: z.string().nullable(),
      phone: z.string().nullable(),
      languages: z.array(z.string()),
    })
    .nullable(),
  /** Posted by the institution and not yet checked by the coordinator: not offered to anyone. */
  awaitingApproval: z.boolean(),
});
export type InstitutionRequestView = z.output<typeof institutionRequestView>;

/** POST /volunteer-institutions/invitations: an account for a contact of a directory organization. */
export const inviteInstitutionInput = z.object({
  organizationId: z.uuid(),
  name: requiredText(LIMITS.name),
  email: z.string().trim().toLowerCase().max(254).pipe(z.email()),
  language: z.enum(LANGUAGE_CODES as [Language, ...Language[]]).default("de"),
});
export type InviteInstitution = z.output<typeof inviteInstitutionInput>;
