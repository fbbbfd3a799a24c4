import { isUuid } from "../../server/db/ids.ts";
import type { ContentLanguage } from "../translations/languages.ts";
import { DIRECTORY_TIME_ZONE } from "./locale-settings.ts";
import { expandOccurrences } from "./recurrence.ts";
import { type LocalText, local, type PublicContext, VARIANTS_PER_WORD } from "./search-context.ts";
import { searchRepo } from "./search-repo.ts";
import { queryWords } from "./search-text.ts";

/** Published events: the calendar, one event's page, the offers' iCal feeds. */

export type PublicEvent = {
  id: string;
  title: LocalText;
  summary: LocalText | null;
  /** Sanitised rich text. */
  description: LocalText | null;
  startsAt: Date;
  durationMinutes: number;
  rrule: string | null;
  exdates: string[];
  free: boolean;
  languages: string[];
  offerId: string | null;
  organizationName: string | null;
  place: { name: string; street: string | null; postcode: string | null; city: string | null } | null;
  updatedAt: Date;
};

const ALL_TIME = { from: new Date(0), to: new Date("9999-01-01T00:00:00Z") };

export function createEventSearch({ db, deps }: PublicContext) {
  async function publicEvents(
    tenantId: string,
    rows: Awaited<ReturnType<typeof searchRepo.events>>,
    lang: ContentLanguage,
  ): Promise<PublicEvent[]> {
    const texts = await deps.translations.resolve(
      tenantId,
      "event",
      rows.map((r) => r.id),
      lang,
    );
    return rows.map((r) => ({
      id: r.id,
      title: local(texts.get(r.id), "title", r.title, lang)!,
      summary: local(texts.get(r.id), "summary", r.summary, lang),
      description: local(texts.get(r.id), "description", r.description, lang),
      startsAt: new Date(r.starts_at),
      durationMinutes: Number(r.duration_minutes),
      rrule: r.rrule,
      exdates: r.exdates ?? [],
      free: r.free,
      languages: r.languages ?? [],
      offerId: r.offer_id,
      organizationName: r.organization_name,
      place: r.place_name
        ? { name: r.place_name, street: r.place_street, postcode: r.place_postcode, city: r.place_city }
        : null,
      updatedAt: new Date(r.updated_at),
    }));
  }

  return {
    /** Published events with occurrences in [from, to), optionally matching a text; with their occurrences there. */
    async eventsInRange(
      tenantId: string,
      range: { from: Date; to: Date },
      q: string,
      lang: ContentLanguage,
    ): Promise<(PublicEvent & { occurrences: { start: Date; end: Date }[] })[]> {
      const words = queryWords(q);
      if (q.trim() && !words.length) return [];
      let groups: { all: string[] }[] | undefined;
      if (words.length) {
        const variants = await searchRepo.similarWords(db, tenantId, words, VARIANTS_PER_WORD);
        groups = words
          .map((_, i) => ({ all: variants.filter((v) => v.query === i).map((v) => v.word) }))
          .filter((g) => g.all.length);
        if (!groups.length) return [];
      }
      const events = await publicEvents(tenantId, await searchRepo.events(db, tenantId, range, groups), lang);
      return events
        .map((e) => ({ ...e, occurrences: expandOccurrences(e, range, DIRECTORY_TIME_ZONE) }))
        .filter((e) => e.occurrences.length > 0);
    },

    /** One published event series, or null. */
    async event(tenantId: string, id: string, lang: ContentLanguage): Promise<PublicEvent | null> {
      if (!isUuid(id)) return null;
      const rows = await searchRepo.events(db, tenantId, ALL_TIME, undefined, [id]);
      return (await publicEvents(tenantId, rows, lang))[0] ?? null;
    },

    /** Published events of these offers (for the offers' iCal feeds). */
    async eventsOfOffers(
      tenantId: string,
      offerIds: string[],
      lang: ContentLanguage,
    ): Promise<PublicEvent[]> {
      if (!offerIds.length) return [];
      const rows = await searchRepo.events(db, tenantId, ALL_TIME, undefined, undefined, offerIds);
      return publicEvents(tenantId, rows, lang);
    },
  };
}
