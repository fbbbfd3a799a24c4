/**
 * The welcome package (issue 23 item 5): chosen published guide pages and directory offers in
 * one language as a tagged PDF with QR codes to them online, rendered on a worker thread so a
 * 40-page package does not hold the server (decisions 074, 082), and only by the job queue
 * (`package-renders.ts`, decisions 115 and 123).
 */
import { SOURCE_LANGUAGE } from "#app/i18n/languages.ts";
import { catalogs } from "../../i18n/catalogs.server.ts";
import { createTranslator } from "../../i18n/translator.ts";
import { sha256Hex } from "../../server/crypto.ts";
import { AppError, type FieldError } from "../../server/errors.ts";
import { offload } from "../../server/offload/pool.ts";
import type { GuideDeps } from "./deps.ts";
import { GUIDE_ENTITY, MAX_PACKAGE_PAGES, type PackageLanguage } from "./model.ts";
import { blocksOf, type PackageModel } from "./package-pdf.ts";
import type { VisibleTree } from "./search.ts";

/** What a package holds: pages and offers in order, in one language. */
export type PackageContent = {
  lang: PackageLanguage;
  pageIds: readonly string[];
  offerIds: readonly string[];
  title?: string | undefined;
};

/** Weekly hours as one line in the reader's language: "Mo. 08:00–12:00; Di. 08:00–12:00, 14:00–16:00". */
export function weeklyText(
  weekly: Partial<Record<string, { opens: string; closes: string }[]>>,
  lang: string,
): string {
  const day = new Intl.DateTimeFormat(lang === "de-simple" ? "de" : lang, {
    weekday: "short",
    timeZone: "UTC",
  });
  // 2024-01-01 was a Monday (ISO weekday 1).
  return ["1", "2", "3", "4", "5", "6", "7"]
    .filter((d) => weekly[d]?.length)
    .map((d) => {
      const name = day.format(new Date(Date.UTC(2024, 0, Number(d))));
      return `${name} ${weekly[d]!.map((s) => `${s.opens}–${s.closes}`).join(", ")}`;
    })
    .join("; ");
}

export type RenderOptions = { strict: boolean; pageField?: (i: number) => string };

export function createPackageRenderer(deps: GuideDeps, visible: (tenantId: string) => Promise<VisibleTree>) {
  /**
   * The published pages and today's public offers of `content`. `strict`: an unknown page or
   * offer is a field error (a choice made now); otherwise it is left out (a saved package whose
   * page was withdrawn or whose offer ended since).
   */
  async function resolveContent(
    tenantId: string,
    content: PackageContent,
    strict: boolean,
    pageField: (i: number) => string = (i) => `pageIds.${i}`,
  ) {
    const lang = content.lang;
    const tree = await visible(tenantId);
    const pageIds = [...new Set(content.pageIds)].slice(0, MAX_PACKAGE_PAGES);
    const errors: FieldError[] = [];
    pageIds.forEach((id, i) => {
      if (!tree.has(id)) errors.push({ field: pageField(i), code: "guide_package_page_unknown" });
    });
    const offerIds = [...new Set(content.offerIds)];
    const offers = await Promise.all(offerIds.map((id) => deps.offers.offer(tenantId, id, lang)));
    offers.forEach((o, i) => {
      if (!o) errors.push({ field: `offerIds.${i}`, code: "guide_offer_unknown" });
    });
    if (strict && errors.length) throw AppError.validation(errors);
    return {
      tree,
      pageIds: pageIds.filter((id) => tree.has(id)),
      offers: offers.filter((o) => o !== null),
    };
  }

  /**
   * Everything the PDF shows, read now (cheap: no PDF is made). Its hash names the file: a built
   * file whose hash equals today's model is served instead of rendering again (decision 123).
   */
  async function modelOf(tenantId: string, content: PackageContent, opts: RenderOptions) {
    const lang = content.lang;
    const {
      tree,
      pageIds: ids,
      offers,
    } = await resolveContent(tenantId, content, opts.strict, opts.pageField);
    if (!ids.length && !offers.length)
      throw AppError.validation([{ field: "pageIds", code: "guide_package_empty" }]);
    const texts = await deps.translations.resolve(tenantId, GUIDE_ENTITY, ids, lang, {
      skipOutdated: true,
    });
    const ui = lang === "de-simple" ? SOURCE_LANGUAGE : lang;
    const all = catalogs();
    const t = createTranslator(ui, all.get(ui) ?? {}, all.get(SOURCE_LANGUAGE));
    const base = deps.config.baseUrl.replace(/\/$/, "");
    const q = lang === "de-simple" ? "?simple=1" : "";
    const title = content.title?.trim() ? content.title.trim() : t("guide.package_title_default");
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
        fallback: t("guide_public.fallback_note"),
        offers: t("guide.package_offers"),
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
      offers: offers.map((o) => {
        const place = o.places[0];
        const phone = o.organization.phone ?? o.organization.email;
        return {
          title: o.title.text,
          url: `${base}/${ui}/offers/${o.id}`,
          lines: [
            ...(o.summary ? [o.summary.text] : []),
            ...(o.openingHours && weeklyText(o.openingHours.weekly, ui)
              ? [t("guide.package_offer_hours", { hours: weeklyText(o.openingHours.weekly, ui) })]
              : []),
            ...(place
              ? [
                  t("guide.package_offer_place", {
                    place: [place.name, place.street, [place.postcode, place.city].filter(Boolean).join(" ")]
                      .filter(Boolean)
                      .join(", "),
                  }),
                ]
              : []),
            ...(phone
              ? [t("guide.package_offer_contact", { contact: `${o.organization.name}, ${phone}` })]
              : []),
          ],
        };
      }),
    };
    return {
      model,
      // The date line is in the model, so a file is rebuilt at most once a day, as it shows the day.
      hash: sha256Hex(JSON.stringify(model)),
      pageIds: ids,
      offerIds: offers.map((o) => o.id),
      pages: ids.length,
      offers: offers.length,
      firstPageId: ids[0] ?? null,
    };
  }

  /** Renders the PDF on a worker thread; only the job queue calls this (decision 123). */
  async function render(tenantId: string, content: PackageContent, opts: RenderOptions) {
    const { model, ...built } = await modelOf(tenantId, content, opts);
    const pdf = await offload<Uint8Array>("src/modules/guide/package-pdf.ts", "renderPackagePdf", [model]);
    return { ...built, pdf: Buffer.from(pdf), filename: `willkommen-${content.lang}.pdf` };
  }

  return {
    resolveContent,
    modelOf,
    /** The PDF without an audit entry: the job queue's render (decision 115) audits the request. */
    render,
  };
}
export type PackageRenderer = ReturnType<typeof createPackageRenderer>;
