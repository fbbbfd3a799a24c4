/**
 * Review and the life of a revision (decision 013): submit (draft → in review), publish,
 * reject with a note, withdraw; archive an entry and confirm it is still correct; the version
 * history, one revision against the published entry, and the review queue.
 */
import { AppError } from "../../server/errors.ts";
import { authorize, can } from "../../server/policy/policy.ts";
import type { Principal } from "../../server/policy/roles.ts";
import { parseInput } from "../../server/validation.ts";
import { entryDataInput, type RejectInput } from "./contracts.ts";
import { entriesRepo, type RevisionRow } from "./entries.repo.ts";
import {
  assertType,
  diffData,
  type EntryData,
  orgOf,
  type RevisionView,
  revisionView,
} from "./entry-data.ts";
import type { RevisionStatus } from "./model.ts";
import type { Publication } from "./publication.ts";
import { revisionsRepo } from "./revisions.repo.ts";
import type { DirectoryContext } from "./shared.ts";

type Change = {
  action: string;
  permission: "directory.edit" | "directory.publish";
  from: readonly RevisionStatus[];
  patch: (principal: Principal) => Partial<RevisionRow>;
};

export function createReview(ctx: DirectoryContext, publication: Publication) {
  const { db, now, scope } = ctx;

  /** One status change of a revision read at `version`, with its audit entry. */
  async function change(
    principal: Principal,
    revisionId: string,
    version: number,
    c: Change,
    requestId?: string,
  ) {
    authorize(principal, c.permission);
    return db.transaction(async () => {
      const rev = await ctx.loadRevision(principal.tenantId, revisionId);
      authorize(principal, c.permission, scope(rev.organizationId));
      if (!c.from.includes(rev.status)) throw new AppError("conflict");
      const after = await revisionsRepo.updateRevisionIfVersion(
        db,
        principal.tenantId,
        rev.id,
        version,
        c.patch(principal),
        now(),
      );
      if (!after) throw AppError.versionConflict(rev.version);
      await ctx.audit(
        { kind: "user", principal },
        c.action,
        rev.entityType,
        rev.entityId,
        { revision: { old: null, new: rev.id } },
        requestId,
      );
      return revisionView(after);
    });
  }

  return {
    /** Draft → in review. */
    submit: (principal: Principal, revisionId: string, version: number, requestId?: string) =>
      change(
        principal,
        revisionId,
        version,
        {
          action: "directory.submit",
          permission: "directory.edit",
          from: ["draft"],
          patch: () => ({ status: "in_review", submittedAt: now() }),
        },
        requestId,
      ),

    /** In review → rejected, with a note for the author. */
    reject: (principal: Principal, revisionId: string, input: RejectInput, requestId?: string) =>
      change(
        principal,
        revisionId,
        input.version,
        {
          action: "directory.reject",
          permission: "directory.publish",
          from: ["in_review"],
          patch: (p) => ({
            status: "rejected",
            reviewedBy: p.userId,
            reviewedAt: now(),
            reviewNote: input.note,
          }),
        },
        requestId,
      ),

    /** Drops an open revision (draft or in review); the published entry stays as it is. */
    withdraw: (principal: Principal, revisionId: string, version: number, requestId?: string) =>
      change(
        principal,
        revisionId,
        version,
        {
          action: "directory.withdraw",
          permission: "directory.edit",
          from: ["draft", "in_review"],
          patch: () => ({ status: "withdrawn" }),
        },
        requestId,
      ),

    /** In review → published: the data goes public. */
    async publish(principal: Principal, revisionId: string, version: number, requestId?: string) {
      authorize(principal, "directory.publish");
      return db.transaction(async () => {
        const rev = await ctx.loadRevision(principal.tenantId, revisionId);
        if (rev.version !== version) throw AppError.versionConflict(rev.version);
        if (rev.status !== "in_review") throw new AppError("conflict");
        const data = parseInput(entryDataInput(rev.entityType), rev.data) as EntryData;
        return revisionView(await publication.publishRevision(principal, rev, version, data, requestId));
      });
    },

    /** Takes a published entry off the public site (kept for history). */
    async archive(principal: Principal, type: string, id: string, version: number, requestId?: string) {
      authorize(principal, "directory.publish");
      const t = assertType(type);
      return db.transaction(async () => {
        const row = await ctx.loadEntry(principal.tenantId, t, id);
        authorize(principal, "directory.publish", scope(orgOf(t, id, row)));
        const after = await entriesRepo.updateEntryIfVersion(
          db,
          t,
          principal.tenantId,
          id,
          version,
          { status: "archived" },
          now(),
        );
        if (!after) throw AppError.versionConflict(row.version);
        const changes = { status: { old: row.status, new: "archived" } };
        await ctx.audit({ kind: "user", principal }, "directory.archive", t, id, changes, requestId);
        return { version: after.version };
      });
    },

    /** "Still correct": sets the last-checked date. */
    async confirmChecked(principal: Principal, type: string, id: string, requestId?: string) {
      authorize(principal, "directory.edit");
      const t = assertType(type);
      return db.transaction(async () => {
        const row = await ctx.loadEntry(principal.tenantId, t, id);
        authorize(principal, "directory.edit", scope(orgOf(t, id, row)));
        const at = now();
        await entriesRepo.setLastChecked(db, t, principal.tenantId, id, at);
        const changes = { lastCheckedAt: { old: row.lastCheckedAt, new: at } };
        await ctx.audit({ kind: "user", principal }, "directory.check", t, id, changes, requestId);
        return { lastCheckedAt: at };
      });
    },

    /** The version history of an entry, newest first. */
    async revisions(principal: Principal, type: string, id: string): Promise<RevisionView[]> {
      authorize(principal, "directory.read");
      const t = assertType(type);
      const row = await ctx.loadEntry(principal.tenantId, t, id);
      authorize(principal, "directory.read", scope(orgOf(t, id, row)));
      return (await revisionsRepo.revisionsOf(db, principal.tenantId, t, id)).map(revisionView);
    },

    /** One revision with its data, the entry as published now, and what the revision changes. */
    async revision(principal: Principal, revisionId: string) {
      authorize(principal, "directory.read");
      const rev = await ctx.loadRevision(principal.tenantId, revisionId);
      const row = await entriesRepo.entry(db, rev.entityType, principal.tenantId, rev.entityId);
      const current =
        row && row.status !== "draft" ? await ctx.currentData(principal.tenantId, rev.entityType, row) : null;
      const org = current ? orgOf(rev.entityType, rev.entityId, current) : rev.organizationId;
      authorize(principal, "directory.read", scope(org));
      authorize(principal, "directory.read", scope(rev.organizationId));
      return {
        revision: revisionView(rev),
        data: rev.data as EntryData,
        current,
        entryVersion: row?.version ?? null,
        changes: diffData(current, rev.data),
        canPublish: can(principal, "directory.publish", scope(rev.organizationId)),
        canEdit: can(principal, "directory.edit", scope(rev.organizationId)),
      };
    },

    /** Revisions waiting for review (directory.publish), oldest first. */
    async reviewQueue(principal: Principal): Promise<RevisionView[]> {
      authorize(principal, "directory.publish");
      const orgs = ctx.orgsFor(principal, "directory.publish");
      return (await revisionsRepo.revisionsByStatus(db, principal.tenantId, "in_review", orgs, 500)).map(
        revisionView,
      );
    },
  };
}
