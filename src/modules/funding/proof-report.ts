import { AppError } from "../../server/errors.ts";
import { authorize } from "../../server/policy/policy.ts";
import type { Principal } from "../../server/policy/roles.ts";
import { diff } from "../audit/service.ts";
import type { Submission } from "../surveys/contracts.ts";
import type { FundingDeps, ReportUpload } from "./deps.ts";
import { grantByLink, grantOf } from "./grant-link.ts";
import { proofRepo } from "./proof-repo.ts";
import { fundingRepo } from "./repo.ts";

/** The proof is open for the applicant: nothing filed, filed and not examined, or more asked for. */
export const PROOF_OPEN = new Set([null, "submitted", "more_requested"]);

/**
 * The narrative report (Sachbericht) as a surveys questionnaire named by the call (decision
 * 131). The applicant fills it on the proof page behind their status link; the answers are a
 * survey response of the surveys module (so they can be compared across projects), its id kept
 * on the application. A new filing while the proof is open replaces the response. Staff read the
 * answers with the proof (whose read is the audited one).
 */
export function createProofReports(deps: FundingDeps) {
  const { db } = deps;

  return {
    /** The call's questionnaire for the applicant's page; null when the call has none. */
    async formByLink(tenantId: string, token: string) {
      const { a, call } = await grantByLink(deps, tenantId, token);
      if (!call.reportFormId || !deps.reports) return null;
      const form = await deps.reports.openForm(tenantId, call.reportFormId);
      if (!form) return null;
      const proof = await proofRepo.proof(db, tenantId, a.id);
      return { ...form, answered: a.reportResponseId !== null, open: PROOF_OPEN.has(proof?.status ?? null) };
    },

    /** Files the questionnaire (again): stored as a survey response, the previous one erased. */
    async file(
      tenantId: string,
      token: string,
      submission: Submission,
      uploads: readonly ReportUpload[] = [],
    ): Promise<{ responseId: string }> {
      const { a, call } = await grantByLink(deps, tenantId, token);
      if (!call.reportFormId || !deps.reports) throw AppError.notFound();
      const reports = deps.reports;
      const formId = call.reportFormId;
      return db.transaction(async (tx) => {
        const proof = await proofRepo.proof(tx, tenantId, a.id);
        if (!PROOF_OPEN.has(proof?.status ?? null))
          throw new AppError("conflict", { fields: [{ field: "_", code: "funding_proof_closed" }] });
        const r = await reports.submit(tenantId, formId, submission, uploads);
        if (r.duplicate && r.responseId === a.reportResponseId) return { responseId: r.responseId };
        const after = await fundingRepo.updateApplication(
          tx,
          tenantId,
          a.id,
          a.version,
          { reportResponseId: r.responseId },
          deps.clock.now(),
        );
        if (!after) throw AppError.versionConflict(a.version);
        if (a.reportResponseId) await reports.erase(tenantId, [a.reportResponseId]);
        await deps.audit.record(
          {
            actor: { kind: "system", tenantId },
            action: "submit_report",
            entityType: "funding_proof",
            entityId: a.id,
            changes: diff({ reportResponseId: a.reportResponseId }, { reportResponseId: r.responseId }),
          },
          tx,
        );
        return { responseId: r.responseId };
      });
    },

    /**
     * The questionnaire's answers for staff, labels in `lang` where the form has it; null when
     * none were filed. Part of reading the proof: the page reads `proofs.get` (the audited read).
     */
    async answers(principal: Principal, applicationId: string, lang: string) {
      authorize(principal, "funding.read");
      const { a } = await grantOf(
        deps,
        principal.tenantId,
        await fundingRepo.application(db, principal.tenantId, applicationId),
      );
      if (!a.reportResponseId || !deps.reports) return null;
      return deps.reports.items(principal.tenantId, a.reportResponseId, lang);
    },
  };
}
