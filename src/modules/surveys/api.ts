import { csvDocument } from "#app/server/csv.ts";
import {
  type ApiRouter,
  defineRoute,
  jsonBody,
  named,
  ok,
  operationContext,
  ProblemSchema,
  problemResponses,
  publicContext,
  z,
} from "#app/server/http/api.ts";
import { PUBLIC } from "#app/server/policy/policy.ts";
import { crossTabLines, crossTabXlsx } from "./analysis-export.ts";
import {
  caseFormParams,
  createFormFromTemplateInput,
  crossTabView,
  formCreatedView,
  formIdParams,
  formImportedView,
  formListView,
  formVersionQuery,
  importXlsFormTarget,
  linkTokenParams,
  publishInput,
  publishResultView,
  rawExportQuery,
  responseFileParams,
  responseIdParams,
  responseView,
  resultsQuery,
  submissionInput,
  submissionResultView,
} from "./contracts.ts";
import { xlsformWarning } from "./forms.ts";
import { answersView } from "./responses.ts";

/**
 * Questionnaires and surveys (issue 5): forms in and out (XLSForm), submissions in a case and
 * through a one-time link (idempotent by submissionId), and aggregates through the small-cell
 * rule. Raw answers only for the analyst.
 */

import { choiceFilesOf } from "./choice-files.ts";

const tags = ["surveys"];
const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const binary = { type: "string" as const, format: "binary" };

const Submission = named(submissionInput, "SurveySubmission");
const SubmissionResult = named(submissionResultView, "SurveySubmissionResult");

/** The import's form fields: the file beside the target of the contract. */
const ImportBody = importXlsFormTarget.extend({
  file: z.custom<File>((v) => v instanceof File && v.size > 0, { error: "code:required" }).openapi(binary),
  /** CSV files that `select_one_from_file` questions name (the field repeated once per file). */
  choiceFiles: z
    .union([z.custom<File>((v) => v instanceof File), z.array(z.custom<File>((v) => v instanceof File))])
    .optional()
    .openapi({ type: "array", items: binary }),
});

const download = (fileName: string, contentType: string) => ({
  "content-type": contentType,
  "content-disposition": `attachment; filename="${fileName}"`,
});

export function registerSurveysApi(api: ApiRouter) {
  registerFormRoutes(api);
  registerResponseRoutes(api);
  registerResultRoutes(api);
}

function registerFormRoutes(api: ApiRouter) {
  api.openapi(
    defineRoute({
      method: "get",
      path: "/surveys/forms",
      permission: "surveys.forms.read",
      tags,
      summary: "The tenant's questionnaires with their current version and number of responses",
      responses: { 200: ok(named(formListView, "SurveyFormList")), ...problemResponses },
    }),
    async (c) => {
      const { services, principal } = operationContext(c);
      const items = await services.surveys.listForms(principal);
      return c.json({ items: items.map(({ updatedAt: _u, ...f }) => f) }, 200);
    },
  );

  api.openapi(
    defineRoute({
      method: "post",
      path: "/surveys/forms",
      permission: "surveys.forms.manage",
      tags,
      summary:
        "Create a questionnaire from a template (luenen_needs, dortmund_home_visit, luenen_outcome_2017)",
      request: { body: jsonBody(named(createFormFromTemplateInput, "SurveyFormFromTemplate")) },
      responses: { 201: ok(named(formCreatedView, "SurveyFormCreated"), "Created"), ...problemResponses },
    }),
    async (c) => {
      const { services, principal, requestId } = operationContext(c);
      const { template } = c.req.valid("json");
      const form = await services.surveys.createFromTemplate(principal, template, { requestId });
      return c.json({ id: form.id, code: form.code }, 201);
    },
  );

  api.openapi(
    defineRoute({
      method: "post",
      path: "/surveys/forms/import",
      permission: "surveys.forms.manage",
      tags,
      summary:
        "Import an XLSForm (.xlsx or .xls with survey, choices, settings). With formId and version: a new version of that form (the current one is replaced while it has no answers). Errors name sheet, row and column; nothing is created on error. `warnings` lists, row by row, what was skipped or renamed.",
      request: { body: { required: true, content: { "multipart/form-data": { schema: ImportBody } } } },
      responses: {
        201: ok(named(formImportedView, "SurveyFormImported"), "Imported"),
        ...problemResponses,
      },
    }),
    async (c) => {
      const { services, principal, requestId, t } = operationContext(c);
      const { file, choiceFiles, ...target } = c.req.valid("form");
      const bytes = new Uint8Array(await file.arrayBuffer());
      const r = await services.surveys.importXlsForm(
        principal,
        bytes,
        target,
        { requestId },
        await choiceFilesOf(choiceFiles),
      );
      const warnings = r.warnings.map((w) => ({
        code: w.code,
        sheet: w.sheet ?? "survey",
        row: w.row ?? null,
        column: w.column ?? null,
        detail: w.detail ?? "",
        message: xlsformWarning(w, t),
      }));
      return c.json(
        {
          id: r.form.id,
          code: r.form.code,
          number: r.number,
          replaced: r.replaced,
          skipped: r.skipped,
          warnings,
        },
        201,
      );
    },
  );

  api.openapi(
    defineRoute({
      method: "get",
      path: "/surveys/forms/{id}/xlsform",
      permission: "surveys.forms.read",
      tags,
      summary: "The form as an XLSForm (.xlsx), current version or ?version=n",
      request: { params: formIdParams, query: formVersionQuery },
      responses: {
        200: { description: "XLSX", content: { [XLSX]: { schema: binary } } },
        ...problemResponses,
      },
    }),
    async (c) => {
      const { services, principal } = operationContext(c);
      const { id } = c.req.valid("param");
      const { version } = c.req.valid("query");
      const r = await services.surveys.exportXlsForm(principal, id, version);
      return c.body(r.bytes, 200, download(r.fileName, XLSX));
    },
  );
}

function registerResponseRoutes(api: ApiRouter) {
  api.openapi(
    defineRoute({
      method: "post",
      path: "/surveys/cases/{caseId}/forms/{formId}/responses",
      permission: "surveys.capture",
      tags,
      summary:
        "Submit a questionnaire in a case (case access applies). Idempotent by submissionId: 200 with duplicate=true for a repeat. Answers that name needs open them in the case.",
      request: { params: caseFormParams, body: jsonBody(Submission) },
      responses: {
        201: ok(SubmissionResult, "Stored"),
        200: ok(SubmissionResult, "Stored before"),
        ...problemResponses,
      },
    }),
    async (c) => {
      const { services, principal, requestId } = operationContext(c);
      const { caseId, formId } = c.req.valid("param");
      const r = await services.surveys.submitInCase(principal, caseId, formId, c.req.valid("json"), {
        requestId,
      });
      return r.duplicate ? c.json(r, 200) : c.json(r, 201);
    },
  );

  api.openapi(
    defineRoute({
      method: "post",
      path: "/surveys/links/{token}/responses",
      permission: PUBLIC,
      tags,
      summary:
        "The respondent's submission through a one-time link. Idempotent by submissionId; a used link answers 410 survey_link_used, an expired one 410 survey_link_expired.",
      request: { params: linkTokenParams, body: jsonBody(Submission) },
      responses: {
        201: ok(SubmissionResult, "Stored"),
        200: ok(SubmissionResult, "Stored before"),
        410: {
          description: "Used or expired",
          content: { "application/problem+json": { schema: ProblemSchema } },
        },
        ...problemResponses,
      },
    }),
    async (c) => {
      const { services, tenant } = publicContext(c);
      const { token } = c.req.valid("param");
      const r = await services.surveys.submitByLink(tenant.id, token, c.req.valid("json"));
      return r.duplicate ? c.json(r, 200) : c.json(r, 201);
    },
  );

  api.openapi(
    defineRoute({
      method: "get",
      path: "/surveys/responses/{id}",
      permission: "surveys.forms.read",
      tags,
      summary:
        "One response with its answers under its own form version (case responses: case access; others: analyst). Audited.",
      request: { params: responseIdParams },
      responses: { 200: ok(named(responseView, "SurveyResponse")), ...problemResponses },
    }),
    async (c) => {
      const { services, principal, requestId } = operationContext(c);
      const r = await services.surveys.getResponse(principal, c.req.valid("param").id, { requestId });
      return c.json(
        {
          id: r.response.id,
          formId: r.response.formId,
          formVersion: r.response.formVersion,
          channel: r.response.channel,
          submittedAt: r.response.submittedAt.toISOString(),
          answers: answersView(r.answers),
          files: r.files,
        },
        200,
      );
    },
  );

  api.openapi(
    defineRoute({
      method: "get",
      path: "/surveys/responses/{id}/files/{fileId}",
      permission: "surveys.forms.read",
      tags,
      summary:
        "The file of an image, audio or file answer (decrypted), under the response's rule. Audited read.",
      request: { params: responseFileParams },
      responses: {
        200: {
          description: "The file",
          content: { "application/octet-stream": { schema: z.string().openapi({ format: "binary" }) } },
        },
        ...problemResponses,
      },
    }),
    async (c) => {
      const { services, principal, requestId } = operationContext(c);
      const { id, fileId } = c.req.valid("param");
      const f = await services.surveys.responseFile(principal, id, fileId, { requestId });
      return c.body(new Uint8Array(f.content), 200, {
        "content-type": f.mimeType,
        "content-disposition": `attachment; filename*=UTF-8''${encodeURIComponent(f.fileName)}`,
        "x-content-type-options": "nosniff",
        "cache-control": "no-store",
      });
    },
  );
}

function registerResultRoutes(api: ApiRouter) {
  api.openapi(
    defineRoute({
      method: "get",
      path: "/surveys/results",
      permission: "surveys.analyse",
      tags,
      summary:
        "Frequencies (by=none) or a cross-tab of one categorical question by sex, age band, district, accommodation, phase or wave, through the small-cell rule. format=csv|xlsx downloads the shown table.",
      request: { query: resultsQuery },
      responses: {
        200: {
          description: "The table",
          content: {
            "application/json": { schema: named(crossTabView, "SurveyCrossTab") },
            "text/csv": { schema: { type: "string" as const } },
            [XLSX]: { schema: binary },
          },
        },
        ...problemResponses,
      },
    }),
    async (c) => {
      const { services, principal, lang, t } = operationContext(c);
      const { format, ...q } = c.req.valid("query");
      const tab = await services.surveyAnalysis.crossTab(principal, q, lang);
      const name = `${tab.question.name}-${tab.dimension}`;
      if (format === "csv")
        return c.body(
          csvDocument(crossTabLines(tab, t, lang)),
          200,
          download(`${name}.csv`, "text/csv; charset=utf-8"),
        );
      if (format === "xlsx")
        return c.body(await crossTabXlsx(tab, t, lang), 200, download(`${name}.xlsx`, XLSX));
      const { rule: _rule, ...rest } = tab;
      return c.json(rest, 200);
    },
  );

  api.openapi(
    defineRoute({
      method: "get",
      path: "/surveys/forms/{id}/responses.csv",
      permission: "surveys.raw_export",
      tags,
      summary:
        "Raw answers of a form (no names), for the analyst only; the export is audited. With repeat=<name>, one row per instance of that repeat, linked to its response (response_id) and parent (_parent_table_name, _parent_index)",
      request: { params: formIdParams, query: rawExportQuery },
      responses: {
        200: { description: "CSV", content: { "text/csv": { schema: { type: "string" as const } } } },
        ...problemResponses,
      },
    }),
    async (c) => {
      const { services, principal, requestId } = operationContext(c);
      const { repeat } = c.req.valid("query");
      const r = await services.surveyAnalysis.rawCsv(principal, c.req.valid("param").id, {
        requestId,
        repeat,
      });
      return c.body(r.text, 200, download(r.fileName, "text/csv; charset=utf-8"));
    },
  );

  api.openapi(
    defineRoute({
      method: "get",
      path: "/surveys/forms/{id}/responses.xlsx",
      permission: "surveys.raw_export",
      tags,
      summary:
        "Raw answers of a form (no names) as a workbook: a sheet of responses and one per repeat, one row per instance (KoboToolbox's layout); for the analyst only, audited",
      request: { params: formIdParams },
      responses: {
        200: { description: "XLSX", content: { [XLSX]: { schema: binary } } },
        ...problemResponses,
      },
    }),
    async (c) => {
      const { services, principal, requestId } = operationContext(c);
      const r = await services.surveyAnalysis.rawXlsx(principal, c.req.valid("param").id, { requestId });
      return c.body(r.bytes, 200, download(r.fileName, XLSX));
    },
  );

  api.openapi(
    defineRoute({
      method: "post",
      path: "/surveys/publications",
      permission: "surveys.publish",
      tags,
      summary:
        "Publish the share giving one answer, per area and sex, for a year, as monitoring working values (approved with the year)",
      request: { body: jsonBody(named(publishInput, "SurveyPublication")) },
      responses: { 200: ok(named(publishResultView, "SurveyPublicationResult")), ...problemResponses },
    }),
    async (c) => {
      const { services, principal } = operationContext(c);
      const r = await services.surveyAnalysis.publish(principal, c.req.valid("json"));
      return c.json(r, 200);
    },
  );
}
