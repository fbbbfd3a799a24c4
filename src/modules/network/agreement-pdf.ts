import { createRequire } from "node:module";
import PDFDocument from "pdfkit";
import type { Translate } from "#app/i18n/translator.ts";
import type { AgreementKind, AgreementState, CommitmentStatus } from "./agreements.model.ts";

/**
 * A cooperation agreement or declaration as a tagged PDF (PDF/UA-1, decision 085): the engine of
 * the monitoring report (pdfkit with the embedded DejaVu Sans), every text in the structure tree
 * (H1, H2, P), title shown, document language German (agreements are written in German).
 * Deterministic: dated by the agreement's last change, so the same state gives the same bytes.
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

const require = createRequire(import.meta.url);
let fontCache: { regular: Buffer; bold: Buffer } | null = null;
async function fonts() {
  if (!fontCache) {
    const { readFile } = await import("node:fs/promises");
    const read = (f: string) => readFile(require.resolve(`dejavu-fonts-ttf/ttf/${f}.ttf`));
    const [regular, bold] = await Promise.all([read("DejaVuSans"), read("DejaVuSans-Bold")]);
    fontCache = { regular, bold };
  }
  return fontCache;
}

const MARGIN = 56;
type Block = "H1" | "H2" | "P";
const SIZE: Record<Block, number> = { H1: 16, H2: 13, P: 10 };
const day = (d: string) =>
  new Intl.DateTimeFormat("de-DE", { dateStyle: "long", timeZone: "UTC" }).format(new Date(`${d}T12:00:00Z`));

export async function renderAgreementPdf(m: AgreementPdfModel, t: Translate): Promise<Buffer> {
  const f = await fonts();
  const title = `${t(`network.agreement_kind_${m.kind}`)}: ${m.title}`;
  const doc = new PDFDocument({
    size: "A4",
    margin: MARGIN,
    lang: "de-DE",
    displayTitle: true,
    pdfVersion: "1.7",
    tagged: true,
    // pdfkit supports PDF/UA; its type definitions list only PDF/A.
    subset: "PDF/UA" as unknown as "PDF/A-1",
    info: {
      Title: title,
      Author: m.tenantName,
      Creator: "Lotse",
      Producer: "Lotse (pdfkit)",
      CreationDate: m.savedAt,
      ModDate: m.savedAt,
    },
  });
  doc.registerFont("R", f.regular);
  doc.registerFont("B", f.bold);
  const chunks: Buffer[] = [];
  doc.on("data", (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });
  const root = doc.struct("Document");
  doc.addStructure(root);
  const width = doc.page.width - 2 * MARGIN;
  const put = (text: string, type: Block, gap = 6) => {
    doc
      .font(type === "P" ? "R" : "B")
      .fontSize(SIZE[type])
      .fillColor("#1a1a1a");
    root.add(
      doc.struct(type, {}, () => {
        doc.text(text, MARGIN, doc.y, { width });
      }),
    );
    doc.y += gap;
  };

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
  root.end();
  doc.end();
  return done;
}
