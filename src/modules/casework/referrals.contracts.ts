/**
 * Contracts of consents and referrals (decision 019): one schema per operation, shared by the
 * route, the page action (`parseInput`) and the typed service method, and the views they
 * return. Browser-safe.
 */
import { z } from "zod";
import { isoDate, optionalText, version } from "#app/server/validation.ts";
import {
  CEFR_LEVELS,
  CONSENT_FORMS,
  CONSENT_PURPOSES,
  CONSENT_STATES,
  RECIPIENT_TYPES,
  REFERRAL_KINDS,
  REFERRAL_STATUSES,
  REFERRAL_TARGET_TYPES,
} from "./model.ts";

const blankToNull = (v: unknown) => (typeof v === "string" && v.trim() === "" ? null : v);
const optionalEmail = () =>
  z.preprocess(blankToNull, z.email().max(254).nullish()).transform((v) => v ?? null);
const optionalIsoDate = () => z.preprocess(blankToNull, isoDate().nullish()).transform((v) => v ?? null);

// ---- consents ----

/** POST /cases/{caseId}/consents. */
export const consentInput = z
  .object({
    personId: z.uuid(),
    purpose: z.enum(CONSENT_PURPOSES),
    recipientType: z.enum(RECIPIENT_TYPES),
    recipientId: z.preprocess(blankToNull, z.uuid().nullish()).transform((v) => v ?? null),
    form: z.enum(CONSENT_FORMS),
    givenOn: isoDate(),
    expiresOn: optionalIsoDate(),
  })
  .superRefine((v, ctx) => {
    if (v.recipientType === "any" && v.recipientId)
      ctx.addIssue({ code: "custom", path: ["recipientId"], message: "code:consent_recipient_any_no_id" });
    if (v.recipientType !== "any" && !v.recipientId)
      ctx.addIssue({ code: "custom", path: ["recipientId"], message: "code:required" });
    if (v.expiresOn && v.expiresOn < v.givenOn)
      ctx.addIssue({ code: "custom", path: ["expiresOn"], message: "code:consent_expiry_before_given" });
  });
export type ConsentInput = z.output<typeof consentInput>;

/** POST /cases/{caseId}/consents/{id}/withdraw. */
export const withdrawConsentInput = z.object({ version: version(), withdrawnOn: isoDate() });
export type WithdrawConsent = z.output<typeof withdrawConsentInput>;

// ---- referrals ----

const referralFields = z.object({
  personId: z.uuid(),
  kind: z.enum(REFERRAL_KINDS),
  targetType: z.enum(REFERRAL_TARGET_TYPES),
  targetId: z.uuid(),
  shareGivenName: z.boolean().default(false),
  shareLanguages: z.boolean().default(false),
  phone: optionalText(60).pipe(
    z
      .string()
      .regex(/^[0-9+()/ .-]{3,60}$/, { error: "code:invalid_phone" })
      .nullable(),
  ),
  note: optionalText(2000),
  /** Create a one-time link for a partner without an account (e-mailed when notifyEmail is set). */
  link: z.boolean().default(false),
  notifyEmail: optionalEmail(),
});
const somethingShared = (
  v: { shareGivenName: boolean; shareLanguages: boolean; phone: string | null; note: string | null },
  ctx: z.RefinementCtx,
) => {
  if (!v.shareGivenName && !v.shareLanguages && !v.phone && !v.note)
    ctx.addIssue({ code: "custom", path: ["note"], message: "code:referral_nothing_shared" });
};

/** POST /cases/{caseId}/referrals: needs a consent in force for this recipient. */
export const referralInput = referralFields.superRefine(somethingShared);

/**
 * POST /cases/{caseId}/referrals/override, and the case page's form: without a consent in
 * force, a supervisor (referrals.consent_override) sends it with a written reason.
 */
export const referralWithOverrideInput = referralFields
  .extend({ consentOverrideReason: optionalText(2000) })
  .superRefine(somethingShared);
export type ReferralInput = z.output<typeof referralWithOverrideInput>;

/** POST /cases/{caseId}/referrals/{id}/link. */
export const issueLinkInput = z.object({ version: version(), notifyEmail: optionalEmail() });
export type IssueLink = z.output<typeof issueLinkInput>;

/** POST /cases/{caseId}/referrals/{id}/withdraw. */
export const withdrawReferralInput = z.object({ version: version() });
export type WithdrawReferral = z.output<typeof withdrawReferralInput>;

const decisionFields = z.object({
  decision: z.enum(["accepted", "declined"]),
  reason: optionalText(2000),
});
const reasonForDecline = (v: { decision: string; reason: string | null }, ctx: z.RefinementCtx) => {
  if (v.decision === "declined" && !v.reason)
    ctx.addIssue({ code: "custom", path: ["reason"], message: "code:referral_decline_reason" });
};

/** The answer through a one-time link (the public page; the link stands for the version). */
export const tokenAnswerInput = decisionFields.superRefine(reasonForDecline);
export type TokenAnswer = z.output<typeof tokenAnswerInput>;

/** POST /referrals/incoming/{id}/decision. */
export const decisionInput = decisionFields.extend({ version: version() }).superRefine(reasonForDecline);
export type Decision = z.output<typeof decisionInput>;

/** POST /referrals/incoming/{id}/outcome. */
export const outcomeInput = z.object({
  version: version(),
  outcome: z.enum(["started", "completed", "dropped"]),
});
export type Outcome = z.output<typeof outcomeInput>;

/** GET /referrals/incoming. */
export const incomingQuery = z.object({
  status: z.preprocess(blankToNull, z.enum(REFERRAL_STATUSES).nullish()).transform((v) => v ?? undefined),
});
export type IncomingQuery = z.output<typeof incomingQuery>;

// ---- views ----

export const consentView = z.object({
  id: z.string(),
  personId: z.string(),
  purpose: z.enum(CONSENT_PURPOSES),
  recipientType: z.enum(RECIPIENT_TYPES),
  recipientId: z.string().nullable(),
  form: z.string(),
  givenOn: z.string(),
  expiresOn: z.string().nullable(),
  withdrawnOn: z.string().nullable(),
  state: z.enum(CONSENT_STATES),
  version: z.number().int(),
});
export const consentListView = z.object({ today: z.string(), items: z.array(consentView) });

export const sharedFieldsView = z.object({
  givenName: z.string().optional(),
  languages: z.array(z.object({ lang: z.string(), level: z.enum(CEFR_LEVELS) })).optional(),
  phone: z.string().optional(),
  note: z.string().optional(),
});

/** What the receiving side sees: no case id, no person id, only the shared fields. */
export const partnerReferralView = z.object({
  id: z.string(),
  kind: z.enum(REFERRAL_KINDS),
  status: z.enum(REFERRAL_STATUSES),
  targetType: z.enum(REFERRAL_TARGET_TYPES),
  targetName: z.string().nullable(),
  shared: sharedFieldsView,
  sentAt: z.string(),
  decidedAt: z.string().nullable(),
  decisionReason: z.string().nullable(),
  outcomeAt: z.string().nullable(),
  version: z.number().int(),
});
export type ReferralPartnerView = z.output<typeof partnerReferralView>;

/** What the case worker sees on the case. */
export const caseReferralView = partnerReferralView.extend({
  personId: z.string(),
  targetId: z.string(),
  consentId: z.string().nullable(),
  consentOverridden: z.boolean(),
  linkExpiresAt: z.string().nullable(),
});
export type ReferralCaseView = z.output<typeof caseReferralView>;

export const referralCreatedView = z.object({ referral: caseReferralView, link: z.string().nullable() });
export const issuedLinkView = z.object({
  link: z.string(),
  expiresAt: z.string(),
  referral: caseReferralView,
});
