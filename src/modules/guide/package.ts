/**
 * The welcome package (issue 23 item 5): chosen published guide pages in one language as a
 * tagged PDF with QR codes to the pages online, rendered on a worker thread so a 40-page
 * package does not hold the server. Left-to-right languages only for now (decision 074).
 */
import { SOURCE_LANGUAGE } from "#app/i18n/languages.ts";
import { catalogs } from "../../i18n/catalogs.server.ts";
import { createTranslator } from "../../i18n/translator.ts";
import { AppError } from "../../server/errors.ts";
import { offload } from "../../server/offload/pool.ts";
import { authorize } from "../../server/policy/policy.ts";
import type { Principal } from "../../server/policy/roles.ts";
import { diff } from "../audit/service.ts";
import type { PackageQuery } from "./contracts.ts";
import type { GuideDeps } from "./deps.ts";
import { GUIDE_ENTITY, MAX_PACKAGE_PAGES } from "./model.ts";
import { blocksOf, type PackageModel } from "./package-pdf.ts";
import type { VisibleTree } from "./search.ts";

export function createPackage(deps: GuideDeps, visible: (tenantId: string) => Promise<VisibleTree>) {
  return {
    /** The package PDF; `pageIds` in the order given. Audited (no personal data in it). */
    async welcomePackage(principal: Principal, input: PackageQuery, requestId?: string) {
      authorize(principal, "guide.package");
      const { tenantId } = principal;
      const lang = input.lang;
      const ids = [...new Set(Array.isArray(input.page) ? input.page : [input.page])].slice(
        0,
        MAX_PACKAGE_PAGES,
      );
      const tree = await visible(tenantId);
      if (ids.some((id) => !tree.has(id)))
        throw AppError.validation([{ field: "page", code: "guide_package_page_unknown" }]);
      const texts = await deps.translations.resolve(tenantId, GUIDE_ENTITY, ids, lang, {
        skipOutdated: true,
      });
      const ui = lang === "de-simple" ? SOURCE_LANGUAGE : lang;
      const all = catalogs();
      const t = createTranslator(ui, all.get(ui) ?? {}, all.get(SOURCE_LANGUAGE));
      const base = deps.config.baseUrl.replace(/\/$/, "");
      const q = lang === "de-simple" ? "?simple=1" : "";
      const title = input.title?.trim() ? input.title.trim() : t("guide.package_title_default");
      const model: PackageModel = {
        lang,
        tenantName: t("guide.package_kicker"),
        title,
        // Gregorian in every language: the dates a newcomer meets in Germany are.
        dateLine: new Intl.DateTimeFormat(ui, {
          dateStyle: "long",
          timeZone: "Europe/Berlin",
          calendar: "gregory",
        }).format(deps.clock.now()),
        labels: {
          contents: t("guide.package_contents"),
          online: t("guide.package_online"),
          qrAlt: t("guide.package_qr_alt", { url: "{url}" }),
          fallback: t("guide.fallback_note"),
        },
        guideUrl: `${base}/${ui}/guide${q}`,
        pages: ids.map((id) => {
          const f = texts.get(id) ?? {};
          return {
            title: f.title?.text ?? "",
            url: `${base}/${ui}/guide/${tree.get(id)!.slugs.join("/")}${q}`,
            isFallback: Boolean(f.title?.isFallback || f.body?.isFallback),
            blocks: f.body ? blocksOf(f.body.text) : [],
          };
        }),
      };
      const pdf = await offload<Uint8Array>("src/modules/guide/package-pdf.ts", "renderPackagePdf", [model]);
      await deps.audit.record({
        actor: { kind: "user", principal },
        requestId: requestId ?? null,
        action: "guide.package",
        entityType: GUIDE_ENTITY,
        entityId: ids[0]!,
        changes: diff(null, { lang, pages: ids.length }),
      });
      return { pdf: Buffer.from(pdf), filename: `willkommen-${lang}.pdf` };
    },
  };
}
