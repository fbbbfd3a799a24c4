import type { DbOrTx } from "../../server/db/client.ts";
import { AppError, type FieldError } from "../../server/errors.ts";
import { authorize } from "../../server/policy/policy.ts";
import type { Principal } from "../../server/policy/roles.ts";
import { diff } from "../audit/service.ts";
import { mailApplicant, referenceOf } from "./applicant-mail.ts";
import type { FundingDeps } from "./deps.ts";
import { grantByLink, grantOf } from "./grant-link.ts";
import { formatMoney, sum } from "./model.ts";
import { paymentsRepo } from "./payments-repo.ts";
import type { ExamineProof, FileProof, ProofView } from "./proof-contracts.ts";
import { computeSettlement, proofDueDate, repaymentDueDate, repaymentPurpose } from "./proof-model.ts";
import { type ProofRow, proofRepo } from "./proof-repo.ts";
import { PROOF_OPEN } from "./proof-report.ts";
import { repaymentViewOf } from "./repayments.ts";
import { type ApplicationRow, type CallRow, fundingRepo } from "./repo.ts";

export type ProofContext = {
  title: string;
  organizationName: string;
  grantedCents: number;
  proof: ProofView;
};

/**
 * The proof of use (Verwendungsnachweis, decision 070): filed by the applicant through the
 * status link by the call's deadline, examined by staff (accept, ask for more, demand the
 * computed repayment). The applicant gets a mail at each step, in their language.
 */
export function createProofs(deps: FundingDeps) {
  const { db } = deps;
  const now = () => deps.clock.now();
  const today = () => now().toISOString().slice(0, 10);

  async function paidOf(tx: DbOrTx, tenantId: string, applicationId: string) {
    const rows = await paymentsRepo.payments(tx, tenantId, applicationId);
    return sum(rows.filter((r) => r.paidDate !== null).map((r) => r.amountCents));
  }

  async function viewOf(tx: DbOrTx, a: ApplicationRow, call: CallRow, p: ProofRow | undefined) {
    const lines = p?.lines ?? [];
    const settlement = computeSettlement({
      budget: a.budget,
      actual: lines,
      rules: call.costRules,
      projectCapCents: call.projectCapCents,
      deviationBp: call.deviationBp,
      grantedCents: a.grantedCents ?? 0,
      paidCents: await paidOf(tx, a.tenantId, a.id),
    });
    const view: ProofView = {
      applicationId: a.id,
      status: p?.status ?? null,
      version: p?.version ?? 0,
      dueDate: proofDueDate(a.year, call.proofMonths),
      deviationBp: call.deviationBp,
      report: p?.report ?? "",
      reportFormId: call.reportFormId,
      reportAnswered: a.reportResponseId !== null,
      participants: p?.participants ?? 0,
      lines,
      receipts: p?.receipts ?? [],
      message: p?.message ?? null,
      settlement,
      repayment:
        p?.status === "repayment"
          ? repaymentViewOf(p, await proofRepo.repayments(tx, a.tenantId, a.id))
          : null,
      submittedAt: p?.submittedAt.toISOString() ?? null,
      examinedAt: p?.examinedAt?.toISOString() ?? null,
    };
    return view;
  }

  const grant = (tenantId: string, a: ApplicationRow | undefined) => grantOf(deps, tenantId, a);
  const byToken = (tenantId: string, token: string) => grantByLink(deps, tenantId, token);

  const mailProof = (tx: DbOrTx, a: ApplicationRow, key: string, values: Record<string, string>) =>
    mailApplicant(deps, tx, a, `mail_proof_${key}`, values);

  /** Per-field errors of a filing: late, a deviation without reason, a receipt of a type not funded. */
  function check(a: ApplicationRow, call: CallRow, p: ProofRow | undefined, input: FileProof) {
    const due = proofDueDate(a.year, call.proofMonths);
    // After staff asked for more, the applicant answers even after the deadline.
    if (today() > due && p?.status !== "more_requested")
      throw AppError.validation([{ field: "_", code: "funding_proof_late", params: { due } }]);
    const s = computeSettlement({
      budget: a.budget,
      actual: input.lines.map((l) => ({ type: l.type, actualCents: l.actual })),
      rules: call.costRules,
      projectCapCents: call.projectCapCents,
      deviationBp: call.deviationBp,
      grantedCents: a.grantedCents ?? 0,
      paidCents: 0,
    });
    const errors: FieldError[] = [];
    // The narrative report: the call's questionnaire filed first (decision 131), else free text.
    if (call.reportFormId && !a.reportResponseId)
      errors.push({ field: "report", code: "funding_proof_report_missing" });
    else if (!call.reportFormId && !input.report) errors.push({ field: "report", code: "required" });
    const percent = String(call.deviationBp / 100);
    input.lines.forEach((l, i) => {
      const c = s.lines.find((x) => x.type === l.type);
      if (!c) errors.push({ field: `lines.${i}.type`, code: "invalid_choice" });
      else if (c.needsReason && !l.reason)
        errors.push({
          field: `lines.${i}.reason`,
          code: "funding_proof_reason_required",
          params: { percent },
        });
    });
    const types = new Set(call.costRules.map((r) => r.type));
    input.receipts.forEach((r, i) => {
      if (!types.has(r.type)) errors.push({ field: `receipts.${i}.type`, code: "invalid_choice" });
    });
    if (errors.length) throw AppError.validation(errors);
  }

  return {
    /** The applicant's proof behind the status link; null when the application was not granted. */
    async byLink(tenantId: string, token: string): Promise<ProofContext | null> {
      let g: { a: ApplicationRow; call: CallRow };
      try {
        g = await byToken(tenantId, token);
      } catch {
        return null;
      }
      const proof = await viewOf(db, g.a, g.call, await proofRepo.proof(db, tenantId, g.a.id));
      return {
        title: g.a.title,
        organizationName: g.a.organizationName,
        grantedCents: g.a.grantedCents ?? 0,
        proof,
      };
    },

    /** Files (or, before the examination and on request, files again) the proof of use. */
    async file(tenantId: string, token: string, input: FileProof): Promise<ProofView> {
      const { a, call } = await byToken(tenantId, token);
      const before = await proofRepo.proof(db, tenantId, a.id);
      if (!PROOF_OPEN.has(before?.status ?? null))
        throw new AppError("conflict", { fields: [{ field: "_", code: "funding_proof_closed" }] });
      check(a, call, before, input);
      const row = {
        status: "submitted" as const,
        report: input.report,
        participants: input.participants,
        lines: input.lines.map((l) => ({ type: l.type, actualCents: l.actual, reason: l.reason })),
        receipts: input.receipts.map((r) => ({
          date: r.date,
          payee: r.payee,
          type: r.type,
          amountCents: r.amount,
        })),
        submittedAt: now(),
      };
      return db.transaction(async (tx) => {
        const after = before
          ? await proofRepo.update(tx, tenantId, a.id, input.version, row, now())
          : input.version === 0
            ? await proofRepo.insert(tx, { tenantId, applicationId: a.id, ...row })
            : undefined;
        if (!after) throw AppError.versionConflict(before?.version ?? 0);
        await deps.audit.record(
          {
            actor: { kind: "system", tenantId },
            action: "submit",
            entityType: "funding_proof",
            entityId: a.id,
            changes: diff(
              { status: before?.status ?? null },
              { status: after.status, actualCents: sum(row.lines.map((l) => l.actualCents)) },
            ),
          },
          tx,
        );
        await mailProof(tx, a, "filed", {});
        return viewOf(tx, a, call, after);
      });
    },

    /** Staff read the proof with its report and receipts (an audited read: receipts may name persons). */
    async get(principal: Principal, applicationId: string, requestId?: string): Promise<ProofContext> {
      authorize(principal, "funding.read");
      const { a, call } = await grant(
        principal.tenantId,
        await fundingRepo.application(db, principal.tenantId, applicationId),
      );
      const p = await proofRepo.proof(db, principal.tenantId, a.id);
      if (p)
        await deps.audit.recordRead(principal, "funding_proof", a.id, {
          requestId: requestId ?? null,
          exposed: { proof: ["report", "receipts"] },
        });
      return {
        title: a.title,
        organizationName: a.organizationName,
        grantedCents: a.grantedCents ?? 0,
        proof: await viewOf(db, a, call, p),
      };
    },

    /** Accept, ask for more (the applicant files again), or close with the computed repayment. */
    async examine(
      principal: Principal,
      applicationId: string,
      input: ExamineProof,
      requestId?: string,
    ): Promise<ProofView> {
      authorize(principal, "funding.proofs");
      const { a, call } = await grant(
        principal.tenantId,
        await fundingRepo.application(db, principal.tenantId, applicationId),
      );
      return db.transaction(async (tx) => {
        const p = await proofRepo.proof(tx, principal.tenantId, a.id);
        if (!p) throw AppError.notFound();
        if (p.status !== "submitted")
          throw new AppError("conflict", { fields: [{ field: "_", code: "funding_proof_not_pending" }] });
        const s = (await viewOf(tx, a, call, p)).settlement;
        if (input.outcome === "repayment" && s.repaymentCents === 0)
          throw AppError.validation([{ field: "outcome", code: "funding_proof_nothing_to_repay" }]);
        const after = await proofRepo.update(
          tx,
          principal.tenantId,
          a.id,
          input.version,
          {
            status: input.outcome,
            message: input.message ?? null,
            dueCents: s.dueCents,
            repaymentCents: input.outcome === "repayment" ? s.repaymentCents : 0,
            repaymentDue: input.outcome === "repayment" ? repaymentDueDate(today()) : null,
            examinedAt: now(),
            examinedBy: principal.userId,
          },
          now(),
        );
        if (!after) throw AppError.versionConflict(p.version);
        await deps.audit.record(
          {
            actor: { kind: "user", principal },
            action: "examine",
            entityType: "funding_proof",
            entityId: a.id,
            changes: diff(
              { status: p.status },
              { status: after.status, repaymentCents: after.repaymentCents },
            ),
            requestId: requestId ?? null,
          },
          tx,
        );
        await mailProof(tx, a, input.outcome, {
          message: input.message ?? "",
          amount: formatMoney(after.repaymentCents ?? 0, a.lang),
          due: after.repaymentDue ?? "",
          purpose: repaymentPurpose(referenceOf(a.id)),
        });
        return viewOf(tx, a, call, after);
      });
    },
  };
}
