import { defineModule } from "#app/server/modules.ts";
import { registerVolunteerApi } from "./api.ts";
import type { VolunteerService } from "./service.ts";

/** The volunteer pool as the platform sees it (decision 026; issue 17). */
export const volunteersModule = defineModule({
  name: "volunteers",
  namespaces: ["volunteers"],
  actions: [
    "volunteers.read",
    "volunteers.manage",
    "volunteers.requests.read",
    "volunteers.requests.manage",
    "volunteers.requests.respond",
    "volunteers.requests.case",
    "volunteers.erase",
    "volunteers.export",
    "volunteers.links",
    "volunteers.tandems.read",
    "volunteers.tandems.manage",
    "volunteers.tandems.register",
    "volunteers.hours",
    "volunteers.claims.submit",
    "volunteers.claims.manage",
    "volunteers.settings",
    "volunteers.statistics",
    "volunteers.statements",
    "volunteers.rules.manage",
    "volunteers.rules.acknowledge",
    "volunteers.institution",
    "volunteers.institutions.invite",
  ],
  pages: ["/staff/volunteers"],
  http: { api: [registerVolunteerApi] },
  // Every tenant has its next daily retention run queued (idempotent; decision 060).
  schedule: (s: { volunteers: VolunteerService }) => () => s.volunteers.daily.scheduleAll(),
  // Tandems of newcomers from a case go with the person's or household's erasure and export.
  dataSubject: (s: { volunteers: VolunteerService }) => s.volunteers.dataSubject,
  home: (s: { volunteers: VolunteerService }) => s.volunteers.home,
});
