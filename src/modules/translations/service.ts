import { createHash } from "node:crypto";
import { z } from "zod";
import type { DbOrTx } from "../../server/db/client.ts";
import { isUuid } from "../../server/db/ids.ts";
import type { CoreDeps } from "../../server/deps.ts";
import { validationError } from "../../server/errors.problem.ts";
import { AppError } from "../../server/errors.ts";
import { translatedText } from "./contracts.ts";
import {
  CONTENT_LANGUAGES,
  CONTENT_SOURCE_LANGUAGE,
  type ContentLanguage,
  type FallbackChains,
  fallbackChain,
  isContentLanguage,
  SETTABLE_STATUSES,
  type SettableStatus,
  type TranslationStatus,
} from "./languages.ts";
import type { EntityRef, ResolvedText, TranslationCell } from "./model.ts";
import { type FieldRef, type TranslationRow, translationRepo } from "./repo.ts";

export type { EntityRef, ResolvedText, TranslationCell } from "./model.ts";
export { MAX_TRANSLATED_TEXT } from "./model.ts";

/** The German source text's fingerprint; translations remember the one they were made from. */
export function sourceHash(text: string): string {
  return createHash("sha256").update(text.normalize("NFC").trim(), "utf8").digest("hex");
}

const nameSchema = z.string().regex(/^[a-z][a-z0-9_]{0,62}$/);
const textSchema = translatedText();

function checkRef(entity: EntityRef, field: string) {
  if (!isUuid(entity.tenantId) || !isUuid(entity.entityId)) throw AppError.notFound();
  if (!nameSchema.safeParse(entity.entityType).success || !nameSchema.safeParse(field).success) {
    throw AppError.validation([{ field: "field", code: "invalid" }]);
  }
}

function parseText(text: string): string {
  const r = textSchema.safeParse(text);
  if (!r.success) throw validationError(r.error.issues, "text");
  return r.data.normalize("NFC");
}

/** Postgres unique violation (23505), as thrown by node-postgres or PGlite through Drizzle. */
function isUniqueViolation(e: unknown): boolean {
  for (let cur: unknown = e, i = 0; cur && i < 4; i++) {
    if ((cur as { code?: unknown }).code === "23505") return true;
    cur = (cur as { cause?: unknown }).cause;
  }
  return false;
}

export type WriteOptions = {
  /** The user who writes; null/undefined for the system (templates, imports). */
  actorUserId?: string | null | undefined;
  /** Optimistic lock: the version the writer read (0 = "there was no row"). Omit only for system writes. */
  expectedVersion?: number | undefined;
  /** Run inside the caller's transaction. */
  db?: DbOrTx | undefined;
};

export function createTranslationService(deps: CoreDeps) {
  const now = () => deps.clock.now();

  /** Insert or compare-and-set update of one row. */
  async function write(
    db: DbOrTx,
    ref: FieldRef,
    lang: ContentLanguage,
    values: { text: string; status: TranslationStatus; sourceHash: string },
    opts: WriteOptions,
  ): Promise<TranslationRow> {
    const existing = await translationRepo.one(db, ref, lang);
    const expected = opts.expectedVersion;
    if (!existing) {
      if (expected !== undefined && expected !== 0) throw AppError.versionConflict(0);
      try {
        return await translationRepo.insert(db, {
          ...ref,
          lang,
          ...values,
          updatedBy: opts.actorUserId ?? null,
          updatedAt: now(),
          createdAt: now(),
        });
      } catch (e) {
        if (isUniqueViolation(e)) throw AppError.versionConflict();
        throw e;
      }
    }
    if (expected !== undefined && expected !== existing.version) {
      throw AppError.versionConflict(existing.version);
    }
    const updated = await translationRepo.updateIfVersion(
      db,
      ref.tenantId,
      existing.id,
      existing.version,
      { ...values, updatedBy: opts.actorUserId ?? null },
      now(),
    );
    if (!updated) throw AppError.versionConflict();
    return updated;
  }

  return {
    /**
     * Sets the German source of a field. When the text changes, every other language's
     * translation of that field becomes "outdated". Unchanged text changes nothing.
     */
    async setSource(
      entity: EntityRef,
      field: string,
      text: string,
      opts: WriteOptions = {},
    ): Promise<{ row: TranslationRow; changed: boolean; outdated: number }> {
      checkRef(entity, field);
      const value = parseText(text);
      const hash = sourceHash(value);
      const run = async (db: DbOrTx) => {
        const ref = { ...entity, field };
        const existing = await translationRepo.one(db, ref, CONTENT_SOURCE_LANGUAGE);
        if (existing && existing.sourceHash === hash && existing.text === value) {
          if (opts.expectedVersion !== undefined && opts.expectedVersion !== existing.version)
            throw AppError.versionConflict(existing.version);
          return { row: existing, changed: false, outdated: 0 };
        }
        const row = await write(
          db,
          ref,
          CONTENT_SOURCE_LANGUAGE,
          { text: value, status: "reviewed", sourceHash: hash },
          opts,
        );
        const outdated = await translationRepo.markOutdated(db, ref, hash, now());
        return { row, changed: true, outdated };
      };
      return opts.db ? run(opts.db) : deps.db.transaction(run);
    },

    /**
     * Writes one language's translation of a field, recording which German text it was made
     * from. The German source must exist; German itself is written with setSource().
     */
    async setTranslation(
      entity: EntityRef,
      field: string,
      lang: string,
      text: string,
      status: SettableStatus,
      opts: WriteOptions = {},
    ): Promise<TranslationRow> {
      checkRef(entity, field);
      if (!isContentLanguage(lang) || lang === CONTENT_SOURCE_LANGUAGE) {
        throw AppError.validation([{ field: "lang", code: "invalid_choice" }]);
      }
      if (!(SETTABLE_STATUSES as readonly string[]).includes(status)) {
        throw AppError.validation([{ field: "status", code: "invalid_choice" }]);
      }
      const value = parseText(text);
      const run = async (db: DbOrTx) => {
        const ref = { ...entity, field };
        const source = await translationRepo.one(db, ref, CONTENT_SOURCE_LANGUAGE);
        if (!source) throw AppError.validation([{ field: "text", code: "source_missing" }]);
        return write(db, ref, lang, { text: value, status, sourceHash: source.sourceHash }, opts);
      };
      return opts.db ? run(opts.db) : deps.db.transaction(run);
    },

    /**
     * The texts of many entities in one language, one query for all of them. Each field comes
     * from the first language along the chain requested → configured fallbacks → German that has
     * a usable text. Outdated translations are returned (flagged by their status) unless
     * `skipOutdated` asks to fall back past them.
     */
    async resolve(
      tenantId: string,
      entityType: string,
      entityIds: readonly string[],
      lang: ContentLanguage,
      opts: { fallbacks?: FallbackChains; skipOutdated?: boolean; db?: DbOrTx } = {},
    ): Promise<Map<string, Record<string, ResolvedText>>> {
      const chain = fallbackChain(lang, opts.fallbacks);
      const ids = entityIds.filter(isUuid);
      const rows = await translationRepo.forEntities(opts.db ?? deps.db, tenantId, entityType, ids, chain);
      const rank = (l: string) => chain.indexOf(l as ContentLanguage);
      const out = new Map<string, Record<string, ResolvedText>>();
      for (const id of ids) out.set(id, {});
      for (const r of rows) {
        if (r.status === "missing" || r.text.trim() === "") continue;
        if (opts.skipOutdated && r.status === "outdated") continue;
        const fields = out.get(r.entityId)!;
        const current = fields[r.field];
        if (current && rank(current.lang) <= rank(r.lang)) continue;
        fields[r.field] = {
          text: r.text,
          lang: r.lang as ContentLanguage,
          status: r.status,
          isFallback: r.lang !== lang,
        };
      }
      return out;
    },

    /** Every language's status of every field of these entities (absent rows are "missing"). */
    async matrix(
      tenantId: string,
      entityType: string,
      entityIds: readonly string[],
      langs: readonly ContentLanguage[] = CONTENT_LANGUAGES,
      db: DbOrTx = deps.db,
    ): Promise<Map<string, Record<string, Record<string, TranslationCell>>>> {
      const ids = entityIds.filter(isUuid);
      const rows = await translationRepo.forEntities(db, tenantId, entityType, ids, langs);
      const out = new Map<string, Record<string, Record<string, TranslationCell>>>();
      for (const id of ids) out.set(id, {});
      const fieldsOf = new Map<string, Set<string>>();
      for (const r of rows) {
        const byField = out.get(r.entityId)!;
        byField[r.field] ??= {};
        byField[r.field]![r.lang] = {
          lang: r.lang as ContentLanguage,
          status: r.status,
          text: r.text,
          version: r.version,
        };
        if (!fieldsOf.has(r.entityId)) fieldsOf.set(r.entityId, new Set());
        fieldsOf.get(r.entityId)!.add(r.field);
      }
      for (const [id, byField] of out) {
        for (const field of fieldsOf.get(id) ?? []) {
          for (const l of langs) {
            byField[field]![l] ??= { lang: l, status: "missing", text: null, version: 0 };
          }
        }
      }
      return out;
    },

    /** Per entity type: German source fields, and how many lack a translation into `lang` or have an outdated one. */
    overview(tenantId: string, lang: ContentLanguage) {
      return translationRepo.overview(deps.db, tenantId, lang);
    },

    /** Outdated fields per language of these entity types, most first (the staff home, decision 092). */
    outdatedByLanguage(tenantId: string, entityTypes: readonly string[]) {
      return translationRepo.outdatedByLanguage(deps.db, tenantId, entityTypes);
    },

    /** Removes a field in every language (its German source was cleared). */
    async clearField(entity: EntityRef, field: string, db: DbOrTx = deps.db): Promise<void> {
      checkRef(entity, field);
      await translationRepo.deleteField(db, { ...entity, field });
    },

    /** Removes every text of a deleted record. */
    removeEntity(entity: EntityRef, db: DbOrTx = deps.db): Promise<void> {
      return translationRepo.deleteEntity(db, entity.tenantId, entity.entityType, entity.entityId);
    },
  };
}
export type TranslationService = ReturnType<typeof createTranslationService>;
