import type { Translate } from "#app/i18n/translator.ts";
import { openTaggedPdf } from "#app/server/pdf-document.ts";
import type { AgreementKind, AgreementState, CommitmentStatus } from "./agreements.model.ts";

/**
 * A cooperation agreement or declaration as a tagged PDF (PDF/UA-1, decision 085) on the shared
 * engine (`server/pdf-document.ts`), in German (agreements are written in German). Dated by the
 * agreement's last change, so the same state gives the same bytes.
 */
export type AgreementPdfModel = {
  tenantName: string;
  kind: AgreementKind;
  title: string;
  subject: string;
  text: string;
  state: AgreementState;
  version: number;
  savedAt: Date;
  startDate: string | null;
  reviewDate: string | null;
  parties: string[];
  commitments: {
    party: string;
    text: string;
    owner: string;
    dueDate: string | null;
    status: CommitmentStatus;
  }[];
  signatories: {
    organization: string | null;
    name: string | null;
    function: string | null;
    signedOn: string;
  }[];
};

const day = (d: string) =>
  new Intl.DateTimeFormat("de-DE", { dateStyle: "long", timeZone: "UTC" }).format(new Date(`${d}T12:00:00Z`));

export async function renderAgreementPdf(m: AgreementPdfModel, t: Translate): Promise<Buffer> {
  const title = `${t(`network.agreement_kind_${m.kind}`)}: ${m.title}`;
  // German: agreements are written in German.
  const { doc, put, finish } = await openTaggedPdf({
    title,
    author: m.tenantName,
    lang: "de",
    date: m.savedAt,
    sizes: { H2: 13 },
  });

  put(m.tenantName, "P", 4);
  put(title, "H1", 8);
  const meta = [
    `${t("network.agreement_state")}: ${t(`network.agreement_state_${m.state}`)}`,
    m.startDate ? `${t("network.agreement_start")}: ${day(m.startDate)}` : null,
    m.reviewDate ? `${t("network.agreement_review")}: ${day(m.reviewDate)}` : null,
  ];
  put(meta.filter(Boolean).join(" · "), "P", 10);
  put(m.subject, "P", 10);
  if (m.parties.length) {
    put(t("network.agreement_parties_heading"), "H2", 4);
    for (const p of m.parties) put(`• ${p}`, "P", 2);
    doc.y += 6;
  }
  if (m.text) {
    put(t("network.agreement_text"), "H2", 4);
    for (const para of m.text.split(/\n\s*\n/)) put(para.trim(), "P", 6);
  }
  if (m.commitments.length) {
    put(t("network.commitments"), "H2", 4);
    for (const c of m.commitments) {
      const due = c.dueDate ? ` · ${t("network.commitment_due")}: ${day(c.dueDate)}` : "";
      put(
        `${c.party}: ${c.text} (${t("network.commitment_owner")}: ${c.owner}${due} · ${t(`network.commitment_status_${c.status}`)})`,
        "P",
        3,
      );
    }
    doc.y += 6;
  }
  put(t("network.signatories"), "H2", 4);
  if (m.signatories.length === 0) put(t("network.signatories_none"), "P", 3);
  for (const s of m.signatories) {
    const who = [s.organization, s.name, s.function].filter(Boolean).join(", ");
    put(`${who} — ${day(s.signedOn)}`, "P", 3);
  }
  return finish();
}
