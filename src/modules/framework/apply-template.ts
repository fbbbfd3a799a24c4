import { LANGUAGE_CODES } from "../../i18n/languages.ts";
import type { DbOrTx } from "../../server/db/client.ts";
import { AppError } from "../../server/errors.ts";
import { CONTENT_SOURCE_LANGUAGE } from "../translations/model.ts";
import type { EntityRef } from "../translations/service.ts";
import type { FrameworkDeps } from "./deps.ts";
import { AXIS_ENTITY, TERM_ENTITY, TERM_FIELDS } from "./model.ts";
import { frameworkRepo } from "./repo.ts";
import { frameworkTemplate } from "./templates/index.ts";
import type { TemplateText } from "./templates/types.ts";

/** Applying a shipped template (seeds: Lünen, Unna, Herdecke, Lüner Dialog) to a tenant. */
export function createTemplateApplier(deps: FrameworkDeps) {
  const { db, translations } = deps;

  /** The German source and the shipped translations (status "draft") of one field. */
  async function writeTexts(tx: DbOrTx, ref: EntityRef, field: string, text: TemplateText) {
    const opts = { db: tx };
    await translations.setSource(ref, field, text.de, opts);
    for (const l of LANGUAGE_CODES) {
      if (l !== CONTENT_SOURCE_LANGUAGE)
        await translations.setTranslation(ref, field, l, text[l], "draft", opts);
    }
  }

  return {
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
        for (const [ai, axisT] of template.axes.entries()) {
          if (existing.has(axisT.key)) continue;
          const now = deps.clock.now();
          const axis = await frameworkRepo.insertAxis(tx, {
            tenantId,
            kind: axisT.kind,
            key: axisT.key,
            sort: startSort + ai,
            createdAt: now,
            updatedAt: now,
          });
          axes++;
          await writeTexts(
            tx,
            { tenantId, entityType: AXIS_ENTITY, entityId: axis.id },
            "label",
            axisT.label,
          );
          for (const [ti, termT] of axisT.terms.entries()) {
            const term = await frameworkRepo.insertTerm(tx, {
              tenantId,
              axisId: axis.id,
              key: termT.key,
              sort: ti,
              code: termT.code ?? null,
              createdAt: now,
              updatedAt: now,
            });
            terms++;
            const ref = { tenantId, entityType: TERM_ENTITY, entityId: term.id };
            for (const field of TERM_FIELDS) {
              const text = termT[field];
              if (text) await writeTexts(tx, ref, field, text);
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
