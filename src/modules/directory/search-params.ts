import { isUuid } from "../../server/db/ids.ts";
import type { AxisKind } from "../framework/model.ts";

/**
 * The offer search's URL parameters (one shareable URL per search state): parsing, and back to
 * a query string. Pure, so pages and the map island can use it in the browser too.
 */

/** Query parameters of the offer search (one shareable URL per state). */
export type OfferSearchParams = {
  q: string;
  category: string[];
  field: string[];
  phase: string[];
  target: string[];
  /** Languages spoken (BCP 47 primary tags). Query parameter `spoken`. */
  spoken: string[];
  free: boolean;
  childcare: boolean;
  open: boolean;
  /** "lon,lat" or a postcode or address text. */
  near: string;
  /** km; null: the default. */
  radius: number | null;
  /** Area code; includes its sub-areas. */
  district: string;
  /** Only offers at this place (from the map). */
  place: string;
  page: number;
};

/** Framework axis of each term filter. */
export const TERM_FILTERS = {
  category: "offer_category",
  field: "field_of_action",
  phase: "life_phase",
  target: "target_group",
} as const satisfies Record<string, AxisKind>;
export type TermFilter = keyof typeof TERM_FILTERS;
export const TERM_FILTER_NAMES = Object.keys(TERM_FILTERS) as TermFilter[];

/**
 * Something in the URL the search did not understand; the page shows it as a notice (never an
 * error). `code` names a message `offers.notice_<code>`.
 */
export type SearchNotice = { code: string; param: string; value?: string };

export const PAGE_SIZE = 20;
export const DEFAULT_RADIUS_KM = 5;
export const MAX_RADIUS_KM = 100;
export const MAX_PAGE = 500;
const MAX_Q = 200;
const MAX_VALUES = 20;
/** Candidates checked for "open now" (opening hours are evaluated in TypeScript). */
export const OPEN_NOW_CANDIDATES = 2000;

const TRUE_VALUES = new Set(["1", "true", "on", "yes"]);

function values(sp: URLSearchParams, name: string): string[] {
  const out: string[] = [];
  for (const raw of sp.getAll(name)) {
    for (const v of raw.split(",")) {
      const t = v.trim();
      if (t && !out.includes(t) && out.length < MAX_VALUES) out.push(t.slice(0, 100));
    }
  }
  return out;
}

function flag(sp: URLSearchParams, name: string, notices: SearchNotice[]): boolean {
  const v = sp.get(name);
  if (v === null || v === "" || v === "0" || v === "false") return false;
  if (TRUE_VALUES.has(v.toLowerCase())) return true;
  notices.push({ code: "invalid_value", param: name, value: v.slice(0, 100) });
  return false;
}

/** Reads the search parameters of a URL. Never throws: what is not understood becomes a notice. */
export function parseOfferSearch(sp: URLSearchParams): {
  params: OfferSearchParams;
  notices: SearchNotice[];
} {
  const notices: SearchNotice[] = [];
  const q = (sp.get("q") ?? "").trim().slice(0, MAX_Q);
  const openRaw = sp.get("open");
  let open = false;
  if (openRaw === "now" || openRaw === "1") open = true;
  else if (openRaw) notices.push({ code: "invalid_value", param: "open", value: openRaw.slice(0, 100) });
  let radius: number | null = null;
  const radiusRaw = sp.get("radius")?.trim();
  if (radiusRaw) {
    const n = Number(radiusRaw.replace(",", "."));
    if (Number.isFinite(n) && n > 0 && n <= MAX_RADIUS_KM) radius = n;
    else notices.push({ code: "invalid_radius", param: "radius", value: radiusRaw.slice(0, 100) });
  }
  let page = 1;
  const pageRaw = sp.get("page")?.trim();
  if (pageRaw) {
    const n = Number(pageRaw);
    if (Number.isInteger(n) && n >= 1 && n <= MAX_PAGE) page = n;
    else notices.push({ code: "invalid_value", param: "page", value: pageRaw.slice(0, 100) });
  }
  let place = (sp.get("place") ?? "").trim();
  if (place && !isUuid(place)) {
    notices.push({ code: "invalid_value", param: "place", value: place.slice(0, 100) });
    place = "";
  }
  return {
    params: {
      q,
      category: values(sp, "category"),
      field: values(sp, "field"),
      phase: values(sp, "phase"),
      target: values(sp, "target"),
      spoken: values(sp, "spoken"),
      free: flag(sp, "free", notices),
      childcare: flag(sp, "childcare", notices),
      open,
      near: (sp.get("near") ?? "").trim().slice(0, MAX_Q),
      radius,
      district: (sp.get("district") ?? "").trim().slice(0, 100),
      place,
      page,
    },
    notices,
  };
}

/** The URL query of a search state (the inverse of parseOfferSearch; defaults left out). */
export function offerSearchQuery(p: Partial<OfferSearchParams>): URLSearchParams {
  const sp = new URLSearchParams();
  if (p.q) sp.set("q", p.q);
  for (const name of [...TERM_FILTER_NAMES, "spoken"] as const)
    for (const v of p[name] ?? []) sp.append(name, v);
  if (p.free) sp.set("free", "1");
  if (p.childcare) sp.set("childcare", "1");
  if (p.open) sp.set("open", "now");
  if (p.near) sp.set("near", p.near);
  if (p.radius) sp.set("radius", String(p.radius));
  if (p.district) sp.set("district", p.district);
  if (p.place) sp.set("place", p.place);
  if (p.page && p.page > 1) sp.set("page", String(p.page));
  return sp;
}
