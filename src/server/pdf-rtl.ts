import bidiFactory from "bidi-js";

/**
 * Right-to-left lines for pdfkit (decision 075). pdfkit shapes Arabic through fontkit (GSUB
 * joining forms) and reverses a right-to-left run itself, but lays out a line as one run: a
 * number or a Latin name inside Arabic text lands on the wrong side. This helper applies the
 * Unicode bidirectional algorithm (bidi-js, UAX #9) to one line: it splits the line into runs of
 * one embedding level, in logical order within each run (so fontkit still shapes, mirrors and
 * reverses the Arabic runs), and orders the runs visually, left to right. Lines are broken in
 * logical order before (`wrapLogical`).
 */
const bidi = bidiFactory();
const ARABIC_SPAN = /[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff]+/g;
const BIDI_CONTROLS = /[\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

export type VisualRun = { text: string; rtl: boolean };

/**
 * One logical line → its runs in visual order (left to right). The base direction comes from the
 * line's first strong character (UAX #9 P2), so a German reason inside an Arabic letter keeps
 * its full stop on the right; `direction` forces it.
 */
export function visualRuns(line: string, direction?: "rtl" | "ltr"): VisualRun[] {
  if (line === "") return [];
  const { levels } = bidi.getEmbeddingLevels(line, direction);
  const chars = [...line].length === line.length ? line.split("") : null;
  if (!chars) throw new Error("visualRuns: surrogate pairs are not expected in letter text");
  const runs: { text: string; level: number }[] = [];
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i]!;
    const level = levels[i]!;
    const last = runs.at(-1);
    if (last && last.level === level) last.text += ch;
    else runs.push({ text: ch, level });
  }
  // UAX #9 L2 on runs: from the highest level down to the lowest odd one, reverse every
  // maximal sequence of runs at that level or higher.
  const max = Math.max(...runs.map((r) => r.level));
  const minOdd = Math.min(...runs.map((r) => r.level).filter((l) => l % 2 === 1), max + 1);
  for (let level = max; level >= minOdd; level--) {
    for (let i = 0; i < runs.length; ) {
      if (runs[i]!.level < level) {
        i++;
        continue;
      }
      let j = i;
      while (j < runs.length && runs[j]!.level >= level) j++;
      runs.splice(i, j - i, ...runs.slice(i, j).reverse());
      i = j;
    }
  }
  // fontkit reverses what it takes for Arabic script: Arabic-Indic digits ("۱۴۰۵") inside a
  // left-to-right run would come out backwards, so each such span is handed over reversed.
  // Directional marks and isolates (LRM, LRI … PDI around a phone number) have done their work
  // in the levels; the font has no glyph for them, so they are not drawn.
  return runs.flatMap((r) => {
    const rtl = r.level % 2 === 1;
    const text = r.text.replace(BIDI_CONTROLS, "");
    if (text === "") return [];
    return [{ text: rtl ? text : text.replace(ARABIC_SPAN, (m) => [...m].reverse().join("")), rtl }];
  });
}

/** Breaks a paragraph into lines no wider than `width`, in logical order (words kept whole). */
export function wrapLogical(text: string, width: number, measure: (s: string) => number): string[] {
  const lines: string[] = [];
  for (const para of text.split("\n")) {
    let line = "";
    for (const word of para.split(/\s+/).filter(Boolean)) {
      const next = line ? `${line} ${word}` : word;
      if (line && measure(next) > width) {
        lines.push(line);
        line = word;
      } else line = next;
    }
    lines.push(line);
  }
  return lines;
}

/**
 * pdfkit lays out text word by word (a cache) unless OpenType features are named; fontkit then
 * reverses each Arabic word but keeps the words in logical order. Naming a feature makes pdfkit
 * hand the whole run to fontkit, which shapes, mirrors and reverses it as one.
 */
const WHOLE_RUN = { features: ["kern"] };

/** What the helper needs from a pdfkit document (kept small so tests can pass a real one). */
type Doc = {
  widthOfString(s: string, o?: Record<string, unknown>): number;
  text(s: string, x: number, y: number, o?: Record<string, unknown>): unknown;
  currentLineHeight(includeGap?: boolean): number;
  addPage(): unknown;
  page: { height: number; margins: { bottom: number } };
  y: number;
};

/**
 * Writes a right-to-left paragraph, right-aligned between `left` and `right`: each line's runs
 * in visual order from the line's left edge. Returns the number of lines written.
 */
export function rtlParagraph(doc: Doc, text: string, left: number, right: number): number {
  const lines = wrapLogical(text, right - left, (s) => doc.widthOfString(s));
  for (const line of lines) {
    if (doc.y + doc.currentLineHeight(true) > doc.page.height - doc.page.margins.bottom) doc.addPage();
    const runs = visualRuns(line).map((r) => ({ ...r, o: r.rtl ? WHOLE_RUN : {} }));
    const width = runs.reduce((w, r) => w + doc.widthOfString(r.text, r.o), 0);
    let x = right - width;
    const y = doc.y;
    for (const r of runs) {
      doc.text(r.text, x, y, { lineBreak: false, ...r.o });
      x += doc.widthOfString(r.text, r.o);
    }
    doc.y = y + doc.currentLineHeight(true);
  }
  return lines.length;
}
