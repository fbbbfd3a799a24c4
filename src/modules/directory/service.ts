/**
 * The directory's domain rules (issue 3, decisions 013 and 028): drafts, review, publishing,
 * versions, last-checked reminders, translations and images of organizations, places, offers
 * and events, one small service per sub-resource composed here into `services.directory`.
 *
 * An entry row holds what the public sees; every change by staff is a revision
 * (directory_revisions) that goes draft → in_review → published | rejected. At most one
 * revision per entry is open (draft or in review) at a time. Publishing copies the revision's
 * data into the row, writes the German texts as translation sources (other languages become
 * "outdated" where the German changed) and recomputes search_text.
 *
 * | part | file |
 * |---|---|
 * | list, pickers, one entry | entries.ts |
 * | saving drafts | drafts.ts |
 * | submit, publish, reject, withdraw, archive, check, history, queue | review.ts |
 * | publishing (review and direct) | publication.ts |
 * | what an entry refers to | references.ts |
 * | translations | entry-translations.ts |
 * | images | entry-images.ts |
 * | review interval and reminders | reminders.ts |
 * | the PWA's offline URLs | offline.ts |
 */
import type { PublicLanguage } from "#app/i18n/languages.ts";
import { createDrafts } from "./drafts.ts";
import { createEntries } from "./entries.ts";
import { createEntryImages } from "./entry-images.ts";
import { createEntryTranslations } from "./entry-translations.ts";
import { createOfferFigures } from "./figures.ts";
import { createDirectoryHome } from "./home.ts";
import { createLinkedPlaces } from "./linked-places.ts";
import { offlineManifest } from "./offline.ts";
import { createPublication } from "./publication.ts";
import { createReferenceChecks } from "./references.ts";
import { createReminders } from "./reminders.ts";
import { createReview } from "./review.ts";
import { createDirectoryContext, type DirectoryDeps } from "./shared.ts";

export type { SaveEntry, SaveResult } from "./drafts.ts";
export type { EntryData, EntryListView, EntryView, FieldChange, RevisionView } from "./entry-data.ts";
export { diffData, seriesEndOf } from "./entry-data.ts";
export type { AreaLanguageSupply, AreaTermSupply, OfferFigures, TermPairCount } from "./figures.ts";
export type { LinkedPlaceState, TakeDownOutcome } from "./linked-places.ts";
export { ENTITY_TYPES, type EntityType, LIST_STATUSES, type ListStatus } from "./model.ts";
export type { DirectOptions } from "./publication.ts";
export { REMINDER_JOB } from "./reminders.ts";
export { plainTextOf, sanitizeRichText } from "./sanitize.ts";
export type { PublicDirectory } from "./search.ts";
export { queryWords, searchTextOf } from "./search-text.ts";
export type { DirectoryDeps } from "./shared.ts";

export function createDirectoryService(deps: DirectoryDeps) {
  const ctx = createDirectoryContext(deps);
  const reminders = createReminders(ctx);
  const refs = createReferenceChecks(ctx);
  const publication = createPublication(ctx, refs, reminders);
  const { reviewIntervalDays: _internal, ...reminderApi } = reminders;
  return {
    ...createEntries(ctx, reminders),
    ...createDrafts(ctx, refs, publication),
    ...createReview(ctx, publication),
    publishDirect: publication.publishDirect,
    /** Places another module shows publicly and takes down by the system (decision 121). */
    linkedPlaces: createLinkedPlaces(ctx),
    ...createEntryTranslations(ctx, publication),
    ...createEntryImages(ctx),
    ...reminderApi,
    /** What needs the user on the staff home (decision 092). */
    home: createDirectoryHome(ctx, reminders.reviewIntervalDays),
    /** Counts of published offers per framework cell, for strategy's matrix (issue 16). */
    figures: createOfferFigures(deps),
    /** The public URLs a language's offline copy (the PWA) consists of. */
    offlineManifest: (tenantId: string, lang: PublicLanguage) => offlineManifest(deps, tenantId, lang),
  };
}
export type DirectoryService = ReturnType<typeof createDirectoryService>;
