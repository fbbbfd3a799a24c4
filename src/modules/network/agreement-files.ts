import { catalogs } from "../../i18n/catalogs.server.ts";
import { SOURCE_LANGUAGE } from "../../i18n/languages.ts";
import { createTranslator } from "../../i18n/translator.ts";
import type { DbOrTx } from "../../server/db/client.ts";
import { isUuid } from "../../server/db/ids.ts";
import { AppError } from "../../server/errors.ts";
import { authorize } from "../../server/policy/policy.ts";
import type { Principal } from "../../server/policy/roles.ts";
import { renderAgreementPdf } from "./agreement-pdf.ts";
import { agreementRepo } from "./agreements.repo.ts";
import type { NetworkContext } from "./shared.ts";

/** The job that renders an agreement's PDF after a change (decision 085). */
export const AGREEMENT_PDF_JOB = "network.agreement_pdf";

/**
 * Queued inside the change's transaction, so a PDF is made only of a committed state; `marker`
 * (the agreement's version, or the id of a new signature or commitment) keeps two changes from
 * collapsing into one pending job while another renders.
 */
export function enqueueAgreementPdf(
  ctx: NetworkContext,
  tx: DbOrTx,
  tenantId: string,
  agreementId: string,
  marker: string,
) {
  return ctx.deps.jobs.enqueue(
    AGREEMENT_PDF_JOB,
    { agreementId },
    { tenantId, maxAttempts: 3, dedupeKey: `agreement-pdf-${agreementId}-${marker}` },
    tx,
  );
}

/** The agreement as a tagged PDF: rendered in a job from the current state, downloaded by staff. */
export function createAgreementFiles(ctx: NetworkContext) {
  const { deps } = ctx;
  const { db } = deps;

  async function render(tenantId: string, agreementId: string): Promise<number | null> {
    const a = await agreementRepo.byId(db, tenantId, agreementId);
    if (!a) return null;
    const [signatories, commitments] = await Promise.all([
      agreementRepo.signatories(db, tenantId, [a.id]),
      agreementRepo.commitments(db, tenantId, a.id),
    ]);
    const orgIds = [
      ...a.parties,
      ...signatories.flatMap((s) => (s.organizationId ? [s.organizationId] : [])),
    ];
    const names = await deps.directory.organizationNames(tenantId, orgIds);
    const name = (id: string) => names.get(id) ?? "—";
    const all = catalogs();
    const t = createTranslator(SOURCE_LANGUAGE, all.get(SOURCE_LANGUAGE) ?? {});
    const pdf = await renderAgreementPdf(
      {
        tenantName: (await deps.tenants.byId(tenantId))?.name ?? "",
        kind: a.kind,
        title: a.title,
        subject: a.subject,
        text: a.text,
        state: a.state,
        version: a.version,
        savedAt: a.updatedAt,
        startDate: a.startDate,
        reviewDate: a.reviewDate,
        parties: a.parties.map(name),
        commitments: commitments.map((c) => ({ ...c, party: name(c.partyId) })),
        signatories: signatories.map((s) => ({
          organization: s.organizationId ? name(s.organizationId) : null,
          name: s.name,
          function: s.function,
          signedOn: s.signedOn,
        })),
      },
      t,
    );
    await agreementRepo.putPdf(db, {
      tenantId,
      agreementId: a.id,
      version: a.version,
      pdf,
      createdAt: deps.clock.now(),
    });
    return a.version;
  }

  deps.jobs.register(AGREEMENT_PDF_JOB, async (payload, job) => {
    const id = String(payload.agreementId ?? "");
    const version = isUuid(id) ? await render(job.tenantId, id) : null;
    deps.logger.info({ tenantId: job.tenantId, version }, "network agreement pdf rendered");
  });

  return {
    renderAgreementPdf: render,

    /** The last rendered PDF; an audited read, as the signatures name persons. */
    async agreementPdf(principal: Principal, id: string, requestId?: string) {
      authorize(principal, "network.read");
      if (!isUuid(id)) throw AppError.notFound();
      const r = await agreementRepo.pdf(db, principal.tenantId, id);
      if (!r) throw AppError.notFound();
      await deps.audit.recordRead(principal, "network_agreement", id, {
        requestId: requestId ?? null,
        exposed: { pdf: [String(r.version)] },
      });
      return { pdf: Buffer.from(r.pdf), version: r.version };
    },
  };
}
