/**
 * The questionnaire per accommodation (issue 21 "What must work" 4, decision 081): a survey form
 * of the surveys module is attached to an accommodation; its results are shown by accommodation
 * — every accommodation with the same form is a column, a response counts for the one the
 * respondent's case lived in on the day of answering — through the surveys module's analysis
 * with the small-cell rule (`deps.questionnaires`, the surveys service behind a port).
 */
import { AppError, isAppError } from "../../server/errors.ts";
import { authorize } from "../../server/policy/policy.ts";
import type { Principal } from "../../server/policy/roles.ts";
import type { AccommodationDeps } from "./deps.ts";
import { accommodationRepo, placementRepo } from "./housing.repo.ts";
import type { QuestionnaireView } from "./questionnaire.contracts.ts";
import { questionnaireRepo as repo } from "./questionnaire.repo.ts";

type Opts = { requestId?: string | null };

export function createQuestionnaire(deps: AccommodationDeps) {
  const { db } = deps;

  const service = {
    /** The forms that can be attached (id and title). */
    async forms(principal: Principal) {
      authorize(principal, "accommodation.manage");
      return deps.questionnaires.forms(principal.tenantId);
    },

    /** Attaches a form to the accommodation (null: detaches); an unknown form is refused. */
    async attach(principal: Principal, accommodationId: string, formId: string | null, opts: Opts = {}) {
      authorize(principal, "accommodation.manage");
      const t = principal.tenantId;
      const acc = await accommodationRepo.byId(db, t, accommodationId);
      if (!acc) throw AppError.notFound();
      if (formId) {
        const known = (await deps.questionnaires.forms(t)).some((f) => f.id === formId);
        if (!known) throw AppError.validation([{ field: "formId", code: "invalid_choice" }]);
      }
      const before = (await repo.all(db, t)).find((s) => s.accommodationId === acc.id)?.formId ?? null;
      await db.transaction(async (tx) => {
        await repo.set(tx, t, acc.id, formId, principal.userId);
        await deps.audit.record(
          {
            actor: { kind: "user", principal },
            action: "update",
            entityType: "accommodation",
            entityId: acc.id,
            changes: { surveyFormId: { old: before, new: formId } },
            requestId: opts.requestId ?? null,
          },
          tx,
        );
      });
    },

    /**
     * The accommodation's questionnaire: the form, its questions and, for a chosen question, the
     * answers by accommodation (columns: every accommodation with this form), small cells hidden.
     */
    async of(principal: Principal, accommodationId: string, question: string | null, lang: string) {
      authorize(principal, "accommodation.read");
      const t = principal.tenantId;
      const attached = await repo.all(db, t);
      const formId = attached.find((s) => s.accommodationId === accommodationId)?.formId;
      if (!formId) return null;
      const form = (await deps.questionnaires.forms(t)).find((f) => f.id === formId);
      if (!form) return null;
      const questions = await deps.questionnaires.questions(t, formId, lang);
      if (!question || !questions.some((q) => q.name === question)) return { form, questions, table: null };
      const accs = await accommodationRepo.list(db, t);
      const columns = accs
        .filter((a) => attached.some((s) => s.accommodationId === a.id && s.formId === formId))
        .map((a) => ({ key: a.id, label: a.name }));
      const placements = (await placementRepo.all(db, t)).filter((p) =>
        columns.some((c) => c.key === p.accommodationId),
      );
      const groups = placements.map((p) => ({
        caseId: p.caseId,
        from: p.moveIn,
        to: p.moveOut,
        key: p.accommodationId,
      }));
      try {
        const table = await deps.questionnaires.crossTab(t, { formId, question }, groups, columns, lang);
        return { form, questions, table };
      } catch (e) {
        if (isAppError(e) && e.code === "validation_failed") return { form, questions, table: null };
        throw e;
      }
    },

    /** As `of`, for the API and the page: an unknown accommodation is a 404, no form an empty view. */
    async view(
      principal: Principal,
      accommodationId: string,
      question: string | null,
      lang: string,
    ): Promise<QuestionnaireView> {
      authorize(principal, "accommodation.read");
      if (!(await accommodationRepo.byId(db, principal.tenantId, accommodationId))) throw AppError.notFound();
      const r = await service.of(principal, accommodationId, question, lang);
      return r ?? { form: null, questions: [], table: null };
    },
  };
  return service;
}
