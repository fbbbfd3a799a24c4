/**
 * Site-selection weights from a citizens' dialogue (issue 21 "Weights from a dialogue",
 * decision 114). The coordinator links a survey form of the surveys module and says which
 * question asks for which criterion; the surveys module summarises the answers (small counts
 * hidden, `deps.dialogue`); `dialogue-model.ts` turns the medians into weights; staff adopt them
 * as weight set no. 1, 2, … (audited), and the selection uses the set in force.
 */
import { AppError, type FieldError } from "../../server/errors.ts";
import { authorize } from "../../server/policy/policy.ts";
import type { Actor } from "../audit/service.ts";
import { smallCellRuleFor } from "../statistics/small-cells.ts";
import type { AccommodationDeps } from "./deps.ts";
import { deriveWeights, sameWeights } from "./dialogue-model.ts";
import { criterionRepo } from "./repo.ts";
import type {
  AdoptWeightsInput,
  DialogueFormView,
  LinkDialogueInput,
  WeightSetView,
  WeightsView,
} from "./weights.contracts.ts";
import { type WeightSetRow, weightsRepo } from "./weights.repo.ts";

type Opts = { requestId?: string | null };

export const check = (actor: Actor, action: "accommodation.sites.read" | "accommodation.sites.manage") => {
  if (actor.kind === "user") authorize(actor.principal, action);
};
export const tenantOf = (actor: Actor) => (actor.kind === "user" ? actor.principal.tenantId : actor.tenantId);
export const userOf = (actor: Actor) => (actor.kind === "user" ? actor.principal.userId : null);

export const weightSetView = (r: WeightSetRow): WeightSetView => ({
  id: r.id,
  number: r.number,
  createdAt: r.createdAt.toISOString(),
  weights: r.weights,
  // Sets adopted before decision 130 carry no kind: they are all from the dialogue.
  source: r.source.kind === "pairwise" ? r.source : { ...r.source, kind: "dialogue" },
});

export function createWeights(deps: AccommodationDeps) {
  const { db } = deps;

  async function formTitle(tenantId: string, formId: string) {
    return (await deps.questionnaires.forms(tenantId)).find((f) => f.id === formId)?.title ?? null;
  }

  /** The derivation from the answers as they are now; null without a link. */
  async function derive(tenantId: string, lang: string) {
    const link = await weightsRepo.dialogue(db, tenantId);
    if (!link) return null;
    const title = await formTitle(tenantId, link.formId);
    // The form was deleted after linking: nothing to derive, the link stays to be changed.
    const questions = title === null ? [] : await deps.dialogue.numericQuestions(tenantId, link.formId, lang);
    const criteria = await criterionRepo.list(db, tenantId);
    const known = new Set(questions.map((q) => q.name));
    const mapping = Object.fromEntries(
      Object.entries(link.mapping).filter(([c, q]) => criteria.some((x) => x.id === c) && known.has(q)),
    );
    const summaries =
      title === null ? [] : await deps.dialogue.summarise(tenantId, link.formId, Object.values(mapping));
    const derived = deriveWeights(criteria, mapping, link.method, summaries);
    return { link, title: title ?? "", questions, mapping, derived };
  }

  return {
    /** Survey forms with their numeric questions, to link one (rating or rank per criterion). */
    async forms(actor: Actor, lang: string): Promise<DialogueFormView[]> {
      check(actor, "accommodation.sites.manage");
      const tenantId = tenantOf(actor);
      const forms = await deps.questionnaires.forms(tenantId);
      return Promise.all(
        forms.map(async (f) => ({
          ...f,
          questions: await deps.dialogue.numericQuestions(tenantId, f.id, lang),
        })),
      );
    },

    /** The linked questionnaire, the weights its answers give now, and the adopted sets. */
    async view(actor: Actor, lang: string): Promise<WeightsView> {
      check(actor, "accommodation.sites.read");
      const tenantId = tenantOf(actor);
      const [d, sets, tenant] = await Promise.all([
        derive(tenantId, lang),
        weightsRepo.sets(db, tenantId),
        deps.tenants.byId(tenantId),
      ]);
      const minCount = smallCellRuleFor(tenant?.settings.smallCells).minCount;
      return {
        dialogue: d && {
          formId: d.link.formId,
          formTitle: d.title,
          method: d.link.method,
          mapping: d.mapping,
          questions: d.questions,
          version: d.link.version,
        },
        derived: d && { ...d.derived, minCount },
        sets: sets.map(weightSetView),
      };
    },

    /** Links (or changes) the dialogue's questionnaire; optimistic on the link's version. */
    async link(actor: Actor, input: LinkDialogueInput, opts: Opts = {}) {
      check(actor, "accommodation.sites.manage");
      const tenantId = tenantOf(actor);
      if ((await formTitle(tenantId, input.formId)) === null)
        throw AppError.validation([{ field: "formId", code: "invalid_choice" }]);
      const criteria = new Set((await criterionRepo.list(db, tenantId)).map((c) => c.id));
      const questions = new Set(
        (await deps.dialogue.numericQuestions(tenantId, input.formId, "de")).map((q) => q.name),
      );
      const fields: FieldError[] = [];
      const used = new Map<string, string>();
      for (const [criterionId, question] of Object.entries(input.mapping)) {
        const field = `mapping.${criterionId}`;
        if (!criteria.has(criterionId)) fields.push({ field, code: "invalid_choice" });
        else if (!questions.has(question)) fields.push({ field, code: "invalid_choice" });
        // One answer cannot stand for two criteria: the weights would be the same by construction.
        else if (used.has(question)) fields.push({ field, code: "accommodation_question_twice" });
        used.set(question, criterionId);
      }
      if (fields.length) throw AppError.validation(fields);
      const before = await weightsRepo.dialogue(db, tenantId);
      await db.transaction(async (tx) => {
        const patch = {
          formId: input.formId,
          method: input.method,
          mapping: input.mapping,
          updatedBy: userOf(actor),
        };
        const after =
          input.version === null
            ? await weightsRepo.insertDialogue(tx, { tenantId, ...patch })
            : await weightsRepo.updateDialogueIfVersion(tx, tenantId, input.version, patch);
        if (!after) throw AppError.versionConflict(before?.version);
        await deps.audit.record(
          {
            actor,
            action: before ? "update" : "create",
            entityType: "accommodation_weight_dialogue",
            entityId: input.formId,
            changes: {
              formId: { old: before?.formId ?? null, new: input.formId },
              method: { old: before?.method ?? null, new: input.method },
              mapping: { old: before?.mapping ?? null, new: input.mapping },
            },
            requestId: opts.requestId ?? null,
          },
          tx,
        );
      });
    },

    /**
     * Adopts the weights the answers give now as the next numbered set. Refused when they are not
     * the weights shown (answers arrived meanwhile), when they cannot be derived, or when the link
     * changed or someone adopted since it was read (409).
     */
    async adopt(actor: Actor, input: AdoptWeightsInput, opts: Opts = {}): Promise<WeightSetView> {
      check(actor, "accommodation.sites.manage");
      const tenantId = tenantOf(actor);
      const d = await derive(tenantId, "de");
      if (!d) throw AppError.validation([{ field: "formId", code: "accommodation_no_dialogue" }]);
      if (d.derived.status !== "ok" || !d.derived.weights)
        throw AppError.validation([{ field: "weights", code: `accommodation_dialogue_${d.derived.status}` }]);
      if (!sameWeights(d.derived.weights, input.weights))
        throw AppError.validation([{ field: "weights", code: "accommodation_dialogue_changed" }]);
      const weights = d.derived.weights;
      return db.transaction(async (tx) => {
        // Claiming the link's version serialises adoptions: the second waits, then finds it moved on.
        const claimed = await weightsRepo.updateDialogueIfVersion(tx, tenantId, input.version, {});
        if (!claimed) throw AppError.versionConflict(d.link.version);
        const number = ((await weightsRepo.current(tx, tenantId))?.number ?? 0) + 1;
        const row = await weightsRepo.insertSet(tx, {
          tenantId,
          number,
          weights,
          source: {
            kind: "dialogue",
            formId: d.link.formId,
            formTitle: d.title,
            method: d.link.method,
            mapping: d.mapping,
            answers: Object.fromEntries(
              d.derived.rows.filter((r) => r.question).map((r) => [r.criterionId, r.answers ?? 0]),
            ),
          },
          adoptedBy: userOf(actor),
        });
        if (!row) throw AppError.versionConflict(d.link.version);
        await deps.audit.record(
          {
            actor,
            action: "create",
            entityType: "accommodation_weight_set",
            entityId: row.id,
            changes: { number: { old: null, new: number }, weights: { old: null, new: weights } },
            requestId: opts.requestId ?? null,
          },
          tx,
        );
        return weightSetView(row);
      });
    },

    /** The set in force, for the run form; null when none was adopted. */
    async inForce(actor: Actor): Promise<WeightSetView | null> {
      check(actor, "accommodation.sites.read");
      const row = await weightsRepo.current(db, tenantOf(actor));
      return row ? weightSetView(row) : null;
    },

    /** The set in force (the highest number), for the selection; undefined when none was adopted. */
    async current(tenantId: string): Promise<WeightSetRow | undefined> {
      return weightsRepo.current(db, tenantId);
    },
  };
}
