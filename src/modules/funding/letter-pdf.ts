import type { Translate } from "#app/i18n/translator.ts";
import { openTaggedPdf, pdfLangTag } from "#app/server/pdf-document.ts";
import { centsToDecimal, type DecisionOutcome, formatMoney } from "./model.ts";

/**
 * The decision letter (Bescheid) as a tagged PDF (PDF/UA-1) on the shared engine
 * (`server/pdf-document.ts`; Arabic and Farsi right to left, decision 075). German is the binding
 * text; the applicant's language is a courtesy translation. Dated by the decision.
 */
export const LETTER_LANGUAGES = ["de", "en", "tr", "ru", "uk", "ar", "fa"] as const;
export const letterLanguageOf = (lang: string): string | null =>
  lang !== "de" && (LETTER_LANGUAGES as readonly string[]).includes(lang) ? lang : null;

export type LetterModel = {
  tenantName: string;
  callTitle: string;
  reference: string;
  decidedAt: Date;
  submittedAt: Date | null;
  organizationName: string;
  contactName: string;
  title: string;
  outcome: DecisionOutcome;
  requestedCents: number;
  grantedCents: number;
  reason: string;
  lines: { type: string; requestedCents: number; rateBp: number; eligibleCents: number }[];
  /** ISO date: the proof of use is due then. */
  proofDue: string;
};

export async function renderLetterPdf(
  m: LetterModel,
  t: Translate,
  lang: string,
  opts: { compress?: boolean } = {},
): Promise<Buffer> {
  const title = t(m.outcome === "refused" ? "funding.letter_title_refused" : "funding.letter_title_granted", {
    title: m.title,
  });
  const { doc, put, finish } = await openTaggedPdf({
    title,
    author: m.tenantName,
    subject: m.callTitle,
    lang,
    date: m.decidedAt,
    compress: opts.compress,
  });
  const money = (c: number) => formatMoney(c, lang);
  const date = (d: Date | string) =>
    new Intl.DateTimeFormat(pdfLangTag(lang), {
      dateStyle: "long",
      // The binding German letter counts in the Gregorian calendar; so does its translation.
      calendar: "gregory",
      timeZone: "Europe/Berlin",
    }).format(typeof d === "string" ? new Date(`${d}T12:00:00Z`) : d);

  put(m.tenantName, "P", 2);
  put(t("funding.letter_reference", { reference: m.reference, date: date(m.decidedAt) }), "P", 14);
  put([m.organizationName, m.contactName].filter(Boolean).join("\n"), "P", 18);
  put(title, "H1", 10);
  if (lang !== "de") put(t("funding.letter_courtesy"), "P", 10);
  const values = {
    call: m.callTitle,
    title: m.title,
    submitted: m.submittedAt ? date(m.submittedAt) : "",
    requested: money(m.requestedCents),
    granted: money(m.grantedCents),
  };
  put(t(`funding.letter_decision_${m.outcome}`, values), "P", 10);
  put(t("funding.letter_reasons"), "H2", 4);
  put(m.reason, "P", 10);
  if (m.outcome !== "refused") {
    put(t("funding.letter_budget"), "H2", 4);
    for (const l of m.lines) {
      put(
        t("funding.letter_budget_line", {
          type: t(`funding.cost_${l.type}`),
          cost: money(l.requestedCents),
          rate: centsToDecimal(l.rateBp).replace(/\.00$/, ""),
          eligible: money(l.eligibleCents),
        }),
        "P",
        2,
      );
    }
    doc.y += 8;
    put(t("funding.letter_payments"), "H2", 4);
    put(t("funding.letter_payments_text"), "P", 10);
    put(t("funding.letter_proof"), "H2", 4);
    put(t("funding.letter_proof_text", { due: date(m.proofDue) }), "P", 10);
  }
  put(t("funding.letter_remedy"), "H2", 4);
  put(t("funding.letter_remedy_text"), "P", 10);
  return finish();
}
