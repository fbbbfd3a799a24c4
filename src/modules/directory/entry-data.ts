/**
 * An entry's data in its three shapes: the input data revisions store (validate.ts), the row
 * the public reads, and the views staff pages and the API get. Pure: no database.
 */
import { AppError } from "../../server/errors.ts";
import { DIRECTORY_TIME_ZONE } from "./locale-settings.ts";
import { ENTITY_TYPES, type EntityType, type EntryStatus, type RevisionStatus } from "./model.ts";
import { seriesEnd } from "./recurrence.ts";
import type {
  AnyEntryRow,
  EntryListItem,
  EventRow,
  OfferRow,
  OrganizationRow,
  PlaceRow,
  RevisionRow,
} from "./repo.ts";
import type { EntryInputs, EventInput, OfferInput, OrganizationInput, PlaceInput } from "./validate.ts";

export type EntryData = EntryInputs[EntityType];

export type FieldChange = { field: string; before: unknown; after: unknown };

export type RevisionView = {
  id: string;
  entityType: EntityType;
  entityId: string;
  number: number;
  status: RevisionStatus;
  organizationId: string | null;
  authorId: string | null;
  submittedAt: Date | null;
  reviewedBy: string | null;
  reviewedAt: Date | null;
  reviewNote: string | null;
  version: number;
  createdAt: Date;
  updatedAt: Date;
  /** Display name of the entry in this revision. */
  name: string;
};

export type EntryView = {
  type: EntityType;
  id: string;
  status: EntryStatus;
  version: number;
  organizationId: string | null;
  lastCheckedAt: Date | null;
  updatedAt: Date;
  /** The entry as it is (published data; for a never-published entry its first draft). */
  data: EntryData;
  /** Extra, derived data (the place's area). */
  areaId: string | null;
  openRevision: (RevisionView & { data: EntryData }) | null;
  /** The latest revision when it was rejected and nothing newer is open. */
  rejectedRevision: RevisionView | null;
  canEdit: boolean;
  canPublish: boolean;
};

export type EntryListView = EntryListItem & {
  type: EntityType;
  organizationName: string | null;
  /** The latest revision, when it is open (draft/in_review) or was rejected. */
  pending: { id: string; status: RevisionStatus; number: number } | null;
  checkDue: boolean;
};

export function isEntityType(v: unknown): v is EntityType {
  return typeof v === "string" && (ENTITY_TYPES as readonly string[]).includes(v);
}
/** An entry type from a path or a caller; anything else is a missing resource. */
export function assertType(v: string): EntityType {
  if (!isEntityType(v)) throw AppError.notFound();
  return v;
}

export const nameOf = (type: EntityType, data: Record<string, unknown>): string =>
  String((type === "offer" || type === "event" ? data.title : data.name) ?? "");

/** The organization an entry belongs to (partner staff scope). */
export function orgOf(type: EntityType, entityId: string, data: object): string | null {
  if (type === "organization") return entityId;
  return ((data as { organizationId?: string | null }).organizationId as string | null | undefined) ?? null;
}

export function revisionView(r: RevisionRow): RevisionView {
  return {
    id: r.id,
    entityType: r.entityType,
    entityId: r.entityId,
    number: r.number,
    status: r.status,
    organizationId: r.organizationId,
    authorId: r.authorId,
    submittedAt: r.submittedAt,
    reviewedBy: r.reviewedBy,
    reviewedAt: r.reviewedAt,
    reviewNote: r.reviewNote,
    version: r.version,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
    name: nameOf(r.entityType, r.data),
  };
}

type Links = { termIds: string[]; placeIds: string[] };

function organizationData(r: OrganizationRow, links: Links): OrganizationInput {
  return {
    name: r.name,
    description: r.description,
    website: r.website,
    email: r.email,
    phone: r.phone,
    logoImageId: r.logoImageId,
    termIds: links.termIds,
  };
}

function placeData(r: PlaceRow): PlaceInput {
  return {
    organizationId: r.organizationId,
    name: r.name,
    street: r.street,
    postcode: r.postcode,
    city: r.city,
    lon: r.lon,
    lat: r.lat,
    coordinatesApproximate: r.coordinatesApproximate,
    accessibility: r.accessibility,
    languages: r.languages as PlaceInput["languages"],
    openingHours: r.openingHours,
  };
}

function offerData(r: OfferRow, links: Links): OfferInput {
  return {
    organizationId: r.organizationId,
    title: r.title,
    summary: r.summary,
    description: r.description,
    openingHours: r.openingHours,
    appointmentOnly: r.appointmentOnly,
    validFrom: r.validFrom,
    validTo: r.validTo,
    contacts: r.contacts,
    languages: r.languages as OfferInput["languages"],
    ageMin: r.ageMin,
    ageMax: r.ageMax,
    free: r.free,
    costNote: r.costNote,
    childcare: r.childcare,
    registrationRequired: r.registrationRequired,
    registrationNote: r.registrationNote,
    imageId: r.imageId,
    termIds: links.termIds,
    placeIds: links.placeIds,
  };
}

function eventData(r: EventRow, links: Links): EventInput {
  return {
    organizationId: r.organizationId,
    offerId: r.offerId,
    placeId: r.placeId,
    title: r.title,
    summary: r.summary,
    description: r.description,
    startsAt: r.startsAt.toISOString(),
    durationMinutes: r.durationMinutes,
    rrule: r.rrule,
    exdates: r.exdates,
    free: r.free,
    languages: r.languages as EventInput["languages"],
    termIds: links.termIds,
  };
}

/** The entry as input data (the same shape revisions store), from its row and link tables. */
export function rowToData(type: EntityType, row: AnyEntryRow, links: Links): EntryData {
  switch (type) {
    case "organization":
      return organizationData(row as OrganizationRow, links);
    case "place":
      return placeData(row as PlaceRow);
    case "offer":
      return offerData(row as OfferRow, links);
    case "event":
      return eventData(row as EventRow, links);
  }
}

/** The last occurrence's end of an event (null: the series never ends). */
export function seriesEndOf(
  e: Pick<EventInput, "startsAt" | "durationMinutes" | "rrule" | "exdates">,
): Date | null {
  return seriesEnd(
    {
      startsAt: new Date(e.startsAt),
      durationMinutes: e.durationMinutes,
      rrule: e.rrule,
      exdates: e.exdates,
    },
    DIRECTORY_TIME_ZONE,
  );
}

/** The row columns of an entry's data (links and texts go elsewhere). */
export function dataToRow(
  type: EntityType,
  data: EntryData,
  extra: { areaId: string | null },
): Record<string, unknown> {
  switch (type) {
    case "organization": {
      const { termIds: _t, ...rest } = data as OrganizationInput;
      return rest;
    }
    case "place":
      return { ...(data as PlaceInput), areaId: extra.areaId };
    case "offer": {
      const { termIds: _t, placeIds: _p, ...rest } = data as OfferInput;
      return rest;
    }
    case "event": {
      const { termIds: _t, startsAt, ...rest } = data as EventInput;
      return {
        ...rest,
        startsAt: new Date(startsAt),
        seriesEndsAt: seriesEndOf(data as EventInput),
      };
    }
  }
}

/** Field-by-field comparison of two versions (top-level fields). */
export function diffData(before: object | null, after: object): FieldChange[] {
  const b0 = (before ?? {}) as Record<string, unknown>;
  const a0 = after as Record<string, unknown>;
  const out: FieldChange[] = [];
  const keys = new Set([...Object.keys(b0), ...Object.keys(a0)]);
  for (const k of keys) {
    const b = b0[k] ?? null;
    const a = a0[k] ?? null;
    if (JSON.stringify(b) !== JSON.stringify(a)) out.push({ field: k, before: b, after: a });
  }
  return out;
}
