import { defineModule } from "#app/server/modules.ts";
import type { TenantService } from "../tenants/service.ts";
import { registerDirectoryApi } from "./api.ts";
import { registerHsdsApi } from "./hsds-api.ts";
import { registerDirectoryImportApi } from "./import-api.ts";
import { registerPostcodeApi } from "./postcodes-api.ts";
import { registerPublicDirectoryApi } from "./public-api.ts";
import type { DirectoryService } from "./service.ts";

/** The directory module as the platform sees it (decision 026). */
export const directoryModule = defineModule({
  name: "directory",
  namespaces: ["directory", "offers", "holidays", "interchange", "public"],
  actions: [
    "directory.read",
    "directory.edit",
    "directory.publish",
    "directory.import",
    "directory.translate",
  ],
  pages: [
    "/staff/directory",
    "/staff/directory/review",
    "/staff/directory/import",
    "/staff/directory/postcodes",
    "/staff/directory/translations",
  ],
  http: {
    api: [registerDirectoryApi, registerDirectoryImportApi, registerPostcodeApi],
    // The public search and map JSON, then HSDS 3.0 with its export and the GeoJSON export.
    public: [registerPublicDirectoryApi, registerHsdsApi],
  },
  // Every tenant has its next review-reminder run queued (idempotent).
  schedule: (s: { directory: DirectoryService; tenants: TenantService }) => async () => {
    for (const t of await s.tenants.list()) await s.directory.scheduleReminders(t.id);
  },
  home: (s: { directory: DirectoryService }) => s.directory.home,
});
