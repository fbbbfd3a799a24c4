import { defineModule } from "#app/server/modules.ts";
import { registerAccommodationApi } from "./api.ts";
import { registerHousingApi } from "./housing.api.ts";
import { registerQuestionnaireApi } from "./questionnaire.api.ts";
import { registerRoomsApi } from "./rooms.api.ts";
import type { AccommodationService } from "./service.ts";
import { registerWeightsApi } from "./weights.api.ts";

/**
 * Accommodation and site selection (issue 21): sites, criteria and scenarios (decision 053),
 * accommodations with occupancy and placements of case work's households (decision 065), rooms,
 * room rules and the ranked proposal (decision 073), weights from a citizens' dialogue (decision 114).
 */
export const accommodationModule = defineModule({
  name: "accommodation",
  namespaces: ["accommodation"],
  actions: [
    "accommodation.sites.read",
    "accommodation.sites.manage",
    "accommodation.read",
    "accommodation.manage",
    "accommodation.place",
    "accommodation.residents",
  ],
  pages: ["/staff/accommodation"],
  http: {
    api: [
      registerAccommodationApi,
      registerHousingApi,
      registerRoomsApi,
      registerQuestionnaireApi,
      registerWeightsApi,
    ],
  },
  // Placements belong to a case: case work's erasure and retention take them along (Art. 15, 17).
  dataSubject: (s: { accommodation: AccommodationService }) => s.accommodation.dataSubject,
  // Every tenant has its next daily run (addresses following later move-ins) queued (idempotent).
  schedule: (s: { accommodation: AccommodationService }) => () => s.accommodation.daily.scheduleAll(),
});
