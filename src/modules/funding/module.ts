import { defineModule } from "#app/server/modules.ts";
import { registerFundingApi } from "./api.ts";
import { registerFundingLinksApi } from "./links-api.ts";
import { registerFundingPaymentsApi } from "./payments-api.ts";
import { registerFundingProofApi } from "./proof-api.ts";
import type { FundingService } from "./service.ts";
import { registerFundingYearReportApi } from "./year-report-api.ts";

/** Small-project funding (issue 19, decisions 051 and 062) as the platform sees it (decision 026). */
export const fundingModule = defineModule({
  name: "funding",
  namespaces: ["funding"],
  actions: [
    "funding.read",
    "funding.calls.manage",
    "funding.screen",
    "funding.review",
    "funding.decide",
    "funding.erase",
    "funding.payments",
    "funding.finance",
    "funding.proofs",
  ],
  pages: ["/staff/funding"],
  http: {
    api: [
      registerFundingApi,
      registerFundingPaymentsApi,
      registerFundingProofApi,
      registerFundingLinksApi,
      registerFundingYearReportApi,
    ],
  },
  // Every tenant has its next daily retention run queued (idempotent; decision 062).
  schedule: (s: { funding: FundingService }) => () => s.funding.privacy.scheduleAll(),
});
