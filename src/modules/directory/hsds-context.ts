/**
 * What every HSDS resource reads the same way: texts in the requested language, the framework as
 * taxonomy, paging, and services or locations nested fully.
 */
import type { ContentLanguage } from "../translations/languages.ts";
import { fullServiceToHsds, locationToHsds, organizationToHsds, type TermRef, type Texts } from "./hsds.ts";
import type { HsdsQuery } from "./hsds-query.ts";
import { HSDS_DEFAULT_PER_PAGE } from "./hsds-query.ts";
import type { InterchangeDeps } from "./interchange-deps.ts";
import { interchangeRepo as ir } from "./interchange-repo.ts";
import { DIRECTORY_TIME_ZONE } from "./locale-settings.ts";
import type { OfferRow, PlaceRow } from "./repo.ts";

export type TaxonomyTerm = TermRef & { parentId: string | null };

export function taxonomyToHsds(a: {
  id: string;
  key: string;
  kind: string;
  label?: { text: string } | null;
}) {
  const name = a.label?.text ?? a.key;
  return { id: a.id, name, description: `${name} (${a.kind})`, version: "1" };
}

export function createHsdsContext(deps: InterchangeDeps) {
  const { db } = deps;
  const now = () => deps.clock.now();
  const today = () => now().toISOString().slice(0, 10);

  async function texts(tenantId: string, entityType: string, ids: string[], lang: ContentLanguage) {
    const resolved = await deps.translations.resolve(tenantId, entityType, ids, lang);
    const out = new Map<string, Texts>();
    for (const [id, fields] of resolved) {
      const t: Texts = {};
      for (const [f, v] of Object.entries(fields)) t[f] = v.text;
      out.set(id, t);
    }
    return out;
  }

  async function taxonomy(tenantId: string, lang: ContentLanguage) {
    const axes = await deps.framework.list(tenantId, lang);
    const terms = new Map<string, TermRef & { parentId: string | null }>();
    for (const a of axes) {
      for (const t of a.terms) {
        terms.set(t.id, {
          id: t.id,
          axisId: a.id,
          axisKind: a.kind,
          key: t.key,
          name: t.label?.text ?? t.key,
          description: t.description?.text ?? "",
          parentId: t.parentId,
        });
      }
    }
    return { axes, terms };
  }

  function pageArgs(q: HsdsQuery) {
    const perPage = q.per_page ?? HSDS_DEFAULT_PER_PAGE;
    const pageNumber = q.page ?? 1;
    return { perPage, pageNumber, offset: (pageNumber - 1) * perPage };
  }

  async function locationsOf(tenantId: string, placeRows: PlaceRow[], lang: ContentLanguage) {
    const t = await texts(
      tenantId,
      "place",
      placeRows.map((p) => p.id),
      lang,
    );
    const at = now();
    return new Map(
      placeRows.map((p) => [
        p.id,
        locationToHsds(p, t.get(p.id) ?? {}, lang, { at, timeZone: DIRECTORY_TIME_ZONE }),
      ]),
    );
  }

  async function fullServices(tenantId: string, rows: OfferRow[], lang: ContentLanguage) {
    const ids = rows.map((o) => o.id);
    const [offerTexts, links, termLinks, tax] = await Promise.all([
      texts(tenantId, "offer", ids, lang),
      ir.placeIdsOfOffers(db, tenantId, ids),
      ir.termIdsOf(db, tenantId, "offer", ids),
      taxonomy(tenantId, lang),
    ]);
    const placeRows = await ir.placesByIds(db, tenantId, [...new Set(links.map((l) => l.placeId))]);
    const locations = await locationsOf(tenantId, placeRows, lang);
    const orgRows = await ir.organizationsByIds(db, tenantId, [
      ...new Set(rows.map((o) => o.organizationId)),
    ]);
    const orgTexts = await texts(
      tenantId,
      "organization",
      orgRows.map((o) => o.id),
      lang,
    );
    const orgs = new Map(orgRows.map((o) => [o.id, organizationToHsds(o, orgTexts.get(o.id) ?? {})]));
    const at = now();
    return rows.map((o) =>
      fullServiceToHsds(o, offerTexts.get(o.id) ?? {}, {
        lang,
        today: today(),
        at,
        timeZone: DIRECTORY_TIME_ZONE,
        organization: orgs.get(o.organizationId) ?? null,
        locations: links
          .filter((l) => l.offerId === o.id)
          .map((l) => locations.get(l.placeId))
          .filter((x): x is Record<string, unknown> => !!x),
        terms: termLinks
          .filter((l) => l.entityId === o.id)
          .map((l) => tax.terms.get(l.termId))
          .filter((x): x is TermRef & { parentId: string | null } => !!x),
      }),
    );
  }

  return { db, now, today, texts, taxonomy, pageArgs, locationsOf, fullServices };
}
export type HsdsContext = ReturnType<typeof createHsdsContext>;
