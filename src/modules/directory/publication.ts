/**
 * Publishing: data goes into the entry row the public reads, with its links, its German texts
 * as translation sources (other languages become "outdated" where the German changed) and its
 * search text. Used by review (a revision is published) and by `publishDirect` (the import and
 * the demo seed publish without review). Everything runs in one transaction, the caller's when
 * one is open (decision 018): nothing has to be checked before it.
 */

import { parseInput } from "#app/server/validation.ts";
import { isUuid, uuidv7 } from "../../server/db/ids.ts";
import { AppError } from "../../server/errors.ts";
import { authorize } from "../../server/policy/policy.ts";
import type { Principal } from "../../server/policy/roles.ts";
import type { Actor } from "../audit/service.ts";
import { CONTENT_LANGUAGES, type SettableStatus } from "../translations/languages.ts";
import { entryDataInput } from "./contracts.ts";
import { type AnyEntryRow, entriesRepo, type RevisionRow } from "./entries.repo.ts";
import { assertType, dataToRow, type EntryData, orgOf } from "./entry-data.ts";
import type { EntityType } from "./model.ts";
import type { ReferenceChecks } from "./references.ts";
import type { Reminders } from "./reminders.ts";
import { revisionsRepo } from "./revisions.repo.ts";
import { plainTextOf, sanitizeRichText } from "./sanitize.ts";
import { searchTextOf } from "./search-text.ts";
import type { DirectoryContext } from "./shared.ts";
import { RICH_TEXT_FIELDS, TRANSLATED_FIELDS } from "./validate.ts";

export type DirectOptions = {
  entityId?: string;
  /** { lang: { field: text } } besides German (which is in the data). */
  translations?: Partial<Record<string, Partial<Record<string, string>>>>;
  translationStatus?: SettableStatus;
};

export function createPublication(ctx: DirectoryContext, refs: ReferenceChecks, reminders: Reminders) {
  const { db, deps, now, scope } = ctx;

  /** Recomputes search_text of an offer/event from its texts in every language. */
  async function refreshSearchText(tenantId: string, type: EntityType, id: string) {
    if (type !== "offer" && type !== "event") return;
    const matrix = await deps.translations.matrix(tenantId, type, [id], CONTENT_LANGUAGES);
    const texts: string[] = [];
    for (const [field, byLang] of Object.entries(matrix.get(id) ?? {})) {
      for (const cell of Object.values(byLang)) {
        if (!cell.text || cell.status === "missing") continue;
        texts.push(RICH_TEXT_FIELDS.has(field) ? plainTextOf(cell.text) : cell.text);
      }
    }
    await entriesRepo.setSearchText(db, type, tenantId, id, searchTextOf(texts));
  }

  /** Writes the German texts as translation sources (empty ones cleared). */
  async function writeSources(
    tenantId: string,
    type: EntityType,
    entityId: string,
    data: EntryData,
    actorUserId: string | null,
  ) {
    const entity = { tenantId, entityType: type, entityId };
    for (const field of TRANSLATED_FIELDS[type]) {
      const value = (data as Record<string, unknown>)[field];
      if (typeof value === "string" && value.trim()) {
        await deps.translations.setSource(entity, field, value, { db, actorUserId });
      } else {
        await deps.translations.clearField(entity, field);
      }
    }
  }

  /** Publishes data into the entry row (insert or compare-and-set), with links, texts and search text. */
  async function applyPublished(
    tenantId: string,
    type: EntityType,
    entityId: string,
    data: EntryData,
    opts: { expectedVersion: number | null; actorUserId: string | null },
  ): Promise<AnyEntryRow> {
    const { areaId } = await refs.check(tenantId, type, data);
    const values = { ...dataToRow(type, data, { areaId }), status: "published", lastCheckedAt: now() };
    const existing = await entriesRepo.entry(db, type, tenantId, entityId);
    let row: AnyEntryRow | undefined;
    if (existing) {
      if (opts.expectedVersion !== null && opts.expectedVersion !== existing.version)
        throw AppError.versionConflict(existing.version);
      row = await entriesRepo.updateEntryIfVersion(
        db,
        type,
        tenantId,
        entityId,
        existing.version,
        values,
        now(),
      );
      if (!row) throw AppError.versionConflict();
    } else {
      const at = now();
      row = await entriesRepo.insertEntry(db, type, {
        tenantId,
        id: entityId,
        ...values,
        createdAt: at,
        updatedAt: at,
      });
    }
    const links = data as { termIds?: string[]; placeIds?: string[] };
    if (type !== "place") await entriesRepo.replaceTerms(db, tenantId, type, entityId, links.termIds ?? []);
    if (type === "offer") await entriesRepo.replaceOfferPlaces(db, tenantId, entityId, links.placeIds ?? []);
    await writeSources(tenantId, type, entityId, data, opts.actorUserId);
    await refreshSearchText(tenantId, type, entityId);
    await reminders.scheduleReminders(tenantId);
    return row;
  }

  /** Publishes an open revision, in the caller's transaction. */
  async function publishRevision(
    principal: Principal,
    rev: RevisionRow,
    version: number,
    data: EntryData,
    requestId?: string,
  ): Promise<RevisionRow> {
    const entry = await entriesRepo.entry(db, rev.entityType, principal.tenantId, rev.entityId);
    const oldOrg = entry ? orgOf(rev.entityType, rev.entityId, entry) : null;
    authorize(principal, "directory.publish", scope(oldOrg));
    authorize(principal, "directory.publish", scope(orgOf(rev.entityType, rev.entityId, rev.data)));
    // A never-published entry's row mirrors its draft: there is nothing older to protect.
    const expected = entry && entry.status !== "draft" ? rev.baseVersion : null;
    await applyPublished(principal.tenantId, rev.entityType, rev.entityId, data, {
      expectedVersion: expected,
      actorUserId: principal.userId,
    });
    const after = await revisionsRepo.updateRevisionIfVersion(
      db,
      principal.tenantId,
      rev.id,
      version,
      { status: "published", reviewedBy: principal.userId, reviewedAt: now(), data },
      now(),
    );
    if (!after) throw AppError.versionConflict(rev.version);
    await ctx.audit(
      { kind: "user", principal },
      "directory.publish",
      rev.entityType,
      rev.entityId,
      { revision: { old: null, new: rev.id }, number: { old: null, new: rev.number } },
      requestId,
    );
    return after;
  }

  /** Writes translations given with a direct publication (the demo's machine translations). */
  async function writeTranslations(
    tenantId: string,
    type: EntityType,
    id: string,
    opts: DirectOptions,
    actorUserId: string | null,
  ) {
    const entity = { tenantId, entityType: type, entityId: id };
    for (const [lang, fields] of Object.entries(opts.translations ?? {})) {
      for (const [field, text] of Object.entries(fields ?? {})) {
        if (!text || !(TRANSLATED_FIELDS[type] as readonly string[]).includes(field)) continue;
        await deps.translations.setTranslation(
          entity,
          field,
          lang,
          RICH_TEXT_FIELDS.has(field) ? sanitizeRichText(text) : text,
          opts.translationStatus ?? "reviewed",
          { db, actorUserId },
        );
      }
    }
    await refreshSearchText(tenantId, type, id);
  }

  /**
   * Publishes data directly, without review: for the import and the demo seed. Parses the data
   * with its type's contract, writes a revision that is already published, keeps existing
   * translations (German changes mark them outdated) and sets search_text. Joins the caller's
   * transaction when one is open (the import's all-or-nothing commit).
   */
  async function publishDirect(
    actor: Actor,
    type: EntityType,
    raw: unknown,
    opts: DirectOptions = {},
  ): Promise<{ entityId: string; revisionId: string }> {
    if (actor.kind === "user") authorize(actor.principal, "directory.import");
    const tenantId = actor.kind === "user" ? actor.principal.tenantId : actor.tenantId;
    const actorUserId = actor.kind === "user" ? actor.principal.userId : null;
    const t = assertType(type);
    const data = parseInput(entryDataInput(t), raw) as EntryData;
    return db.transaction(async () => {
      const id = opts.entityId ?? uuidv7(now().getTime());
      if (!isUuid(id)) throw AppError.validation([{ field: "id", code: "invalid" }]);
      const [open] = await revisionsRepo.openRevisions(db, tenantId, t, [id]);
      if (open) throw AppError.versionConflict(open.version);
      await applyPublished(tenantId, t, id, data, { expectedVersion: null, actorUserId });
      const rev = await revisionsRepo.insertRevision(db, {
        tenantId,
        entityType: t,
        entityId: id,
        number: await revisionsRepo.nextRevisionNumber(db, tenantId, t, id),
        status: "published",
        data: data as Record<string, unknown>,
        organizationId: orgOf(t, id, data),
        authorId: actorUserId,
        reviewedBy: actorUserId,
        reviewedAt: now(),
        createdAt: now(),
        updatedAt: now(),
      });
      if (opts.translations) await writeTranslations(tenantId, t, id, opts, actorUserId);
      await ctx.audit(actor, "directory.publish_direct", t, id, { revision: { old: null, new: rev.id } });
      return { entityId: id, revisionId: rev.id };
    });
  }

  return { refreshSearchText, publishRevision, publishDirect };
}
export type Publication = ReturnType<typeof createPublication>;
