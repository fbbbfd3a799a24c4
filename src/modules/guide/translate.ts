/** Translations of guide pages: the overview per language, the translator's view and saving one language. */
import type { DbOrTx } from "../../server/db/client.ts";
import { AppError } from "../../server/errors.ts";
import { authorize, can, scopeIdsFor } from "../../server/policy/policy.ts";
import type { Principal } from "../../server/policy/roles.ts";
import { diff } from "../audit/service.ts";
import { sanitizeRichText } from "../directory/service.ts";
import type { ContentLanguage } from "../translations/languages.ts";
import type { TranslationInput } from "./contracts.ts";
import type { GuideDeps } from "./deps.ts";
import { GUIDE_ENTITY, pageTranslationStatus, pathOf, readableText, wordDiff } from "./model.ts";
import { scopeOf } from "./pages.ts";
import { guideRepo, type PageRow } from "./repo.ts";

export function createTranslate(
  deps: GuideDeps,
  reindex: (tenantId: string, pageIds: readonly string[], tx?: DbOrTx) => Promise<void>,
) {
  const { db } = deps;

  /** Pages the principal translates: all with a tenant-wide grant, else those its organizations or offices own. */
  function mayTranslate(principal: Principal, p: PageRow): boolean {
    return can(principal, "guide.translate", scopeOf(p));
  }

  async function published(principal: Principal, id: string) {
    const page = await guideRepo.byId(db, principal.tenantId, id);
    if (!page || page.publishedVersion === null) throw AppError.notFound();
    authorize(principal, "guide.translate", scopeOf(page));
    const current = await guideRepo.version(db, principal.tenantId, id, page.publishedVersion);
    return { page, current: current! };
  }

  return {
    /** Every published page the principal may translate, with its status in `lang` (worst field wins). */
    async overview(principal: Principal, lang: ContentLanguage) {
      authorize(principal, "guide.translate");
      const all = await guideRepo.list(db, principal.tenantId);
      const pages = all.filter((p) => p.publishedVersion !== null && mayTranslate(principal, p));
      const matrix = await deps.translations.matrix(
        principal.tenantId,
        GUIDE_ENTITY,
        pages.map((p) => p.id),
        ["de", lang],
      );
      const items = pages.map((p) => {
        const cells = matrix.get(p.id) ?? {};
        const fields = Object.keys(cells).filter((f) => cells[f]?.de?.text);
        return {
          id: p.id,
          title: p.title,
          depth: pathOf(all, p.id).length,
          status: pageTranslationStatus(fields.map((f) => cells[f]?.[lang]?.status)),
        };
      });
      const counts = { missing: 0, machine: 0, draft: 0, reviewed: 0, outdated: 0 };
      for (const i of items) counts[i.status]++;
      return {
        lang,
        items,
        counts,
        scoped: scopeIdsFor(principal, "guide.translate", "organization") !== "all",
      };
    },

    /**
     * The translator's view: the German source now, the translation, and the changes to the
     * German text since the version the translation was made from.
     */
    async translatorView(principal: Principal, id: string, lang: ContentLanguage) {
      const { page, current } = await published(principal, id);
      const entity = { tenantId: principal.tenantId, entityType: GUIDE_ENTITY, entityId: id };
      const cells =
        (await deps.translations.matrix(entity.tenantId, GUIDE_ENTITY, [id], [lang])).get(id) ?? {};
      const cell = (f: string) =>
        cells[f]?.[lang] ?? { lang, status: "missing" as const, text: null, version: 0 };
      const basedOn = (await guideRepo.bases(db, principal.tenantId, id)).get(lang) ?? null;
      const base =
        basedOn !== null ? await guideRepo.version(db, principal.tenantId, id, basedOn) : undefined;
      const changed = base && base.number !== current.number;
      return {
        id,
        lang,
        source: { title: current.title, body: current.body, version: current.number },
        translation: { title: cell("title"), body: cell("body") },
        status: pageTranslationStatus(
          [cell("title").status, current.body.trim() ? cell("body").status : undefined].filter(
            (s) => s !== undefined,
          ),
        ),
        basedOn,
        changes: changed
          ? {
              title: wordDiff(base.title, current.title),
              body: wordDiff(readableText(base.body), readableText(current.body)),
            }
          : null,
        title: page.title,
      };
    },

    /** Writes title and body of one language, remembering which published German version it was made from. */
    async saveTranslation(
      principal: Principal,
      id: string,
      lang: ContentLanguage,
      input: TranslationInput,
      requestId?: string,
    ) {
      const { current } = await published(principal, id);
      // Made from an older German text than the one published now: refused, not marked current.
      if (input.sourceVersion !== undefined && input.sourceVersion !== current.number)
        throw AppError.versionConflict(current.number);
      const body = sanitizeRichText(input.body);
      if (current.body.trim() && !body) throw AppError.validation([{ field: "body", code: "required" }]);
      const entity = { tenantId: principal.tenantId, entityType: GUIDE_ENTITY, entityId: id };
      await db.transaction(async (tx) => {
        const opts = { db: tx, actorUserId: principal.userId };
        await deps.translations.setTranslation(entity, "title", lang, input.title, input.status, {
          ...opts,
          expectedVersion: input.titleVersion,
        });
        if (current.body.trim()) {
          await deps.translations.setTranslation(entity, "body", lang, body, input.status, {
            ...opts,
            expectedVersion: input.bodyVersion,
          });
        }
        await guideRepo.setBase(tx, principal.tenantId, id, lang, current.number, deps.clock.now());
        await reindex(principal.tenantId, [id], tx);
        await deps.audit.record(
          {
            actor: { kind: "user", principal },
            requestId: requestId ?? null,
            action: "guide.translate",
            entityType: GUIDE_ENTITY,
            entityId: id,
            changes: diff(null, { lang, status: input.status, basedOn: current.number }),
          },
          tx,
        );
      });
    },
  };
}
