import { defineModule } from "#app/server/modules.ts";
import type { TenantService } from "../tenants/service.ts";
import { registerImportRunApi } from "./api.ts";
import type { ImportRunService } from "./service.ts";

/** Imports as jobs (decision 042) and the one import wizard's runs (decision 043). */
export const importsModule = defineModule({
  name: "imports",
  namespaces: ["imports"],
  actions: [],
  // The run pages live under each import page (/staff/areas/import/:runId) and share its permission.
  pages: [],
  http: { api: [registerImportRunApi] },
  // Keeps the daily purge of stored uploads queued for every tenant.
  schedule: (s: { importRuns: ImportRunService; tenants: TenantService }) => async () => {
    for (const t of await s.tenants.list()) await s.importRuns.schedulePurge(t.id);
  },
});
