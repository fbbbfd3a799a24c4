import { catalogs } from "../../i18n/catalogs.server.ts";
import { isLanguage, type Language, SOURCE_LANGUAGE } from "../../i18n/languages.ts";
import { createTranslator } from "../../i18n/translator.ts";
import type { DbOrTx } from "../../server/db/client.ts";
import { AppError } from "../../server/errors.ts";
import { authorize } from "../../server/policy/policy.ts";
import type { Principal } from "../../server/policy/roles.ts";
import type { FundingDeps } from "./deps.ts";
import { letterLanguageOf, renderLetterPdf } from "./letter-pdf.ts";
import { computeEligibility, DECIDED, type DecisionOutcome } from "./model.ts";
import { proofDueDate } from "./proof-model.ts";
import { fundingRepo } from "./repo.ts";

/**
 * The decision letter: rendered in a job after the decision (German, plus the applicant's
 * language as a courtesy where the PDF can set it), stored, and downloadable by staff (an
 * audited read) and by the applicant through their status link.
 */
export const LETTER_JOB = "funding.letter";

export function translatorFor(lang: string) {
  const l: Language = isLanguage(lang) ? lang : SOURCE_LANGUAGE;
  const all = catalogs();
  return createTranslator(l, all.get(l) ?? {}, all.get(SOURCE_LANGUAGE));
}

/** Queues the letter inside the decision's transaction: it exists only if the decision commits. */
export function enqueueLetter(deps: FundingDeps, tx: DbOrTx, tenantId: string, applicationId: string) {
  return deps.jobs.enqueue(
    LETTER_JOB,
    { applicationId },
    { tenantId, maxAttempts: 3, dedupeKey: `letter-${applicationId}-${deps.clock.now().toISOString()}` },
    tx,
  );
}

export function createLetters(deps: FundingDeps) {
  const { db } = deps;

  async function render(tenantId: string, applicationId: string): Promise<string[]> {
    const a = await fundingRepo.application(db, tenantId, applicationId);
    // Erased or deleted since the decision, or not decided: nothing to write.
    if (!a || a.erasedAt || !DECIDED.includes(a.status) || !a.decidedAt) return [];
    const call = await fundingRepo.call(db, tenantId, a.callId);
    if (!call) return [];
    const tenant = await deps.tenants.byId(tenantId);
    const model = {
      tenantName: tenant?.name ?? "",
      callTitle: call.title,
      reference: a.id.slice(-8).toUpperCase(),
      decidedAt: a.decidedAt,
      submittedAt: a.submittedAt,
      organizationName: a.organizationName,
      contactName: a.contactName,
      title: a.title,
      outcome: a.status as DecisionOutcome,
      requestedCents: a.requestedCents,
      grantedCents: a.grantedCents ?? 0,
      reason: a.decisionReason ?? "",
      lines: computeEligibility(a.budget, call.costRules, call.projectCapCents, null).lines,
      proofDue: proofDueDate(a.year, call.proofMonths),
    };
    const langs = ["de", ...[letterLanguageOf(a.lang)].filter((l): l is string => l !== null)];
    for (const lang of langs) {
      const pdf = await renderLetterPdf(model, translatorFor(lang), lang);
      await fundingRepo.upsertLetter(db, { tenantId, applicationId, lang, pdf, createdAt: deps.clock.now() });
    }
    return langs;
  }

  deps.jobs.register(LETTER_JOB, async (payload, ctx) => {
    const langs = await render(ctx.tenantId, String(payload.applicationId));
    deps.logger.info({ tenantId: ctx.tenantId, letters: langs.length }, "funding letter rendered");
  });

  return {
    render,
    /** Staff: the letter of an application in `lang`; an audited read (it names the contact). */
    async letter(principal: Principal, id: string, lang: string, requestId?: string): Promise<Buffer> {
      authorize(principal, "funding.read");
      const r = await fundingRepo.letter(db, principal.tenantId, id, lang);
      if (!r) throw AppError.notFound();
      await deps.audit.recordRead(principal, "funding_application", id, {
        requestId: requestId ?? null,
        exposed: { letter: [lang] },
      });
      return Buffer.from(r.pdf);
    },
    /** The languages a letter exists in (German first); empty until the job ran. */
    async letterLangs(tenantId: string, id: string): Promise<string[]> {
      const langs = await fundingRepo.letterLangs(db, tenantId, id);
      return langs.sort((x, y) => (x === "de" ? -1 : y === "de" ? 1 : x.localeCompare(y)));
    },
  };
}
