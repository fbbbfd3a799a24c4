/**
 * Pure parts of the CSV/XLSX import: the readable opening-hours format ("Mo-Do 16:00-19:00;
 * Fr 9-12") and yes/no and decimal cells. Text decoding and CSV parsing live in
 * `src/server/tabular.ts` (shared with the monitoring import) and are re-exported here.
 */
import type { OpeningHours, TimeSlot } from "./schema.ts";

// The file reading (decoding, delimiter detection, CSV) is shared with the monitoring import.
export { decodeText, detectDelimiter, parseCsv } from "../../server/tabular.ts";

const DAYS: Record<string, number> = {
  mo: 1,
  montag: 1,
  mon: 1,
  monday: 1,
  di: 2,
  dienstag: 2,
  tu: 2,
  tue: 2,
  tuesday: 2,
  mi: 3,
  mittwoch: 3,
  we: 3,
  wed: 3,
  wednesday: 3,
  do: 4,
  donnerstag: 4,
  th: 4,
  thu: 4,
  thursday: 4,
  fr: 5,
  freitag: 5,
  fri: 5,
  friday: 5,
  sa: 6,
  samstag: 6,
  sat: 6,
  saturday: 6,
  so: 7,
  sonntag: 7,
  su: 7,
  sun: 7,
  sunday: 7,
};

function time(s: string): string | null {
  const m = /^(\d{1,2})(?:[:.](\d{2}))?$/.exec(s.trim());
  if (!m) return null;
  const h = Number(m[1]);
  const min = Number(m[2] ?? "0");
  if (h > 24 || min > 59 || (h === 24 && min !== 0)) return null;
  return `${String(h).padStart(2, "0")}:${String(min).padStart(2, "0")}`;
}

export type HoursParse =
  | { ok: true; hours: OpeningHours | null }
  | { ok: false; code: "hours_format"; part: string };

/**
 * Parses readable weekly hours: groups separated by ";" (or line breaks), each "days times".
 * Days: "Mo", "Mo-Do", "Mo, Mi", "Mo-Mi, Fr" (German or English abbreviations or names).
 * Times: "16:00-19:00", "9-12", "8.45–13 Uhr", several joined by "," or "und"/"and".
 * "nach Vereinbarung" / "by appointment" after the times marks those days appointment-only.
 * Empty text → null (no hours). Validation of order and overlaps is validateOpeningHours()'s.
 */
export function parseHoursText(input: string): HoursParse {
  const text = input.replace(/[–—]/g, "-").trim();
  if (!text) return { ok: true, hours: null };
  const weekly: OpeningHours["weekly"] = {};
  const appointment = new Set<string>();
  for (const rawPart of text.split(/[;\n]+/)) {
    const part = rawPart.trim();
    if (!part) continue;
    const fail = { ok: false as const, code: "hours_format" as const, part };
    const m = /^([A-Za-zÄÖÜäöü.,\s-]+?)\s+(\d.*)$/.exec(part);
    if (!m) return fail;
    let rest = m[2]!.trim();
    let byAppointment = false;
    const appt = /\(?\s*(nach vereinbarung|by appointment|termin nach vereinbarung)\s*\)?\s*$/i;
    if (appt.test(rest)) {
      byAppointment = true;
      rest = rest.replace(appt, "").trim();
    }
    rest = rest.replace(/\s*uhr\s*$/i, "");
    // Days.
    const days: number[] = [];
    for (const seg of m[1]!.split(/,|\bund\b|\band\b|\//i)) {
      const s = seg.trim().toLowerCase().replace(/\./g, "");
      if (!s) continue;
      const range = /^([a-zäöü]+)\s*-\s*([a-zäöü]+)$/.exec(s);
      if (range) {
        const a = DAYS[range[1]!];
        const b = DAYS[range[2]!];
        if (!a || !b || b < a) return fail;
        for (let d = a; d <= b; d++) days.push(d);
      } else {
        const d = DAYS[s];
        if (!d) return fail;
        days.push(d);
      }
    }
    if (days.length === 0) return fail;
    // Times.
    const slots: TimeSlot[] = [];
    for (const seg of rest.split(/,|\bund\b|\band\b/i)) {
      const s = seg.trim().replace(/\s*uhr$/i, "");
      if (!s) continue;
      const t = /^(\d{1,2}(?:[:.]\d{2})?)\s*-\s*(\d{1,2}(?:[:.]\d{2})?)$/.exec(s);
      if (!t) return fail;
      const opens = time(t[1]!);
      const closes = time(t[2]!);
      if (!opens || !closes || opens === "24:00") return fail;
      slots.push({ opens, closes });
    }
    if (slots.length === 0) return fail;
    for (const d of days) {
      const key = String(d) as "1";
      weekly[key] = [...(weekly[key] ?? []), ...slots];
      if (byAppointment) appointment.add(key);
    }
  }
  const hours: OpeningHours = { weekly };
  if (appointment.size)
    hours.appointmentOnlyDays = [...appointment].sort() as OpeningHours["appointmentOnlyDays"];
  return { ok: true, hours };
}

/** "ja"/"nein" (also yes/no, true/false, 1/0, x); empty → undefined; anything else → null. */
export function parseYesNo(s: string): boolean | undefined | null {
  const v = s.trim().toLowerCase();
  if (v === "") return undefined;
  if (["ja", "j", "yes", "y", "true", "wahr", "1", "x"].includes(v)) return true;
  if (["nein", "n", "no", "false", "falsch", "0"].includes(v)) return false;
  return null;
}

/** A decimal number with "." or "," as the decimal separator; empty → undefined; bad → null. */
export function parseDecimal(s: string): number | undefined | null {
  const v = s.trim().replace(",", ".");
  if (v === "") return undefined;
  if (!/^[-+]?\d+(\.\d+)?$/.test(v)) return null;
  return Number(v);
}
