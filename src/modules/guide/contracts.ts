/**
 * The guide module's contracts (decision 019): one zod schema per operation, shared by the API
 * routes, the staff pages and the service. Browser-safe.
 */
import { z } from "zod";
import { optionalDate, requiredText, text, version } from "../../server/validation.ts";
import { SETTABLE_STATUSES, TARGET_LANGUAGES } from "../translations/languages.ts";
import {
  MAX_BODY,
  MAX_LINKS,
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
export const packageQuery = z.object({
  lang: z.enum(PACKAGE_LANGUAGES, { error: "code:guide_package_language" }),
  page: z.union([id, z.array(id).min(1).max(MAX_PACKAGE_PAGES)]),
  title: z.string().trim().max(MAX_TITLE).optional(),
});
export type PackageQuery = z.output<typeof packageQuery>;
