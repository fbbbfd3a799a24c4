import { defineModule } from "#app/server/modules.ts";
import { registerAddressApi } from "./api.ts";

/**
 * The addresses module (decision 095) as the platform sees it: the official address list is
 * public register data (Hauskoordinaten, OpenStreetMap), not personal data, so it has no
 * data-subject hook and no retention schedule; a new import replaces or merges it.
 */
export const addressesModule = defineModule({
  name: "addresses",
  namespaces: ["addresses"],
  actions: ["addresses.read", "addresses.import"],
  pages: ["/staff/addresses"],
  http: { api: [registerAddressApi] },
});
