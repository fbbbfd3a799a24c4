/**
 * The questionnaire editor (issue 15 §4, decision 096): question by question on the form
 * definition the XLSForm import produces. Each save checks the whole definition with the
 * engine's checker and parser (errors per question and field) and stores it as an import does
 * (`storeVersion`): a version with answers stays as it is and the edit becomes the next version,
 * a version without answers (a draft) is replaced. The form's `version` as read guards every
 * save, so two people editing the same draft get a conflict, not an overwrite.
 */
import { AppError } from "../../server/errors.ts";
import { authorize } from "../../server/policy/policy.ts";
import type { Principal } from "../../server/policy/roles.ts";
import type { Audited, SurveyDeps } from "./deps.ts";
import type { DeleteQuestionInput, EditQuestionInput, MoveQuestionInput } from "./editor.contracts.ts";
import { editorErrors } from "./editor-check.ts";
import * as ops from "./editor-ops.ts";
import { formRepo } from "./forms.repo.ts";
import { type FormService, storeVersion } from "./forms.ts";
import type { FormDefinition } from "./types.ts";

/** The language the editor shows first: German when the form has it, else the form's default. */
export function sourceLanguageOf(def: FormDefinition): string {
  return def.languages.includes("de") || def.defaultLanguage === "de" ? "de" : def.defaultLanguage;
}

export function createEditorService(
  deps: Pick<SurveyDeps, "db" | "clock" | "audit"> & {
    forms: Pick<FormService, "loadForm" | "definitionOf">;
  },
) {
  /** The form as read now, refused when someone saved since the editor read `version`. */
  async function current(principal: Principal, formId: string, version: number) {
    authorize(principal, "surveys.forms.manage");
    const form = await deps.forms.loadForm(principal.tenantId, formId);
    if (form.version !== version) throw AppError.versionConflict(form.version);
    const definition = await deps.forms.definitionOf(principal.tenantId, form.id, form.currentVersion);
    return { form, definition };
  }

  /** Checks and stores an edited definition; `focus` is the question whose fields get its errors. */
  async function store(
    principal: Principal,
    read: Awaited<ReturnType<typeof current>>,
    version: number,
    def: FormDefinition,
    focus: string | null,
    opts: Audited,
  ) {
    const errors = editorErrors(def, focus, sourceLanguageOf(def));
    if (errors.length > 0) throw AppError.validation(errors);
    return storeVersion(deps, principal, read.form, version, def, opts);
  }

  return {
    /** What the editor pages show: the form, its current definition, whether that has answers. */
    async editorView(principal: Principal, formId: string) {
      authorize(principal, "surveys.forms.manage");
      const form = await deps.forms.loadForm(principal.tenantId, formId);
      const definition = await deps.forms.definitionOf(principal.tenantId, form.id, form.currentVersion);
      const answered = await formRepo.responsesOfVersion(
        deps.db,
        principal.tenantId,
        form.id,
        form.currentVersion,
      );
      return { form, definition, answered, sourceLanguage: sourceLanguageOf(definition) };
    },

    /** Saves one question (changed or new); the stored version and the question's name come back. */
    async saveQuestion(principal: Principal, formId: string, input: EditQuestionInput, opts: Audited = {}) {
      const read = await current(principal, formId, input.version);
      const before = input.original ? ops.locate(read.definition.nodes, input.original)?.node : undefined;
      // A group that holds questions cannot become a single question: they would be lost.
      if (before?.children?.length && !["group", "repeat", "matrix"].includes(input.type))
        throw AppError.validation([
          { field: "type", code: "survey_editor_type_children", params: { question: before.name } },
        ]);
      const edited = ops.saveQuestion(read.definition, input);
      if (!edited.ok) throw AppError.notFound();
      const stored = await store(principal, read, input.version, edited.definition, input.name, opts);
      return { ...stored, name: input.name };
    },

    async moveQuestion(principal: Principal, formId: string, input: MoveQuestionInput, opts: Audited = {}) {
      const read = await current(principal, formId, input.version);
      const moved = ops.moveQuestion(read.definition, input.name, input.direction);
      if (!moved) throw AppError.notFound();
      return store(principal, read, input.version, moved, null, opts);
    },

    /** Deletes a question; refused (naming them) while other questions' expressions refer to it. */
    async deleteQuestion(
      principal: Principal,
      formId: string,
      input: DeleteQuestionInput,
      opts: Audited = {},
    ) {
      const read = await current(principal, formId, input.version);
      const left = ops.deleteQuestion(read.definition, input.name);
      if (!left) throw AppError.notFound();
      return store(principal, read, input.version, left, null, opts);
    },
  };
}

export type EditorService = ReturnType<typeof createEditorService>;
