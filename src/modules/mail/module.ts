import { defineModule } from "#app/server/modules.ts";
import { registerMailApi } from "./api.ts";

/** The mail module as the platform sees it (decision 026). */
export const mailModule = defineModule({
  name: "mail",
  namespaces: ["mail", "outbox"],
  actions: ["outbox.read"],
  pages: ["/staff/outbox"],
  http: { api: [registerMailApi] },
});
