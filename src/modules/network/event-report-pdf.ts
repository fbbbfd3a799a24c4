import type { Translate } from "#app/i18n/translator.ts";
import { openTaggedPdf } from "#app/server/pdf-document.ts";
import { ATTENDANCE_AGE_BANDS, ATTENDANCE_GENDERS, type EventReport } from "./participation.model.ts";

/**
 * The documentation of a participation event (issue 18 item 4, decision 101) as a tagged PDF
 * (PDF/UA-1) on the shared engine: attendance as counted, the contributions per state and source,
 * then each contribution with what became of it. In the reader's language; each contribution's
 * text carries the language it was written in (its own /Lang, right to left where it is).
 * Staff documentation: exact counts, as on the staff page (the public sees small cells only).
 */
export type EventReportPdfModel = {
  tenantName: string;
  report: EventReport;
  /** Where the event took place: a place's name or the online address. */
  where: string | null;
  /** Instant of the newest change, so the same state gives the same bytes. */
  savedAt: Date;
};

export async function renderEventReportPdf(
  m: EventReportPdfModel,
  t: Translate,
  lang: string,
): Promise<Buffer> {
  const r = m.report;
  const title = t("network.report_title", { title: r.event.title });
  const { doc, put, finish } = await openTaggedPdf({
    title,
    author: m.tenantName,
    lang,
    date: m.savedAt,
    sizes: { H2: 13 },
  });
  const when = new Intl.DateTimeFormat(lang === "fa" ? "fa-IR-u-nu-latn" : lang, {
    dateStyle: "long",
    timeStyle: "short",
    timeZone: "Europe/Berlin",
  }).format(new Date(r.event.startsAt));

  put(m.tenantName, "P", 4);
  put(title, "H1", 8);
  put([t(`network.format_${r.event.format}`), when, m.where].filter(Boolean).join(" · "), "P", 10);

  put(t("network.attendance"), "H2", 4);
  const a = r.attendance;
  if (!a) put(t("network.attendance_none"), "P", 6);
  else {
    put(`${t("network.attendance_total")}: ${a.total}`, "P", 2);
    for (const g of ATTENDANCE_GENDERS)
      if (a.byGender[g] !== undefined) put(`${t(`network.attendance_${g}`)}: ${a.byGender[g]}`, "P", 2);
    for (const b of ATTENDANCE_AGE_BANDS)
      if (a.byAge[b] !== undefined) put(`${t(`network.attendance_age_${b}`)}: ${a.byAge[b]}`, "P", 2);
    doc.y += 6;
  }

  put(t("network.report_contributions_caption"), "H2", 4);
  let staff = 0;
  let pub = 0;
  for (const c of r.contributions) {
    staff += c.staff;
    pub += c.public;
    put(
      `${t(`network.contribution_state_${c.state}`)}: ${t("network.report_source_staff")} ${c.staff}, ${t("network.report_source_public")} ${c.public}, ${t("network.attendance_total")} ${c.staff + c.public}`,
      "P",
      2,
    );
  }
  put(
    `${t("network.attendance_total")}: ${t("network.report_source_staff")} ${staff}, ${t("network.report_source_public")} ${pub}, ${t("network.attendance_total")} ${staff + pub}`,
    "P",
    10,
  );

  put(t("network.event_contributions"), "H2", 4);
  if (r.items.length === 0) put(t("network.contributions_none"), "P", 6);
  r.items.forEach((c, i) => {
    const state = t(`network.contribution_state_${c.state}`);
    put(`${i + 1}. ${state} · ${t(`network.contribution_source_${c.source}`)}`, "H3", 2);
    if (c.erasedAt) put(t("network.contribution_erased", { date: c.erasedAt.slice(0, 10) }), "P", 2);
    else put(c.text, "P", 2, c.language);
    if (c.reason) put(`${t("network.contribution_reason")}: ${c.reason}`, "P", 2);
    doc.y += 6;
  });
  return finish();
}
