import { z } from "zod";
import {
  ACCOMMODATION_KINDS,
  CASE_TYPES,
  CEFR_LEVELS,
  CONTACT_KINDS,
  HOUSING_STAGES,
  LIFE_DOMAINS,
  NEED_STATUSES,
  PLAN_ITEM_STATUSES,
  RESIDENCE_STATUSES,
  SEXES,
} from "./schema.ts";

/** Zod input schemas of case work. Empty strings from forms count as "not given". */

const blankToNull = (v: unknown) => (typeof v === "string" && v.trim() === "" ? null : v);
export const optionalText = (max: number) =>
  z.preprocess(blankToNull, z.string().trim().max(max).nullish()).transform((v) => v ?? null);
export const requiredText = (max: number) => z.string().trim().min(1).max(max);
export const isoDate = z.iso.date({ error: "code:invalid_date" });
export const optionalDate = z.preprocess(blankToNull, isoDate.nullish()).transform((v) => v ?? null);
const optionalUuid = z.preprocess(blankToNull, z.uuid().nullish()).transform((v) => v ?? null);
const optionalNumber = (min: number, max: number) =>
  z
    .preprocess(
      (v) => (v === "" || v === null || v === undefined ? null : typeof v === "string" ? Number(v) : v),
      z.number().min(min).max(max).nullable(),
    )
    .transform((v) => v ?? null);

export const HOUSEHOLD_RELATIONS = ["self", "spouse", "child", "parent", "sibling", "other"] as const;
export const FAMILY_RELATION_KINDS = ["spouse", "parent", "child", "sibling", "other"] as const;
export const CLOSURE_REASONS = [
  "goals_met",
  "independent",
  "moved_away",
  "no_contact",
  "transferred",
  "declined",
  "other",
] as const;

/** ISO 3166-1 alpha-2, plus XX (stateless) and ZZ (unknown). */
const REGION_NAMES = new Intl.DisplayNames(["en"], { type: "region", fallback: "code" });
export const nationalityCode = z
  .string()
  .trim()
  .toUpperCase()
  .refine((c) => /^[A-Z]{2}$/.test(c) && (c === "XX" || c === "ZZ" || REGION_NAMES.of(c) !== c), {
    error: "code:nationality_unknown",
  });

export const householdInput = z.object({
  label: requiredText(120),
  street: optionalText(200),
  postcode: z
    .preprocess(
      blankToNull,
      z
        .string()
        .trim()
        .regex(/^[0-9]{5}$/, { error: "code:postcode_format" })
        .nullish(),
    )
    .transform((v) => v ?? null),
  city: optionalText(120),
  lon: optionalNumber(-180, 180),
  lat: optionalNumber(-90, 90),
  accommodationKind: z
    .preprocess(blankToNull, z.enum(ACCOMMODATION_KINDS).nullish())
    .transform((v) => v ?? null),
  accommodationName: optionalText(200),
  /** Set by hand; else placed from the address. */
  officeId: optionalUuid,
});
export type HouseholdInput = z.input<typeof householdInput>;

export const personInput = z
  .object({
    givenName: requiredText(120),
    familyName: requiredText(120),
    birthDate: optionalDate,
    sex: z.preprocess((v) => (v === "" || v == null ? "unspecified" : v), z.enum(SEXES)),
    genderIdentity: optionalText(120),
    nationalities: z.array(nationalityCode).max(5).default([]),
    languages: z
      .array(
        z.object({
          lang: z
            .string()
            .trim()
            .toLowerCase()
            .regex(/^[a-z]{2,3}$/, { error: "code:language_code" }),
          level: z.enum(CEFR_LEVELS),
        }),
      )
      .max(12)
      .default([]),
    residenceStatus: z
      .preprocess(
        blankToNull,
        z.enum(RESIDENCE_STATUSES, { error: "code:residence_status_unknown" }).nullish(),
      )
      .transform((v) => v ?? null),
    residenceParagraph: optionalText(80),
    residenceValidUntil: optionalDate,
    arrivedInGermanyOn: optionalDate,
    assignedToMunicipalityOn: optionalDate,
    householdRelation: z.preprocess((v) => (v === "" || v == null ? "self" : v), z.enum(HOUSEHOLD_RELATIONS)),
    schoolQualification: optionalText(300),
    professionalQualification: optionalText(300),
    /** Health information (Art. 9): stored encrypted. */
    health: optionalText(5000),
  })
  // Cross-field rules run even when other fields are invalid, so every problem shows at once.
  .refine(
    (p) =>
      !(
        p.arrivedInGermanyOn &&
        p.assignedToMunicipalityOn &&
        p.assignedToMunicipalityOn < p.arrivedInGermanyOn
      ),
    {
      path: ["assignedToMunicipalityOn"],
      message: "code:assignment_before_arrival",
      when: (payload) => datesParse(payload.value),
    },
  )
  .refine((p) => !(p.residenceParagraph && p.residenceStatus !== "aufenthaltserlaubnis"), {
    path: ["residenceParagraph"],
    message: "code:residence_paragraph_only_permit",
    when: (payload) => residenceParses(payload.value),
  });
const personDates = z.object({ arrivedInGermanyOn: optionalDate, assignedToMunicipalityOn: optionalDate });
const datesParse = (v: unknown) => personDates.safeParse(v).success;
const residenceParses = (v: unknown) =>
  z
    .object({
      residenceStatus: z.preprocess(blankToNull, z.enum(RESIDENCE_STATUSES).nullish()),
      residenceParagraph: optionalText(80),
    })
    .safeParse(v).success;
export type PersonInput = z.input<typeof personInput>;

export const caseInput = z
  .object({
    caseType: z.enum(CASE_TYPES).default("integration"),
    housingStage: z.preprocess(blankToNull, z.enum(HOUSING_STAGES).nullish()).transform((v) => v ?? null),
    openedOn: optionalDate,
    officeId: optionalUuid,
    /** Case workers; assigning anyone but oneself needs cases.assign. Default: the creator. */
    workerIds: z.array(z.uuid()).max(10).optional(),
  })
  .superRefine((c, ctx) => {
    if (c.housingStage && c.caseType !== "housing_loss_prevention") {
      ctx.addIssue({ code: "custom", path: ["housingStage"], message: "code:housing_stage_wrong_type" });
    }
  });
export type CaseInput = z.input<typeof caseInput>;

export const caseUpdateInput = z
  .object({
    caseType: z.enum(CASE_TYPES),
    housingStage: z.preprocess(blankToNull, z.enum(HOUSING_STAGES).nullish()).transform((v) => v ?? null),
  })
  .superRefine((c, ctx) => {
    if (c.housingStage && c.caseType !== "housing_loss_prevention") {
      ctx.addIssue({ code: "custom", path: ["housingStage"], message: "code:housing_stage_wrong_type" });
    }
  });

export const phaseChangeInput = z.object({
  toPhase: z.string().trim().min(1).max(40),
  changedOn: isoDate,
  reason: requiredText(2000),
});

export const needInput = z.object({
  domain: z.enum(LIFE_DOMAINS),
  status: z.enum(NEED_STATUSES).default("identified"),
  personId: optionalUuid,
  note: optionalText(5000),
});
export const needUpdateInput = z.object({ status: z.enum(NEED_STATUSES), note: optionalText(5000) });

export const planItemInput = z.object({
  goalId: optionalUuid,
  needId: optionalUuid,
  title: requiredText(300),
  dueOn: optionalDate,
  responsibleUserId: optionalUuid,
  responsibleText: optionalText(200),
  status: z.enum(PLAN_ITEM_STATUSES).default("open"),
});

export const contactInput = z.object({
  kind: z.enum(CONTACT_KINDS),
  /** "2026-03-02T10:30" (local form input) or a full ISO timestamp. */
  occurredAt: z
    .string()
    .trim()
    .refine((v) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(v) && !Number.isNaN(Date.parse(v)), {
      error: "code:invalid_date",
    }),
  durationMinutes: optionalNumber(0, 24 * 60),
  note: optionalText(10000),
});

export const noteInput = z.object({
  text: requiredText(20000),
  health: z.preprocess((v) => v === true || v === "on" || v === "true", z.boolean()),
  personId: optionalUuid,
});
export const noteUpdateInput = noteInput.pick({ text: true, health: true });

export const closeInput = z.object({
  closedOn: isoDate,
  reason: z.enum(CLOSURE_REASONS),
});

export const workersInput = z.object({
  workerIds: z.array(z.uuid()).min(1).max(10),
  leadId: optionalUuid,
});

export const relationInput = z.object({
  relatedPersonId: z.uuid(),
  kind: z.enum(FAMILY_RELATION_KINDS),
});

export const settingsInput = z.object({
  retentionYears: z.preprocess(
    (v) => (typeof v === "string" ? Number(v) : v),
    z.number().int().min(1).max(30),
  ),
});

export const phaseDefinitionInput = z.object({
  key: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[a-z][a-z0-9_]{1,39}$/, { error: "code:phase_key_format" }),
  label: requiredText(80),
});

/** Attachments: at most 10 MiB, PDF, PNG or JPEG (checked against the file's first bytes). */
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;
export const ATTACHMENT_TYPES = ["application/pdf", "image/png", "image/jpeg"] as const;
