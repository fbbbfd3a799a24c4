import { HOME_TOP, type HomeItem, type HomeItemSource } from "../../server/home.ts";
import { can, scopeIdsFor } from "../../server/policy/policy.ts";
import type { Principal } from "../../server/policy/roles.ts";
import { nameOf } from "./entry-data.ts";
import { directoryHomeRepo } from "./home.repo.ts";
import { ENTITY_TYPES } from "./model.ts";
import { DAY_MS, type DirectoryContext } from "./shared.ts";

/**
 * What the directory puts on the staff home (decision 092): for whoever publishes, the changes
 * awaiting review (in their organizations) and the outdated translations (with
 * directory.translate); for partner staff, the published entries of their organization due for
 * a check ("please check your entries"). A tenant-wide editor gets no check item: the
 * reminder run mails coordinators only about entries without a partner.
 */
export function createDirectoryHome(
  ctx: DirectoryContext,
  reviewIntervalDays: (tenantId: string) => Promise<number>,
): HomeItemSource {
  const { db, deps, now } = ctx;
  return {
    headingKey: "home.module_directory",
    async items(principal: Principal, _today: string) {
      const t = principal.tenantId;
      const editOrgs = scopeIdsFor(principal, "directory.edit", "organization");
      const [review, check, outdated] = await Promise.all([
        can(principal, "directory.publish")
          ? directoryHomeRepo.inReview(db, t, ctx.orgsFor(principal, "directory.publish"), HOME_TOP)
          : null,
        editOrgs !== "all" && editOrgs.length > 0
          ? reviewIntervalDays(t).then((days) =>
              directoryHomeRepo.toCheck(db, t, editOrgs, new Date(now().getTime() - days * DAY_MS), HOME_TOP),
            )
          : null,
        can(principal, "directory.translate") ? deps.translations.outdatedByLanguage(t, ENTITY_TYPES) : null,
      ]);
      const out: HomeItem[] = [];
      if (review && review.total > 0)
        out.push({
          kind: "directory.review",
          labelKey: "home.directory_review",
          count: review.total,
          severity: "info",
          href: "/staff/directory/review",
          entries: review.rows.map((r) => ({
            key: `review:${r.id}`,
            title: nameOf(r.entityType, r.data),
            due: r.submittedAt ? r.submittedAt.toISOString().slice(0, 10) : null,
            href: `/staff/directory/revisions/${r.id}`,
          })),
        });
      if (check && check.total > 0)
        out.push({
          kind: "directory.check",
          labelKey: "home.directory_check",
          count: check.total,
          severity: "due",
          href: "/staff/directory",
          entries: check.rows.map((r) => ({
            key: `check:${r.id}`,
            title: r.name,
            due: null,
            href: `/staff/directory/${r.type}/${r.id}`,
          })),
        });
      const outdatedTotal = (outdated ?? []).reduce((n, l) => n + l.outdated, 0);
      if (outdated && outdatedTotal > 0)
        out.push({
          kind: "directory.translations",
          labelKey: "home.directory_translations",
          count: outdatedTotal,
          severity: "info",
          href: "/staff/directory/translations",
          entries: outdated.slice(0, HOME_TOP).map((l) => ({
            // The count is part of the key: more outdated fields in a language are news.
            key: `translations:${l.lang}:${l.outdated}`,
            title: {
              key: "home.directory_translations_entry",
              values: { language: l.lang, count: l.outdated },
            },
            due: null,
            href: `/staff/directory/translations?lang=${encodeURIComponent(l.lang)}`,
          })),
        });
      return out;
    },
  };
}
