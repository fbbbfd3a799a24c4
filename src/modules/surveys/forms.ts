import type { Translate } from "../../i18n/translator.ts";
import { isUuid } from "../../server/db/ids.ts";
import { AppError, type FieldError } from "../../server/errors.ts";
import { authorize } from "../../server/policy/policy.ts";
import type { Principal } from "../../server/policy/roles.ts";
import type { CreateFormFromTemplate, ImportXlsFormTarget } from "./contracts.ts";
import { type Audited, type SurveyDeps, userActor } from "./deps.ts";
import { checkDefinition, labelFor } from "./engine.ts";
import { type FormRow, formRepo } from "./forms.repo.ts";
import { XLSFORM_MAX_BYTES } from "./model.ts";
import { FORM_TEMPLATES } from "./templates.ts";
import type { FormDefinition, FormError } from "./types.ts";
import { type ChoiceFile, readXlsForm, writeXlsForm } from "./xlsform.ts";

/** More choice files than a form could sensibly name are refused before any is read. */
const MAX_CHOICE_FILES = 20;

/** The form's problems as field errors, one per problem, naming sheet, row and column. */
export function formErrorsToFields(errors: FormError[]): FieldError[] {
  return errors.map((e) => ({
    field: "file",
    code: `xlsform_${e.code}`,
    params: {
      sheet: e.sheet ?? "survey",
      row: e.row !== undefined ? String(e.row) : "–",
      column: e.column ?? "–",
      detail: e.detail ?? "",
    },
  }));
}

/** An import warning in the reader's language, naming sheet, row and column. */
export function xlsformWarning(w: FormError, t: Translate): string {
  return t(`surveys.xlsform_warning_${w.code}`, {
    sheet: w.sheet ?? "survey",
    row: w.row !== undefined ? String(w.row) : "–",
    column: w.column ?? "–",
    detail: w.detail ?? "",
  });
}

/**
 * A new version of a form from a checked definition; the current version is replaced instead
 * while it has no answers (nothing to keep readable). `version` is the form's that was read.
 * The XLSForm import and the editor (decision 096) store versions only through this.
 */
export async function storeVersion(
  deps: Pick<SurveyDeps, "db" | "clock" | "audit">,
  principal: Principal,
  form: FormRow,
  version: number,
  def: FormDefinition,
  opts: Audited,
) {
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const answered = await formRepo.responsesOfVersion(tx, principal.tenantId, form.id, form.currentVersion);
    const number = answered > 0 ? form.currentVersion + 1 : form.currentVersion;
    const updated = await formRepo.updateFormIfVersion(
      tx,
      principal.tenantId,
      form.id,
      version,
      { currentVersion: number, title: labelFor(def.title, def.defaultLanguage, def) || form.title },
      now,
    );
    if (!updated) throw AppError.versionConflict(form.version);
    const definition = { ...def, formId: form.code };
    if (answered > 0)
      await formRepo.insertVersion(tx, {
        tenantId: principal.tenantId,
        formId: form.id,
        number,
        definition,
        createdBy: principal.userId,
        createdAt: now,
      });
    else await formRepo.replaceVersionDefinition(tx, principal.tenantId, form.id, number, definition);
    await deps.audit.record({
      actor: userActor(principal),
      action: answered > 0 ? "survey_form.new_version" : "update",
      entityType: "survey_form",
      entityId: form.id,
      changes: { currentVersion: { old: form.currentVersion, new: number } },
      requestId: opts.requestId ?? null,
    });
    return { form: updated, number, replaced: answered === 0 };
  });
}

/**
 * Fragebögen: forms with numbered, immutable versions; from the seed templates or an XLSForm,
 * and out again as an XLSForm. A version with answers is never changed: a new file makes a new
 * version, and answers stay readable under the version they were given in.
 */
export function createFormService(deps: Pick<SurveyDeps, "db" | "clock" | "audit">) {
  const { db } = deps;

  async function loadForm(tenantId: string, formId: string): Promise<FormRow> {
    if (!isUuid(formId)) throw AppError.notFound();
    const form = await formRepo.form(db, tenantId, formId);
    if (!form) throw AppError.notFound();
    return form;
  }

  async function definitionOf(tenantId: string, formId: string, number: number): Promise<FormDefinition> {
    const v = await formRepo.version(db, tenantId, formId, number);
    if (!v) throw AppError.notFound();
    return v.definition;
  }

  /** Stores a new form (code from the definition; a taken code gets a number appended). */
  async function createForm(principal: Principal, def: FormDefinition, origin: string, opts: Audited) {
    const issues = checkDefinition(def);
    if (issues.length) throw AppError.validation(formErrorsToFields(issues));
    const now = deps.clock.now();
    return db.transaction(async (tx) => {
      let code = def.formId;
      for (let i = 2; await formRepo.formByCode(tx, principal.tenantId, code); i++)
        code = `${def.formId}_${i}`;
      const form = await formRepo.insertForm(tx, {
        tenantId: principal.tenantId,
        code,
        title: labelFor(def.title, def.defaultLanguage, def) || code,
        origin,
        currentVersion: 1,
        createdAt: now,
        updatedAt: now,
      });
      await formRepo.insertVersion(tx, {
        tenantId: principal.tenantId,
        formId: form.id,
        number: 1,
        definition: { ...def, formId: code },
        createdBy: principal.userId,
        createdAt: now,
      });
      await deps.audit.record({
        actor: userActor(principal),
        action: "create",
        entityType: "survey_form",
        entityId: form.id,
        changes: { code: { old: null, new: code }, origin: { old: null, new: origin } },
        requestId: opts.requestId ?? null,
      });
      return form;
    });
  }

  return {
    loadForm,
    definitionOf,

    templates() {
      return FORM_TEMPLATES.map((t) => ({ key: t.key, definition: t.definition }));
    },

    async listForms(principal: Principal) {
      authorize(principal, "surveys.forms.read");
      return formRepo.forms(db, principal.tenantId);
    },

    async getForm(principal: Principal, formId: string, versionNumber?: number) {
      authorize(principal, "surveys.forms.read");
      const form = await loadForm(principal.tenantId, formId);
      const number = versionNumber ?? form.currentVersion;
      const definition = await definitionOf(principal.tenantId, form.id, number);
      const versions = await formRepo.versions(db, principal.tenantId, form.id);
      return { form, number, definition, versions };
    },

    async createFromTemplate(
      principal: Principal,
      key: CreateFormFromTemplate["template"],
      opts: Audited = {},
    ) {
      authorize(principal, "surveys.forms.manage");
      const template = FORM_TEMPLATES.find((t) => t.key === key);
      if (!template) throw AppError.validation([{ field: "template", code: "invalid_choice" }]);
      return createForm(principal, structuredClone(template.definition), `template:${template.key}`, opts);
    },

    /**
     * An XLSForm in: a new form, or — with `formId` — a new version of that form. A malformed
     * file creates nothing and lists every problem with sheet, row and column.
     */
    async importXlsForm(
      principal: Principal,
      bytes: Uint8Array,
      target: ImportXlsFormTarget = { formId: null },
      opts: Audited = {},
      /** CSV files named by `select_one_from_file` questions, uploaded beside the XLSForm. */
      choiceFiles: readonly ChoiceFile[] = [],
    ) {
      authorize(principal, "surveys.forms.manage");
      if (bytes.byteLength === 0) throw AppError.validation([{ field: "file", code: "required" }]);
      // exceljs unpacks the whole workbook in memory: a questionnaire never needs more than this.
      if (bytes.byteLength > XLSFORM_MAX_BYTES)
        throw AppError.validation([
          { field: "file", code: "import_file_too_large", params: { maxMb: XLSFORM_MAX_BYTES / 2 ** 20 } },
        ]);
      if (choiceFiles.length > MAX_CHOICE_FILES)
        throw AppError.validation([
          { field: "choiceFiles", code: "choice_files_too_many", params: { max: MAX_CHOICE_FILES } },
        ]);
      if (choiceFiles.some((f) => f.bytes.byteLength > XLSFORM_MAX_BYTES))
        throw AppError.validation([
          {
            field: "choiceFiles",
            code: "import_file_too_large",
            params: { maxMb: XLSFORM_MAX_BYTES / 2 ** 20 },
          },
        ]);
      const read = await readXlsForm(bytes, choiceFiles);
      if (!read.ok) throw AppError.validation(formErrorsToFields(read.errors));
      const def = read.definition;
      // Rows Lotse does not need (KoboToolbox metadata such as start/deviceid, or_other) were skipped;
      // the warnings name each of them, and every name changed, with sheet, row and column.
      const { warnings } = read;
      const skipped = [
        ...new Set(warnings.filter((w) => w.code === "type_unknown").map((w) => w.detail ?? w.code)),
      ];
      if (!target.formId) {
        const form = await createForm(principal, def, "xlsform", opts);
        return { form, number: 1, replaced: false, skipped, warnings };
      }
      const form = await loadForm(principal.tenantId, target.formId);
      if (target.version == null || target.version !== form.version)
        throw AppError.versionConflict(form.version);
      const issues = checkDefinition(def);
      if (issues.length) throw AppError.validation(formErrorsToFields(issues));
      return { ...(await storeVersion(deps, principal, form, target.version, def, opts)), skipped, warnings };
    },

    async exportXlsForm(principal: Principal, formId: string, versionNumber?: number) {
      authorize(principal, "surveys.forms.read");
      const form = await loadForm(principal.tenantId, formId);
      const number = versionNumber ?? form.currentVersion;
      const def = await definitionOf(principal.tenantId, form.id, number);
      return { fileName: `${form.code}-v${number}.xlsx`, bytes: await writeXlsForm(def) };
    },
  };
}

export type FormService = ReturnType<typeof createFormService>;
