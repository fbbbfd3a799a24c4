import type { DbOrTx } from "../../server/db/client.ts";
import { AppError } from "../../server/errors.ts";
import { authorize } from "../../server/policy/policy.ts";
import type { Principal } from "../../server/policy/roles.ts";
import type { ConflictDeps } from "./deps.ts";
import type { PlanKind } from "./model.ts";
import type { CrisisPlanInput, PreventionPlanInput } from "./plan-contracts.ts";
import { type PlanPdfModel, renderPlanPdf } from "./plan-pdf.ts";
import { type PlanRow, planRepo } from "./plan-repo.ts";
import { mailTranslator } from "./shared.ts";

/** The job that renders a plan's PDF after a save (decision 080). */
export const PLAN_PDF_JOB = "conflicts.plan_pdf";

/** Queued inside the save's transaction: a PDF is made only for a version that was committed. */
export function enqueuePlanPdf(deps: ConflictDeps, tx: DbOrTx, plan: PlanRow) {
  return deps.jobs.enqueue(
    PLAN_PDF_JOB,
    { kind: plan.kind },
    { tenantId: plan.tenantId, maxAttempts: 3, dedupeKey: `plan-pdf-${plan.id}-${plan.version}` },
    tx,
  );
}

/**
 * The plans as tagged PDFs: rendered in a job from the current version (a job that comes late
 * renders the newest, and an older PDF never replaces a newer one), downloaded by whoever may
 * read the plan; each download is an audited read, as the chain names people.
 */
export function createPlanFiles(deps: ConflictDeps) {
  const { db } = deps;

  async function render(tenantId: string, kind: PlanKind): Promise<number | null> {
    const plan = await planRepo.byKind(db, tenantId, kind);
    if (!plan) return null;
    const tenantName = (await deps.tenants.byId(tenantId))?.name ?? "";
    const common = { tenantName, version: plan.version, savedAt: plan.updatedAt };
    let model: PlanPdfModel;
    if (plan.kind === "crisis") {
      const content = plan.content as Omit<CrisisPlanInput, "version">;
      model = { ...common, lang: content.language ?? "de", kind: "crisis", plan: content };
    } else {
      const content = plan.content as Omit<PreventionPlanInput, "version">;
      const linked = content.measures.flatMap((m) => (m.measureId ? [m.measureId] : []));
      const refs = (await deps.measures?.refs?.(tenantId, linked)) ?? [];
      model = {
        ...common,
        lang: content.language ?? "de",
        kind: "prevention",
        plan: content,
        measureTitles: new Map(refs.map((r) => [r.id, r.title])),
      };
    }
    const pdf = await renderPlanPdf(model, mailTranslator(model.lang).t);
    await planRepo.putPdf(db, {
      tenantId,
      planId: plan.id,
      version: plan.version,
      pdf,
      createdAt: deps.clock.now(),
    });
    return plan.version;
  }

  deps.jobs.register(PLAN_PDF_JOB, async (payload, ctx) => {
    const version = await render(ctx.tenantId, payload.kind === "prevention" ? "prevention" : "crisis");
    deps.logger.info({ tenantId: ctx.tenantId, version }, "conflict plan pdf rendered");
  });

  return {
    renderPlanPdf: render,

    /** Which version's PDF is there (for the plan's view; not a read of the plan itself). */
    async planPdfMeta(tenantId: string, planId: string) {
      const r = await planRepo.pdfMeta(db, tenantId, planId);
      return r ? { version: r.version, createdAt: r.createdAt.toISOString() } : null;
    },

    /** The PDF of a plan's current version (or the last one rendered); an audited read. */
    async planPdf(
      principal: Principal,
      kind: PlanKind,
      requestId?: string,
    ): Promise<{ pdf: Buffer; version: number }> {
      authorize(principal, "conflicts.plans_view");
      const plan = await planRepo.byKind(db, principal.tenantId, kind);
      const r = plan && (await planRepo.pdf(db, principal.tenantId, plan.id));
      if (!plan || !r) throw AppError.notFound();
      await deps.audit.recordRead(principal, `conflict_${kind}_plan`, plan.id, {
        requestId: requestId ?? null,
        exposed: { pdf: [String(r.version)] },
      });
      return { pdf: Buffer.from(r.pdf), version: r.version };
    },
  };
}
