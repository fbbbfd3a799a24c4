import { defineModule } from "#app/server/modules.ts";
import { registerNetworkApi } from "./api.ts";
import { registerOParlApi } from "./oparl-api.ts";

/** The network module as the platform sees it (decision 026). */
export const networkModule = defineModule({
  name: "network",
  namespaces: ["network"],
  actions: ["network.read", "network.manage", "network.meetings.manage", "network.minutes.comment"],
  pages: ["/staff/network"],
  http: { api: [registerNetworkApi], public: [registerOParlApi] },
});
