/**
 * Case work's input contracts (decision 019): one zod schema per operation, shared by the API
 * route (and so by the OpenAPI document), the page action (`parseInput`) and the service
 * method typed with its output. Empty form fields count as "not given". Browser-safe.
 *
 * Consents and referrals: `referrals.contracts.ts`; response views: `views.ts`.
 */
import { z } from "zod";
import {
  isoDate,
  optionalDate,
  optionalNumber,
  optionalText,
  optionalUuid,
  requiredText,
  version,
} from "#app/server/validation.ts";
import {
  ACCOMMODATION_KINDS,
  CASE_STATUSES,
  CASE_TYPES,
  CEFR_LEVELS,
  CLOSURE_REASONS,
  CONTACT_KINDS,
  FAMILY_RELATION_KINDS,
  HOUSEHOLD_RELATIONS,
  HOUSING_STAGES,
  LIFE_DOMAINS,
  NEED_STATUSES,
  PLAN_ITEM_STATUSES,
  RESIDENCE_STATUSES,
  SEXES,
} from "./model.ts";
import { personDateIssues } from "./person-dates.ts";

export {
  type DateIssue,
  type HouseholdWarning,
  householdAgeWarnings,
  personDateIssues,
  personDateWarnings,
  UNUSUAL_AGE,
  warningKey,
  YOUNGEST_PARENT,
} from "./person-dates.ts";

const blankToNull = (v: unknown) => (typeof v === "string" && v.trim() === "" ? null : v);
const optionalEnum = <const T extends readonly [string, ...string[]]>(values: T, error?: string) =>
  z
    .preprocess(blankToNull, z.enum(values, error ? { error } : undefined).nullish())
    .transform((v) => v ?? null);
/** A form checkbox ("on") or a JSON boolean. */
const checkbox = () => z.preprocess((v) => v === true || v === "on" || v === "true", z.boolean());

/** ISO 3166-1 alpha-2, plus XX (stateless) and ZZ (unknown). */
const REGION_NAMES = new Intl.DisplayNames(["en"], { type: "region", fallback: "code" });
export const nationalityCode = z
  .string()
  .trim()
  .toUpperCase()
  .refine((c) => /^[A-Z]{2}$/.test(c) && (c === "XX" || c === "ZZ" || REGION_NAMES.of(c) !== c), {
    error: "code:nationality_unknown",
  });

// ---- households ----

export const householdFields = z.object({
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
  accommodationKind: optionalEnum(ACCOMMODATION_KINDS),
  accommodationName: optionalText(200),
  /** Set by hand; else placed from the address. */
  officeId: optionalUuid(),
});
export type HouseholdFields = z.output<typeof householdFields>;

/** PUT /households/{id}: the household and the version that was read. */
export const updateHouseholdInput = householdFields.extend({ version: version() });
export type UpdateHousehold = z.output<typeof updateHouseholdInput>;

/** The household list page: search by label, paged. */
export const listHouseholdsQuery = z.object({
  q: z.string().trim().max(100).optional(),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});
export type ListHouseholdsQuery = z.output<typeof listHouseholdsQuery>;

/** Merge `mergedId` into `survivorId` (POST /households/{survivorId}/merge). */
export const mergeHouseholdsInput = z.object({
  survivorId: z.uuid(),
  mergedId: z.uuid(),
  mergedVersion: version(),
});
export type MergeHouseholds = z.output<typeof mergeHouseholdsInput>;

// ---- persons ----

export const personFields = z.object({
  givenName: requiredText(120),
  familyName: requiredText(120),
  birthDate: optionalDate(),
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
  residenceStatus: optionalEnum(RESIDENCE_STATUSES, "code:residence_status_unknown"),
  residenceParagraph: optionalText(80),
  residenceValidUntil: optionalDate(),
  arrivedInGermanyOn: optionalDate(),
  assignedToMunicipalityOn: optionalDate(),
  householdRelation: z.preprocess((v) => (v === "" || v == null ? "self" : v), z.enum(HOUSEHOLD_RELATIONS)),
  schoolQualification: optionalText(300),
  professionalQualification: optionalText(300),
  /** Health information (Art. 9): stored encrypted. */
  health: optionalText(5000),
});

const personDates = z.object({
  birthDate: optionalDate(),
  arrivedInGermanyOn: optionalDate(),
  assignedToMunicipalityOn: optionalDate(),
});
const personResidence = z.object({
  residenceStatus: z.preprocess(blankToNull, z.enum(RESIDENCE_STATUSES).nullish()),
  residenceParagraph: optionalText(80),
});

/**
 * The cross-field rules of a person; they run even when other fields are invalid, so every
 * problem shows at once. The dates' plausibility (decision 093) needs the municipality's day
 * for "not in the future": the page and the service pass their clock's day, the schemas
 * exported as constants (the API's request documents) check only the order of the dates and
 * the service adds the rest.
 */
function withPersonRules<T extends z.ZodType<z.output<typeof personFields>>>(
  schema: T,
  today: string | null,
) {
  return schema
    .superRefine(
      (p, ctx) => {
        for (const i of personDateIssues(p, today))
          ctx.addIssue({ code: "custom", path: [i.path], message: `code:${i.code}` });
      },
      { when: (payload) => personDates.safeParse(payload.value).success },
    )
    .refine((p) => !(p.residenceParagraph && p.residenceStatus !== "aufenthaltserlaubnis"), {
      path: ["residenceParagraph"],
      message: "code:residence_paragraph_only_permit",
      when: (payload) => personResidence.safeParse(payload.value).success,
    });
}

export const personInput = withPersonRules(personFields, null);
export type PersonFields = z.output<typeof personFields>;

/** POST /households/{id}/persons: a person; a resemblance stops it unless allowDuplicate. */
export const addPersonInputOn = (today: string | null) =>
  withPersonRules(personFields.extend({ allowDuplicate: z.boolean().optional() }), today);
export const addPersonInput = addPersonInputOn(null);
export type AddPerson = z.output<typeof addPersonInput>;

/** PUT /persons/{id}. */
export const updatePersonInputOn = (today: string | null) =>
  withPersonRules(personFields.extend({ version: version() }), today);
export const updatePersonInput = updatePersonInputOn(null);
export type UpdatePerson = z.output<typeof updatePersonInput>;

/** POST /persons/{id}/relations. */
export const relationInput = z.object({
  relatedPersonId: z.uuid(),
  kind: z.enum(FAMILY_RELATION_KINDS),
});
export type RelationInput = z.output<typeof relationInput>;

// ---- cases ----

const housingStageOnlyForHousingLoss = (
  c: { caseType?: string; housingStage: string | null },
  ctx: z.RefinementCtx,
) => {
  if (c.housingStage && c.caseType !== "housing_loss_prevention") {
    ctx.addIssue({ code: "custom", path: ["housingStage"], message: "code:housing_stage_wrong_type" });
  }
};

/** POST /households/{id}/cases, and the case of the intake. */
export const caseInput = z
  .object({
    caseType: z.enum(CASE_TYPES).default("integration"),
    housingStage: optionalEnum(HOUSING_STAGES),
    openedOn: optionalDate(),
    officeId: optionalUuid(),
    /** Case workers; assigning anyone but oneself needs cases.assign. Default: the creator. */
    workerIds: z.array(z.uuid()).max(10).optional(),
  })
  .superRefine(housingStageOnlyForHousingLoss);
export type CaseInput = z.output<typeof caseInput>;

/**
 * POST /households: the intake, a household with its persons and (optionally) a first case.
 * `householdIntakeInputOn(today)` adds "not in the future" to the persons' date rules.
 */
export const householdIntakeInputOn = (today: string | null) =>
  z.object({
    household: householdFields,
    persons: z.array(withPersonRules(personFields, today)).min(1, { error: "code:persons_required" }).max(20),
    case: caseInput.optional(),
    /** Create even when a person resembles an existing one. */
    allowDuplicate: z.boolean().optional(),
  });
export const householdIntakeInput = householdIntakeInputOn(null);
export type HouseholdIntake = z.output<typeof householdIntakeInput>;

/** PUT /cases/{id}: the type (and the housing-loss stage, only for that type). */
export const updateCaseInput = z
  .object({
    caseType: z.enum(CASE_TYPES),
    housingStage: optionalEnum(HOUSING_STAGES),
    version: version(),
  })
  .superRefine(housingStageOnlyForHousingLoss);
export type UpdateCase = z.output<typeof updateCaseInput>;

/** PUT /cases/{id}/workers. */
export const assignWorkersInput = z.object({
  workerIds: z.array(z.uuid()).min(1).max(10),
  leadId: optionalUuid(),
  version: version(),
});
export type AssignWorkers = z.output<typeof assignWorkersInput>;

/** POST /cases/{id}/phase. */
export const changePhaseInput = z.object({
  toPhase: z.string().trim().min(1).max(40),
  changedOn: isoDate(),
  reason: requiredText(2000),
  version: version(),
});
export type ChangePhase = z.output<typeof changePhaseInput>;

/** POST /cases/{id}/close. */
export const closeCaseInput = z.object({
  closedOn: isoDate(),
  reason: z.enum(CLOSURE_REASONS),
  version: version(),
});
export type CloseCase = z.output<typeof closeCaseInput>;

/** POST /cases/{id}/reopen. */
export const reopenCaseInput = z.object({ version: version() });
export type ReopenCase = z.output<typeof reopenCaseInput>;

/** GET /cases: filters (query strings or JSON values), paged. */
export const caseListQuery = z.object({
  office: z.uuid().optional(),
  phase: z.string().trim().max(40).optional(),
  status: z.enum(CASE_STATUSES).optional(),
  type: z.enum(CASE_TYPES).optional(),
  worker: z.uuid().optional(),
  q: z.string().trim().max(100).optional(),
  /** "1": only cases with an overdue open plan task. */
  overdue: z.preprocess((v) => v === true || v === "1" || v === "true", z.boolean()).default(false),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});
export type CaseListQuery = z.output<typeof caseListQuery>;

// ---- case records ----

/** POST /cases/{id}/needs. */
export const needInput = z.object({
  domain: z.enum(LIFE_DOMAINS),
  status: z.enum(NEED_STATUSES).default("identified"),
  personId: optionalUuid(),
  note: optionalText(5000),
});
export type NeedInput = z.output<typeof needInput>;

/** PUT /cases/{id}/needs/{needId}. */
export const updateNeedInput = z.object({
  status: z.enum(NEED_STATUSES),
  note: optionalText(5000),
  version: version(),
});
export type UpdateNeed = z.output<typeof updateNeedInput>;

/** POST /cases/{id}/plan-items: a goal (no goalId) or a task under a goal. */
export const planItemInput = z.object({
  goalId: optionalUuid(),
  needId: optionalUuid(),
  title: requiredText(300),
  dueOn: optionalDate(),
  responsibleUserId: optionalUuid(),
  responsibleText: optionalText(200),
  status: z.enum(PLAN_ITEM_STATUSES).default("open"),
});
export type PlanItemInput = z.output<typeof planItemInput>;

/** PUT /cases/{id}/plan-items/{itemId}. */
export const updatePlanItemInput = planItemInput.extend({ version: version() });
export type UpdatePlanItem = z.output<typeof updatePlanItemInput>;

/** POST /cases/{id}/contacts. */
export const contactInput = z.object({
  kind: z.enum(CONTACT_KINDS),
  /** "2026-03-02T10:30" (local form input) or a full ISO timestamp. */
  occurredAt: z
    .string()
    .trim()
    .max(40)
    .refine((v) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(v) && !Number.isNaN(Date.parse(v)), {
      error: "code:invalid_date",
    }),
  durationMinutes: optionalNumber(0, 24 * 60).pipe(z.number().int().nullable()),
  note: optionalText(10000),
});
export type ContactInput = z.output<typeof contactInput>;

/** POST /cases/{id}/notes. */
export const noteInput = z.object({
  text: requiredText(20000),
  health: checkbox(),
  personId: optionalUuid(),
});
export type NoteInput = z.output<typeof noteInput>;

/** PUT /cases/{id}/notes/{noteId}. */
export const updateNoteInput = z.object({
  text: requiredText(20000),
  health: checkbox(),
  version: version(),
});
export type UpdateNote = z.output<typeof updateNoteInput>;

/**
 * POST /cases/{id}/attachments: the file as base64. Its name, size and real type (from its
 * first bytes) are checked by the service, at the field "file", as for an upload from the page.
 */
export const attachmentUploadInput = z.object({
  fileName: z.string().max(1000).default(""),
  content: z.string().max(15_000_000).default(""),
});

// ---- settings ----

/** PUT /casework/settings. */
export const updateSettingsInput = z.object({
  retentionYears: z.preprocess(
    (v) => (typeof v === "string" ? Number(v) : v),
    z.number().int().min(1).max(30),
  ),
  version: version(),
});
export type UpdateCaseworkSettings = z.output<typeof updateSettingsInput>;

/** POST /casework/phases: a phase at the end of the model. */
export const addPhaseInput = z.object({
  key: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[a-z][a-z0-9_]{1,39}$/, { error: "code:phase_key_format" }),
  label: requiredText(80),
});
export type AddPhase = z.output<typeof addPhaseInput>;

/** PUT /casework/phases: relabel, reorder, (de)activate. */
export const updatePhasesInput = z.object({
  phases: z
    .array(
      z.object({
        id: z.uuid(),
        label: requiredText(80),
        sort: z.coerce.number().int().min(0).max(10000),
        active: z.boolean(),
      }),
    )
    .max(50),
});
export type UpdatePhases = z.output<typeof updatePhasesInput>;
