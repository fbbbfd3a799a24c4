/** Translations of entries: every language of one entry, writing one language, and the overview per language. */
import { AppError } from "../../server/errors.ts";
import { authorize } from "../../server/policy/policy.ts";
import type { Principal } from "../../server/policy/roles.ts";
import {
  CONTENT_LANGUAGES,
  CONTENT_SOURCE_LANGUAGE,
  type ContentLanguage,
  isContentLanguage,
  type TranslationStatus,
} from "../translations/languages.ts";
import type { TranslationCell } from "../translations/service.ts";
import type { TranslationInput } from "./contracts.ts";
import { entriesRepo } from "./entries.repo.ts";
import { assertType, isEntityType, orgOf } from "./entry-data.ts";
import { ENTITY_TYPES, type EntityType, type EntryStatus } from "./model.ts";
import type { Publication } from "./publication.ts";
import { sanitizeRichText } from "./sanitize.ts";
import type { DirectoryContext } from "./shared.ts";
import { RICH_TEXT_FIELDS, TRANSLATED_FIELDS } from "./validate.ts";

type OverviewItem = {
  type: EntityType;
  id: string;
  name: string;
  status: EntryStatus;
  fields: { field: string; status: TranslationStatus }[];
};

export function createEntryTranslations(ctx: DirectoryContext, publication: Publication) {
  const { db, deps, scope } = ctx;

  /** Published entries of one type whose fields are missing or outdated in `lang`. */
  async function gapsOf(
    principal: Principal,
    type: EntityType,
    lang: ContentLanguage,
  ): Promise<OverviewItem[]> {
    const orgs = ctx.orgsFor(principal, "directory.translate");
    const rows = (await entriesRepo.listEntries(db, type, principal.tenantId, { orgs }, 1000, 0)).filter(
      (r) => r.status === "published",
    );
    const matrix = await deps.translations.matrix(
      principal.tenantId,
      type,
      rows.map((r) => r.id),
      [CONTENT_SOURCE_LANGUAGE, lang],
    );
    const items: OverviewItem[] = [];
    for (const r of rows) {
      const cells = matrix.get(r.id) ?? {};
      const fields: { field: string; status: TranslationStatus }[] = [];
      for (const field of TRANSLATED_FIELDS[type]) {
        if (!cells[field]?.[CONTENT_SOURCE_LANGUAGE]?.text) continue;
        const st = cells[field]?.[lang]?.status ?? "missing";
        if (st === "missing" || st === "outdated") fields.push({ field, status: st });
      }
      if (fields.length) items.push({ type, id: r.id, name: r.name, status: r.status, fields });
    }
    return items;
  }

  return {
    /** Every language's text and status of an entry's translated fields. */
    async translationsOf(
      principal: Principal,
      type: string,
      id: string,
    ): Promise<{ fields: string[]; cells: Record<string, Record<string, TranslationCell>> }> {
      authorize(principal, "directory.read");
      const t = assertType(type);
      const row = await ctx.loadEntry(principal.tenantId, t, id);
      authorize(principal, "directory.read", scope(orgOf(t, id, row)));
      const matrix = await deps.translations.matrix(principal.tenantId, t, [id], CONTENT_LANGUAGES);
      const cells = matrix.get(id) ?? {};
      const fields = TRANSLATED_FIELDS[t].filter((f) => cells[f]?.[CONTENT_SOURCE_LANGUAGE]?.text);
      return { fields, cells };
    },

    /** Writes one language of one text field (not German: German changes go through review). */
    async setTranslation(
      principal: Principal,
      type: string,
      id: string,
      input: TranslationInput,
      requestId?: string,
    ) {
      authorize(principal, "directory.translate");
      const t = assertType(type);
      if (!(TRANSLATED_FIELDS[t] as readonly string[]).includes(input.field))
        throw AppError.validation([{ field: "field", code: "invalid_choice" }]);
      if (!isContentLanguage(input.lang) || input.lang === CONTENT_SOURCE_LANGUAGE)
        throw AppError.validation([{ field: "lang", code: "invalid_choice" }]);
      const text = RICH_TEXT_FIELDS.has(input.field) ? sanitizeRichText(input.text) : input.text;
      return db.transaction(async () => {
        const row = await ctx.loadEntry(principal.tenantId, t, id);
        authorize(principal, "directory.translate", scope(orgOf(t, id, row)));
        const saved = await deps.translations.setTranslation(
          { tenantId: principal.tenantId, entityType: t, entityId: id },
          input.field,
          input.lang,
          text,
          input.status,
          { db, actorUserId: principal.userId, expectedVersion: input.version },
        );
        await publication.refreshSearchText(principal.tenantId, t, id);
        const changes = { [`${input.field}.${input.lang}`]: { old: null, new: saved.status } };
        await ctx.audit({ kind: "user", principal }, "directory.translate", t, id, changes, requestId);
        return {
          lang: saved.lang,
          field: saved.field,
          status: saved.status as TranslationStatus,
          version: saved.version,
        };
      });
    },

    /**
     * Per language: counts per entry type (from the translations module), and the entries
     * whose fields are missing or outdated in that language.
     */
    async translationOverview(principal: Principal, lang: string) {
      authorize(principal, "directory.translate");
      if (!isContentLanguage(lang) || lang === CONTENT_SOURCE_LANGUAGE) throw AppError.notFound();
      const counts = (await deps.translations.overview(principal.tenantId, lang)).filter((c) =>
        isEntityType(c.entityType),
      );
      const items: OverviewItem[] = [];
      for (const type of ENTITY_TYPES) items.push(...(await gapsOf(principal, type, lang)));
      return { lang, counts, items };
    },
  };
}
