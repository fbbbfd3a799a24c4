import { LANGUAGE_CODES } from "../../i18n/languages.ts";
import { authorize } from "../../server/policy/policy.ts";
import type { Principal } from "../../server/policy/roles.ts";
import type { ContentLanguage } from "../translations/model.ts";
import type { TranslationCell } from "../translations/service.ts";
import type { FrameworkDeps } from "./deps.ts";
import {
  AXIS_ENTITY,
  type FrameworkAxis,
  type FrameworkTermWithTranslations,
  TERM_ENTITY,
  type TermField,
} from "./model.ts";
import { type AxisRow, frameworkRepo, type TermRow } from "./repo.ts";

const missingCell = (lang: ContentLanguage): TranslationCell => ({
  lang,
  status: "missing",
  text: null,
  version: 0,
});

/** Reading the framework: the public list, the staff list with every translation's status. */
export function createFrameworkReader(deps: FrameworkDeps) {
  const { db, translations } = deps;

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
    const termView = (t: TermRow): FrameworkTermWithTranslations => {
      const texts = termTexts.get(t.id) ?? {};
      const cells = matrix?.get(t.id) ?? {};
      const byLang: Record<string, Partial<Record<TermField, TranslationCell>>> = {};
      if (matrix) {
        for (const l of LANGUAGE_CODES) {
          byLang[l] = {
            label: cells.label?.[l] ?? missingCell(l),
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
    };
    return axes.map((a: AxisRow) => ({
      id: a.id,
      key: a.key,
      kind: a.kind,
      sort: a.sort,
      label: axisTexts.get(a.id)?.label ?? null,
      terms: terms.filter((t) => t.axisId === a.id).map(termView),
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
  };
}
