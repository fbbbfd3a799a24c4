/**
 * What case work's API returns (decision 019): the response views, named in the OpenAPI
 * document by `api.ts`. Dates go out as ISO strings. Browser-safe.
 */
import { z } from "zod";
import {
  ACCOMMODATION_KINDS,
  CASE_STATUSES,
  CASE_TYPES,
  CEFR_LEVELS,
  CONTACT_KINDS,
  HOUSING_STAGES,
  LIFE_DOMAINS,
  NEED_STATUSES,
  PLAN_ITEM_STATUSES,
  RESIDENCE_STATUSES,
  SEXES,
} from "./model.ts";

const id = z.string();
const day = z.string().nullable();
const instant = z.string();

/** The id and version of a written record. */
export const writtenView = z.object({ id, version: z.number().int().optional() });

export const officeRefView = z.object({
  id,
  name: z.string(),
  kind: z.string(),
  placeId: z.string().nullable(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
});

export const householdView = z.object({
  id,
  label: z.string(),
  street: z.string().nullable(),
  postcode: z.string().nullable(),
  city: z.string().nullable(),
  lon: z.number().nullable(),
  lat: z.number().nullable(),
  areaId: z.string().nullable(),
  officeId: z.string().nullable(),
  accommodationKind: z.enum(ACCOMMODATION_KINDS).nullable(),
  accommodationName: z.string().nullable(),
  mergedInto: z.string().nullable(),
  version: z.number().int(),
  createdAt: instant,
  updatedAt: instant,
});

/** A person with health data decrypted. */
export const personView = z.object({
  id,
  householdId: id,
  givenName: z.string(),
  familyName: z.string(),
  birthDate: day,
  sex: z.enum(SEXES),
  genderIdentity: z.string().nullable(),
  nationalities: z.array(z.string()),
  languages: z.array(z.object({ lang: z.string(), level: z.enum(CEFR_LEVELS) })),
  residenceStatus: z.enum(RESIDENCE_STATUSES).nullable(),
  residenceParagraph: z.string().nullable(),
  residenceValidUntil: day,
  arrivedInGermanyOn: day,
  assignedToMunicipalityOn: day,
  householdRelation: z.string(),
  schoolQualification: z.string().nullable(),
  professionalQualification: z.string().nullable(),
  health: z.string().nullable(),
  version: z.number().int(),
  createdAt: instant,
  updatedAt: instant,
});

export const householdDetailView = z.object({
  household: householdView,
  office: officeRefView.nullable(),
  mergedIntoLabel: z.string().nullable(),
  persons: z.array(personView),
  relations: z.array(
    z.object({ id, personId: id, relatedPersonId: id, kind: z.string(), createdAt: instant }),
  ),
  cases: z.array(
    z.object({
      id,
      reference: z.string(),
      caseType: z.enum(CASE_TYPES),
      status: z.enum(CASE_STATUSES),
      phaseKey: z.string(),
      openedOn: z.string(),
    }),
  ),
  canMerge: z.boolean(),
});

export const intakeCreatedView = z.object({
  householdId: id,
  personIds: z.array(id),
  caseId: id.nullable(),
});
export const mergedView = z.object({
  survivorId: id,
  personsMoved: z.number().int(),
  casesMoved: z.number().int(),
});

/** A case (reference, type, office, phase, status, dates, version). */
export const caseView = z.object({
  id,
  reference: z.string(),
  householdId: id,
  caseType: z.enum(CASE_TYPES),
  housingStage: z.enum(HOUSING_STAGES).nullable(),
  officeId: z.string().nullable(),
  phaseKey: z.string(),
  status: z.enum(CASE_STATUSES),
  openedOn: z.string(),
  closedOn: day,
  closureReason: z.string().nullable(),
  legalHold: z.boolean(),
  retentionDueOn: day,
  version: z.number().int(),
  createdAt: instant,
  updatedAt: instant,
});

export const caseListView = z.object({
  items: z.array(
    z.object({
      id,
      reference: z.string(),
      householdId: id,
      householdLabel: z.string(),
      caseType: z.enum(CASE_TYPES),
      officeId: z.string().nullable(),
      phaseKey: z.string(),
      status: z.enum(CASE_STATUSES),
      openedOn: z.string(),
      closedOn: day,
      version: z.number().int(),
    }),
  ),
  hasMore: z.boolean(),
  limit: z.number().int(),
  offset: z.number().int(),
});

const phaseView = z.object({
  id,
  key: z.string(),
  label: z.string(),
  sort: z.number().int(),
  active: z.boolean(),
});
const staffName = z.string().nullable();

/** A case with everything that belongs to it, decrypted. */
export const caseDetailView = z.object({
  case: caseView,
  breakGlass: z.boolean(),
  office: officeRefView.nullable(),
  household: householdView,
  persons: z.array(personView),
  workers: z.array(z.object({ userId: id, lead: z.boolean(), displayName: z.string() })),
  phases: z.array(phaseView),
  phaseHistory: z.array(
    z.object({
      id,
      fromPhase: z.string().nullable(),
      toPhase: z.string(),
      changedOn: z.string(),
      reason: z.string().nullable(),
      changedBy: staffName,
    }),
  ),
  needs: z.array(
    z.object({
      id,
      caseId: id,
      personId: z.string().nullable(),
      domain: z.enum(LIFE_DOMAINS),
      status: z.enum(NEED_STATUSES),
      note: z.string().nullable(),
      source: z.string(),
      version: z.number().int(),
      createdAt: instant,
      updatedAt: instant,
    }),
  ),
  planItems: z.array(
    z.object({
      id,
      caseId: id,
      goalId: z.string().nullable(),
      needId: z.string().nullable(),
      title: z.string(),
      dueOn: day,
      responsibleUserId: z.string().nullable(),
      responsibleText: z.string().nullable(),
      responsibleName: staffName,
      status: z.enum(PLAN_ITEM_STATUSES),
      version: z.number().int(),
      createdAt: instant,
      updatedAt: instant,
    }),
  ),
  contacts: z.array(
    z.object({
      id,
      caseId: id,
      kind: z.enum(CONTACT_KINDS),
      occurredAt: instant,
      durationMinutes: z.number().int().nullable(),
      note: z.string().nullable(),
      authorId: z.string().nullable(),
      authorName: staffName,
      createdAt: instant,
    }),
  ),
  notes: z.array(
    z.object({
      id,
      caseId: id,
      personId: z.string().nullable(),
      text: z.string(),
      health: z.boolean(),
      authorId: z.string().nullable(),
      authorName: staffName,
      version: z.number().int(),
      createdAt: instant,
      updatedAt: instant,
    }),
  ),
  attachments: z.array(
    z.object({
      id,
      caseId: id,
      fileName: z.string(),
      mimeType: z.string(),
      byteSize: z.number().int(),
      authorId: z.string().nullable(),
      authorName: staffName,
      createdAt: instant,
    }),
  ),
  canAssign: z.boolean(),
  canWrite: z.boolean(),
});

export const caseworkSettingsView = z.object({
  retentionYears: z.number().int(),
  version: z.number().int(),
  phases: z.array(phaseView),
});
