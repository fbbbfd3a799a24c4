import type { CoreDeps } from "../../server/deps.ts";
import type { AddressService } from "../addresses/service.ts";
import type { AreaService } from "../areas/service.ts";
import type { FrameworkService } from "../framework/service.ts";
import type { OfficeSummary } from "../offices/service.ts";
import type { ContentLanguage } from "../translations/languages.ts";
import type { TranslationService } from "../translations/service.ts";
import { type OpenState, openState } from "./hours.ts";
import { DIRECTORY_HOLIDAY_STATE, DIRECTORY_TIME_ZONE } from "./locale-settings.ts";
import type { Accessibility, OpeningHours } from "./schema.ts";
import type { PlaceRow } from "./search-repo.ts";
import { isoDate, toLocal } from "./time-zone.ts";

/**
 * What the parts of the public read model (search.ts composes them) share: their dependencies,
 * the per-tenant cache of reference data, today's date, the public shape of a place and of a
 * text in the reader's language.
 */

/** A text in the reader's language, or the German source (isFallback) when there is no translation. */
export type LocalText = { text: string; lang: string; isFallback: boolean };

export type PublicPlace = {
  id: string;
  name: string;
  street: string | null;
  postcode: string | null;
  city: string | null;
  lon: number;
  lat: number;
  approximate: boolean;
  areaName: string | null;
  languages: string[];
  openingHours: OpeningHours | null;
  accessibility: Accessibility;
};

type ResponsibleFor = (
  tenantId: string,
  lon: number,
  lat: number,
) => Promise<{ office: OfficeSummary; area: { name: string } } | null>;

export type PublicDirectoryDeps = CoreDeps & {
  translations: TranslationService;
  framework: FrameworkService;
  areas: AreaService;
  /** services.offices.responsibleFor (late-bound: the office service is created elsewhere). */
  responsibleOffice?: ResponsibleFor;
  /** The tenant's address list (decision 095): streets, house numbers, coordinates in either order. */
  addresses?: Pick<AddressService, "resolve" | "coordinates" | "postcodeSpread">;
};

/** Similar vocabulary words taken per query word. */
export const VARIANTS_PER_WORD = 24;

export function hoursOpts() {
  return { timeZone: DIRECTORY_TIME_ZONE, state: DIRECTORY_HOLIDAY_STATE };
}

export function toPublicPlace(p: Omit<PlaceRow, "offer_id">, areaNames: Map<string, string>): PublicPlace {
  return {
    id: p.id,
    name: p.name,
    street: p.street,
    postcode: p.postcode,
    city: p.city,
    lon: Number(p.lon),
    lat: Number(p.lat),
    approximate: p.coordinates_approximate,
    areaName: p.area_id ? (areaNames.get(p.area_id) ?? null) : null,
    languages: p.languages ?? [],
    openingHours: p.opening_hours,
    accessibility: (p.accessibility ?? {}) as Accessibility,
  };
}

export function local(
  resolved: Record<string, { text: string; lang: string; isFallback: boolean }> | undefined,
  field: string,
  german: string | null,
  lang: string,
): LocalText | null {
  const r = resolved?.[field];
  if (r) return { text: r.text, lang: r.lang, isFallback: r.isFallback };
  if (german === null || german.trim() === "") return null;
  return { text: german, lang: "de", isFallback: lang !== "de" };
}

/** Framework terms and areas change rarely: the public read model keeps them this long per tenant. */
const REFERENCE_CACHE_MS = 30_000;

export function createPublicContext(deps: PublicDirectoryDeps) {
  // Reference data per tenant (and language), shared by concurrent requests; wall-clock expiry
  // (not the domain clock): a changed term or area shows within REFERENCE_CACHE_MS.
  const cache = new Map<string, { at: number; value: Promise<unknown> }>();
  function cached<T>(key: string, load: () => Promise<T>): Promise<T> {
    const hit = cache.get(key);
    const now = performance.now();
    if (hit && now - hit.at < REFERENCE_CACHE_MS) return hit.value as Promise<T>;
    const value = load();
    cache.set(key, { at: now, value });
    value.catch(() => cache.delete(key));
    if (cache.size > 1000) cache.clear();
    return value;
  }
  const framework = (tenantId: string, lang: ContentLanguage) =>
    cached(`fw|${tenantId}|${lang}`, () => deps.framework.list(tenantId, lang));
  const areaList = (tenantId: string) => cached(`areas|${tenantId}`, () => deps.areas.list(tenantId));

  function today(): string {
    const l = toLocal(deps.clock.now(), DIRECTORY_TIME_ZONE);
    return isoDate(l.year, l.month, l.day);
  }

  async function areaNameMap(tenantId: string, ids: Iterable<string>): Promise<Map<string, string>> {
    const wanted = new Set(ids);
    if (!wanted.size) return new Map();
    const all = await areaList(tenantId);
    return new Map(all.filter((a) => wanted.has(a.id)).map((a) => [a.id, a.name]));
  }

  function stateOf(hours: OpeningHours | null): OpenState | null {
    if (!hours) return null;
    try {
      return openState(hours, deps.clock.now(), hoursOpts());
    } catch {
      // Hours that passed validation always evaluate; anything else is shown without a state.
      return null;
    }
  }

  return { deps, db: deps.db, framework, areaList, today, areaNameMap, stateOf };
}
export type PublicContext = ReturnType<typeof createPublicContext>;
