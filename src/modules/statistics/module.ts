import { defineModule } from "#app/server/modules.ts";

/** The statistics module as the platform sees it (decision 026). */
export const statisticsModule = defineModule({
  name: "statistics",
  namespaces: [],
  actions: [],
  pages: [],
});
