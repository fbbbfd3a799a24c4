/**
 * Saving an edit as a draft revision: a new entry (entityId null), a new revision of an entry
 * (revisionId null; `version` = the entry version read), or a change to the open revision
 * (`version` = the revision version read). Someone else's newer save is a version conflict and
 * nothing is overwritten. `publishNow` (directory.publish) publishes at once.
 */
import { uuidv7 } from "../../server/db/ids.ts";
import { AppError } from "../../server/errors.ts";
import { authorize } from "../../server/policy/policy.ts";
import type { Principal } from "../../server/policy/roles.ts";
import { parseInput } from "../../server/validation.ts";
import { entryDataInput, type SaveOptions, saveOptionsInput } from "./contracts.ts";
import { entriesRepo, type RevisionRow } from "./entries.repo.ts";
import {
  assertType,
  dataToRow,
  diffData,
  type EntryData,
  orgOf,
  type RevisionView,
  revisionView,
} from "./entry-data.ts";
import type { EntityType } from "./model.ts";
import type { Publication } from "./publication.ts";
import type { ReferenceChecks } from "./references.ts";
import { revisionsRepo } from "./revisions.repo.ts";
import type { DirectoryContext } from "./shared.ts";

/** A save as the contracts deliver it: the data of its type, parsed, and how to save it. */
export type SaveEntry = SaveOptions & { type: EntityType; entityId: string | null; data: EntryData };
export type SaveResult = { entityId: string; revision: RevisionView; published: boolean };

type Saving = {
  principal: Principal;
  input: SaveEntry;
  id: string;
  org: string | null;
  areaId: string | null;
};

export function createDrafts(ctx: DirectoryContext, refs: ReferenceChecks, publication: Publication) {
  const { db, now, scope } = ctx;

  /** The first draft of a new entry: the row mirrors it until it is published. */
  async function createDraft(s: Saving): Promise<{ rev: RevisionRow; changed: string[] }> {
    const { principal, input, id } = s;
    if (input.version !== 0 || input.revisionId) throw AppError.versionConflict();
    const tenantId = principal.tenantId;
    await entriesRepo.insertEntry(db, input.type, {
      tenantId,
      id,
      ...dataToRow(input.type, input.data, { areaId: s.areaId }),
      status: "draft",
      createdAt: now(),
      updatedAt: now(),
    });
    const rev = await revisionsRepo.insertRevision(db, {
      tenantId,
      entityType: input.type,
      entityId: id,
      number: 1,
      status: "draft",
      data: input.data as Record<string, unknown>,
      organizationId: s.org,
      authorId: principal.userId,
      baseVersion: null,
      createdAt: now(),
      updatedAt: now(),
    });
    return { rev, changed: Object.keys(input.data) };
  }

  /** A change to the open revision, which the caller read at `version`. */
  async function updateOpen(
    s: Saving,
    open: RevisionRow | undefined,
  ): Promise<{ rev: RevisionRow; changed: string[] }> {
    const { principal, input } = s;
    if (!open || open.id !== input.revisionId) throw AppError.versionConflict(open?.version);
    if (open.version !== input.version) throw AppError.versionConflict(open.version);
    const rev = await revisionsRepo.updateRevisionIfVersion(
      db,
      principal.tenantId,
      open.id,
      input.version,
      {
        data: input.data as Record<string, unknown>,
        status: "draft",
        submittedAt: null,
        organizationId: s.org,
        authorId: principal.userId,
      },
      now(),
    );
    if (!rev) throw AppError.versionConflict(open.version);
    return { rev, changed: diffData(open.data, input.data).map((c) => c.field) };
  }

  /** A change to an existing entry: the open revision, or a new one on the entry version read. */
  async function revise(s: Saving, entityId: string): Promise<{ rev: RevisionRow; changed: string[] }> {
    const { principal, input } = s;
    const tenantId = principal.tenantId;
    const entry = await ctx.loadEntry(tenantId, input.type, entityId);
    const before = await ctx.currentData(tenantId, input.type, entry);
    authorize(principal, "directory.edit", scope(orgOf(input.type, entityId, before)));
    if (entry.status === "archived") throw new AppError("conflict");
    const [open] = await revisionsRepo.openRevisions(db, tenantId, input.type, [entityId]);
    let out: { rev: RevisionRow; changed: string[] };
    if (input.revisionId) out = await updateOpen(s, open);
    else {
      if (open) throw AppError.versionConflict(open.version);
      if (entry.version !== input.version) throw AppError.versionConflict(entry.version);
      const rev = await revisionsRepo.insertRevision(db, {
        tenantId,
        entityType: input.type,
        entityId,
        number: await revisionsRepo.nextRevisionNumber(db, tenantId, input.type, entityId),
        status: "draft",
        data: input.data as Record<string, unknown>,
        organizationId: s.org,
        authorId: principal.userId,
        baseVersion: entry.version,
        createdAt: now(),
        updatedAt: now(),
      });
      out = { rev, changed: diffData(before, input.data).map((c) => c.field) };
    }
    // A never-published entry shows its latest draft in lists.
    if (entry.status === "draft") {
      const row = dataToRow(input.type, input.data, { areaId: s.areaId });
      const synced = await entriesRepo.updateEntryIfVersion(
        db,
        input.type,
        tenantId,
        entityId,
        entry.version,
        row,
        now(),
      );
      if (!synced) throw AppError.versionConflict();
    }
    return out;
  }

  async function saveEntry(principal: Principal, input: SaveEntry, requestId?: string): Promise<SaveResult> {
    authorize(principal, "directory.edit");
    return db.transaction(async () => {
      const id = input.entityId ?? uuidv7(now().getTime());
      const org = orgOf(input.type, id, input.data);
      authorize(principal, "directory.edit", scope(org));
      if (input.publishNow) authorize(principal, "directory.publish", scope(org));
      const { areaId } = await refs.check(principal.tenantId, input.type, input.data);
      const s: Saving = { principal, input, id, org, areaId };
      let { rev, changed } = input.entityId === null ? await createDraft(s) : await revise(s, input.entityId);
      await ctx.audit(
        { kind: "user", principal },
        "directory.save_draft",
        input.type,
        id,
        { revision: { old: null, new: rev.id }, fields: { old: null, new: changed } },
        requestId,
      );
      if (!input.publishNow) return { entityId: id, revision: revisionView(rev), published: false };
      rev = await publication.publishRevision(principal, rev, rev.version, input.data, requestId);
      return { entityId: id, revision: revisionView(rev), published: true };
    });
  }

  return {
    saveEntry,

    /**
     * The same save from raw data and options (seeders and tests): parses them with the
     * contracts, then saves. Pages and the API parse at their boundary and call saveEntry.
     */
    async save(
      principal: Principal,
      type: string,
      entityId: string | null,
      raw: unknown,
      options: {
        revisionId?: string | null;
        version: number;
        publishNow?: boolean;
        requestId?: string | undefined;
      },
    ): Promise<SaveResult> {
      authorize(principal, "directory.edit");
      const t = assertType(type);
      const { requestId, ...rest } = options;
      const opts = parseInput(saveOptionsInput, rest);
      const data = parseInput(entryDataInput(t), raw) as EntryData;
      return saveEntry(principal, { ...opts, type: t, entityId, data }, requestId);
    },
  };
}
