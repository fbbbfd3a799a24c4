import { isUuid } from "../../server/db/ids.ts";
import { AppError, type FieldError } from "../../server/errors.ts";
import { diff } from "../audit/service.ts";
import { enqueueAgreementPdf } from "./agreement-files.ts";
import type { AddCommitment, CommitmentStatusChange } from "./agreements.contracts.ts";
import type { CommitmentView } from "./agreements.model.ts";
import { agreementRepo, type CommitmentRow } from "./agreements.repo.ts";
import { auditActor, check, fail, type NetworkActor, type NetworkContext, tenantOf } from "./shared.ts";

export const commitmentView = (c: CommitmentRow, today: string): CommitmentView => ({
  id: c.id,
  partyId: c.partyId,
  text: c.text,
  owner: c.owner,
  dueDate: c.dueDate,
  status: c.status,
  overdue: c.status === "open" && c.dueDate !== null && c.dueDate < today,
  version: c.version,
});

/**
 * Commitments per party of a cooperation agreement (decision 085): each with the person
 * responsible, a due date and a status; an ended agreement takes no new ones.
 */
export function createCommitments(ctx: NetworkContext) {
  const { deps } = ctx;
  const { db } = deps;

  async function agreement(tenantId: string, id: string) {
    if (!isUuid(id)) throw AppError.notFound();
    const a = await agreementRepo.byId(db, tenantId, id);
    if (!a) throw AppError.notFound();
    return a;
  }

  return {
    async addCommitment(actor: NetworkActor, agreementId: string, input: AddCommitment, requestId?: string) {
      check(actor, "network.manage");
      const tenantId = tenantOf(actor);
      const a = await agreement(tenantId, agreementId);
      const errors: FieldError[] = [];
      if (a.kind !== "agreement") errors.push({ field: "_", code: "network_commitment_declaration" });
      if (a.state === "ended") errors.push({ field: "_", code: "network_agreement_transition" });
      if (!a.parties.includes(input.partyId))
        errors.push({ field: "partyId", code: "network_commitment_party" });
      if (errors.length) throw fail(...errors);
      const now = deps.clock.now();
      return db.transaction(async (tx) => {
        const row = await agreementRepo.insertCommitment(tx, {
          tenantId,
          agreementId,
          ...input,
          createdAt: now,
          updatedAt: now,
        });
        await deps.audit.record(
          {
            actor: auditActor(actor),
            action: "create",
            entityType: "network_commitment",
            entityId: row.id,
            changes: diff(null, {
              agreementId,
              partyId: row.partyId,
              dueDate: row.dueDate,
              status: row.status,
            }),
            requestId: requestId ?? null,
          },
          tx,
        );
        await enqueueAgreementPdf(ctx, tx, tenantId, agreementId, row.id);
        return commitmentView(row, ctx.today());
      });
    },

    /** Done or dropped (or open again); compare-and-set on the commitment's version. */
    async setCommitmentStatus(
      actor: NetworkActor,
      agreementId: string,
      commitmentId: string,
      input: CommitmentStatusChange,
      requestId?: string,
    ) {
      check(actor, "network.manage");
      const tenantId = tenantOf(actor);
      await agreement(tenantId, agreementId);
      if (!isUuid(commitmentId)) throw AppError.notFound();
      const before = await agreementRepo.commitment(db, tenantId, commitmentId);
      if (!before || before.agreementId !== agreementId) throw AppError.notFound();
      return db.transaction(async (tx) => {
        const after = await agreementRepo.updateCommitmentIfVersion(
          tx,
          tenantId,
          commitmentId,
          input.version,
          { status: input.status },
          deps.clock.now(),
        );
        if (!after) throw AppError.versionConflict(before.version);
        await deps.audit.record(
          {
            actor: auditActor(actor),
            action: "update",
            entityType: "network_commitment",
            entityId: commitmentId,
            changes: diff({ status: before.status }, { status: after.status }),
            requestId: requestId ?? null,
          },
          tx,
        );
        await enqueueAgreementPdf(ctx, tx, tenantId, agreementId, `${commitmentId}-${after.version}`);
        return commitmentView(after, ctx.today());
      });
    },
  };
}
