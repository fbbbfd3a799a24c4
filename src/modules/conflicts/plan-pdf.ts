import { LANGUAGES } from "#app/i18n/languages.ts";
import type { Translate } from "#app/i18n/translator.ts";
import { isRtlLanguage, openTaggedPdf, type PdfBlock, pdfLangTag } from "#app/server/pdf-document.ts";
import { crisisTypeName } from "./model.ts";
import type { CrisisPlanInput, PreventionPlanInput } from "./plan-contracts.ts";

/**
 * The crisis plan and the prevention plan as tagged PDFs (PDF/UA-1, decision 080) on the shared
 * engine (`server/pdf-document.ts`), in the plan's language; a statement template in another
 * language than the plan carries its own /Lang. Dated by the version's save time, so the same
 * version gives the same bytes.
 */
type Common = { tenantName: string; version: number; savedAt: Date; lang: string };
export type CrisisPdfModel = Common & { kind: "crisis"; plan: Omit<CrisisPlanInput, "version"> };
export type PreventionPdfModel = Common & {
  kind: "prevention";
  plan: Omit<PreventionPlanInput, "version">;
  /** Titles of linked goal-tree measures, by id. */
  measureTitles: ReadonlyMap<string, string>;
};
export type PlanPdfModel = CrisisPdfModel | PreventionPdfModel;

export async function renderPlanPdf(m: PlanPdfModel, t: Translate): Promise<Buffer> {
  const title = `${t(m.kind === "crisis" ? "conflicts.crisis_plan_title" : "conflicts.prevention_plan_title")}: ${m.plan.title}`;
  const { put, finish } = await openTaggedPdf({
    title,
    author: m.tenantName,
    lang: m.lang,
    date: m.savedAt,
    sizes: { H2: 13 },
  });
  const date = (d: Date | string) =>
    new Intl.DateTimeFormat(pdfLangTag(m.lang), {
      dateStyle: "long",
      calendar: "gregory",
      timeZone: "Europe/Berlin",
    }).format(typeof d === "string" ? new Date(`${d}T12:00:00Z`) : d);

  put(m.tenantName, "P", 4);
  put(title, "H1", 8);
  put(
    t("conflicts.plan_pdf_meta", {
      version: m.version,
      date: date(m.savedAt),
      review: date(m.plan.reviewOn),
    }),
    "P",
    12,
  );
  if (m.kind === "crisis") crisisBody(m, t, put);
  else preventionBody(m, t, put, date);
  return finish();
}

type Put = (text: string, type: PdfBlock, gap?: number, lang?: string) => void;

/**
 * A phone number or address kept left to right inside a right-to-left paragraph: isolated
 * (LRI … PDI), or the bidi algorithm would set its digit groups right to left.
 */
const isolate = (lang: string, s: string) => (isRtlLanguage(lang) ? `\u2066${s}\u2069` : s);

function crisisBody(m: CrisisPdfModel, t: Translate, put: Put) {
  const p = m.plan;
  const ltr = (s: string) => isolate(m.lang, s);
  if (p.purpose) put(p.purpose, "P", 10);
  put(`${t("conflicts.plan_escalate_minutes")}: ${p.escalateMinutes ?? 15}`, "P", 10);
  put(t("conflicts.plan_chain_caption"), "H2", 4);
  p.contacts.forEach((c, i) => {
    const parts = [
      `${i + 1}. ${c.role}: ${c.name}${c.organization ? ` (${c.organization})` : ""}`,
      c.phone ? `${t("conflicts.plan_phone")} ${ltr(c.phone)}` : null,
      c.email ? `${t("conflicts.plan_email")} ${ltr(c.email)}` : null,
      c.deputyName || c.deputyPhone
        ? `${t("conflicts.plan_deputy")}: ${[c.deputyName, c.deputyPhone && ltr(c.deputyPhone)].filter(Boolean).join(", ")}`
        : null,
    ];
    put(parts.filter(Boolean).join(" · "), "P", 3);
  });
  put(t("conflicts.plan_scenarios"), "H2", 4);
  for (const s of p.scenarios) {
    put(crisisTypeName(t, s.type), "H3", 3);
    for (const [j, step] of s.steps.entries()) put(`${j + 1}. ${step}`, "P", 2);
    for (const l of LANGUAGES) {
      const text = s.statements?.[l.code];
      if (!text) continue;
      put(t("conflicts.plan_pdf_statement", { language: l.name }), "P", 2);
      put(text, "P", 6, l.code);
    }
  }
}

function preventionBody(m: PreventionPdfModel, t: Translate, put: Put, date: (d: string) => string) {
  const p = m.plan;
  if (p.structure) {
    put(t("conflicts.plan_structure"), "H2", 4);
    put(p.structure, "P", 10);
  }
  put(t("conflicts.plan_measures_caption"), "H2", 4);
  for (const x of p.measures) {
    put(x.title, "H3", 3);
    if (x.description) put(x.description, "P", 2);
    put(`${t("conflicts.plan_responsible")}: ${x.responsible}`, "P", 2);
    const goal = x.measureId ? m.measureTitles.get(x.measureId) : undefined;
    if (goal) put(`${t("conflicts.plan_goal_measure")}: ${goal}`, "P", 2);
    if (x.reviewOn) put(`${t("conflicts.plan_review_on")}: ${date(x.reviewOn)}`, "P", 2);
  }
}
