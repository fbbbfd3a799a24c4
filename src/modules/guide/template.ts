/**
 * The seed template of a German municipality's guide (issue 23, 6): headings and structure
 * only, for the tenant to fill. The topics Unna's concept names for newcomers (seed 001) and the
 * usual first steps.
 */
import type { Principal } from "../../server/policy/roles.ts";
import type { OwnerKind } from "./model.ts";
import type { createPages } from "./pages.ts";

export type TemplatePage = { slug: string; title: string; children?: TemplatePage[] };

export const GUIDE_TEMPLATE: readonly TemplatePage[] = [
  {
    slug: "erste-schritte",
    title: "Erste Schritte",
    children: [
      { slug: "wohnsitz-anmelden", title: "Wohnsitz anmelden" },
      { slug: "krankenversicherung", title: "Krankenversicherung" },
      { slug: "jobcenter", title: "Jobcenter" },
      { slug: "kita", title: "Kita" },
      { slug: "schule", title: "Schule" },
      { slug: "sprachkurse", title: "Sprachkurse" },
      { slug: "beratung", title: "Beratung" },
    ],
  },
  {
    slug: "leben-vor-ort",
    title: "Leben vor Ort",
    children: [
      { slug: "sozialticket", title: "Sozialticket" },
      { slug: "stadtbibliothek", title: "Stadtbibliothek" },
      { slug: "integrations-und-sprachkurse", title: "Integrations- und Sprachkurse" },
      { slug: "ausbildung-und-praktikum", title: "Ausbildungsförderung und Praktikumsplätze" },
      { slug: "ehrenamtsagentur", title: "Ehrenamtsagentur und Engagement" },
    ],
  },
];

type Pages = ReturnType<typeof createPages>;

/** Adds the template's pages that the tree lacks (matched by path of slugs); returns how many it added. */
export async function applyTemplate(
  pages: Pages,
  principal: Principal,
  owner: { ownerKind: OwnerKind; ownerId: string },
): Promise<number> {
  const { pages: existing } = await pages.tree(principal);
  let added = 0;
  const add = async (list: readonly TemplatePage[], parentId: string | null) => {
    for (const [sort, t] of list.entries()) {
      const found = existing.find((p) => p.parentId === parentId && p.slug === t.slug);
      const id =
        found?.id ??
        (
          await pages.create(principal, {
            parentId,
            slug: t.slug,
            title: t.title,
            body: "",
            ...owner,
            lastCheckedOn: null,
            offerIds: [],
            sort,
          })
        ).id;
      if (!found) added++;
      await add(t.children ?? [], id);
    }
  };
  await add(GUIDE_TEMPLATE, null);
  return added;
}
