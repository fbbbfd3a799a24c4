import { csvDocument } from "#app/server/csv.ts";
import {
  type ApiRouter,
  AppError,
  defineRoute,
  jsonBody,
  ok,
  problemResponses,
  z,
} from "#app/server/http/api.ts";
import { PUBLIC } from "#app/server/policy/policy.ts";
import { crossTabLines, crossTabXlsx } from "./analysis.ts";
import { DIMENSIONS } from "./analysis-repo.ts";

/**
 * Questionnaires and surveys (issue 5): forms in and out (XLSForm), submissions in a case and
 * through a one-time link (idempotent by submissionId), and aggregates through the small-cell
 * rule. Raw answers only for the analyst.
 */

const tags = ["surveys"];
const Uuid = z.string().uuid();

const FormSummary = z
  .object({
    id: z.string(),
    code: z.string(),
    title: z.string(),
    status: z.string(),
    currentVersion: z.number().int(),
    origin: z.string(),
    version: z.number().int(),
    responses: z.number().int(),
  })
  .openapi("SurveyForm");

const Submission = z
  .object({
    formVersion: z.number().int().min(1),
    submissionId: z
      .string()
      .uuid()
      .openapi({ description: "Chosen by the client; the same id again returns the first response" }),
    personId: z.string().uuid().nullable().optional(),
    lang: z.string(),
    answers: z
      .record(z.string(), z.union([z.string(), z.array(z.string())]))
      .openapi({ description: 'Form fields as the HTML form sends them: "q.<name>" → value(s)' }),
  })
  .openapi("SurveySubmission");

const SubmissionResult = z
  .object({ responseId: z.string(), duplicate: z.boolean(), needs: z.array(z.string()).optional() })
  .openapi("SurveySubmissionResult");

const Count = z.object({
  value: z.number().nullable(),
  suppressed: z.enum(["primary", "secondary"]).nullable(),
});
const Heading = z.object({ key: z.string(), labelKey: z.string().optional(), label: z.string().optional() });
const CrossTab = z
  .object({
    formId: z.string(),
    question: z.object({ name: z.string(), type: z.string(), label: z.string() }),
    dimension: z.enum(DIMENSIONS),
    multiple: z.boolean(),
    rows: z.array(Heading),
    columns: z.array(Heading),
    cells: z.array(z.array(Count)),
    columnTotals: z.array(Count),
    rowTotals: z.array(Count),
    total: Count,
  })
  .openapi("SurveyCrossTab");

const ResultsQuery = z.object({
  formId: z.string(),
  question: z.string(),
  by: z.enum(DIMENSIONS).optional(),
  surveyId: z.string().optional(),
  format: z.enum(["json", "csv", "xlsx"]).optional(),
});

function entriesOf(answers: Record<string, string | string[]>): [string, string][] {
  return Object.entries(answers).flatMap(([k, v]) =>
    Array.isArray(v) ? v.map((x) => [k, x] as [string, string]) : [[k, v] as [string, string]],
  );
}

export function registerSurveysApi(api: ApiRouter) {
  api.openapi(
    defineRoute({
      method: "get",
      path: "/surveys/forms",
      permission: "surveys.forms.read",
      tags,
      summary: "The tenant's questionnaires with their current version and number of responses",
      responses: { 200: ok(z.object({ items: z.array(FormSummary) })), ...problemResponses },
    }),
    async (c) => {
      const items = await c.get("services").surveys.listForms(c.get("principal")!);
      return c.json({ items: items.map((f) => ({ ...f, updatedAt: undefined })) }, 200);
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
      request: { body: jsonBody(z.object({ template: z.string() })) },
      responses: { 201: ok(z.object({ id: z.string(), code: z.string() }), "Created"), ...problemResponses },
    }),
    async (c) => {
      const form = await c
        .get("services")
        .surveys.createFromTemplate(c.get("principal")!, c.req.valid("json").template, {
          requestId: c.get("requestId"),
        });
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
        "Import an XLSForm (.xlsx with survey, choices, settings). With formId and version: a new version of that form (the current one is replaced while it has no answers). Errors name sheet, row and column; nothing is created on error.",
      request: {
        body: {
          required: true,
          content: {
            "multipart/form-data": {
              schema: {
                type: "object" as const,
                properties: {
                  file: { type: "string" as const, format: "binary" },
                  formId: { type: "string" as const },
                  version: { type: "integer" as const },
                },
              },
            },
          },
        },
      },
      responses: {
        201: ok(
          z.object({ id: z.string(), code: z.string(), number: z.number().int(), replaced: z.boolean() }),
          "Imported",
        ),
        ...problemResponses,
      },
    }),
    async (c) => {
      let form: FormData;
      try {
        form = await c.req.raw.formData();
      } catch {
        throw AppError.validation([{ field: "file", code: "required" }]);
      }
      const file = form.get("file");
      if (!file || typeof file === "string" || file.size === 0)
        throw AppError.validation([{ field: "file", code: "required" }]);
      const formId = form.get("formId");
      const version = Number(form.get("version"));
      const r = await c
        .get("services")
        .surveys.importXlsForm(
          c.get("principal")!,
          new Uint8Array(await file.arrayBuffer()),
          typeof formId === "string" && formId
            ? { formId, version: Number.isInteger(version) ? version : null }
            : {},
          { requestId: c.get("requestId") },
        );
      return c.json({ id: r.form.id, code: r.form.code, number: r.number, replaced: r.replaced }, 201);
    },
  );

  api.openapi(
    defineRoute({
      method: "get",
      path: "/surveys/forms/{id}/xlsform",
      permission: "surveys.forms.read",
      tags,
      summary: "The form as an XLSForm (.xlsx), current version or ?version=n",
      request: {
        params: z.object({ id: z.string() }),
        query: z.object({ version: z.coerce.number().int().min(1).optional() }),
      },
      responses: {
        200: {
          description: "XLSX",
          content: {
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": {
              schema: { type: "string" as const, format: "binary" },
            },
          },
        },
        ...problemResponses,
      },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      const { version } = c.req.valid("query");
      const r = await c.get("services").surveys.exportXlsForm(c.get("principal")!, id, version);
      return c.body(r.bytes as never, 200, {
        "content-type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "content-disposition": `attachment; filename="${r.fileName}"`,
      }) as never;
    },
  );

  api.openapi(
    defineRoute({
      method: "post",
      path: "/surveys/cases/{caseId}/forms/{formId}/responses",
      permission: "surveys.capture",
      tags,
      summary:
        "Submit a questionnaire in a case (case access applies). Idempotent by submissionId: 200 with duplicate=true for a repeat. Answers that name needs open them in the case.",
      request: { params: z.object({ caseId: z.string(), formId: z.string() }), body: jsonBody(Submission) },
      responses: {
        201: ok(SubmissionResult, "Stored"),
        200: ok(SubmissionResult, "Stored before"),
        ...problemResponses,
      },
    }),
    async (c) => {
      const { caseId, formId } = c.req.valid("param");
      const b = c.req.valid("json");
      const r = await c
        .get("services")
        .surveys.submitInCase(
          c.get("principal")!,
          caseId,
          formId,
          { ...b, entries: entriesOf(b.answers) },
          { requestId: c.get("requestId") },
        );
      return c.json(r, r.duplicate ? 200 : 201);
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
      request: { params: z.object({ token: z.string().max(200) }), body: jsonBody(Submission) },
      responses: {
        201: ok(SubmissionResult, "Stored"),
        200: ok(SubmissionResult, "Stored before"),
        410: {
          description: "Used or expired",
          content: { "application/problem+json": { schema: z.object({}) } },
        },
        ...problemResponses,
      },
    }),
    async (c) => {
      const { token } = c.req.valid("param");
      const b = c.req.valid("json");
      const r = await c
        .get("services")
        .surveys.submitByLink(c.get("tenant").id, token, { ...b, entries: entriesOf(b.answers) });
      return c.json(r, r.duplicate ? 200 : 201);
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
      request: { params: z.object({ id: z.string() }) },
      responses: {
        200: ok(
          z.object({
            id: z.string(),
            formId: z.string(),
            formVersion: z.number().int(),
            submittedAt: z.string(),
            answers: z.record(z.string(), z.unknown()),
          }),
        ),
        ...problemResponses,
      },
    }),
    async (c) => {
      const r = await c.get("services").surveys.getResponse(c.get("principal")!, c.req.valid("param").id, {
        requestId: c.get("requestId"),
      });
      return c.json(
        {
          id: r.response.id,
          formId: r.response.formId,
          formVersion: r.response.formVersion,
          submittedAt: r.response.submittedAt.toISOString(),
          answers: r.answers,
        },
        200,
      );
    },
  );

  api.openapi(
    defineRoute({
      method: "get",
      path: "/surveys/results",
      permission: "surveys.analyse",
      tags,
      summary:
        "Frequencies (by=none) or a cross-tab of one categorical question by sex, age band, district, accommodation, phase or wave, through the small-cell rule. format=csv|xlsx downloads the shown table.",
      request: { query: ResultsQuery },
      responses: {
        200: {
          description: "The table",
          content: {
            "application/json": { schema: CrossTab },
            "text/csv": { schema: { type: "string" as const } },
          },
        },
        ...problemResponses,
      },
    }),
    async (c) => {
      const q = c.req.valid("query");
      const tab = await c.get("services").surveyAnalysis.crossTab(c.get("principal")!, q, c.get("lang"));
      const name = `${tab.question.name}-${tab.dimension}`;
      if (q.format === "csv")
        return c.body(csvDocument(crossTabLines(tab, c.get("t"), c.get("lang"))), 200, {
          "content-type": "text/csv; charset=utf-8",
          "content-disposition": `attachment; filename="${name}.csv"`,
        }) as never;
      if (q.format === "xlsx")
        return c.body((await crossTabXlsx(tab, c.get("t"), c.get("lang"))) as never, 200, {
          "content-type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
          "content-disposition": `attachment; filename="${name}.xlsx"`,
        }) as never;
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
      summary: "Raw answers of a form (no names), for the analyst only; the export is audited",
      request: { params: z.object({ id: z.string() }) },
      responses: {
        200: { description: "CSV", content: { "text/csv": { schema: { type: "string" as const } } } },
        ...problemResponses,
      },
    }),
    async (c) => {
      const r = await c.get("services").surveyAnalysis.rawCsv(c.get("principal")!, c.req.valid("param").id, {
        requestId: c.get("requestId"),
      });
      return c.body(r.text, 200, {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": `attachment; filename="${r.fileName}"`,
      }) as never;
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
      request: {
        body: jsonBody(
          z.object({ formId: Uuid, question: z.string(), answer: z.string(), period: z.string() }),
        ),
      },
      responses: {
        200: ok(
          z.object({
            code: z.string(),
            values: z.number().int(),
            level: z.string(),
            areas: z.number().int(),
            unassigned: z.number().int(),
          }),
        ),
        ...problemResponses,
      },
    }),
    async (c) => {
      const r = await c.get("services").surveyAnalysis.publish(c.get("principal")!, c.req.valid("json"));
      return c.json(r, 200);
    },
  );
}
