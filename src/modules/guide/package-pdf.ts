import { createRequire } from "node:module";
import PDFDocument from "pdfkit";
import QRCode from "qrcode";
import { rtlParagraph } from "#app/server/pdf-rtl.ts";
import type { PackageLanguage } from "./model.ts";

/**
 * The welcome package (Willkommenspaket, issue 23 item 5) as a tagged PDF (PDF/UA-1): the engine
 * of the monitoring report and the funding letter (pdfkit, embedded DejaVu Sans), every text in
 * the structure tree (H1, H2, P, L/LI), each page's QR code a Figure with alt text leading to
 * the page online. Pure and structured-clone friendly (labels come translated), so it runs on a
 * worker thread (server/offload). Arabic and Farsi lines are set right to left through
 * `server/pdf-rtl.ts` (decision 075), each paragraph still one structure element.
 */
const LANG_TAG: Record<PackageLanguage, string> = {
  de: "de-DE",
  "de-simple": "de-DE",
  en: "en",
  ar: "ar",
  fa: "fa-IR",
  tr: "tr-TR",
  ru: "ru-RU",
  uk: "uk-UA",
};

/** A block of a page's text: a heading, a paragraph or a list (from the sanitised rich text). */
export type Block =
  | { kind: "h"; text: string }
  | { kind: "p"; text: string }
  | { kind: "ul"; items: string[] };

export type PackageModel = {
  lang: PackageLanguage;
  tenantName: string;
  title: string;
  /** The date line, already formatted. */
  dateLine: string;
  labels: { contents: string; online: string; qrAlt: string; fallback: string; offers: string };
  /** The guide online (QR on the title page). */
  guideUrl: string;
  pages: { title: string; url: string; isFallback: boolean; blocks: Block[] }[];
  /** Directory offers in the package (decision 082): title, lines already labelled, the offer online. */
  offers?: { title: string; lines: string[]; url: string }[];
};

const decode = (s: string) =>
  s
    .replace(/<br\s*\/?>/gi, "\n")
    .replace(/<[^>]*>/g, "")
    .replace(/&nbsp;/g, " ")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, "&")
    .replace(/[ \t]+/g, " ")
    .trim();

/** The blocks of sanitised rich text (p, h2–h4, ul/ol with li; anything else as a paragraph). */
export function blocksOf(html: string): Block[] {
  const out: Block[] = [];
  const re = /<(h[2-4]|p|ul|ol)\b[^>]*>([\s\S]*?)<\/\1>/gi;
  let last = 0;
  const loose = (s: string) => {
    const t = decode(s);
    if (t) out.push({ kind: "p", text: t });
  };
  for (let m = re.exec(html); m; m = re.exec(html)) {
    loose(html.slice(last, m.index));
    last = m.index + m[0].length;
    const tag = m[1]!.toLowerCase();
    if (tag === "ul" || tag === "ol") {
      const items = [...m[2]!.matchAll(/<li\b[^>]*>([\s\S]*?)<\/li>/gi)]
        .map((li) => decode(li[1]!))
        .filter(Boolean);
      if (items.length) out.push({ kind: "ul", items });
    } else {
      const text = decode(m[2]!);
      if (text) out.push({ kind: tag === "p" ? "p" : "h", text });
    }
  }
  loose(html.slice(last));
  return out;
}

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
const RTL = new Set<PackageLanguage>(["ar", "fa"]);
/** Characters outside the Basic Multilingual Plane (emoji): DejaVu has no glyph, the bidi pass no room. */
const ASTRAL = /[\u{10000}-\u{10FFFF}]/gu;
const QR_SIZE = 72;

export async function renderPackagePdf(
  m: PackageModel,
  opts: { compress?: boolean } = {},
): Promise<Uint8Array> {
  const f = await fonts();
  const offers = m.offers ?? [];
  const doc = new PDFDocument({
    size: "A4",
    margin: MARGIN,
    compress: opts.compress ?? true,
    lang: LANG_TAG[m.lang],
    displayTitle: true,
    pdfVersion: "1.7",
    tagged: true,
    // pdfkit supports PDF/UA; its type definitions list only PDF/A.
    subset: "PDF/UA" as unknown as "PDF/A-1",
    info: { Title: m.title, Author: m.tenantName, Creator: "Lotse", Producer: "Lotse (pdfkit)" },
  });
  doc.registerFont("R", f.regular);
  doc.registerFont("B", f.bold);
  const chunks: Buffer[] = [];
  doc.on("data", (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });
  const qrs = await Promise.all(
    [m.guideUrl, ...m.pages.map((p) => p.url), ...offers.map((o) => o.url)].map((u) =>
      QRCode.toBuffer(u, { type: "png", errorCorrectionLevel: "M", margin: 1, width: 240 }),
    ),
  );

  const root = doc.struct("Document");
  doc.addStructure(root);
  const width = doc.page.width - 2 * MARGIN;
  const rtl = RTL.has(m.lang);
  /** One right-to-left paragraph as one structure element, its lines drawn run by run. */
  const putRtl = (text: string, type: string, parent: PDFKit.PDFStructureElement) => {
    parent.add(
      doc.struct(type, {}, () => {
        rtlParagraph(doc, text.replace(ASTRAL, ""), MARGIN, MARGIN + width);
      }),
    );
  };
  const put = (text: string, type: "H1" | "H2" | "H3" | "P", gap = 6, parent = root) => {
    doc
      .font(type === "P" ? "R" : "B")
      .fontSize(type === "H1" ? 18 : type === "H2" ? 14 : type === "H3" ? 11 : 10)
      .fillColor("#1a1a1a");
    if (rtl) {
      putRtl(text, type, parent);
      doc.y += gap;
      return;
    }
    doc.text(text, MARGIN, doc.y, {
      width,
      structParent: parent,
      structType: type,
    } as PDFKit.Mixins.TextOptions);
    doc.y += gap;
  };
  const figure = (png: Buffer, alt: string) => {
    if (doc.y + QR_SIZE > doc.page.height - MARGIN) doc.addPage();
    const y = doc.y;
    // The code sits where a reader starts: on the right in a right-to-left package.
    const x = rtl ? MARGIN + width - QR_SIZE : MARGIN;
    const fig = doc.struct("Figure", { alt }, () => {
      doc.image(png, x, y, { width: QR_SIZE, height: QR_SIZE });
    });
    root.add(fig);
    doc.y = y + QR_SIZE + 6;
  };

  put(m.tenantName, "P", 2);
  put(m.title, "H1", 6);
  put(m.dateLine, "P", 12);
  put(m.labels.online, "P", 4);
  put(m.guideUrl, "P", 4);
  figure(qrs[0]!, m.labels.qrAlt.replace("{url}", m.guideUrl));
  put(m.labels.contents, "H2", 4);
  const list = doc.struct("L");
  root.add(list);
  for (const p of [...m.pages, ...(offers.length ? [{ title: m.labels.offers }] : [])]) {
    const li = doc.struct("LI");
    list.add(li);
    doc.font("R").fontSize(10);
    if (rtl) putRtl(`• ${p.title}`, "LBody", li);
    else
      doc.text(`• ${p.title}`, MARGIN, doc.y, {
        width,
        structParent: li,
        structType: "LBody",
      } as PDFKit.Mixins.TextOptions);
    li.end();
  }
  list.end();

  m.pages.forEach((p, i) => {
    doc.addPage();
    put(p.title, "H2", 6);
    if (p.isFallback) put(m.labels.fallback, "P", 8);
    for (const b of p.blocks) {
      if (b.kind === "h") put(b.text, "H3", 4);
      else if (b.kind === "p") put(b.text, "P", 6);
      else for (const item of b.items) put(`• ${item}`, "P", 2);
    }
    doc.y += 8;
    put(`${m.labels.online} ${p.url}`, "P", 4);
    figure(qrs[i + 1]!, m.labels.qrAlt.replace("{url}", p.url));
  });
  if (offers.length) {
    doc.addPage();
    put(m.labels.offers, "H2", 8);
    offers.forEach((o, i) => {
      if (doc.y + 120 > doc.page.height - MARGIN) doc.addPage();
      put(o.title, "H3", 4);
      for (const line of o.lines) put(line, "P", 2);
      doc.y += 4;
      put(`${m.labels.online} ${o.url}`, "P", 4);
      figure(qrs[1 + m.pages.length + i]!, m.labels.qrAlt.replace("{url}", o.url));
    });
  }
  root.end();
  doc.end();
  return new Uint8Array(await done);
}
