/**
 * Handing a welcome package out from a case (issue 23 item 5, decision 082): the case worker
 * chooses a saved package or pages and offers, and a language (the household's suggested); the
 * hand-out is recorded as a contact of the case through case work's service. The contact names
 * the package, its language and size, never its content; the guide keeps nothing of the case.
 */
import { catalogs } from "../../i18n/catalogs.server.ts";
import { SOURCE_LANGUAGE } from "../../i18n/languages.ts";
import { createTranslator } from "../../i18n/translator.ts";
import { AppError } from "../../server/errors.ts";
import { authorize } from "../../server/policy/policy.ts";
import type { Principal } from "../../server/policy/roles.ts";
import type { HandoutInput } from "./contracts.ts";
import type { GuideDeps } from "./deps.ts";
import { type PackageLanguage, packageLanguageFor } from "./model.ts";
import type { PackageRenderer } from "./package.ts";
import type { createSavedPackages, SavedPackageView } from "./packages.ts";

type Saved = ReturnType<typeof createSavedPackages>;

/** Where the PDF of a hand-out is fetched (the API's GET routes; the download is audited there). */
export function packagePdfPath(
  lang: PackageLanguage,
  content: { packageId?: string | undefined; pageIds: readonly string[]; offerIds: readonly string[] },
) {
  if (content.packageId) return `/api/v1/guide/packages/${content.packageId}/pdf?lang=${lang}`;
  const q = new URLSearchParams({ lang });
  for (const p of content.pageIds) q.append("page", p);
  for (const o of content.offerIds) q.append("offer", o);
  return `/api/v1/guide/package.pdf?${q.toString()}`;
}

export function createHandout(deps: GuideDeps, renderer: PackageRenderer, saved: Saved) {
  return {
    /**
     * What the hand-out form shows for a case: its reference, the language suggested from the
     * household's languages, and the saved packages. Case work decides need-to-know (write access).
     */
    async handoutForm(principal: Principal, caseId: string, opts: { requestId?: string | null } = {}) {
      authorize(principal, "guide.handout");
      const household = await deps.casework.household(principal, caseId, opts);
      const packages: SavedPackageView[] = await saved.savedPackages(principal);
      return {
        reference: household.reference,
        suggestedLang: packageLanguageFor(household.persons),
        packages,
      };
    },

    /**
     * Records the hand-out as a contact of the case after checking the package's content (a
     * saved package must still hold something public; pages and offers chosen now must all be).
     */
    async handOut(
      principal: Principal,
      caseId: string,
      input: HandoutInput,
      opts: { requestId?: string | null } = {},
    ) {
      authorize(principal, "guide.handout");
      // Case access first: a case the principal may not write to learns nothing about packages.
      await deps.casework.household(principal, caseId, opts);
      const pkg = input.packageId ? await saved.load(principal.tenantId, input.packageId) : null;
      const content = pkg
        ? { lang: input.lang, pageIds: pkg.pageIds, offerIds: pkg.offerIds }
        : { lang: input.lang, pageIds: input.pageIds, offerIds: input.offerIds };
      const resolved = await renderer.resolveContent(principal.tenantId, content, pkg === null);
      if (!resolved.pageIds.length && !resolved.offers.length) {
        throw AppError.validation([{ field: "packageId", code: "guide_package_empty" }]);
      }
      // The contact note is German, as every case record (the staff's working language).
      const all = catalogs();
      const t = createTranslator(SOURCE_LANGUAGE, all.get(SOURCE_LANGUAGE) ?? {});
      const note = t("guide.handout_note", {
        name: pkg ? pkg.name : t("guide.handout_note_chosen"),
        lang: t(`guide.lang_${input.lang}`),
        pages: resolved.pageIds.length,
        offers: resolved.offers.length,
      });
      const contact = await deps.casework.recordContact(
        principal,
        caseId,
        { kind: input.kind, occurredAt: deps.clock.now().toISOString(), note },
        opts,
      );
      return {
        contactId: contact.id,
        pdfPath: packagePdfPath(input.lang, {
          packageId: pkg?.id,
          pageIds: resolved.pageIds,
          offerIds: resolved.offers.map((o) => o.id),
        }),
      };
    },
  };
}
