/**
 * The guide module's contracts (decision 019): one zod schema per operation, shared by the API
 * routes, the staff pages and the service. Browser-safe.
 */
import { z } from "zod";
import { isoDate, optionalDate, requiredText, text, version } from "../../server/validation.ts";
import { CONTACT_KINDS } from "../casework/model.ts";
import { SETTABLE_STATUSES, TARGET_LANGUAGES } from "../translations/languages.ts";
import {
  MAX_BODY,
  MAX_LINKS,
  MAX_NEWS_BODY,
  MAX_NEWS_PAGES,
  MAX_PACKAGE_NAME,
  MAX_PACKAGE_OFFERS,
  MAX_PACKAGE_PAGES,
  MAX_SLUG,
  MAX_TITLE,
  OWNER_KINDS,
  PACKAGE_LANGUAGES,
  PAGE_STATUSES,
  SLUG_PATTERN,
  TRANSITIONS,
} from "./model.ts";

const id = z.uuid({ error: "code:invalid" });

const pageFields = {
  parentId: z.preprocess((v) => (v === "" ? null : v), id.nullable()),
  slug: z
    .string()
    .trim()
    .toLowerCase()
    .min(1)
    .max(MAX_SLUG)
    .regex(SLUG_PATTERN, { error: "code:guide_slug_format" }),
  title: requiredText(MAX_TITLE),
  /** Rich text; sanitised by the service as the directory sanitises descriptions. */
  body: text().max(MAX_BODY).default(""),
  ownerKind: z.enum(OWNER_KINDS),
  ownerId: id,
  lastCheckedOn: optionalDate(),
  offerIds: z.array(id).max(MAX_LINKS).default([]),
  sort: z.number().int().min(0).max(10_000).default(0),
};

/** POST /guide/pages and the tree page's "new page" form. */
export const createPageInput = z.object(pageFields);
export type CreatePage = z.output<typeof createPageInput>;

/** PATCH /guide/pages/{id}: the whole working copy, with the version the editor read. */
export const updatePageInput = z.object({ ...pageFields, version: version() });
export type UpdatePage = z.output<typeof updatePageInput>;

/** POST /guide/pages/{id}/transition: submit for review, publish, or return to draft. */
export const transitionInput = z.object({ transition: z.enum(TRANSITIONS), version: version() });
export type TransitionInput = z.output<typeof transitionInput>;

/** PUT /guide/pages/{id}/translations/{lang}: title and body of one language at once. */
export const translationInput = z.object({
  title: requiredText(MAX_TITLE),
  body: text().max(MAX_BODY).default(""),
  status: z.enum(SETTABLE_STATUSES),
  /** The versions of the title and body rows the translator read (0: there was none). */
  titleVersion: z.number().int().min(0).max(2_147_483_647),
  bodyVersion: z.number().int().min(0).max(2_147_483_647),
  /**
   * The published version whose German text the translator saw (decision 123, as news' in
   * decision 115). When a newer version was published since, saving is a version conflict:
   * the translation would otherwise count as made from a text nobody showed the translator.
   * Optional for API clients, which then save against the current version as before.
   */
  sourceVersion: z.number().int().min(1).max(2_147_483_647).optional(),
});
export type TranslationInput = z.output<typeof translationInput>;

export const pageIdParams = z.object({ id });
export const langParams = z.object({ id, lang: z.enum(TARGET_LANGUAGES) });
export const overviewParams = z.object({ lang: z.enum(TARGET_LANGUAGES) });

export const pageSummaryView = z.object({
  id: z.string(),
  parentId: z.string().nullable(),
  slug: z.string(),
  title: z.string(),
  status: z.enum(PAGE_STATUSES),
  ownerKind: z.enum(OWNER_KINDS),
  ownerId: z.string(),
  lastCheckedOn: z.string().nullable(),
  checkDue: z.boolean(),
  publishedVersion: z.number().int().nullable(),
  version: z.number().int(),
  depth: z.number().int(),
});
export const treeView = z.object({ pages: z.array(pageSummaryView) });
export const savedView = z.object({ id: z.string(), version: z.number().int() });

/**
 * GET /guide/package.pdf: the welcome package of these published pages (`page` repeated, in
 * order) in one left-to-right language (decision 074), with an optional title.
 */
export const packageQuery = z
  .object({
    lang: z.enum(PACKAGE_LANGUAGES, { error: "code:guide_package_language" }),
    page: z.union([id, z.array(id).min(1).max(MAX_PACKAGE_PAGES)]).optional(),
    /** Directory offers (decision 082), `offer` repeated. */
    offer: z.union([id, z.array(id).min(1).max(MAX_PACKAGE_OFFERS)]).optional(),
    title: z.string().trim().max(MAX_TITLE).optional(),
  })
  .refine((q) => q.page !== undefined || q.offer !== undefined, {
    error: "code:guide_package_empty",
    path: ["page"],
  });
export type PackageQuery = z.output<typeof packageQuery>;

/** One id or many (a form's repeated field) as a list, empty when absent. */
const idList = (max: number) =>
  z.preprocess((v) => (v === undefined || v === "" ? [] : Array.isArray(v) ? v : [v]), z.array(id).max(max));

/** A package's content: pages and offers in the order given (decision 082). */
const packageContent = {
  pageIds: idList(MAX_PACKAGE_PAGES),
  offerIds: idList(MAX_PACKAGE_OFFERS),
};

/** POST /guide/packages: a saved, named package a coordinator reuses. */
export const savedPackageInput = z
  .object({
    name: requiredText(MAX_PACKAGE_NAME),
    title: text().max(MAX_TITLE).default(""),
    ...packageContent,
  })
  .refine((p) => p.pageIds.length + p.offerIds.length > 0, {
    error: "code:guide_package_empty",
    path: ["pageIds"],
  });
export type SavedPackageInput = z.output<typeof savedPackageInput>;

/** PUT /guide/packages/{id}: the whole package, with the version the editor read. */
export const updateSavedPackageInput = z
  .object({
    name: requiredText(MAX_PACKAGE_NAME),
    title: text().max(MAX_TITLE).default(""),
    ...packageContent,
    version: version(),
  })
  .refine((p) => p.pageIds.length + p.offerIds.length > 0, {
    error: "code:guide_package_empty",
    path: ["pageIds"],
  });
export type UpdateSavedPackage = z.output<typeof updateSavedPackageInput>;

/** GET /guide/packages/{id}/pdf: a saved package in one language. */
export const savedPackagePdfQuery = z.object({
  lang: z.enum(PACKAGE_LANGUAGES, { error: "code:guide_package_language" }),
});

/**
 * POST /cases/{id}/welcome-package: a case worker hands a package out to the case's household
 * (a saved one, or pages and offers chosen on the spot), recorded as a contact of the case.
 */
export const handoutInput = z
  .object({
    lang: z.enum(PACKAGE_LANGUAGES, { error: "code:guide_package_language" }),
    packageId: z.preprocess((v) => (v === "" ? undefined : v), id.optional()),
    ...packageContent,
    kind: z.enum(CONTACT_KINDS).default("office_hours"),
  })
  .refine((p) => p.packageId !== undefined || p.pageIds.length + p.offerIds.length > 0, {
    error: "code:guide_package_empty",
    path: ["pageIds"],
  });
export type HandoutInput = z.output<typeof handoutInput>;

/**
 * POST /guide/package-renders: a package PDF rendered in the job queue (decision 115), of a
 * saved package or of pages and offers chosen now, in one language.
 */
export const packageRenderInput = z
  .object({
    lang: z.enum(PACKAGE_LANGUAGES, { error: "code:guide_package_language" }),
    packageId: z.preprocess((v) => (v === "" ? undefined : v), id.optional()),
    ...packageContent,
    title: z.string().trim().max(MAX_TITLE).optional(),
  })
  .refine((p) => p.packageId !== undefined || p.pageIds.length + p.offerIds.length > 0, {
    error: "code:guide_package_empty",
    path: ["pageIds"],
  });
export type PackageRenderInput = z.output<typeof packageRenderInput>;
export const caseIdParams = z.object({ id });

/** News (Aktuelles, decision 082): a dated message, optionally pinned to guide pages. */
const newsFields = {
  title: requiredText(MAX_TITLE),
  /** Rich text; sanitised by the service as guide pages are. */
  body: text().max(MAX_NEWS_BODY).default(""),
  publishedOn: isoDate(),
  expiresOn: optionalDate(),
  pageIds: idList(MAX_NEWS_PAGES),
};
const expiresAfter = (n: { publishedOn: string; expiresOn: string | null }) =>
  n.expiresOn === null || n.expiresOn >= n.publishedOn;
export const newsInput = z
  .object(newsFields)
  .refine(expiresAfter, { error: "code:guide_news_expires_before", path: ["expiresOn"] });
export type NewsInput = z.output<typeof newsInput>;
export const updateNewsInput = z
  .object({ ...newsFields, version: version() })
  .refine(expiresAfter, { error: "code:guide_news_expires_before", path: ["expiresOn"] });
export type UpdateNews = z.output<typeof updateNewsInput>;

/** PUT /guide/news/{id}/translations/{lang}. */
export const newsTranslationInput = z.object({
  title: requiredText(MAX_TITLE),
  body: text().max(MAX_NEWS_BODY).default(""),
  status: z.enum(SETTABLE_STATUSES),
  /**
   * The versions of the title and body rows the translator read (0: there was none). The staff
   * page sends them, so a second translator gets a conflict instead of overwriting; API clients
   * that leave them out write unconditionally, as before.
   */
  titleVersion: z.number().int().min(0).max(2_147_483_647).optional(),
  bodyVersion: z.number().int().min(0).max(2_147_483_647).optional(),
  /**
   * The message's version whose German text the translator saw (decision 115). When the German
   * text changed since, saving is a conflict: the translation would otherwise count as made
   * from a text nobody showed the translator. Optional for API clients, as the row versions.
   */
  sourceVersion: z.number().int().min(1).max(2_147_483_647).optional(),
});
export type NewsTranslationInput = z.output<typeof newsTranslationInput>;

/**
 * The public package request (decision 123): a newcomer asks for a saved package in a language
 * and gets a link to it by mail. `website` is a honeypot people do not see.
 */
export const publicPackageRequestInput = z.object({
  email: z.string().trim().max(254).pipe(z.email()),
  packageId: id,
  lang: z.enum(PACKAGE_LANGUAGES, { error: "code:guide_package_language" }),
  website: z.string().max(500).optional(),
});
export type PublicPackageRequestInput = z.output<typeof publicPackageRequestInput>;
