/**
 * The directory's repositories in one object, for code that reads across them (interchange).
 * Each sub-resource has its own: entries.repo.ts, revisions.repo.ts, images.repo.ts,
 * reminders.repo.ts.
 */
import { entriesRepo } from "./entries.repo.ts";
import { imagesRepo } from "./images.repo.ts";
import { remindersRepo } from "./reminders.repo.ts";
import { revisionsRepo } from "./revisions.repo.ts";

export type {
  AnyEntryRow,
  EntryListItem,
  EntryRows,
  EventRow,
  ImageRow,
  OfferRow,
  OrganizationRow,
  OrgFilter,
  PlaceRow,
  RevisionInsert,
  RevisionRow,
} from "./entries.repo.ts";

export const directoryRepo = { ...entriesRepo, ...revisionsRepo, ...imagesRepo, ...remindersRepo };
