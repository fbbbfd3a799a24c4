import { catalogs } from "../../i18n/catalogs.server.ts";
import { isLanguage, type Language, SOURCE_LANGUAGE } from "../../i18n/languages.ts";
import { createTranslator } from "../../i18n/translator.ts";
import { randomToken, sha256Hex } from "../../server/crypto.ts";
import { AppError, type FieldError } from "../../server/errors.ts";
import { automaticMailFooter } from "../mail/service.ts";
import { callAccepts, callViewOf } from "./calls.ts";
import type { CallView, SaveDraft, StartApplication } from "./contracts.ts";
import type { FundingDeps } from "./deps.ts";
import { APPLICANT_LINK_DAYS, computeEligibility, type Eligibility, formatMoney } from "./model.ts";
import { checkClassification } from "./numbers.ts";
import { type ApplicationRow, fundingRepo } from "./repo.ts";

const TOKEN = /^[A-Za-z0-9_-]{30,100}$/;
const DAY_MS = 86_400_000;

export type ApplicantView = {
  id: string;
  status: ApplicationRow["status"];
  version: number;
  organizationName: string;
  contactName: string;
  title: string;
  summary: string;
  budget: ApplicationRow["budget"];
  year: number;
  call: CallView;
  eligibility: Eligibility;
  /** What is left of the year's pot now (informative; the decision checks it again). */
  potLeftCents: number;
  areaId: string | null;
  termIds: string[];
  submittedAt: string | null;
  /** Languages the decision letter exists in (empty until decided and rendered). */
  letters: string[];
};
export type LinkState =
  | { state: "open" | "submitted"; application: ApplicantView }
  | { state: "unknown" | "expired" };

function translatorFor(lang: string) {
  const l: Language = isLanguage(lang) ? lang : SOURCE_LANGUAGE;
  const all = catalogs();
  return createTranslator(l, all.get(l) ?? {}, all.get(SOURCE_LANGUAGE));
}

/**
 * The applicant's side (no account, no password): an e-mail link opens the draft, which is saved
 * as often as needed and submitted once. The link's SHA-256 is stored, never the link.
 */
export function createApplicantService(deps: FundingDeps) {
  const { db } = deps;
  const now = () => deps.clock.now();
  const today = () => now().toISOString().slice(0, 10);

  async function potLeft(tenantId: string, callId: string, year: number, budget: number) {
    const f = await fundingRepo.potFigures(db, tenantId, callId, year);
    return budget - f.committedCents;
  }

  async function view(row: ApplicationRow): Promise<ApplicantView> {
    const call = await fundingRepo.call(db, row.tenantId, row.callId);
    if (!call) throw AppError.notFound();
    const left = await potLeft(row.tenantId, call.id, row.year, call.budgetPerYearCents);
    return {
      id: row.id,
      status: row.status,
      version: row.version,
      organizationName: row.organizationName,
      contactName: row.contactName,
      title: row.title,
      summary: row.summary,
      budget: row.budget,
      year: row.year,
      call: callViewOf(call),
      eligibility: computeEligibility(row.budget, call.costRules, call.projectCapCents, left),
      potLeftCents: left,
      areaId: row.areaId,
      termIds: row.termIds,
      submittedAt: row.submittedAt?.toISOString() ?? null,
      letters: await fundingRepo.letterLangs(db, row.tenantId, row.id),
    };
  }

  async function open(tenantId: string, token: string): Promise<ApplicationRow> {
    const row = TOKEN.test(token) ? await fundingRepo.applicationByToken(db, sha256Hex(token)) : undefined;
    if (!row || row.tenantId !== tenantId) throw new AppError("invalid_token");
    if (!row.tokenExpiresAt || row.tokenExpiresAt <= now()) throw new AppError("invalid_token");
    return row;
  }

  return {
    /**
     * Starts a draft and mails its link. The answer never says more than "a link was sent" (no
     * probing which addresses applied). The call must be taking applications today. The link
     * goes only into the mail; the caller gets it back for the demo seed, never an API answer.
     */
    async start(tenantId: string, input: StartApplication): Promise<{ id: string; token: string }> {
      const call = await fundingRepo.call(db, tenantId, input.callId);
      if (!call || !callAccepts(call, today())) {
        throw AppError.validation([{ field: "callId", code: "funding_call_closed" }]);
      }
      const tenant = await deps.tenants.byId(tenantId);
      const token = randomToken(32);
      const year = Number(today().slice(0, 4));
      return db.transaction(async (tx) => {
        const row = await fundingRepo.insertApplication(tx, {
          tenantId,
          callId: call.id,
          year: Math.min(
            Math.max(year, Number(call.periodStart.slice(0, 4))),
            Number(call.periodEnd.slice(0, 4)),
          ),
          status: "draft",
          lang: input.lang,
          contactEmail: input.email,
          budget: [],
          tokenHash: sha256Hex(token),
          tokenExpiresAt: new Date(now().getTime() + APPLICANT_LINK_DAYS * DAY_MS),
        });
        await deps.audit.record(
          {
            actor: { kind: "system", tenantId },
            action: "create",
            entityType: "funding_application",
            entityId: row.id,
          },
          tx,
        );
        const t = translatorFor(input.lang);
        const link = `${deps.config.baseUrl}/${input.lang}/funding/apply/${token}`;
        await deps.mail.send(
          {
            tenantId,
            to: input.email,
            subject: t("funding.mail_link_subject", { call: call.title }),
            text:
              t("funding.mail_link_text", { call: call.title, link, days: APPLICANT_LINK_DAYS }) +
              automaticMailFooter(t, tenant?.name ?? ""),
          },
          { db: tx },
        );
        return { id: row.id, token };
      });
    },

    /** The draft behind a link, with its eligibility computed now. */
    async byLink(tenantId: string, token: string): Promise<LinkState> {
      let row: ApplicationRow;
      try {
        row = await open(tenantId, token);
      } catch {
        const known = TOKEN.test(token)
          ? await fundingRepo.applicationByToken(db, sha256Hex(token))
          : undefined;
        return { state: known && known.tenantId === tenantId ? "expired" : "unknown" };
      }
      return { state: row.status === "draft" ? "open" : "submitted", application: await view(row) };
    },

    async saveDraft(tenantId: string, token: string, input: SaveDraft): Promise<ApplicantView> {
      const row = await open(tenantId, token);
      if (row.status !== "draft")
        throw new AppError("conflict", { fields: [{ field: "_", code: "funding_already_submitted" }] });
      await checkClassification(deps, tenantId, input.areaId, input.termIds);
      const budget = input.budget
        .filter((l) => l.amount > 0 || l.description !== "")
        .map((l) => ({ type: l.type, amountCents: l.amount, description: l.description }));
      const after = await fundingRepo.updateApplication(
        db,
        tenantId,
        row.id,
        input.version,
        {
          organizationName: input.organizationName,
          contactName: input.contactName,
          title: input.title,
          summary: input.summary,
          areaId: input.areaId,
          termIds: input.termIds,
          budget,
          requestedCents: budget.reduce((s, l) => s + l.amountCents, 0),
        },
        now(),
      );
      if (!after) throw AppError.versionConflict(row.version);
      return view(after);
    },

    /** The decision letter through the status link (German or the courtesy translation). */
    async letter(tenantId: string, token: string, lang: string): Promise<Buffer> {
      const row = await open(tenantId, token);
      const r = await fundingRepo.letter(db, tenantId, row.id, lang);
      if (!r) throw AppError.notFound();
      return Buffer.from(r.pdf);
    },

    /** Files the application: complete or refused per field; a receipt mail in the applicant's language. */
    async submit(tenantId: string, token: string, version: number): Promise<ApplicantView> {
      const row = await open(tenantId, token);
      if (row.status !== "draft")
        throw new AppError("conflict", { fields: [{ field: "_", code: "funding_already_submitted" }] });
      const call = await fundingRepo.call(db, tenantId, row.callId);
      if (!call || !callAccepts(call, today())) {
        throw AppError.validation([{ field: "_", code: "funding_call_closed" }]);
      }
      const missing: FieldError[] = [];
      if (!row.organizationName) missing.push({ field: "organizationName", code: "required" });
      if (!row.contactName) missing.push({ field: "contactName", code: "required" });
      if (!row.title) missing.push({ field: "title", code: "required" });
      if (!row.summary) missing.push({ field: "summary", code: "required" });
      if (!row.budget.some((l) => l.amountCents > 0))
        missing.push({ field: "budget", code: "funding_budget_empty" });
      if (missing.length) throw AppError.validation(missing);
      // The eligible amount under the rules and the project cap; the pot is checked at decision.
      const e = computeEligibility(row.budget, call.costRules, call.projectCapCents, null);
      const tenant = await deps.tenants.byId(tenantId);
      return db.transaction(async (tx) => {
        const after = await fundingRepo.updateApplication(
          tx,
          tenantId,
          row.id,
          version,
          {
            status: "submitted",
            submittedAt: now(),
            eligibleCents: e.eligibleCents,
            requestedCents: e.requestedCents,
          },
          now(),
        );
        if (!after) throw AppError.versionConflict(row.version);
        await deps.audit.record(
          {
            actor: { kind: "system", tenantId },
            action: "submit",
            entityType: "funding_application",
            entityId: row.id,
          },
          tx,
        );
        const t = translatorFor(row.lang);
        const values = {
          call: call.title,
          title: after.title,
          requested: formatMoney(e.requestedCents, row.lang),
          eligible: formatMoney(e.eligibleCents, row.lang),
          reference: after.id.slice(-8).toUpperCase(),
        };
        await deps.mail.send(
          {
            tenantId,
            to: row.contactEmail,
            subject: t("funding.mail_receipt_subject", values),
            text: t("funding.mail_receipt_text", values) + automaticMailFooter(t, tenant?.name ?? ""),
          },
          { db: tx },
        );
        return view(after);
      });
    },
  };
}
