/**
 * The directory's contracts (decision 019): one zod schema per operation input and per
 * response view, shared by the staff API routes (and so by the OpenAPI document), the pages
 * (`parseInput`) and the typed service methods. The entry data itself is validate.ts's schema
 * of each type (`ENTRY_INPUTS`), which the import and the demo seed use too.
 */
import { z } from "zod";
import { INT32_MAX, requiredText, version } from "#app/server/validation.ts";
import { CONTENT_LANGUAGES, SETTABLE_STATUSES, TRANSLATION_STATUSES } from "../translations/languages.ts";
import { MAX_IMAGE_BYTES } from "./images.ts";
import { ENTITY_TYPES, ENTRY_STATUSES, type EntityType, LIST_STATUSES, REVISION_STATUSES } from "./model.ts";
import { ENTRY_INPUTS, eventInput, offerInput, organizationInput, placeInput } from "./validate.ts";

const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

export const DEFAULT_REVIEW_INTERVAL_DAYS = 180;
export const MIN_REVIEW_INTERVAL_DAYS = 7;
export const MAX_REVIEW_INTERVAL_DAYS = 1095;
export const MAX_REVIEW_NOTE = 2000;
export const MAX_LIST = 200;

// ---- inputs ----

/** The staff list's filter (GET /directory/entries/{type}). */
export const entryListQuery = z.object({
  status: z.enum(LIST_STATUSES).optional(),
  q: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(MAX_LIST).optional(),
  offset: z.coerce.number().int().min(0).max(1_000_000).optional(),
});
export type EntryListQuery = z.output<typeof entryListQuery>;

/** The data of an entry of one type, as staff forms, the API, the import and the seed send it. */
export const entryDataInput = <T extends EntityType>(type: T) => ENTRY_INPUTS[type];

/** How a save lands: on the open revision (`revisionId`) or as a new one; published at once or not. */
export const saveOptionsInput = z.object({
  revisionId: z
    .string()
    .regex(UUID, { error: "code:invalid" })
    .nullish()
    .transform((v) => v ?? null),
  /** Version of the open revision (with revisionId), else of the entry (0 for a new entry). */
  version: z.number().int().min(0).max(INT32_MAX),
  /** Publish without review (directory.publish). */
  publishNow: z.boolean().default(false),
});
export type SaveOptions = z.output<typeof saveOptionsInput>;

/** PUT /directory/entries/<type>/{id}: the data of that type and how to save it. */
export const saveEntryInput = <T extends EntityType>(type: T) =>
  saveOptionsInput.extend({ data: entryDataInput(type) });
/** POST /directory/entries/<type>: a new entry, as a draft or published at once. */
export const createEntryInput = <T extends EntityType>(type: T) =>
  z.object({ data: entryDataInput(type), publishNow: z.boolean().default(false) });

/** Submit, publish, withdraw, archive: the version that was read. */
export const versionInput = z.object({ version: version() });
/** The note for the author when a revision is rejected. */
export const reviewNoteInput = z.object({ note: requiredText(MAX_REVIEW_NOTE) });
export const rejectInput = versionInput.extend(reviewNoteInput.shape);
export type RejectInput = z.output<typeof rejectInput>;

export const translationInput = z.object({
  field: z.string().max(40),
  text: z.string().max(40_000),
  status: z.enum(SETTABLE_STATUSES),
  /** Version of the translation read; 0 if missing. */
  version: z.number().int().min(0).max(INT32_MAX),
});
export type TranslationInput = z.output<typeof translationInput> & { lang: string };

export const imageUploadInput = z.object({
  /** Base64 of the file (PNG, JPEG or WebP, at most MAX_IMAGE_BYTES bytes). */
  data: z.string().max(Math.ceil((MAX_IMAGE_BYTES * 4) / 3) + 1024),
  alt: z
    .string()
    .trim()
    .max(300)
    .nullish()
    .transform((v) => v || null),
});
export type ImageUpload = { bytes: Uint8Array; alt: string | null };

export const directorySettingsUpdate = z.object({
  reviewIntervalDays: z.number().int().min(MIN_REVIEW_INTERVAL_DAYS).max(MAX_REVIEW_INTERVAL_DAYS),
  /** The version read (0 before the first change). */
  version: z.number().int().min(0).max(INT32_MAX),
});
export type DirectorySettingsUpdate = z.output<typeof directorySettingsUpdate>;

// ---- responses (dates as ISO strings) ----

const instant = z.string();

export const entryDataViews = {
  organization: organizationInput,
  place: placeInput,
  offer: offerInput,
  event: eventInput,
} as const;
/** An entry's data: the shape of its type's input. */
export const entryDataView = z.union([organizationInput, placeInput, offerInput, eventInput]);

export const revisionView = z.object({
  id: z.string(),
  entityType: z.enum(ENTITY_TYPES),
  entityId: z.string(),
  number: z.number().int(),
  status: z.enum(REVISION_STATUSES),
  organizationId: z.string().nullable(),
  authorId: z.string().nullable(),
  submittedAt: instant.nullable(),
  reviewedBy: z.string().nullable(),
  reviewedAt: instant.nullable(),
  reviewNote: z.string().nullable(),
  version: z.number().int(),
  createdAt: instant,
  updatedAt: instant,
  name: z.string(),
});
export const revisionListView = z.object({ items: z.array(revisionView) });

export const entryView = z.object({
  type: z.enum(ENTITY_TYPES),
  id: z.string(),
  status: z.enum(ENTRY_STATUSES),
  version: z.number().int(),
  organizationId: z.string().nullable(),
  lastCheckedAt: instant.nullable(),
  updatedAt: instant,
  data: entryDataView,
  areaId: z.string().nullable(),
  openRevision: revisionView.extend({ data: entryDataView }).nullable(),
  rejectedRevision: revisionView.nullable(),
  canEdit: z.boolean(),
  canPublish: z.boolean(),
});

export const entryListItemView = z.object({
  type: z.enum(ENTITY_TYPES),
  id: z.string(),
  name: z.string(),
  organizationId: z.string().nullable(),
  organizationName: z.string().nullable(),
  status: z.enum(ENTRY_STATUSES),
  version: z.number().int(),
  lastCheckedAt: instant.nullable(),
  updatedAt: instant,
  pending: z
    .object({ id: z.string(), status: z.enum(REVISION_STATUSES), number: z.number().int() })
    .nullable(),
  checkDue: z.boolean(),
});
export const entryListView = z.object({ items: z.array(entryListItemView) });

export const savedView = z.object({ entityId: z.string(), revision: revisionView, published: z.boolean() });
export const checkedView = z.object({ lastCheckedAt: instant });
export const archivedView = z.object({ version: z.number().int() });

export const revisionDetailView = z.object({
  revision: revisionView,
  data: entryDataView,
  current: entryDataView.nullable(),
  entryVersion: z.number().int().nullable(),
  /** Top-level fields that differ; before/after are that field's values (see the entry's data). */
  changes: z.array(z.object({ field: z.string(), before: z.unknown(), after: z.unknown() })),
  canPublish: z.boolean(),
  canEdit: z.boolean(),
});

const translationCell = z.object({
  lang: z.enum(CONTENT_LANGUAGES),
  status: z.enum(TRANSLATION_STATUSES),
  text: z.string().nullable(),
  version: z.number().int(),
});
export const translationsView = z.object({
  fields: z.array(z.string()),
  /** field → language → cell */
  cells: z.record(z.string(), z.record(z.string(), translationCell)),
});
export const translationSavedView = z.object({
  lang: z.string(),
  field: z.string(),
  status: z.enum(TRANSLATION_STATUSES),
  version: z.number().int(),
});
export const translationOverviewView = z.object({
  lang: z.enum(CONTENT_LANGUAGES),
  counts: z.array(
    z.object({ entityType: z.string(), total: z.number(), missing: z.number(), outdated: z.number() }),
  ),
  items: z.array(
    z.object({
      type: z.enum(ENTITY_TYPES),
      id: z.string(),
      name: z.string(),
      status: z.enum(ENTRY_STATUSES),
      fields: z.array(z.object({ field: z.string(), status: z.enum(TRANSLATION_STATUSES) })),
    }),
  ),
});

export const imageView = z.object({
  id: z.string(),
  url: z.string(),
  mimeType: z.string(),
  width: z.number().int(),
  height: z.number().int(),
  byteSize: z.number().int(),
});

export const directorySettingsView = z.object({
  reviewIntervalDays: z.number().int(),
  version: z.number().int(),
});
