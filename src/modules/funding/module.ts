import { defineModule } from "#app/server/modules.ts";
import { registerFundingApi } from "./api.ts";

/** Small-project funding (issue 19, decision 051) as the platform sees it (decision 026). */
export const fundingModule = defineModule({
  name: "funding",
  namespaces: ["funding"],
  actions: ["funding.read", "funding.calls.manage", "funding.screen", "funding.review", "funding.decide"],
  pages: ["/staff/funding"],
  http: { api: [registerFundingApi] },
});
