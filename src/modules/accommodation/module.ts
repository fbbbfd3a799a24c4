import { defineModule } from "#app/server/modules.ts";
import { registerAccommodationApi } from "./api.ts";

/**
 * Accommodation and site selection (issue 21). This slice holds no personal data (sites,
 * criteria, scenarios); accommodations with occupancy and placements will add a data-subject hook.
 */
export const accommodationModule = defineModule({
  name: "accommodation",
  namespaces: ["accommodation"],
  actions: ["accommodation.sites.read", "accommodation.sites.manage"],
  pages: ["/staff/accommodation"],
  http: { api: [registerAccommodationApi] },
});
