import type { DbOrTx } from "../../server/db/client.ts";
import { isUuid } from "../../server/db/ids.ts";
import { AppError } from "../../server/errors.ts";
import { authorize } from "../../server/policy/policy.ts";
import type { Principal } from "../../server/policy/roles.ts";
import { diff } from "../audit/service.ts";
import {
  CONTENT_SOURCE_LANGUAGE,
  type ContentLanguage,
  type TranslationStatus,
} from "../translations/model.ts";
import type {
  CreateFrameworkTerm,
  FrameworkTermTranslation,
  ReorderFrameworkTerms,
  UpdateFrameworkTerm,
} from "./contracts.ts";
import type { FrameworkDeps } from "./deps.ts";
import { slugify, TERM_ENTITY, type TermField } from "./model.ts";
import { frameworkRepo, type TermRow } from "./repo.ts";

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

/** Editing terms: add, change (German source), reorder, translate. Every write is audited. */
export function createTermEditor(deps: FrameworkDeps) {
  const { db, translations } = deps;
  const termRef = (tenantId: string, id: string) => ({ tenantId, entityType: TERM_ENTITY, entityId: id });
  const audited = (principal: Principal, requestId: string | undefined) => ({
    actor: { kind: "user" as const, principal },
    requestId: requestId ?? null,
  });

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

  /** Writes the German texts an update names; an empty description removes it. */
  async function writeGermanTexts(
    tx: DbOrTx,
    principal: Principal,
    ref: ReturnType<typeof termRef>,
    v: UpdateFrameworkTerm,
  ) {
    const actor = { actorUserId: principal.userId, db: tx };
    if (v.label !== undefined) await translations.setSource(ref, "label", v.label, actor);
    if (v.description !== undefined) {
      if (v.description === "") await translations.clearField(ref, "description", tx);
      else await translations.setSource(ref, "description", v.description, actor);
    }
  }

  return {
    async createTerm(
      principal: Principal,
      tenantId: string,
      v: CreateFrameworkTerm,
      requestId?: string,
    ): Promise<TermRow> {
      authorize(principal, "framework.update");
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
            ...audited(principal, requestId),
            action: "create",
            entityType: TERM_ENTITY,
            entityId: term.id,
            changes: diff(null, termAuditView(term, v)),
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
      v: UpdateFrameworkTerm,
      requestId?: string,
    ): Promise<TermRow> {
      authorize(principal, "framework.update");
      if (!isUuid(termId)) throw AppError.notFound();
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
        await writeGermanTexts(tx, principal, termRef(tenantId, termId), v);
        const textsAfter = {
          label: v.label ?? textsBefore.label,
          description: v.description === undefined ? textsBefore.description : v.description || null,
        };
        await deps.audit.record(
          {
            ...audited(principal, requestId),
            action: "update",
            entityType: TERM_ENTITY,
            entityId: termId,
            changes: diff(termAuditView(before, textsBefore), termAuditView(after, textsAfter)),
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
      order: ReorderFrameworkTerms,
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
            ...audited(principal, requestId),
            action: "reorder",
            entityType: "framework_axis",
            entityId: axisId,
            changes: diff(
              { order: [...current].sort((a, b) => a.sort - b.sort).map((t) => t.key) },
              { order: out.map((t) => t.key) },
            ),
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
      lang: ContentLanguage,
      v: FrameworkTermTranslation,
      requestId?: string,
    ): Promise<{ lang: ContentLanguage; field: TermField; status: TranslationStatus; version: number }> {
      authorize(principal, "framework.update");
      if (!isUuid(termId)) throw AppError.notFound();
      // German is the source: it is written through updateTerm.
      if (lang === CONTENT_SOURCE_LANGUAGE) {
        throw AppError.validation([{ field: "lang", code: "invalid_choice" }]);
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
            ...audited(principal, requestId),
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
          },
          tx,
        );
        return { lang, field: v.field, status: row.status, version: row.version };
      });
    },
  };
}
