/** HSDS resources /organizations and /taxonomies, /taxonomy_terms (the framework's axes and terms). */
import { AppError } from "../../server/errors.ts";
import type { ContentLanguage } from "../translations/languages.ts";
import { organizationToHsds, page, serviceToHsds, termToHsds } from "./hsds.ts";
import { type HsdsContext, taxonomyToHsds } from "./hsds-context.ts";
import type { HsdsQuery } from "./hsds-query.ts";
import { interchangeRepo as ir } from "./interchange-repo.ts";
import { queryWords } from "./search-text.ts";

export function createHsdsTaxonomies(ctx: HsdsContext) {
  const { db, today, texts, taxonomy, pageArgs } = ctx;

  return {
    async organizations(tenantId: string, q: HsdsQuery, lang: ContentLanguage) {
      const { perPage, pageNumber, offset } = pageArgs(q);
      const words = q.search ? q.search.trim().split(/\s+/).filter(Boolean).slice(0, 8) : [];
      const [total, rows] = await Promise.all([
        ir.countOrganizations(db, tenantId, words),
        ir.organizations(db, tenantId, words, perPage, offset),
      ]);
      const t = await texts(
        tenantId,
        "organization",
        rows.map((o) => o.id),
        lang,
      );
      return page(
        rows.map((o) => organizationToHsds(o, t.get(o.id) ?? {})),
        total,
        pageNumber,
        perPage,
      );
    },

    async organization(tenantId: string, id: string, lang: ContentLanguage) {
      const [row] = /^[0-9a-f-]{36}$/i.test(id)
        ? await ir.organizationsByIds(db, tenantId, [id.toLowerCase()])
        : [];
      if (!row) throw AppError.notFound();
      const t = await texts(tenantId, "organization", [row.id], lang);
      const offersOf = await ir.offers(db, tenantId, { organizationId: row.id }, 1000, 0);
      const st = await texts(
        tenantId,
        "offer",
        offersOf.map((o) => o.id),
        lang,
      );
      return {
        ...organizationToHsds(row, t.get(row.id) ?? {}),
        services: offersOf.map((o) => serviceToHsds(o, st.get(o.id) ?? {}, { today: today() })),
      };
    },

    async taxonomies(tenantId: string, q: HsdsQuery, lang: ContentLanguage) {
      const { perPage, pageNumber, offset } = pageArgs(q);
      const { axes } = await taxonomy(tenantId, lang);
      const all = axes.map(taxonomyToHsds);
      const words = q.search ? queryWords(q.search) : [];
      const hits = all.filter((a) => words.every((w) => a.name.toLowerCase().includes(w)));
      return page(hits.slice(offset, offset + perPage), hits.length, pageNumber, perPage);
    },

    async taxonomyTerms(tenantId: string, q: HsdsQuery, lang: ContentLanguage) {
      const { perPage, pageNumber, offset } = pageArgs(q);
      const { terms } = await taxonomy(tenantId, lang);
      const parents = new Set([...terms.values()].map((t) => t.parentId).filter(Boolean));
      const words = q.search ? queryWords(q.search) : [];
      const hits = [...terms.values()]
        .filter((t) => !q.taxonomy_id || t.axisId === q.taxonomy_id)
        .filter((t) => !q.parent_id || t.parentId === q.parent_id)
        // HSDS: "top_only: only retrieve taxonomy terms that have no child terms".
        .filter((t) => !q.top_only || !parents.has(t.id))
        .filter((t) => words.every((w) => t.name.toLowerCase().includes(w)))
        .map((t) => ({ ...termToHsds(t, lang), ...(t.parentId ? { parent_id: t.parentId } : {}) }));
      return page(hits.slice(offset, offset + perPage), hits.length, pageNumber, perPage);
    },

    /** GET /taxonomies/{id}: one axis of the framework as an HSDS taxonomy. */
    async taxonomy(tenantId: string, id: string, lang: ContentLanguage) {
      const { axes } = await taxonomy(tenantId, lang);
      const a = axes.find((x) => x.id === id.toLowerCase());
      if (!a) throw AppError.notFound();
      return taxonomyToHsds(a);
    },

    /** GET /taxonomy_terms/{id} */
    async taxonomyTerm(tenantId: string, id: string, lang: ContentLanguage) {
      const { terms } = await taxonomy(tenantId, lang);
      const t = terms.get(id.toLowerCase());
      if (!t) throw AppError.notFound();
      return { ...termToHsds(t, lang), ...(t.parentId ? { parent_id: t.parentId } : {}) };
    },
  };
}
