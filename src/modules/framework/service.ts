import { z } from "zod";
import { LANGUAGE_CODES } from "../../i18n/languages.ts";
import type { DbOrTx } from "../../server/db/client.ts";
import { isUuid } from "../../server/db/ids.ts";
import type { CoreDeps } from "../../server/deps.ts";
import { validationError } from "../../server/errors.problem.ts";
import { AppError } from "../../server/errors.ts";
import { authorize } from "../../server/policy/policy.ts";
import type { Principal } from "../../server/policy/roles.ts";
import type { AuditService } from "../audit/service.ts";
import { diff } from "../audit/service.ts";
import {
  CONTENT_SOURCE_LANGUAGE,
  type ContentLanguage,
  isContentLanguage,
  SETTABLE_STATUSES,
  type TranslationStatus,
} from "../translations/languages.ts";
import type { ResolvedText, TranslationCell, TranslationService } from "../translations/service.ts";
import { type AxisRow, frameworkRepo, type TermRow } from "./repo.ts";
import type { AxisKind } from "./schema.ts";
import { frameworkTemplate } from "./templates/index.ts";

/** Entity types under which framework texts live in content_translations. */
export const AXIS_ENTITY = "framework_axis";
export const TERM_ENTITY = "framework_term";
export const TERM_FIELDS = ["label", "description"] as const;
export type TermField = (typeof TERM_FIELDS)[number];

export const MAX_LABEL = 200;
export const MAX_DESCRIPTION = 2000;

export type FrameworkTerm = {
  id: string;
  axisId: string;
  key: string;
  code: string | null;
  sort: number;
  parentId: string | null;
  active: boolean;
  version: number;
  label: ResolvedText | null;
  description: ResolvedText | null;
};
export type FrameworkTermWithTranslations = FrameworkTerm & {
  /** Per language: the label/description cell (status "missing" when there is none). */
  translations: Record<string, Partial<Record<TermField, TranslationCell>>>;
};
export type FrameworkAxis<T extends FrameworkTerm = FrameworkTerm> = {
  id: string;
  key: string;
  kind: AxisKind;
  sort: number;
  label: ResolvedText | null;
  terms: T[];
};

const uuid = () => z.string().refine(isUuid, { error: "code:invalid" });
const optionalText = (max: number) => z.string().trim().max(max).optional();

const createTermSchema = z.object({
  axisId: uuid(),
  label: z.string().trim().min(1).max(MAX_LABEL),
  description: optionalText(MAX_DESCRIPTION),
  code: optionalText(20),
  key: z
    .string()
    .trim()
    .max(60)
    .regex(/^[a-z0-9][a-z0-9-]*$/, { error: "code:slug_format" })
    .optional()
    .or(z.literal("").transform(() => undefined)),
  parentId: uuid().nullish(),
});
export type CreateTermInput = z.input<typeof createTermSchema>;

const updateTermSchema = z.object({
  version: z.number().int().min(1),
  label: z.string().trim().min(1).max(MAX_LABEL).optional(),
  description: optionalText(MAX_DESCRIPTION),
  code: optionalText(20),
  sort: z.number().int().min(0).max(100_000).optional(),
  parentId: uuid().nullish(),
  active: z.boolean().optional(),
});
export type UpdateTermInput = z.input<typeof updateTermSchema>;

const translationSchema = z.object({
  field: z.enum(TERM_FIELDS),
  text: z.string().trim().min(1).max(MAX_DESCRIPTION),
  status: z.enum(SETTABLE_STATUSES),
  /** The version of the translation the editor read; 0 when it was missing. */
  version: z.number().int().min(0),
});
export type TermTranslationInput = z.input<typeof translationSchema>;

/** A stable key from a German label: "Übergang in den Ruhestand" → "uebergang-in-den-ruhestand". */
export function slugify(label: string): string {
  const s = label
    .toLowerCase()
    .replace(/ä/g, "ae")
    .replace(/ö/g, "oe")
    .replace(/ü/g, "ue")
    .replace(/ß/g, "ss")
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 50)
    .replace(/-+$/, "");
  return s || "term";
}

function termAuditView(t: TermRow, texts: { label?: string | null; description?: string | null }) {
  return {
    key: t.key,
    code: t.code,
    sort: t.sort,
    parentId: t.parentId,
    active: t.active,
    label: texts.label ?? null,
    description: texts.description ?? null,
  };
}

export function createFrameworkService(
  deps: CoreDeps & { audit: AuditService; translations: TranslationService },
) {
  const { db, translations } = deps;
  const termRef = (tenantId: string, id: string) => ({ tenantId, entityType: TERM_ENTITY, entityId: id });

  async function germanTexts(tenantId: string, termId: string, tx: DbOrTx) {
    const resolved = await translations.resolve(tenantId, TERM_ENTITY, [termId], CONTENT_SOURCE_LANGUAGE, {
      db: tx,
    });
    const r = resolved.get(termId) ?? {};
    return { label: r.label?.text ?? null, description: r.description?.text ?? null };
  }

  /** The parent must be another term of the same axis, and not one of the term's own descendants. */
  async function checkParent(
    tx: DbOrTx,
    tenantId: string,
    axisId: string,
    parentId: string,
    selfId?: string,
  ) {
    const fail = () => AppError.validation([{ field: "parentId", code: "invalid_parent" }]);
    const all = await frameworkRepo.termsOfAxis(tx, tenantId, axisId);
    const byId = new Map(all.map((t) => [t.id, t]));
    if (!byId.has(parentId) || parentId === selfId) throw fail();
    for (let cur = byId.get(parentId), i = 0; cur?.parentId && i <= all.length; i++) {
      if (cur.parentId === selfId) throw fail();
      cur = byId.get(cur.parentId);
    }
  }

  async function listInternal(
    tenantId: string,
    lang: ContentLanguage,
    opts: { includeInactive: boolean; withTranslations: boolean },
  ): Promise<FrameworkAxis<FrameworkTermWithTranslations>[]> {
    const axes = await frameworkRepo.axes(db, tenantId);
    const terms = (await frameworkRepo.terms(db, tenantId)).filter((t) => opts.includeInactive || t.active);
    const termIds = terms.map((t) => t.id);
    const [axisTexts, termTexts, matrix] = await Promise.all([
      translations.resolve(
        tenantId,
        AXIS_ENTITY,
        axes.map((a) => a.id),
        lang,
      ),
      translations.resolve(tenantId, TERM_ENTITY, termIds, lang),
      opts.withTranslations
        ? translations.matrix(tenantId, TERM_ENTITY, termIds, LANGUAGE_CODES)
        : Promise.resolve(undefined),
    ]);
    return axes.map((a: AxisRow) => ({
      id: a.id,
      key: a.key,
      kind: a.kind,
      sort: a.sort,
      label: axisTexts.get(a.id)?.label ?? null,
      terms: terms
        .filter((t) => t.axisId === a.id)
        .map((t) => {
          const texts = termTexts.get(t.id) ?? {};
          const cells = matrix?.get(t.id) ?? {};
          const byLang: Record<string, Partial<Record<TermField, TranslationCell>>> = {};
          if (matrix) {
            for (const l of LANGUAGE_CODES) {
              byLang[l] = {
                label: cells.label?.[l] ?? { lang: l, status: "missing", text: null, version: 0 },
                ...(cells.description ? { description: cells.description[l] } : {}),
              };
            }
          }
          return {
            id: t.id,
            axisId: t.axisId,
            key: t.key,
            code: t.code,
            sort: t.sort,
            parentId: t.parentId,
            active: t.active,
            version: t.version,
            label: texts.label ?? null,
            description: texts.description ?? null,
            translations: byLang,
          };
        }),
    }));
  }

  return {
    /**
     * The tenant's axes and active terms in a language, each text with its fallback
     * information. Public data (offer categories and target groups show on the public site).
     */
    async list(tenantId: string, lang: ContentLanguage): Promise<FrameworkAxis[]> {
      const axes = await listInternal(tenantId, lang, { includeInactive: false, withTranslations: false });
      return axes.map((a) => ({ ...a, terms: a.terms.map(({ translations: _t, ...term }) => term) }));
    },

    /** For the staff page: also inactive terms and every term's translation status per language. */
    async listForStaff(
      principal: Principal,
      tenantId: string,
      lang: ContentLanguage,
    ): Promise<FrameworkAxis<FrameworkTermWithTranslations>[]> {
      authorize(principal, "framework.read");
      return listInternal(tenantId, lang, { includeInactive: true, withTranslations: true });
    },

    async hasFramework(tenantId: string): Promise<boolean> {
      return (await frameworkRepo.axes(db, tenantId)).length > 0;
    },

    async createTerm(
      principal: Principal,
      tenantId: string,
      input: CreateTermInput,
      requestId?: string,
    ): Promise<TermRow> {
      authorize(principal, "framework.update");
      const parsed = createTermSchema.safeParse(input);
      if (!parsed.success) throw validationError(parsed.error.issues);
      const v = parsed.data;
      return db.transaction(async (tx) => {
        const axis = await frameworkRepo.axis(tx, tenantId, v.axisId);
        if (!axis) throw AppError.validation([{ field: "axisId", code: "invalid_choice" }]);
        const siblings = await frameworkRepo.termsOfAxis(tx, tenantId, axis.id);
        if (v.parentId) await checkParent(tx, tenantId, axis.id, v.parentId);
        const keys = new Set(siblings.map((s) => s.key));
        let key = v.key ?? slugify(v.label);
        if (v.key && keys.has(v.key)) {
          throw new AppError("already_exists", { fields: [{ field: "key", code: "taken" }] });
        }
        for (let i = 2; keys.has(key); i++) key = `${slugify(v.label)}-${i}`;
        const term = await frameworkRepo.insertTerm(tx, {
          tenantId,
          axisId: axis.id,
          key,
          sort: siblings.reduce((m, s) => Math.max(m, s.sort + 1), 0),
          parentId: v.parentId ?? null,
          code: v.code || null,
          createdAt: deps.clock.now(),
          updatedAt: deps.clock.now(),
        });
        const ref = termRef(tenantId, term.id);
        const actor = { actorUserId: principal.userId, db: tx };
        await translations.setSource(ref, "label", v.label, actor);
        if (v.description) await translations.setSource(ref, "description", v.description, actor);
        await deps.audit.record(
          {
            actor: { kind: "user", principal },
            action: "create",
            entityType: TERM_ENTITY,
            entityId: term.id,
            changes: diff(null, termAuditView(term, v)),
            requestId: requestId ?? null,
          },
          tx,
        );
        return term;
      });
    },

    /**
     * Changes a term (German label/description, code, order, parent, active) only if nobody
     * else saved since `version` was read. A changed German text marks its translations outdated.
     */
    async updateTerm(
      principal: Principal,
      tenantId: string,
      termId: string,
      input: UpdateTermInput,
      requestId?: string,
    ): Promise<TermRow> {
      authorize(principal, "framework.update");
      if (!isUuid(termId)) throw AppError.notFound();
      const parsed = updateTermSchema.safeParse(input);
      if (!parsed.success) throw validationError(parsed.error.issues);
      const v = parsed.data;
      return db.transaction(async (tx) => {
        const before = await frameworkRepo.term(tx, tenantId, termId);
        if (!before) throw AppError.notFound();
        if (before.version !== v.version) throw AppError.versionConflict(before.version);
        if (v.parentId) await checkParent(tx, tenantId, before.axisId, v.parentId, before.id);
        const textsBefore = await germanTexts(tenantId, termId, tx);
        const after = await frameworkRepo.updateTermIfVersion(
          tx,
          tenantId,
          termId,
          v.version,
          {
            ...(v.code !== undefined ? { code: v.code || null } : {}),
            ...(v.sort !== undefined ? { sort: v.sort } : {}),
            ...(v.parentId !== undefined ? { parentId: v.parentId } : {}),
            ...(v.active !== undefined ? { active: v.active } : {}),
          },
          deps.clock.now(),
        );
        if (!after) throw AppError.versionConflict(before.version);
        const ref = termRef(tenantId, termId);
        const actor = { actorUserId: principal.userId, db: tx };
        if (v.label !== undefined) await translations.setSource(ref, "label", v.label, actor);
        if (v.description !== undefined) {
          if (v.description === "") await translations.clearField(ref, "description", tx);
          else await translations.setSource(ref, "description", v.description, actor);
        }
        const textsAfter = {
          label: v.label ?? textsBefore.label,
          description: v.description === undefined ? textsBefore.description : v.description || null,
        };
        const changes = diff(termAuditView(before, textsBefore), termAuditView(after, textsAfter));
        await deps.audit.record(
          {
            actor: { kind: "user", principal },
            action: "update",
            entityType: TERM_ENTITY,
            entityId: termId,
            changes,
            requestId: requestId ?? null,
          },
          tx,
        );
        return after;
      });
    },

    /** Puts all terms of an axis in the given order; every term must be named with the version read. */
    async reorderTerms(
      principal: Principal,
      tenantId: string,
      axisId: string,
      order: { id: string; version: number }[],
      requestId?: string,
    ): Promise<TermRow[]> {
      authorize(principal, "framework.update");
      if (!isUuid(axisId)) throw AppError.notFound();
      return db.transaction(async (tx) => {
        const axis = await frameworkRepo.axis(tx, tenantId, axisId);
        if (!axis) throw AppError.notFound();
        const current = await frameworkRepo.termsOfAxis(tx, tenantId, axisId);
        const named = new Set(order.map((o) => o.id));
        if (
          named.size !== order.length ||
          named.size !== current.length ||
          current.some((t) => !named.has(t.id))
        ) {
          throw AppError.validation([{ field: "order", code: "invalid" }]);
        }
        const out: TermRow[] = [];
        for (const [i, item] of order.entries()) {
          const before = current.find((t) => t.id === item.id)!;
          if (before.sort === i && before.version === item.version) {
            out.push(before);
            continue;
          }
          const after = await frameworkRepo.updateTermIfVersion(
            tx,
            tenantId,
            item.id,
            item.version,
            { sort: i },
            deps.clock.now(),
          );
          if (!after) throw AppError.versionConflict(before.version);
          out.push(after);
        }
        await deps.audit.record(
          {
            actor: { kind: "user", principal },
            action: "reorder",
            entityType: "framework_axis",
            entityId: axisId,
            changes: diff(
              { order: [...current].sort((a, b) => a.sort - b.sort).map((t) => t.key) },
              { order: out.map((t) => t.key) },
            ),
            requestId: requestId ?? null,
          },
          tx,
        );
        return out;
      });
    },

    /** Writes a term's label or description in a language other than German (version: of that translation, 0 if none). */
    async setTermTranslation(
      principal: Principal,
      tenantId: string,
      termId: string,
      lang: string,
      input: TermTranslationInput,
      requestId?: string,
    ): Promise<{ lang: ContentLanguage; field: TermField; status: TranslationStatus; version: number }> {
      authorize(principal, "framework.update");
      if (!isUuid(termId)) throw AppError.notFound();
      if (!isContentLanguage(lang) || lang === CONTENT_SOURCE_LANGUAGE) {
        throw AppError.validation([{ field: "lang", code: "invalid_choice" }]);
      }
      const parsed = translationSchema.safeParse(input);
      if (!parsed.success) throw validationError(parsed.error.issues);
      const v = parsed.data;
      if (v.field === "label" && v.text.length > MAX_LABEL) {
        throw AppError.validation([{ field: "text", code: "too_long", params: { max: MAX_LABEL } }]);
      }
      return db.transaction(async (tx) => {
        const term = await frameworkRepo.term(tx, tenantId, termId);
        if (!term) throw AppError.notFound();
        const ref = termRef(tenantId, termId);
        const before = (await translations.matrix(tenantId, TERM_ENTITY, [termId], [lang], tx)).get(termId)?.[
          v.field
        ]?.[lang];
        const row = await translations.setTranslation(ref, v.field, lang, v.text, v.status, {
          actorUserId: principal.userId,
          expectedVersion: v.version,
          db: tx,
        });
        await deps.audit.record(
          {
            actor: { kind: "user", principal },
            action: "translate",
            entityType: TERM_ENTITY,
            entityId: termId,
            changes: diff(
              {
                [`${v.field}.${lang}`]: before?.text ?? null,
                [`${v.field}.${lang}.status`]: before?.status ?? "missing",
              },
              { [`${v.field}.${lang}`]: row.text, [`${v.field}.${lang}.status`]: row.status },
            ),
            requestId: requestId ?? null,
          },
          tx,
        );
        return { lang, field: v.field, status: row.status, version: row.version };
      });
    },

    /**
     * Creates a template's axes and terms for a tenant, with German sources and the shipped
     * translations (status "draft"). Axes the tenant already has (same key) are left alone, so
     * applying twice changes nothing. Pass `db` to run inside the caller's transaction.
     */
    async applyTemplate(
      tenantId: string,
      templateKey: string,
      dbOrTx?: DbOrTx,
    ): Promise<{ axes: number; terms: number }> {
      const template = frameworkTemplate(templateKey);
      if (!template) throw AppError.validation([{ field: "frameworkTemplate", code: "invalid_choice" }]);
      const run = async (tx: DbOrTx) => {
        const existing = new Set((await frameworkRepo.axes(tx, tenantId)).map((a) => a.key));
        const startSort = existing.size;
        let axes = 0;
        let terms = 0;
        const opts = { db: tx };
        for (const [ai, axisT] of template.axes.entries()) {
          if (existing.has(axisT.key)) continue;
          const axis = await frameworkRepo.insertAxis(tx, {
            tenantId,
            kind: axisT.kind,
            key: axisT.key,
            sort: startSort + ai,
            createdAt: deps.clock.now(),
            updatedAt: deps.clock.now(),
          });
          axes++;
          const axisRef = { tenantId, entityType: AXIS_ENTITY, entityId: axis.id };
          await translations.setSource(axisRef, "label", axisT.label.de, opts);
          for (const l of LANGUAGE_CODES) {
            if (l !== CONTENT_SOURCE_LANGUAGE)
              await translations.setTranslation(axisRef, "label", l, axisT.label[l], "draft", opts);
          }
          for (const [ti, termT] of axisT.terms.entries()) {
            const term = await frameworkRepo.insertTerm(tx, {
              tenantId,
              axisId: axis.id,
              key: termT.key,
              sort: ti,
              code: termT.code ?? null,
              createdAt: deps.clock.now(),
              updatedAt: deps.clock.now(),
            });
            terms++;
            const ref = termRef(tenantId, term.id);
            for (const field of TERM_FIELDS) {
              const text = termT[field];
              if (!text) continue;
              await translations.setSource(ref, field, text.de, opts);
              for (const l of LANGUAGE_CODES) {
                if (l !== CONTENT_SOURCE_LANGUAGE)
                  await translations.setTranslation(ref, field, l, text[l], "draft", opts);
              }
            }
          }
        }
        await deps.audit.record(
          {
            actor: { kind: "system", tenantId },
            action: "apply_template",
            entityType: "framework",
            entityId: null,
            changes: {
              template: { old: null, new: template.key },
              axes: { old: 0, new: axes },
              terms: { old: 0, new: terms },
            },
          },
          tx,
        );
        return { axes, terms };
      };
      return dbOrTx ? run(dbOrTx) : db.transaction(run);
    },
  };
}
export type FrameworkService = ReturnType<typeof createFrameworkService>;
