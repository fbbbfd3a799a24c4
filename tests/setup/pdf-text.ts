// Reads the text back out of a PDF written by pdfkit with embedded (Type0, Identity-H) fonts,
// so tests can check what a reader of the PDF sees. Not a general PDF parser: it knows the
// shapes pdfkit writes (indirect objects, Flate or plain streams, ToUnicode bfrange CMaps,
// hex strings in TJ arrays), which is all our PDFs contain.
import { inflateSync } from "node:zlib";

type PdfObject = { id: number; dict: string; stream: Buffer | null };

function objects(pdf: Buffer): Map<number, PdfObject> {
  const text = pdf.toString("latin1");
  const out = new Map<number, PdfObject>();
  const re = /(\d+) 0 obj\s*/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const id = Number(m[1]);
    const start = m.index + m[0].length;
    const end = text.indexOf("endobj", start);
    const body = text.slice(start, end);
    const s = body.indexOf("stream\n");
    if (s >= 0) {
      const dict = body.slice(0, s);
      const dataStart = start + s + "stream\n".length;
      const length = Number(/\/Length (\d+)/.exec(dict)?.[1] ?? 0);
      let data = pdf.subarray(dataStart, dataStart + length);
      if (/\/Filter \/FlateDecode/.test(dict)) data = inflateSync(data);
      out.set(id, { id, dict, stream: data });
    } else {
      out.set(id, { id, dict: body, stream: null });
    }
    re.lastIndex = end;
  }
  return out;
}

function cmapOf(stream: Buffer): Map<number, string> {
  const map = new Map<number, string>();
  const text = stream.toString("latin1");
  const re = /<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*\[([^\]]*)\]/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    let code = Number.parseInt(m[1]!, 16);
    for (const entry of m[3]!.match(/<[^>]*>/g) ?? []) {
      const units = entry
        .slice(1, -1)
        .trim()
        .split(/\s+/)
        .filter(Boolean)
        .map((h) => Number.parseInt(h, 16));
      map.set(code++, String.fromCharCode(...units));
    }
  }
  return map;
}

/** The PDF's pages as text, one string per page (runs of text joined by spaces/newlines). */
export function pdfPagesText(pdf: Buffer): string[] {
  const objs = objects(pdf);
  // Font resource name → ToUnicode map, via the Type0 font objects pdfkit writes.
  const fontMaps = new Map<number, Map<number, string>>();
  for (const o of objs.values()) {
    const ref = /\/Type \/Font[\s\S]*\/ToUnicode (\d+) 0 R/.exec(o.dict);
    const cmap = ref ? objs.get(Number(ref[1])) : undefined;
    if (cmap?.stream) fontMaps.set(o.id, cmapOf(cmap.stream));
  }
  const pages: string[] = [];
  for (const o of objs.values()) {
    if (!/\/Type \/Page\b/.test(o.dict)) continue;
    const contents = /\/Contents (\d+) 0 R/.exec(o.dict);
    const content = contents ? objs.get(Number(contents[1]))?.stream : null;
    if (!content) continue;
    const names = new Map<string, Map<number, string>>();
    // Resources may be inline or a reference.
    let res = o.dict;
    const resRef = /\/Resources (\d+) 0 R/.exec(o.dict);
    if (resRef) res = objs.get(Number(resRef[1]))?.dict ?? "";
    const fontDict = /\/Font\s*<<([\s\S]*?)>>/.exec(res)?.[1] ?? "";
    for (const m of fontDict.matchAll(/\/(\w+) (\d+) 0 R/g)) {
      const map = fontMaps.get(Number(m[2]));
      if (map) names.set(m[1]!, map);
    }
    let current: Map<number, string> | undefined;
    const parts: string[] = [];
    const ops = content.toString("latin1");
    const re = /\/(\w+) [\d.]+ Tf|\[((?:<[0-9a-fA-F]*>|\s|-?[\d.]+)*)\] TJ|<([0-9a-fA-F]*)> Tj|\bET\b/g;
    for (let m = re.exec(ops); m; m = re.exec(ops)) {
      if (m[1]) current = names.get(m[1]);
      else if (m[0] === "ET") parts.push("\n");
      else {
        const hexes = m[2] !== undefined ? (m[2].match(/<[0-9a-fA-F]*>|-?[\d.]+/g) ?? []) : [`<${m[3]}>`];
        for (const h of hexes) {
          if (!h.startsWith("<")) {
            // A large negative kerning inside TJ is a word space.
            if (Number(h) < -200) parts.push(" ");
            continue;
          }
          const hex = h.slice(1, -1);
          for (let i = 0; i + 4 <= hex.length; i += 4) {
            const code = Number.parseInt(hex.slice(i, i + 4), 16);
            parts.push(current?.get(code) ?? "");
          }
        }
      }
    }
    pages.push(parts.join(""));
  }
  return pages;
}

/** All text of the PDF. */
export function pdfText(pdf: Buffer): string {
  return pdfPagesText(pdf).join("\n");
}

/** Number of pages (from the page tree). */
export function pdfPageCount(pdf: Buffer): number {
  const m = /\/Type \/Pages[\s\S]*?\/Count (\d+)/.exec(pdf.toString("latin1"));
  return m ? Number(m[1]) : 0;
}
