import { defineModule } from "#app/server/modules.ts";

/** The translations module as the platform sees it (decision 026). */
export const translationsModule = defineModule({
  name: "translations",
  namespaces: ["translations"],
  actions: [],
  pages: [],
});
