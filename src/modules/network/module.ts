import { defineModule } from "#app/server/modules.ts";
import { registerAgreementApi } from "./agreements-api.ts";
import { registerNetworkApi } from "./api.ts";
import { registerDatePollApi } from "./date-polls-api.ts";
import { registerMinutesApi } from "./minutes-api.ts";
import { registerOParlApi } from "./oparl-api.ts";
import { registerParticipationApi } from "./participation-api.ts";
import { registerNetworkPrivacyApi } from "./privacy-api.ts";
import { registerPublicSiteApi } from "./public-site-api.ts";
import type { NetworkService } from "./service.ts";

/** The network module as the platform sees it (decision 026). */
export const networkModule = defineModule({
  name: "network",
  namespaces: ["network"],
  actions: [
    "network.read",
    "network.manage",
    "network.meetings.manage",
    "network.minutes.comment",
    "network.erase",
  ],
  pages: ["/staff/network"],
  http: {
    api: [
      registerNetworkApi,
      registerAgreementApi,
      registerParticipationApi,
      registerNetworkPrivacyApi,
      registerMinutesApi,
      registerDatePollApi,
    ],
    public: [registerOParlApi, registerPublicSiteApi],
  },
  // Every tenant has its next daily retention run queued (idempotent, decision 061).
  schedule: (s: { network: NetworkService }) => () => s.network.privacy.scheduleAll(),
});
