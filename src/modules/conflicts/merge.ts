import { SOURCE_LANGUAGE } from "../../i18n/languages.ts";
import type { DbOrTx } from "../../server/db/client.ts";
import { AppError } from "../../server/errors.ts";
import { authorize } from "../../server/policy/policy.ts";
import type { Principal } from "../../server/policy/roles.ts";
import type { MergeInput } from "./contracts.ts";
import type { ConflictDeps } from "./deps.ts";
import { mergeRepo } from "./merge-repo.ts";
import { LIMITS } from "./model.ts";
import { conflictRepo } from "./repo.ts";
import { type ConflictCrypto, fieldError, mailTranslator } from "./shared.ts";

/**
 * Merging a duplicate report into the conflict it duplicates (decision 113). Nothing is lost:
 * the duplicate stays as a closed record pointing to the other (its description, log and
 * reporter kept), both logs say so, its parties join the other's, its case links move over, and
 * its reporter's status link follows the other conflict's state. It counts once in the numbers.
 */
export function createMerge(deps: ConflictDeps, crypto: ConflictCrypto) {
  const { db } = deps;
  return {
    async merge(principal: Principal, id: string, input: MergeInput, requestId?: string) {
      authorize(principal, "conflicts.handle");
      const tenantId = principal.tenantId;
      if (input.intoId === id) throw fieldError("intoId", "conflict_merge_self");
      const [dup, target] = await Promise.all([
        conflictRepo.byId(db, tenantId, id),
        conflictRepo.byId(db, tenantId, input.intoId),
      ]);
      if (!dup) throw AppError.notFound();
      if (dup.state === "closed") throw new AppError("conflict");
      if (!target) throw fieldError("intoId", "conflict_merge_unknown");
      if (target.state === "closed") throw fieldError("intoId", "conflict_merge_target_closed");
      const seen = new Set(target.parties.map((p) => p.toLocaleLowerCase("de")));
      const parties = [...target.parties, ...dup.parties.filter((p) => !seen.has(p.toLocaleLowerCase("de")))];
      if (parties.length > LIMITS.parties) throw fieldError("intoId", "conflict_merge_too_many_parties");
      const now = deps.clock.now();
      // The log is written in the tenant's source language, like the agenda item (decision 103).
      const { t } = mailTranslator(SOURCE_LANGUAGE);
      return db.transaction(async (tx) => {
        const closed = await conflictRepo.updateIfVersion(
          tx,
          tenantId,
          dup.id,
          input.version,
          { state: "closed", outcome: null, closedAt: now, mergedIntoId: target.id, mergedAt: now },
          now,
        );
        if (!closed) throw AppError.versionConflict(dup.version);
        // The other conflict changes too: whoever holds it open learns so from its version.
        const grown = await conflictRepo.updateIfVersion(
          tx,
          tenantId,
          target.id,
          target.version,
          { parties },
          now,
        );
        if (!grown) throw AppError.versionConflict();
        await mergeRepo.repoint(tx, tenantId, dup.id, target.id);
        const links = await mergeRepo.moveCaseLinks(tx, tenantId, dup.id, target.id);
        const entry = (conflictId: string, key: string, reference: string) =>
          conflictRepo.insertLog(tx, {
            tenantId,
            conflictId,
            at: now,
            kind: "step",
            textEnc: crypto.encrypt(t(key, { reference })),
            actorUserId: principal.userId,
          });
        await entry(dup.id, "conflicts.merge_log_into", target.reference);
        await entry(target.id, "conflicts.merge_log_from", dup.reference);
        const audit = (entityId: string, changes: Record<string, { old: unknown; new: unknown }>) =>
          deps.audit.record(
            {
              actor: { kind: "user", principal },
              action: "merge",
              entityType: "conflict",
              entityId,
              changes,
              requestId: requestId ?? null,
            },
            tx,
          );
        await audit(dup.id, {
          state: { old: dup.state, new: "closed" },
          mergedIntoId: { old: null, new: target.id },
        });
        await audit(target.id, {
          mergedFromId: { old: null, new: dup.id },
          parties: { old: target.parties.length, new: parties.length },
          caseLinks: { old: null, new: links },
        });
        return { id: closed.id, version: closed.version, state: closed.state, intoId: target.id };
      });
    },
  };
}

/** Which conflict a duplicate went into, and which duplicates went into this one. */
export async function mergeRefs(
  db: DbOrTx,
  tenantId: string,
  c: { id: string; mergedIntoId: string | null },
) {
  const [into, from] = await Promise.all([
    c.mergedIntoId ? mergeRepo.reference(db, tenantId, c.mergedIntoId) : Promise.resolve(null),
    mergeRepo.mergedInto(db, tenantId, c.id),
  ]);
  return { mergedInto: into, mergedFrom: from };
}
