import {
  type ApiRouter,
  AppError,
  defineRoute,
  jsonBody,
  named,
  ok,
  operationContext,
  problemResponses,
  publicContext,
  z,
} from "#app/server/http/api.ts";
import { PUBLIC } from "#app/server/policy/policy.ts";
import { submissionInput } from "../surveys/contracts.ts";
import { idParams, tokenParams } from "./contracts.ts";
import {
  bookRepaymentInput,
  examineProofInput,
  fileProofInput,
  proofView,
  repaymentView,
} from "./proof-contracts.ts";

const tags = ["funding"];
const Proof = named(proofView, "FundingProof");
const ProofContext = named(
  z.object({
    title: z.string(),
    organizationName: z.string(),
    grantedCents: z.number().int(),
    proof: proofView,
  }),
  "FundingProofContext",
);

/** The proof of use: filed by the applicant through the status link, examined by staff (decision 070). */
export function registerFundingProofApi(api: ApiRouter) {
  api.openapi(
    defineRoute({
      method: "get",
      path: "/funding/drafts/{token}/proof",
      permission: PUBLIC,
      tags,
      summary: "The applicant's proof of use with the settlement computed (granted applications only)",
      request: { params: tokenParams },
      responses: { 200: ok(ProofContext), ...problemResponses },
    }),
    async (c) => {
      const { services, tenant } = publicContext(c);
      const r = await services.funding.proofs.byLink(tenant.id, c.req.valid("param").token);
      if (!r) throw new AppError("invalid_token");
      return c.json(r, 200);
    },
  );
  api.openapi(
    defineRoute({
      method: "put",
      path: "/funding/drafts/{token}/proof",
      permission: PUBLIC,
      tags,
      summary: "File the proof of use: report, actual costs per cost type, receipts, participants",
      request: { params: tokenParams, body: jsonBody(named(fileProofInput, "FundingProofFiling")) },
      responses: { 200: ok(Proof), ...problemResponses },
    }),
    async (c) => {
      const { services, tenant } = publicContext(c);
      const { token } = c.req.valid("param");
      return c.json(await services.funding.proofs.file(tenant.id, token, c.req.valid("json")), 200);
    },
  );
  api.openapi(
    defineRoute({
      method: "put",
      path: "/funding/drafts/{token}/proof/report",
      permission: PUBLIC,
      tags,
      summary:
        "File the narrative report as the call's questionnaire (a survey response; replaces an earlier one while the proof is open)",
      request: { params: tokenParams, body: jsonBody(named(submissionInput, "SurveySubmission")) },
      responses: {
        200: ok(named(z.object({ responseId: z.uuid() }), "FundingReportFiled")),
        ...problemResponses,
      },
    }),
    async (c) => {
      const { services, tenant } = publicContext(c);
      const { token } = c.req.valid("param");
      return c.json(await services.funding.proofReports.file(tenant.id, token, c.req.valid("json")), 200);
    },
  );
  api.openapi(
    defineRoute({
      method: "get",
      path: "/funding/applications/{id}/proof",
      permission: "funding.read",
      tags,
      summary: "The proof of use of a grant with its settlement (audited read)",
      request: { params: idParams },
      responses: { 200: ok(ProofContext), ...problemResponses },
    }),
    async (c) => {
      const { services, principal, requestId } = operationContext(c);
      return c.json(await services.funding.proofs.get(principal, c.req.valid("param").id, requestId), 200);
    },
  );
  api.openapi(
    defineRoute({
      method: "post",
      path: "/funding/applications/{id}/proof/examination",
      permission: "funding.proofs",
      tags,
      summary: "Examine the proof of use: accept, ask for more, or demand the computed repayment",
      request: { params: idParams, body: jsonBody(named(examineProofInput, "FundingProofExamination")) },
      responses: { 200: ok(Proof), ...problemResponses },
    }),
    async (c) => {
      const { services, principal, requestId } = operationContext(c);
      const { id } = c.req.valid("param");
      return c.json(
        await services.funding.proofs.examine(principal, id, c.req.valid("json"), requestId),
        200,
      );
    },
  );
  api.openapi(
    defineRoute({
      method: "post",
      path: "/funding/applications/{id}/proof/repayments",
      permission: "funding.payments",
      tags,
      summary:
        "Book a repayment received after the proof of use demanded one (never more in sum than demanded)",
      request: { params: idParams, body: jsonBody(named(bookRepaymentInput, "FundingRepaymentBooking")) },
      responses: { 200: ok(named(repaymentView, "FundingRepayment")), ...problemResponses },
    }),
    async (c) => {
      const { services, principal, requestId } = operationContext(c);
      const { id } = c.req.valid("param");
      return c.json(
        await services.funding.repayments.book(principal, id, c.req.valid("json"), requestId),
        200,
      );
    },
  );
  api.openapi(
    defineRoute({
      method: "get",
      path: "/funding/applications/{id}/receipts/{fileId}",
      permission: "funding.read",
      tags,
      summary: "An uploaded receipt (PDF, PNG or JPEG) of a proof of use (audited read)",
      request: { params: idParams.extend({ fileId: z.uuid() }) },
      responses: {
        200: {
          description: "The file",
          content: {
            "application/pdf": { schema: z.string() },
            "image/png": { schema: z.string() },
            "image/jpeg": { schema: z.string() },
          },
        },
        ...problemResponses,
      },
    }),
    async (c) => {
      const { services, principal, requestId } = operationContext(c);
      const { id, fileId } = c.req.valid("param");
      const f = await services.funding.receipts.download(principal, id, fileId, requestId);
      const ext = { "application/pdf": "pdf", "image/png": "png", "image/jpeg": "jpg" }[f.mimeType] ?? "bin";
      return c.body(f.content, 200, {
        "content-type": f.mimeType,
        "content-disposition": `attachment; filename="beleg-${fileId.slice(-8)}.${ext}"`,
        "cache-control": "private, no-store",
        "x-content-type-options": "nosniff",
      });
    },
  );
}
