import { defineModule } from "#app/server/modules.ts";
import { registerJobApi } from "./api.ts";

/** The jobs module as the platform sees it (decision 026). */
export const jobsModule = defineModule({
  name: "jobs",
  namespaces: ["jobs"],
  actions: ["jobs.read"],
  pages: [],
  http: { api: [registerJobApi] },
});
