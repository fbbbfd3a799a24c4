import { isUuid } from "../../server/db/ids.ts";
import type { ContentLanguage } from "../translations/languages.ts";
import type { ContactPerson } from "./schema.ts";
import { type LocalText, local, type PublicContext, toPublicPlace } from "./search-context.ts";
import { TERM_FILTERS } from "./search-params.ts";
import { searchRepo } from "./search-repo.ts";

/** The public detail page of one offer. */
export function createOfferPage(ctx: PublicContext) {
  const { db, deps, stateOf } = ctx;
  return {
    /** The detail page's offer: null when it does not exist, is not published or not valid today. */
    async offer(tenantId: string, id: string, lang: ContentLanguage) {
      if (!isUuid(id)) return null;
      const row = await searchRepo.offer(db, tenantId, id, ctx.today());
      if (!row) return null;
      const [places, texts, terms, axes] = await Promise.all([
        searchRepo.placesOfOffers(db, tenantId, [id]),
        deps.translations.resolve(tenantId, "offer", [id], lang),
        searchRepo.termsOf(db, tenantId, "offer", [id]),
        ctx.framework(tenantId, lang),
      ]);
      const areaNames = await ctx.areaNameMap(
        tenantId,
        places.flatMap((p) => (p.area_id ? [p.area_id] : [])),
      );
      const t = texts.get(id);
      const termIds = new Set(terms.map((x) => x.term_id));
      const publicPlaces = places.map((p) => toPublicPlace(p, areaNames));
      const hours = row.opening_hours ?? publicPlaces.find((p) => p.openingHours)?.openingHours ?? null;
      const contacts: (ContactPerson & { roleText: LocalText | null })[] = (row.contacts ?? []).map(
        (c, i) => ({
          ...c,
          roleText: local(t, `contact_${i}_role`, c.role ?? null, lang),
        }),
      );
      return {
        id: row.id,
        title: local(t, "title", row.title, lang)!,
        summary: local(t, "summary", row.summary, lang),
        /** Sanitised rich text (sanitised at write). */
        description: local(t, "description", row.description, lang),
        costNote: local(t, "cost_note", row.cost_note, lang),
        registrationNote: local(t, "registration_note", row.registration_note, lang),
        openingHours: hours,
        hoursArePlaces: !row.opening_hours && Boolean(hours),
        open: stateOf(hours),
        appointmentOnly: row.appointment_only,
        validFrom: row.valid_from,
        validTo: row.valid_to,
        contacts,
        languages: row.languages ?? [],
        ageMin: row.age_min,
        ageMax: row.age_max,
        free: row.free,
        childcare: row.childcare,
        registrationRequired: row.registration_required,
        organization: {
          id: row.organization_id,
          name: row.organization_name,
          website: row.organization_website,
          email: row.organization_email,
          phone: row.organization_phone,
        },
        places: publicPlaces.map((p) => ({ ...p, open: stateOf(p.openingHours) })),
        terms: axes
          .filter((a) => (Object.values(TERM_FILTERS) as string[]).includes(a.kind))
          .map((a) => ({
            kind: a.kind,
            label: a.label,
            terms: a.terms.filter((x) => termIds.has(x.id)).map((x) => ({ key: x.key, label: x.label })),
          }))
          .filter((a) => a.terms.length),
        updatedAt: new Date(row.updated_at),
        lastCheckedAt: row.last_checked_at ? new Date(row.last_checked_at) : null,
      };
    },
  };
}
