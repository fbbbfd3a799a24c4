import { defineModule } from "#app/server/modules.ts";

/** The demo module as the platform sees it (decision 026). */
export const demoModule = defineModule({
  name: "demo",
  namespaces: [],
  actions: [],
  pages: [],
});
