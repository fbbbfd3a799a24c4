import { defineModule } from "#app/server/modules.ts";
import { registerFrameworkApi } from "./api.ts";

/** The framework module as the platform sees it (decision 026). */
export const frameworkModule = defineModule({
  name: "framework",
  namespaces: ["framework"],
  actions: ["framework.read", "framework.update"],
  pages: ["/staff/framework"],
  http: { api: [registerFrameworkApi] },
});
