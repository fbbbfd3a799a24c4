/** Entry rows of the four types, their links (terms, places of an offer) and their search text. */
import { and, asc, eq, ilike, inArray, type SQL, sql } from "drizzle-orm";
import type { DbOrTx } from "../../server/db/client.ts";
import {
  type directoryImages,
  type directoryRevisions,
  type EntryStatus,
  entryTerms,
  events,
  offerPlaces,
  offers,
  organizations,
  places,
  type RevisionEntityType,
} from "./schema.ts";

export type OrganizationRow = typeof organizations.$inferSelect;
export type PlaceRow = typeof places.$inferSelect;
export type OfferRow = typeof offers.$inferSelect;
export type EventRow = typeof events.$inferSelect;
export type RevisionRow = typeof directoryRevisions.$inferSelect;
export type RevisionInsert = typeof directoryRevisions.$inferInsert;
export type ImageRow = typeof directoryImages.$inferSelect;
export type EntryRows = {
  organization: OrganizationRow;
  place: PlaceRow;
  offer: OfferRow;
  event: EventRow;
};
export type AnyEntryRow = EntryRows[RevisionEntityType];

const TABLES = { organization: organizations, place: places, offer: offers, event: events } as const;

// Drizzle cannot type one query over four tables; each call site below is checked by its type.
// biome-ignore lint/suspicious/noExplicitAny: see above
type AnyTable = any;
export const table = (type: RevisionEntityType): AnyTable => TABLES[type];
/** The column holding the entry's display name. */
export const nameColumn = (type: RevisionEntityType) =>
  type === "offer" ? offers.title : type === "event" ? events.title : table(type).name;
/** The column holding the owning organization (for organizations: the id itself). */
export const orgColumn = (type: RevisionEntityType) =>
  type === "organization" ? organizations.id : table(type).organizationId;

/** Which organizations' entries a principal may see: all, or a list. */
export type OrgFilter = "all" | readonly string[];

export type EntryListItem = {
  id: string;
  name: string;
  organizationId: string | null;
  status: EntryStatus;
  version: number;
  lastCheckedAt: Date | null;
  updatedAt: Date;
};

export const entriesRepo = {
  async entry<T extends RevisionEntityType>(
    db: DbOrTx,
    type: T,
    tenantId: string,
    id: string,
  ): Promise<EntryRows[T] | undefined> {
    const t = table(type);
    const rows = (await db
      .select()
      .from(t)
      .where(and(eq(t.tenantId, tenantId), eq(t.id, id)))) as EntryRows[T][];
    return rows[0];
  },

  async insertEntry(
    db: DbOrTx,
    type: RevisionEntityType,
    row: Record<string, unknown>,
  ): Promise<AnyEntryRow> {
    const created = (await db.insert(table(type)).values(row).returning()) as AnyEntryRow[];
    return created[0]!;
  },

  /** Compare-and-set on version: undefined when someone else saved first. */
  async updateEntryIfVersion(
    db: DbOrTx,
    type: RevisionEntityType,
    tenantId: string,
    id: string,
    version: number,
    patch: Record<string, unknown>,
    now: Date,
  ): Promise<AnyEntryRow | undefined> {
    const t = table(type);
    const [row] = await db
      .update(t)
      .set({ ...patch, version: sql`${t.version} + 1`, updatedAt: now })
      .where(and(eq(t.tenantId, tenantId), eq(t.id, id), eq(t.version, version)))
      .returning();
    return row as AnyEntryRow | undefined;
  },

  /** "Still correct": only the check date changes (not a content edit, so no new version). */
  async setLastChecked(db: DbOrTx, type: RevisionEntityType, tenantId: string, id: string, at: Date) {
    const t = table(type);
    const [row] = await db
      .update(t)
      .set({ lastCheckedAt: at })
      .where(and(eq(t.tenantId, tenantId), eq(t.id, id)))
      .returning({ id: t.id });
    return row !== undefined;
  },

  /** Derived search text of an offer or event (no new version: the content did not change). */
  async setSearchText(db: DbOrTx, type: "offer" | "event", tenantId: string, id: string, text: string) {
    const t = table(type);
    await db
      .update(t)
      .set({ searchText: text })
      .where(and(eq(t.tenantId, tenantId), eq(t.id, id)));
  },

  async listEntries(
    db: DbOrTx,
    type: RevisionEntityType,
    tenantId: string,
    filter: { orgs: OrgFilter; q?: string | undefined; status?: EntryStatus | undefined; ids?: string[] },
    limit: number,
    offset: number,
  ): Promise<EntryListItem[]> {
    const t = table(type);
    const name = nameColumn(type);
    const org = orgColumn(type);
    const where: SQL[] = [eq(t.tenantId, tenantId)];
    if (filter.orgs !== "all") {
      if (filter.orgs.length === 0) return [];
      where.push(inArray(org, [...filter.orgs]));
    }
    if (filter.status) where.push(eq(t.status, filter.status));
    if (filter.q) where.push(ilike(name, `%${filter.q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`));
    if (filter.ids) {
      if (filter.ids.length === 0) return [];
      where.push(inArray(t.id, filter.ids));
    }
    const rows = await db
      .select({
        id: t.id,
        name,
        organizationId: org,
        status: t.status,
        version: t.version,
        lastCheckedAt: t.lastCheckedAt,
        updatedAt: t.updatedAt,
      })
      .from(t)
      .where(and(...where))
      .orderBy(asc(name), asc(t.id))
      .limit(limit)
      .offset(offset);
    return rows as EntryListItem[];
  },

  /** Which of these ids exist as entries of the type (optionally: of one organization). */
  async existingIds(db: DbOrTx, type: RevisionEntityType, tenantId: string, ids: readonly string[]) {
    if (ids.length === 0) return new Set<string>();
    const t = table(type);
    const rows: { id: string }[] = await db
      .select({ id: t.id })
      .from(t)
      .where(and(eq(t.tenantId, tenantId), inArray(t.id, [...ids])));
    return new Set(rows.map((r) => r.id));
  },

  async offerPlaceIds(db: DbOrTx, tenantId: string, offerId: string): Promise<string[]> {
    const rows = await db
      .select({ placeId: offerPlaces.placeId })
      .from(offerPlaces)
      .where(and(eq(offerPlaces.tenantId, tenantId), eq(offerPlaces.offerId, offerId)))
      .orderBy(asc(offerPlaces.placeId));
    return rows.map((r) => r.placeId);
  },

  async replaceOfferPlaces(db: DbOrTx, tenantId: string, offerId: string, placeIds: readonly string[]) {
    await db
      .delete(offerPlaces)
      .where(and(eq(offerPlaces.tenantId, tenantId), eq(offerPlaces.offerId, offerId)));
    if (placeIds.length)
      await db.insert(offerPlaces).values(placeIds.map((placeId) => ({ tenantId, offerId, placeId })));
  },

  async termIds(db: DbOrTx, tenantId: string, entityType: string, entityId: string): Promise<string[]> {
    const rows = await db
      .select({ termId: entryTerms.termId })
      .from(entryTerms)
      .where(
        and(
          eq(entryTerms.tenantId, tenantId),
          eq(entryTerms.entityType, entityType),
          eq(entryTerms.entityId, entityId),
        ),
      )
      .orderBy(asc(entryTerms.termId));
    return rows.map((r) => r.termId);
  },

  async replaceTerms(
    db: DbOrTx,
    tenantId: string,
    entityType: string,
    entityId: string,
    termIds: readonly string[],
  ) {
    await db
      .delete(entryTerms)
      .where(
        and(
          eq(entryTerms.tenantId, tenantId),
          eq(entryTerms.entityType, entityType),
          eq(entryTerms.entityId, entityId),
        ),
      );
    if (termIds.length)
      await db
        .insert(entryTerms)
        .values(termIds.map((termId) => ({ tenantId, entityType, entityId, termId })));
  },
};
