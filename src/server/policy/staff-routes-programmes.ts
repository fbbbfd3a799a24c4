import type { StaffRoute } from "./staff-route.ts";

/**
 * The staff routes of funding, surveys, strategy and the welcome guide: part of `STAFF_ROUTES`
 * (staff-routes.ts), kept apart only to keep that file readable. Plain data, as there.
 */
export const PROGRAMME_ROUTES = [
  // Small-project funding (issue 19): calls and pot, applications, screening, review, decision.
  { path: "funding", file: "routes/staff/funding/calls.tsx", permission: "funding.read" },
  { path: "funding/calls/:id", file: "routes/staff/funding/call.tsx", permission: "funding.read" },
  {
    path: "funding/applications/:id",
    file: "routes/staff/funding/application.tsx",
    permission: "funding.read",
  },
  // Third round (decisions 070): instalments, the proof of use, numbers per call and year.
  {
    path: "funding/applications/:id/payments",
    file: "routes/staff/funding/payments.tsx",
    permission: "funding.read",
  },
  {
    path: "funding/applications/:id/proof",
    file: "routes/staff/funding/proof.tsx",
    permission: "funding.read",
  },
  {
    path: "funding/calls/:id/statistics",
    file: "routes/staff/funding/statistics.tsx",
    permission: "funding.read",
  },
  // Fifth round (decision 086): the finance queue with the four-eyes payment order.
  {
    path: "funding/payment-orders",
    file: "routes/staff/funding/payment-orders.tsx",
    permission: "funding.finance",
  },
  // Questionnaires and surveys.
  { path: "forms", file: "routes/staff/surveys/forms.tsx", permission: "surveys.forms.read" },
  { path: "forms/import", file: "routes/staff/surveys/form-import.tsx", permission: "surveys.forms.manage" },
  { path: "forms/:id", file: "routes/staff/surveys/form.tsx", permission: "surveys.forms.read" },
  // The questionnaire editor (decision 096): the question list with its preview, and one question.
  {
    path: "surveys/forms/:id/edit",
    file: "routes/staff/surveys/editor.tsx",
    permission: "surveys.forms.manage",
  },
  {
    path: "surveys/forms/:id/edit/question",
    file: "routes/staff/surveys/editor-question.tsx",
    permission: "surveys.forms.manage",
  },
  {
    path: "cases/:id/forms/:formId",
    file: "routes/staff/surveys/capture.tsx",
    permission: "surveys.capture",
  },
  { path: "surveys", file: "routes/staff/surveys/surveys.tsx", permission: "surveys.manage" },
  { path: "surveys/:id", file: "routes/staff/surveys/survey.tsx", permission: "surveys.manage" },
  { path: "surveys/waves/:waveId", file: "routes/staff/surveys/wave.tsx", permission: "surveys.manage" },
  { path: "survey-results", file: "routes/staff/surveys/results.tsx", permission: "surveys.analyse" },
  // One response (decision 124): the service checks case access or the analyst's right.
  {
    path: "surveys/responses/:id",
    file: "routes/staff/surveys/response.tsx",
    permission: "surveys.forms.read",
  },
  // Strategy: goal tree, matrix, adoptions.
  { path: "strategy", file: "routes/staff/strategy/tree.tsx", permission: "strategy.read" },
  { path: "strategy/matrix", file: "routes/staff/strategy/matrix.tsx", permission: "strategy.matrix" },
  {
    path: "strategy/matrix/:row/:col",
    file: "routes/staff/strategy/cell.tsx",
    permission: "strategy.matrix",
  },
  { path: "strategy/gaps", file: "routes/staff/strategy/gaps.tsx", permission: "strategy.matrix" },
  {
    path: "strategy/gaps/settings",
    file: "routes/staff/strategy/gap-settings.tsx",
    permission: "strategy.edit",
  },
  { path: "strategy/reports", file: "routes/staff/strategy/reports.tsx", permission: "strategy.read" },
  { path: "strategy/reports/:year", file: "routes/staff/strategy/report.tsx", permission: "strategy.read" },
  { path: "strategy/adoptions/:id", file: "routes/staff/strategy/adoption.tsx", permission: "strategy.read" },
  { path: "strategy/rounds", file: "routes/staff/strategy/rounds.tsx", permission: "strategy.edit" },
  { path: "strategy/rounds/:id", file: "routes/staff/strategy/round.tsx", permission: "strategy.edit" },
  {
    path: "strategy/narratives",
    file: "routes/staff/strategy/narratives.tsx",
    permission: "strategy.narrate",
  },
  {
    path: "strategy/narratives/:id",
    file: "routes/staff/strategy/narrative.tsx",
    permission: "strategy.narrate",
  },
  {
    path: "strategy/evaluations",
    file: "routes/staff/strategy/evaluations.tsx",
    permission: "strategy.read",
  },
  { path: "strategy/:id", file: "routes/staff/strategy/node.tsx", permission: "strategy.read" },
  {
    path: "strategy/:id/evaluation",
    file: "routes/staff/strategy/evaluation.tsx",
    permission: "strategy.read",
  },
  // Welcome guide: page tree, one page, translations per language, the translator's view.
  { path: "guide", file: "routes/staff/guide/tree.tsx", permission: "guide.read" },
  {
    path: "guide/translations/:lang",
    file: "routes/staff/guide/translations.tsx",
    permission: "guide.translate",
  },
  { path: "guide/package", file: "routes/staff/guide/package.tsx", permission: "guide.package" },
  {
    path: "guide/package/:id",
    file: "routes/staff/guide/package-render.tsx",
    permission: "guide.package",
  },
  { path: "guide/packages", file: "routes/staff/guide/packages.tsx", permission: "guide.package" },
  { path: "guide/handout/:caseId", file: "routes/staff/guide/handout.tsx", permission: "guide.handout" },
  {
    path: "guide/packages/:id",
    file: "routes/staff/guide/saved-package.tsx",
    permission: "guide.packages.manage",
  },
  { path: "guide/news", file: "routes/staff/guide/news.tsx", permission: "guide.news" },
  { path: "guide/news/:id", file: "routes/staff/guide/news-item.tsx", permission: "guide.news" },
  { path: "guide/import", file: "routes/staff/guide/import.tsx", permission: "guide.interchange" },
  {
    path: "guide/import/:runId",
    file: "routes/staff/import-run.tsx",
    permission: "guide.interchange",
    id: "guide-import-run",
  },
  { path: "guide/:id", file: "routes/staff/guide/page.tsx", permission: "guide.read" },
  {
    path: "guide/:id/translate/:lang",
    file: "routes/staff/guide/translate.tsx",
    permission: "guide.translate",
  },
] as const satisfies readonly StaffRoute[];
