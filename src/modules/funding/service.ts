import { createApplicantService } from "./applicant.ts";
import { createCallService } from "./calls.ts";
import type { FundingDeps } from "./deps.ts";
import { createLetters } from "./letter.ts";
import { createLinks } from "./links.ts";
import { createNumbers } from "./numbers.ts";
import { createPayments } from "./payments.ts";
import { createPrivacy } from "./privacy.ts";
import { createProofs } from "./proof.ts";
import { createProofReports } from "./proof-report.ts";
import { createReceiptFiles } from "./receipts.ts";
import { createRepayments } from "./repayments.ts";
import { createReviewService } from "./review.ts";
import { createYearReports } from "./year-report.ts";

export type { ApplicantView, LinkState } from "./applicant.ts";
export type { FundingDeps } from "./deps.ts";

/**
 * Small-project funding (issue 19): calls and their pot (calls.ts), the applicant's draft and
 * submission by e-mail link (applicant.ts), screening, the board's review and the decision
 * (review.ts), the decision letter (letter.ts), payments (payments.ts), the proof of use (proof.ts) with uploaded receipts (receipts.ts) and repayments received (repayments.ts), retention and erasure (privacy.ts),
 * the council's year report (year-report.ts). One service
 * to the rest of Lotse.
 */
export function createFundingService(deps: FundingDeps) {
  return {
    ...createCallService(deps),
    applicant: createApplicantService(deps),
    ...createReviewService(deps),
    letters: createLetters(deps),
    payments: createPayments(deps),
    privacy: createPrivacy(deps),
    proofs: createProofs(deps),
    proofReports: createProofReports(deps),
    receipts: createReceiptFiles(deps),
    repayments: createRepayments(deps),
    numbers: createNumbers(deps),
    links: createLinks(deps),
    yearReports: createYearReports(deps),
  };
}
export type FundingService = ReturnType<typeof createFundingService>;
