/** Service results in the shape the API declares (contracts.ts): dates as ISO strings. */
import type { z } from "zod";
import type { entryListItemView, entryView, revisionView } from "./contracts.ts";
import type { EntryListView, EntryView, RevisionView } from "./entry-data.ts";

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function revisionOut(r: RevisionView): z.output<typeof revisionView> {
  return {
    ...r,
    submittedAt: iso(r.submittedAt),
    reviewedAt: iso(r.reviewedAt),
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}

export function entryOut(e: EntryView): z.output<typeof entryView> {
  return {
    ...e,
    lastCheckedAt: iso(e.lastCheckedAt),
    updatedAt: e.updatedAt.toISOString(),
    openRevision: e.openRevision ? { ...revisionOut(e.openRevision), data: e.openRevision.data } : null,
    rejectedRevision: e.rejectedRevision ? revisionOut(e.rejectedRevision) : null,
  };
}

export function listItemOut(i: EntryListView): z.output<typeof entryListItemView> {
  return { ...i, lastCheckedAt: iso(i.lastCheckedAt), updatedAt: i.updatedAt.toISOString() };
}

export const imageUrl = (id: string) => `/api/v1/directory/images/${id}`;
