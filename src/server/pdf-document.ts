import { createRequire } from "node:module";
import PDFDocument from "pdfkit";
import { rtlParagraph } from "./pdf-rtl.ts";

/**
 * One tagged PDF (PDF/UA-1) on pdfkit with the embedded DejaVu Sans, as the letters, plans,
 * agreements and orders of the modules share it: title shown, document language set, a
 * `Document` structure root, and `put` for one structure element per block (H1–H3, P), set right
 * to left for Arabic and Farsi through `pdf-rtl.ts`. A block in another language than the
 * document's carries its own /Lang. Deterministic: dated by the caller's instant.
 */
export const PDF_LANG_TAG: Readonly<Record<string, string>> = {
  de: "de-DE",
  en: "en",
  tr: "tr-TR",
  ru: "ru-RU",
  uk: "uk-UA",
  ar: "ar",
  fa: "fa-IR",
};
const RTL = new Set(["ar", "fa"]);
export const isRtlLanguage = (lang: string): boolean => RTL.has(lang);
export const pdfLangTag = (lang: string): string => PDF_LANG_TAG[lang] ?? "de-DE";

const require = createRequire(import.meta.url);
let fontCache: Promise<{ regular: Buffer; bold: Buffer }> | undefined;
/** DejaVu Sans regular and bold, read once per process. */
export function pdfFonts(): Promise<{ regular: Buffer; bold: Buffer }> {
  fontCache ??= (async () => {
    const { readFile } = await import("node:fs/promises");
    const read = (f: string) => readFile(require.resolve(`dejavu-fonts-ttf/ttf/${f}.ttf`));
    const [regular, bold] = await Promise.all([read("DejaVuSans"), read("DejaVuSans-Bold")]);
    return { regular, bold };
  })();
  return fontCache;
}

export const PDF_MARGIN = 56;
export type PdfBlock = "H1" | "H2" | "H3" | "P";
const SIZE: Record<PdfBlock, number> = { H1: 16, H2: 12, H3: 11, P: 10 };

export type TaggedPdfOptions = {
  title: string;
  author: string;
  subject?: string;
  /** The document's language (UI code, e.g. "ar"). */
  lang: string;
  /** Creation and modification date: the saved state's instant, so equal states give equal bytes. */
  date: Date;
  compress?: boolean;
  /** Font sizes per block type where a document differs from the default. */
  sizes?: Partial<Record<PdfBlock, number>>;
};

export type TaggedPdf = {
  doc: PDFKit.PDFDocument;
  root: PDFKit.PDFStructureElement;
  /** The text width between the margins. */
  width: number;
  /** One block as one structure element; `lang` only where it differs from the document's. */
  put(text: string, type: PdfBlock, gap?: number, lang?: string): void;
  /** Closes the structure tree and the document; resolves to the bytes. */
  finish(): Promise<Buffer>;
};

export async function openTaggedPdf(o: TaggedPdfOptions): Promise<TaggedPdf> {
  const f = await pdfFonts();
  const doc = new PDFDocument({
    size: "A4",
    margin: PDF_MARGIN,
    compress: o.compress ?? true,
    lang: pdfLangTag(o.lang),
    displayTitle: true,
    pdfVersion: "1.7",
    tagged: true,
    // pdfkit supports PDF/UA; its type definitions list only PDF/A.
    subset: "PDF/UA" as unknown as "PDF/A-1",
    info: {
      Title: o.title,
      Author: o.author,
      ...(o.subject ? { Subject: o.subject } : {}),
      Creator: "Lotse",
      Producer: "Lotse (pdfkit)",
      CreationDate: o.date,
      ModDate: o.date,
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
  const width = doc.page.width - 2 * PDF_MARGIN;
  const sizes = { ...SIZE, ...o.sizes };
  const put = (text: string, type: PdfBlock, gap = 6, lang = o.lang) => {
    doc
      .font(type === "P" ? "R" : "B")
      .fontSize(sizes[type])
      .fillColor("#1a1a1a");
    const options = lang === o.lang ? {} : { lang: pdfLangTag(lang) };
    root.add(
      doc.struct(type, options, () => {
        // Right to left: the paragraph's lines are drawn run by run, right-aligned.
        if (RTL.has(lang)) rtlParagraph(doc, text, PDF_MARGIN, PDF_MARGIN + width);
        else doc.text(text, PDF_MARGIN, doc.y, { width });
      }),
    );
    doc.y += gap;
  };
  const finish = () => {
    root.end();
    doc.end();
    return done;
  };
  return { doc, root, width, put, finish };
}
